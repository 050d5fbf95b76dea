import type { IncomingMessage } from 'node:http'

/** The relay refused a request body: 400 (malformed) or 413 (too large). */
export class BodyRefusal extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly reason: 'too-large' | 'bad-body',
    message: string,
  ) {
    super(message)
  }
}

export function tooLarge(endpoint: string, maxBytes: number): BodyRefusal {
  return new BodyRefusal(413, 'too-large', `The body is larger than the ${formatBytes(maxBytes)} the relay forwards to ${endpoint}.`)
}

/** Counts what was read, for the access log. */
export interface BodyCounter {
  bytes: number
}

/** A JSON body, read whole (these are small: the largest is eight articles) and checked to be a JSON object. */
export async function readJsonBody(request: IncomingMessage, endpoint: string, maxBytes: number, counter: BodyCounter): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request as AsyncIterable<Buffer>) {
    counter.bytes += chunk.length
    if (counter.bytes > maxBytes) throw tooLarge(endpoint, maxBytes)
    chunks.push(chunk)
  }
  const bytes = Buffer.concat(chunks)
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    value = undefined
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BodyRefusal(400, 'bad-body', `The body of ${endpoint} is not a JSON object.`)
  }
  return bytes
}

// RFC 2046: 1 to 70 characters from this set, quoted or not.
const BOUNDARY = /^multipart\/form-data\s*;(?:.*;)?\s*boundary=(?:"([0-9A-Za-z'()+_,\-./:=? ]{1,70})"|([0-9A-Za-z'()+_,\-./:=?]{1,70}))\s*(?:;.*)?$/i

/** The boundary of a multipart/form-data content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  const match = BOUNDARY.exec(contentType ?? '')
  return match?.[1] ?? match?.[2]
}

/**
 * A multipart body streamed through as it arrives, never held whole. It must open with the first
 * delimiter and close with the last one, and stay under `maxBytes`: the tail is held back until
 * the end is seen, so a malformed or oversized body is cut off (the iteration throws) before its
 * last bytes reach Weixin, and Weixin never sees a complete request.
 */
export async function* multipartStream(request: IncomingMessage, endpoint: string, boundary: string, maxBytes: number, counter: BodyCounter): AsyncGenerator<Uint8Array> {
  const opening = Buffer.from(`--${boundary}\r\n`, 'latin1')
  const closing = Buffer.from(`\r\n--${boundary}--`, 'latin1')
  const held = closing.length + 2
  let pending: Buffer = Buffer.alloc(0)
  let opened = false
  for await (const chunk of request as AsyncIterable<Buffer>) {
    counter.bytes += chunk.length
    if (counter.bytes > maxBytes) throw tooLarge(endpoint, maxBytes)
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    if (!opened && pending.length >= opening.length) {
      if (!pending.subarray(0, opening.length).equals(opening)) throw malformed(endpoint, 'does not start with its boundary')
      opened = true
    }
    if (pending.length > held) {
      yield pending.subarray(0, pending.length - held)
      pending = Buffer.from(pending.subarray(pending.length - held))
    }
  }
  if (!opened) throw malformed(endpoint, 'ends before its first boundary')
  const end = pending.toString('latin1')
  if (!end.endsWith(`${closing.toString('latin1')}\r\n`) && !end.endsWith(closing.toString('latin1'))) throw malformed(endpoint, 'does not end with its closing boundary')
  yield pending
}

function malformed(endpoint: string, what: string): BodyRefusal {
  return new BodyRefusal(400, 'bad-body', `The multipart body of ${endpoint} ${what}.`)
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`
}
