import { Readable } from 'node:stream'
import type { Dispatcher } from 'undici'
import { BodyRefusal } from './bodies.js'

/** Weixin's answer, as bytes: the relay passes it on unchanged. */
export interface UpstreamAnswer {
  status: number
  bytes: Buffer
  /** Weixin's errcode, when the answer is a JSON object with one other than 0. */
  errcode: number | undefined
  errmsg: string | undefined
}

/** The relay could not get an answer from Weixin: 502 (refused, reset, bad answer) or 504 (no answer in time). */
export class UpstreamFailure extends Error {
  constructor(
    readonly status: 502 | 504,
    message: string,
  ) {
    super(message)
  }
}

export interface UpstreamRequest {
  endpoint: string
  method: 'GET' | 'POST'
  /** The query to send, the relay's access_token included: never logged, never kept. */
  pathAndQuery: string
  body: Buffer | AsyncIterable<Uint8Array> | undefined
  contentType: string | undefined
  timeoutMs: number
  /** Aborts when the client goes away. */
  signal: AbortSignal
}

/** Weixin answers are JSON; even a full draft box page is far below this. */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024

export async function sendUpstream(dispatcher: Dispatcher, origin: string, request: UpstreamRequest): Promise<UpstreamAnswer> {
  const deadline = AbortSignal.timeout(request.timeoutMs)
  const signal = AbortSignal.any([request.signal, deadline])
  try {
    const headers: Record<string, string> = { 'user-agent': 'mdwx-relay' }
    if (request.contentType !== undefined) headers['content-type'] = request.contentType
    const response = await dispatcher.request({ origin, path: request.pathAndQuery, method: request.method, headers, body: request.body === undefined ? null : Buffer.isBuffer(request.body) ? request.body : Readable.from(request.body), signal })
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > MAX_ANSWER_BYTES) throw new UpstreamFailure(502, `Weixin's answer to ${request.endpoint} was larger than the relay passes on`)
      chunks.push(chunk)
    }
    const bytes = Buffer.concat(chunks)
    if (response.statusCode < 200 || response.statusCode > 299) throw new UpstreamFailure(502, `Weixin answered HTTP ${response.statusCode} to ${request.endpoint}`)
    return { status: response.statusCode, bytes, ...errorFields(bytes) }
  } catch (error) {
    if (error instanceof UpstreamFailure || error instanceof BodyRefusal) throw error
    // The body gate throws inside undici, which may hand its own error back: the gate's wins.
    const cause = (error as { cause?: unknown }).cause
    if (cause instanceof BodyRefusal) throw cause
    if (request.signal.aborted) throw error
    if (deadline.aborted) throw new UpstreamFailure(504, `Weixin did not answer ${request.endpoint} within ${request.timeoutMs} ms`)
    const code = (error as { code?: unknown }).code
    throw new UpstreamFailure(502, `The relay could not reach Weixin for ${request.endpoint}${typeof code === 'string' ? ` (${code})` : ''}`)
  }
}

function errorFields(bytes: Buffer): { errcode: number | undefined; errmsg: string | undefined } {
  let answer: unknown
  try {
    answer = JSON.parse(bytes.toString('utf8'))
  } catch {
    return { errcode: undefined, errmsg: undefined }
  }
  if (typeof answer !== 'object' || answer === null) return { errcode: undefined, errmsg: undefined }
  const { errcode, errmsg } = answer as { errcode?: unknown; errmsg?: unknown }
  const code = Number(errcode ?? 0)
  return code === 0 || !Number.isFinite(code) ? { errcode: undefined, errmsg: undefined } : { errcode: code, errmsg: typeof errmsg === 'string' ? errmsg : '' }
}
