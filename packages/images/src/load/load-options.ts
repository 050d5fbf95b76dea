import { expectNonNegativeNumber, expectOption, expectPositiveInteger, expectString } from '@mdwx/errors'
import type { Dispatcher } from 'undici'

export interface FetchOptions {
  /** One deadline for the whole download, redirects and body included; default 30,000 ms. */
  timeoutMs?: number
  /** Bytes read at most from a URL, a file or a data: URI; default 50,000,000. */
  maxBytes?: number
  /** Redirects followed at most; default 5. */
  maxRedirects?: number
  /** Fetch from loopback, private and link-local addresses; default false (see README, Security). */
  allowPrivateNetwork?: boolean
  /** The undici dispatcher to use (a proxy, your own agent); default: a fresh agent per download. */
  dispatcher?: Dispatcher
}

export interface LoadImageOptions {
  /** The folder of the Markdown file: relative paths resolve against it. */
  baseDir: string
  /** Local images must stay inside this folder (symlinks resolved); default `baseDir`. */
  root?: string
  fetch?: FetchOptions
}

export interface ResolvedFetchOptions {
  timeoutMs: number
  maxBytes: number
  maxRedirects: number
  allowPrivateNetwork: boolean
  dispatcher: Dispatcher | undefined
}

export interface ResolvedLoadOptions {
  baseDir: string
  root: string
  fetch: ResolvedFetchOptions
}

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000
export const DEFAULT_MAX_DOWNLOAD_BYTES = 50_000_000
export const DEFAULT_MAX_REDIRECTS = 5

export function resolveLoadOptions(options: LoadImageOptions): ResolvedLoadOptions {
  expectOption(typeof options === 'object' && options !== null, 'an options object with baseDir', 'loadImage options', options)
  const { baseDir, root = baseDir, fetch = {} } = options
  expectString(baseDir, 'baseDir')
  expectString(root, 'root')
  expectOption(typeof fetch === 'object' && fetch !== null, 'an object', 'fetch', fetch)
  const {
    timeoutMs = DEFAULT_FETCH_TIMEOUT_MS,
    maxBytes = DEFAULT_MAX_DOWNLOAD_BYTES,
    maxRedirects = DEFAULT_MAX_REDIRECTS,
    allowPrivateNetwork = false,
    dispatcher,
  } = fetch
  expectPositiveInteger(timeoutMs, 'fetch.timeoutMs')
  expectPositiveInteger(maxBytes, 'fetch.maxBytes')
  expectNonNegativeNumber(maxRedirects, 'fetch.maxRedirects')
  expectOption(Number.isInteger(maxRedirects), 'a whole number of 0 or more', 'fetch.maxRedirects', maxRedirects)
  expectOption(typeof allowPrivateNetwork === 'boolean', 'true or false', 'fetch.allowPrivateNetwork', allowPrivateNetwork)
  expectOption(
    dispatcher === undefined || (typeof dispatcher === 'object' && dispatcher !== null && typeof dispatcher.dispatch === 'function'),
    'an undici Dispatcher',
    'fetch.dispatcher',
    dispatcher,
  )
  return { baseDir, root, fetch: { timeoutMs, maxBytes, maxRedirects, allowPrivateNetwork, dispatcher } }
}
