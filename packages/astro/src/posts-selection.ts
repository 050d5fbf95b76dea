import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { SitePaths } from './site-paths.js'

/** Which posts mdwx takes, as its command line says it: one folder argument and `--include` globs. */
export interface PostsSelection {
  /**
   * The folder argument, relative to the project root: the deepest folder holding both the posts
   * and `srcDir`. mdwx reads a post's relative pictures only inside the folder it is given, and
   * Astro's posts reach into `src/assets` (`heroImage: '../../assets/x.jpg'`), so giving the
   * collection's folder alone would refuse them. It is also what the HTML files' paths below
   * `<outDir>/weixin` start from.
   */
  folder: string
  /** `--include` globs, relative to the project root, `/`-separated. */
  include: string[]
}

// What makes a path segment a glob for picomatch: wildcards, classes, braces, extglobs.
const magic = /[*?[\]{}]|[!+@]\(/

/**
 * `include` entries (folders, files or globs, relative to the project root) → the folder argument
 * and the `--include` globs. A folder `src/content/blog` becomes `src/content/blog/**`; a file is
 * taken as it is named.
 */
export async function selectPosts(include: readonly string[], site: SitePaths): Promise<PostsSelection> {
  const globs: string[] = []
  const bases: string[] = [site.srcDir]
  for (const entry of include) {
    const relative = toPosix(path.isAbsolute(entry) ? path.relative(site.root, entry) : entry).replace(/^(\.\/)+/, '').replace(/\/+$/, '')
    const segments = relative.split('/')
    const firstMagic = segments.findIndex((segment) => magic.test(segment))
    if (firstMagic === -1) {
      const absolute = path.resolve(site.root, relative)
      const isFile = (await stat(absolute).catch(() => undefined))?.isFile() === true
      globs.push(isFile ? relative : relative === '' || relative === '.' ? '**' : `${relative}/**`)
      bases.push(isFile ? path.dirname(absolute) : absolute)
    } else {
      globs.push(relative)
      bases.push(path.resolve(site.root, ...segments.slice(0, firstMagic)))
    }
  }
  const folder = path.relative(site.root, commonAncestor(bases))
  return { folder: folder === '' ? '.' : toPosix(folder), include: [...new Set(globs)] }
}

/** The default posts: Astro's blog template keeps them in `<srcDir>/content/blog`. */
export function defaultInclude(site: SitePaths): string[] {
  return [toPosix(path.relative(site.root, path.join(site.srcDir, 'content', 'blog')))]
}

function commonAncestor(folders: readonly string[]): string {
  let common = folders[0]!
  for (const folder of folders.slice(1)) {
    while (!isAtOrBelow(folder, common)) common = path.dirname(common)
  }
  return common
}

function isAtOrBelow(folder: string, ancestor: string): boolean {
  const relative = path.relative(ancestor, folder)
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/')
}
