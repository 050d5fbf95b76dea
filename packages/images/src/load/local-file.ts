import { open, realpath } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { InvalidOptionError } from '@mdwx/errors'
import { ImageError } from '../errors.js'

/**
 * A path from Markdown: URL-decoded (`my%20photo.png`), `?query` and `#hash` dropped, resolved
 * against the Markdown file's folder, and required to stay inside `root` both as written and
 * after symbolic links are resolved, so `../../.ssh/id_rsa` or a link to `/etc` is refused.
 */
export async function readLocalImage(reference: string, baseDir: string, root: string, maxBytes: number): Promise<{ data: Uint8Array; origin: string }> {
  const pathPart = reference.replace(/[?#][\s\S]*$/, '')
  let decoded: string
  try {
    decoded = decodeURIComponent(pathPart)
  } catch (error) {
    throw new ImageError('MDWX_IMAGE_NOT_FOUND', reference, `${reference}: the path has a malformed %-escape`, {
      hint: 'Write spaces as %20 and a literal % as %25, or use the plain file name.',
      cause: error,
    })
  }
  if (decoded === '' || decoded.includes('\0')) {
    throw new ImageError('MDWX_IMAGE_NOT_FOUND', reference, `${JSON.stringify(reference)} is not a file path`, { hint: 'Link an image file.' })
  }
  const path = resolve(baseDir, decoded)
  const rootPath = resolve(root)
  let realRoot: string
  try {
    realRoot = await realpath(rootPath)
  } catch {
    throw new InvalidOptionError('an existing folder', 'root', root)
  }
  if (!isInside(rootPath, path)) throw outsideRoot(reference, path, rootPath, false)
  let realPath: string
  try {
    realPath = await realpath(path)
  } catch (error) {
    throw notFound(reference, path, error)
  }
  if (!isInside(realRoot, realPath)) throw outsideRoot(reference, path, rootPath, true)

  let handle
  try {
    handle = await open(realPath, 'r')
  } catch (error) {
    throw notFound(reference, path, error)
  }
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) {
      throw new ImageError('MDWX_IMAGE_NOT_FOUND', reference, `${reference}: ${path} is not a file`, { hint: 'Link an image file, not a folder.' })
    }
    if (stats.size > maxBytes) {
      throw new ImageError('MDWX_IMAGE_TOO_LARGE', reference, `${reference}: ${path} is ${stats.size} bytes, over the ${maxBytes}-byte limit`, {
        hint: 'Export a smaller version of the image (a web size such as 1920 pixels wide is plenty).',
      })
    }
    return { data: await handle.readFile(), origin: path }
  } finally {
    await handle.close()
  }
}

function isInside(folder: string, path: string): boolean {
  const inner = relative(folder, path)
  // `..` or `../x` leaves the folder; a file named `..notes.png` inside it does not.
  return inner === '' || (inner !== '..' && !inner.startsWith(`..${sep}`) && !isAbsolute(inner))
}

function outsideRoot(reference: string, path: string, root: string, throughLink: boolean): ImageError {
  const how = throughLink ? ' through a symbolic link' : ''
  return new ImageError('MDWX_IMAGE_OUTSIDE_ROOT', reference, `${reference}: ${path} is outside ${root}${how}`, {
    hint: 'Only images inside the folder being converted are read: move or copy the image into it (a path relative to the Markdown file).',
  })
}

function notFound(reference: string, path: string, error: unknown): ImageError {
  const code = (error as { code?: unknown }).code
  const why = code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : 'does not exist'
  return new ImageError('MDWX_IMAGE_NOT_FOUND', reference, `${reference}: ${path} ${why}`, {
    hint: code === 'EACCES' || code === 'EPERM' ? 'Check the file permissions.' : 'Check the spelling and the folder: relative paths start from the Markdown file’s folder.',
    cause: error,
  })
}
