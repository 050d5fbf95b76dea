import { access } from 'node:fs/promises'
import path from 'node:path'
import { ImageError } from '@mdwx/images'

/** Where a picture is written, as far as finding it goes. */
export interface PictureSite {
  /** The Markdown file: relative paths start from its folder. */
  path: string
  /** The folder being converted: relative paths must stay inside it. */
  root: string
  /** Where root-relative paths (`/images/x.png`) are looked up, in order. */
  assetRoots: readonly string[]
}

/**
 * Where a picture written in an article is found, beyond the plain case (a path relative to the
 * Markdown file, inside the folder being converted): root-relative paths in the site's static
 * folders, and Hexo's post asset folders.
 */

/** `/images/x.png`, the way sites reference what they serve; not `//host/x.png` (a URL). */
export function isRootRelative(src: string): boolean {
  return src.startsWith('/') && !src.startsWith('//')
}

/**
 * A root-relative picture as the site serves it: the first asset root that holds it, which then
 * bounds it (no `..` out of it). An absolute path that exists inside the folder being converted
 * still works, as it always has. Otherwise the error names every folder tried and what to do.
 */
export async function locateRootRelative(src: string, site: PictureSite): Promise<{ src: string; root: string }> {
  const pathPart = safeDecode(src.replace(/[?#][\s\S]*$/, ''))
  for (const assetRoot of site.assetRoots) {
    const candidate = path.join(assetRoot, pathPart)
    if (isInside(assetRoot, candidate) && (await exists(candidate))) return { src: candidate, root: assetRoot }
  }
  if (isInside(site.root, pathPart) && (await exists(pathPart))) return { src: pathPart, root: site.root }
  const tried = site.assetRoots.length === 0 ? 'no site folder was found' : `looked in ${site.assetRoots.join(', ')}`
  throw new ImageError('MDWX_IMAGE_NOT_FOUND', src, `${src}: a root-relative picture, not found (${tried})`, {
    hint:
      site.assetRoots.length === 0
        ? 'Give the folder your site serves it from with --asset-root <dir> (or `assetRoots` in mdwx.config.json), or write the path relative to the Markdown file.'
        : 'Check the spelling, or add the folder that holds it with --asset-root <dir> (or `assetRoots` in mdwx.config.json).',
  })
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function isInside(folder: string, file: string): boolean {
  const inner = path.relative(folder, file)
  return inner !== '' && inner !== '..' && !inner.startsWith(`..${path.sep}`) && !path.isAbsolute(inner)
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  )
}

/**
 * A relative picture that is not beside the article but in its Hexo post asset folder (the folder
 * named after the post: `hello/photo.png` for `![](photo.png)` in `hello.md`), where Hexo's
 * renderer finds it with `post_asset_folder: true`. The path as written when that is where it is,
 * or when it is in neither place (the error then names the path as written).
 */
export async function inPostAssetFolder(src: string, site: PictureSite): Promise<string> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || path.isAbsolute(src)) return src
  const folder = path.dirname(site.path)
  const pathPart = safeDecode(src.replace(/[?#][\s\S]*$/, ''))
  if (await exists(path.resolve(folder, pathPart))) return src
  const stem = path.basename(site.path).replace(/\.(?:md|markdown|mdx)$/i, '')
  const candidate = path.join(folder, stem, pathPart)
  return isInside(path.join(folder, stem), candidate) && (await exists(candidate)) ? candidate : src
}
