import { Agent, request, type Dispatcher } from 'undici'
import { ImageError } from '../errors.js'
import { displayUrl } from './display-url.js'
import type { ResolvedFetchOptions } from './load-options.js'
import { assertPublicHost, PrivateAddressError, publicOnlyLookup } from './private-address.js'

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/**
 * Downloads an image over http(s) with undici: one deadline for the whole exchange (redirects
 * and body included), at most `maxRedirects` hops, each checked against the private-network
 * rule, and a byte cap enforced while streaming, so a 5 GB answer costs 50 MB at most.
 * What the bytes are is left to sniffing: the Content-Type is not trusted.
 */
export async function fetchImage(url: URL, options: ResolvedFetchOptions): Promise<{ data: Uint8Array; origin: string }> {
  const first = displayUrl(url)
  const ownAgent =
    options.dispatcher === undefined ? new Agent(options.allowPrivateNetwork ? {} : { connect: { lookup: publicOnlyLookup } }) : undefined
  const dispatcher: Dispatcher = options.dispatcher ?? ownAgent!
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs)
  let current = url
  try {
    for (let redirects = 0; ; redirects++) {
      if (!options.allowPrivateNetwork) await assertPublicHost(current.hostname, ownAgent === undefined)
      const response = await request(current, {
        dispatcher,
        signal: deadline.signal,
        headers: { accept: 'image/*, */*;q=0.5', 'user-agent': 'mdwx-images' },
      })
      const { statusCode, headers, body } = response
      if (REDIRECTS.has(statusCode)) {
        await body.dump()
        const location = headers['location']
        if (typeof location !== 'string' || location === '') throw fetchError(first, `answered ${statusCode} without a Location${at(current, url)}`, statusCode)
        if (redirects >= options.maxRedirects) {
          throw fetchError(first, `redirects more than ${options.maxRedirects} times (next to ${displayUrl(new URL(location, current))})`, statusCode)
        }
        current = new URL(location, current)
        if (current.protocol !== 'http:' && current.protocol !== 'https:') {
          throw fetchError(first, `redirects to a ${current.protocol} URL, which is not fetched`, statusCode)
        }
        continue
      }
      if (statusCode < 200 || statusCode > 299) {
        await body.dump()
        throw fetchError(first, `answered HTTP ${statusCode}${at(current, url)}`, statusCode)
      }
      const declared = Number(headers['content-length'])
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        body.destroy()
        throw tooLarge(first, `${declared} bytes`, options.maxBytes)
      }
      const chunks: Buffer[] = []
      let received = 0
      for await (const chunk of body) {
        received += (chunk as Buffer).length
        if (received > options.maxBytes) {
          body.destroy()
          throw tooLarge(first, `more than ${options.maxBytes} bytes`, options.maxBytes)
        }
        chunks.push(chunk as Buffer)
      }
      return { data: Buffer.concat(chunks), origin: displayUrl(current) }
    }
  } catch (error) {
    if (error instanceof ImageError) throw error
    throw explainFailure(error, first, deadline.signal.aborted, options)
  } finally {
    clearTimeout(timer)
    if (ownAgent !== undefined) await ownAgent.destroy()
  }
}

function explainFailure(error: unknown, source: string, timedOut: boolean, options: ResolvedFetchOptions): ImageError {
  const privateAddress = findCause(error, (cause): cause is PrivateAddressError => cause instanceof PrivateAddressError)
  if (privateAddress !== undefined) {
    return new ImageError('MDWX_IMAGE_PRIVATE_NETWORK', source, `${source}: refused, ${privateAddress.message}`, {
      hint: 'Images from loopback, private and link-local addresses are not fetched by default; set fetch.allowPrivateNetwork (or the CLI option that enables it) if this intranet image is meant to be published.',
      cause: error,
    })
  }
  if (timedOut) {
    return new ImageError('MDWX_IMAGE_FETCH', source, `${source}: no complete answer within ${options.timeoutMs} ms`, {
      hint: 'The server is slow or unreachable: try again, download the image next to the Markdown file, or raise fetch.timeoutMs.',
      cause: error,
    })
  }
  const code = findCause(error, (cause): cause is Error & { code: string } => typeof (cause as { code?: unknown }).code === 'string')?.code
  const reason = code ?? (error instanceof Error ? error.message : String(error))
  return new ImageError('MDWX_IMAGE_FETCH', source, `${source}: download failed (${reason})`, {
    hint: 'Check the URL and your network connection, or download the image next to the Markdown file.',
    cause: error,
  })
}

function findCause<T>(error: unknown, test: (cause: unknown) => cause is T): T | undefined {
  for (let cause = error, depth = 0; cause !== undefined && cause !== null && depth < 8; depth++) {
    if (test(cause)) return cause
    cause = (cause as { cause?: unknown }).cause
  }
  return undefined
}

const STATUS_HINTS: Array<[test: (status: number) => boolean, hint: string]> = [
  [(status) => status === 404 || status === 410, 'The image is not at that address (any more): check the URL.'],
  [(status) => status === 401 || status === 403, 'The server refuses to serve it: the image may be private or protected against hotlinking; download it next to the Markdown file.'],
  [(status) => status === 429 || status >= 500, 'The server is failing or rate-limiting: try again later.'],
]

function fetchError(source: string, detail: string, status: number): ImageError {
  const hint = STATUS_HINTS.find(([test]) => test(status))?.[1] ?? 'Check the URL, or download the image next to the Markdown file.'
  return new ImageError('MDWX_IMAGE_FETCH', source, `${source}: ${detail}`, { hint, status })
}

/** After redirects, say where the answer came from. */
function at(current: URL, first: URL): string {
  return current.href === first.href ? '' : ` (at ${displayUrl(current)})`
}

function tooLarge(source: string, what: string, maxBytes: number): ImageError {
  return new ImageError('MDWX_IMAGE_TOO_LARGE', source, `${source}: the download is ${what}, over the ${maxBytes}-byte limit`, {
    hint: 'Link a smaller version of the image, or raise fetch.maxBytes.',
  })
}
