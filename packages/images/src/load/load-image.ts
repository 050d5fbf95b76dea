import { expectOption } from '@mdwx/errors'
import { ImageError } from '../errors.js'
import { decodeDataUri } from './data-uri.js'
import { fetchImage } from './fetch-url.js'
import { resolveLoadOptions, type LoadImageOptions } from './load-options.js'
import { readLocalImage } from './local-file.js'

export interface LoadedImage {
  data: Uint8Array
  /** Where the bytes came from, safe to show: an absolute path, a URL without credentials or query, or `data:<type> (n bytes)`. */
  origin: string
}

/** A URI scheme; one letter is a Windows drive (`C:\`), which is a path. */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i

/**
 * The bytes of an image referenced from Markdown: a path (relative to `baseDir`, inside
 * `root`), an http(s) URL (`//host/x` counts as https), or a data: URI. Any other scheme is
 * refused. The bytes are not interpreted here: `normalizeImage` sniffs them.
 */
export async function loadImage(src: string, options: LoadImageOptions): Promise<LoadedImage> {
  expectOption(typeof src === 'string' && src.trim() !== '', 'a path, URL or data: URI', 'src', src)
  const resolved = resolveLoadOptions(options)
  const reference = src.trim()
  if (reference.startsWith('//')) return fetchImage(parseUrl(`https:${reference}`, reference), resolved.fetch)
  const scheme = SCHEME.exec(reference)?.[1]?.toLowerCase()
  if (scheme === undefined) return readLocalImage(reference, resolved.baseDir, resolved.root, resolved.fetch.maxBytes)
  if (scheme === 'data') return decodeDataUri(reference, resolved.fetch.maxBytes)
  if (scheme === 'http' || scheme === 'https') return fetchImage(parseUrl(reference, reference), resolved.fetch)
  const shown = `${scheme}:…`
  throw new ImageError('MDWX_IMAGE_UNSUPPORTED', shown, `${shown}: images are loaded from paths, http(s) URLs and data: URIs, not ${scheme}: links`, {
    hint: scheme === 'file' ? 'Write the path itself, relative to the Markdown file.' : 'Download the image next to the Markdown file and link it by path.',
  })
}

function parseUrl(text: string, reference: string): URL {
  try {
    return new URL(text)
  } catch (error) {
    // Never echo credentials (user:password@) of a URL we could not even parse.
    const shown = reference.replace(/\/\/[^/@]*@/, '//').slice(0, 80)
    throw new ImageError('MDWX_IMAGE_FETCH', shown, `${shown}: is not a valid URL`, {
      hint: 'Check the address for spaces or stray characters (spaces must be written %20).',
      cause: error,
    })
  }
}
