import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { expectOption, MdwxError } from '@mdwx/errors'
import picomatch from 'picomatch'
import { createSiteAssetRoots } from './site-asset-roots.js'

/** One Markdown file to work on. */
export interface MarkdownFile {
  /** Absolute path. */
  path: string
  /**
   * Path relative to the folder argument it was found under (its file name when given directly):
   * where `convert` writes its output. (The lock file names an article by its path relative to
   * the lock file: LockFile.articleKey.)
   */
  relativePath: string
  /** The folder `relativePath` is relative to; images must stay inside it. */
  root: string
  /**
   * Where root-relative pictures (`/images/x.png`) are looked up, in order: the `assetRoots`
   * given, then the static folders of the site the file belongs to (site-asset-roots.ts).
   */
  assetRoots: string[]
}

export interface DiscoverOptions {
  /** Folder the paths and `assetRoots` are resolved against. Default: `process.cwd()`. */
  cwd?: string
  /** Folders where root-relative pictures live (`--asset-root`), before the site's own. */
  assetRoots?: readonly string[] | undefined
  /**
   * Globs (picomatch, against the path from `cwd`, `/`-separated) a file must match to be taken
   * (`--include`): all files when none is given.
   */
  include?: readonly string[] | undefined
  /** Globs that leave a file out (`--exclude`), even one given by name. */
  exclude?: readonly string[] | undefined
}

/** Markdown as the site generators name it: `.md`, `.markdown`, and MDX pages (read as Markdown). */
const markdownExtension = /\.(md|markdown|mdx)$/i

/** `posts/a.mdx` → `posts/a`. */
export function withoutMarkdownExtension(relativePath: string): string {
  return relativePath.replace(markdownExtension, '')
}

const bundleIndex = /^index\.(md|markdown|mdx)$/i
/** A Hugo section's list page (`content/posts/_index.md`, Zola's too): not an article. */
const sectionList = /^_index\.(md|markdown|mdx)$/i

/**
 * The article's name: its file name without extension, except that an `index.md` is named after
 * its folder (a Hugo page bundle: `posts/my-trip/index.md` with its pictures beside it is the
 * article "my-trip"). As remark-weixin-title names an article without a title.
 */
export function articleNameOf(filePath: string): string {
  const name = path.basename(filePath)
  return bundleIndex.test(name) ? path.basename(path.dirname(path.resolve(filePath))) : withoutMarkdownExtension(name)
}

/**
 * Where an article's outputs (`convert`'s HTML, `screenshot`'s PNG) are named from: its path below
 * the folder given, without extension (`posts/a.mdx` → `posts/a`; a page bundle keeps its folder:
 * `posts/my-trip/index.md` → `posts/my-trip/index`), the same on every machine.
 */
export function outputNameOf(file: Pick<MarkdownFile, 'relativePath'>): string {
  return withoutMarkdownExtension(file.relativePath)
}

/**
 * Files and folders → Markdown files, in a stable order. A folder means every `*.md`,
 * `*.markdown` and `*.mdx` below it, skipping `node_modules`, dot-folders and Hugo's section list
 * pages (`_index.md`: a list of the section's posts, which Hugo builds, not an article); a file is
 * taken as given. A path that does not exist is an error naming it (a typo must not look like
 * "nothing to publish").
 */
export async function discoverMarkdown(paths: readonly string[], options: DiscoverOptions = {}): Promise<MarkdownFile[]> {
  const cwd = options.cwd ?? process.cwd()
  const given = (options.assetRoots ?? []).map((root) => path.resolve(cwd, root))
  const selected = globFilter(cwd, options.include, options.exclude)
  const sites = createSiteAssetRoots()
  const found = new Map<string, Omit<MarkdownFile, 'assetRoots'>>()
  for (const written of paths) {
    const absolute = path.resolve(cwd, written)
    const info = await stat(absolute).catch(() => undefined)
    if (!info) {
      throw new MdwxError('MDWX_PATH_NOT_FOUND', `No such file or folder: ${written}`, {
        hint: 'Check the path; it is resolved against the current folder.',
      })
    }
    if (info.isDirectory()) {
      for (const file of await markdownBelow(absolute)) {
        if (!found.has(file)) found.set(file, { path: file, relativePath: path.relative(absolute, file), root: absolute })
      }
    } else if (!found.has(absolute)) {
      const root = path.dirname(absolute)
      found.set(absolute, { path: absolute, relativePath: path.basename(absolute), root })
    }
  }
  return Promise.all(
    [...found.values()].filter((file) => selected(file.path)).map(async (file) => ({ ...file, assetRoots: unique([...given, ...(await sites.forFile(file.path))]) })),
  )
}

/** Whether a file is taken: it matches an `include` glob (when any is given) and no `exclude` glob. */
function globFilter(cwd: string, include: readonly string[] | undefined, exclude: readonly string[] | undefined): (file: string) => boolean {
  for (const [name, globs] of [['include', include], ['exclude', exclude]] as const) {
    expectOption(globs === undefined || (Array.isArray(globs) && globs.every((glob) => typeof glob === 'string' && glob !== '')), 'a list of globs', name, globs)
  }
  if ((include ?? []).length === 0 && (exclude ?? []).length === 0) return () => true
  // `dot`: a glob says which files it means; `**` need not stop at a `.github` folder.
  const included = include !== undefined && include.length > 0 ? picomatch([...include], { dot: true }) : () => true
  const excluded = exclude !== undefined && exclude.length > 0 ? picomatch([...exclude], { dot: true }) : () => false
  return (file) => {
    const relative = path.relative(cwd, file).split(path.sep).join('/')
    return included(relative) && !excluded(relative)
  }
}

function unique(folders: string[]): string[] {
  return [...new Set(folders)]
}

async function markdownBelow(folder: string): Promise<string[]> {
  const files: string[] = []
  const entries = await readdir(folder, { withFileTypes: true })
  // Sorted by code unit, not locale: the same order on every machine and CI runner.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) files.push(...(await markdownBelow(full)))
    else if (entry.isFile() && markdownExtension.test(entry.name) && !sectionList.test(entry.name)) files.push(full)
  }
  return files
}
