import type { Dispatcher } from 'undici'
import { WeixinApiError, WeixinNetworkError } from './errors.js'
import { errorCode, sanitizeError, type Redactor } from './redact.js'
import { isTransientCode } from './retry-policy.js'
import { linkSignals } from './sleep.js'

/** One HTTP request to Weixin. `path` carries secrets (the token, the app secret) and is never stored. */
export interface HttpRequest {
  /** The path after /cgi-bin/ without the query, e.g. "draft/add": what errors and observers see. */
  endpoint: string
  method: 'GET' | 'POST'
  /** The path after /cgi-bin/ with its query string. */
  path: string
  body?: { bytes: Uint8Array; contentType: string } | undefined
  timeoutMs: number
  /** See ApiCall.creates: a timeout is then not retryable. */
  creates?: boolean
}

/**
 * How requests differ when they go somewhere other than Weixin itself (a relay, relay-mode.ts):
 * extra headers, and answers that place knows how to read.
 */
export interface TransportMode {
  headers: Readonly<Record<string, string>>
  /**
   * The error an answer stands for, when the mode knows better than Weixin's rules; else
   * undefined. `answer` is the decoded JSON object, undefined when the body is not one.
   */
  interpret(endpoint: string, status: number, answer: WeixinAnswer | undefined): Error | undefined
}

/** A successful answer: the decoded JSON object, errcode absent or 0. */
export type WeixinAnswer = Record<string, unknown>

const utf8 = new TextDecoder('utf-8')

// Weixin's ids are 64-bit integers sent as JSON numbers; above 2^53 JSON.parse would round them.
// Quoting them before parsing keeps every digit (the pattern cannot match inside a JSON string,
// where quotes are escaped).
const LARGE_ID = /("(?:publish_id|msg_data_id|msg_id|article_id)"\s*:\s*)(\d{16,})/g

/** The JSON object `text` holds (large ids kept whole), or undefined when it holds none. */
function jsonObjectIn(text: string): WeixinAnswer | undefined {
  let answer: unknown
  try {
    answer = JSON.parse(text.replace(LARGE_ID, '$1"$2"'))
  } catch {
    return undefined
  }
  return typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? (answer as WeixinAnswer) : undefined
}

/**
 * Failures that may come after Weixin received the request: the connection closed or reset
 * under it, or undici's header and body timeouts. A refused connection, a DNS failure or a
 * connect timeout are before it, and stay retryable for every call.
 */
const AFTER_SEND_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
])

/**
 * A call that creates something was sent and got no answer (a timeout, a lost connection, a
 * gateway's 5xx): Weixin may have done it, and a repeat would create it twice.
 */
function maybeCreatedError(endpoint: string, failure: WeixinNetworkError['failure'], message: string, extra: { causeCode?: string | undefined; httpStatus?: number; cause?: Error } = {}): WeixinNetworkError {
  const preview = endpoint === 'message/mass/preview'
  const what = endpoint === 'freepublish/submit' ? 'the publish job' : endpoint === 'draft/add' ? 'the draft' : 'the article'
  return new WeixinNetworkError({
    ...extra,
    endpoint,
    failure,
    mayHaveSucceeded: true,
    message: preview ? `${message}; Weixin may have sent the preview anyway, so the request was not sent again` : `${message}; Weixin may have created ${what} anyway, so the request was not sent again`,
    retryable: false,
    hint: preview
      ? 'Weixin keeps no list of previews to look in: check the phone, and send it again if it did not arrive (mdwx publish does so on its next run).'
      : endpoint === 'freepublish/submit'
        ? 'Look for it before submitting again (freepublish/batchget, or 公众平台 → 内容与互动 → 发表记录); mdwx publish does so itself.'
        : 'Look for it before creating it again (draft/batchget or batchget_material, or 公众平台 → 内容与互动 → 草稿箱); mdwx publish does so itself.',
  })
}

export class HttpTransport {
  readonly #dispatcher: () => Dispatcher
  readonly #origin: string
  readonly #basePath: string
  readonly #redactor: Redactor
  readonly #mode: TransportMode | undefined

  /** `baseUrl` may carry a path prefix (a relay at https://relay.example/wx). */
  constructor(baseUrl: URL, dispatcher: () => Dispatcher, redactor: Redactor, mode?: TransportMode) {
    this.#dispatcher = dispatcher
    this.#origin = baseUrl.origin
    this.#basePath = baseUrl.pathname.replace(/\/+$/, '')
    this.#redactor = redactor
    this.#mode = mode
  }

  /**
   * Sends one request and returns Weixin's answer, or throws WeixinApiError (an errcode),
   * WeixinNetworkError (no usable answer) or the signal's reason when `signal` aborts.
   */
  async send(request: HttpRequest, signal: AbortSignal | undefined): Promise<WeixinAnswer> {
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(), request.timeoutMs)
    const linked = linkSignals(signal, deadline.signal)
    try {
      const headers: Record<string, string> = { ...this.#mode?.headers, 'user-agent': 'mdwx' }
      if (request.body !== undefined) headers['content-type'] = request.body.contentType
      const response = await this.#dispatcher().request({
        origin: this.#origin,
        path: `${this.#basePath}/cgi-bin/${request.path}`,
        method: request.method,
        headers,
        body: request.body?.bytes ?? null,
        signal: linked.signal,
      })
      const bytes = new Uint8Array(await response.body.arrayBuffer())
      if (request.creates === true && response.statusCode >= 500) {
        // A gateway's 5xx says nothing of whether the backend behind it did the work.
        throw maybeCreatedError(request.endpoint, 'http-status', `HTTP ${response.statusCode} in answer to ${request.endpoint}`, { httpStatus: response.statusCode })
      }
      return this.#interpret(request.endpoint, response.statusCode, bytes)
    } catch (error) {
      if (error instanceof WeixinApiError || error instanceof WeixinNetworkError) throw error
      if (signal?.aborted) throw signal.reason
      if (deadline.signal.aborted) {
        const message = `Weixin did not answer ${request.endpoint} within ${request.timeoutMs} ms`
        throw request.creates === true ? maybeCreatedError(request.endpoint, 'timeout', message) : new WeixinNetworkError({ endpoint: request.endpoint, failure: 'timeout', message, retryable: true })
      }
      const failure = this.#connectionError(request.endpoint, error)
      if (request.creates === true && failure.causeCode !== undefined && AFTER_SEND_CODES.has(failure.causeCode)) {
        const cause = failure.cause instanceof Error ? failure.cause : undefined
        throw maybeCreatedError(request.endpoint, failure.failure, failure.message, { causeCode: failure.causeCode, ...(cause ? { cause } : {}) })
      }
      throw failure
    } finally {
      clearTimeout(timer)
      linked.dispose()
    }
  }

  #interpret(endpoint: string, status: number, bytes: Uint8Array): WeixinAnswer {
    // Weixin may label JSON text/plain without a charset: the bytes are UTF-8 regardless.
    const text = utf8.decode(bytes)
    const answer = jsonObjectIn(text)
    const known = this.#mode?.interpret(endpoint, status, answer)
    if (known !== undefined) throw known
    if (status < 200 || status > 299) {
      throw new WeixinNetworkError({
        endpoint,
        failure: 'http-status',
        message: `HTTP ${status} in answer to ${endpoint}`,
        retryable: status >= 500,
        httpStatus: status,
      })
    }
    if (answer === undefined) {
      const start = this.#redactor.redact(text).slice(0, 60).replace(/\s+/g, ' ')
      throw new WeixinNetworkError({
        endpoint,
        failure: 'bad-response',
        message: `The answer to ${endpoint} was not a JSON object (it starts with ${JSON.stringify(start)})`,
        retryable: false,
        httpStatus: status,
      })
    }
    const errcode = Number(answer['errcode'] ?? 0)
    if (errcode !== 0 && Number.isFinite(errcode)) {
      throw new WeixinApiError({ errcode, errmsg: this.#redactor.redact(String(answer['errmsg'] ?? '')), endpoint })
    }
    return answer
  }

  #connectionError(endpoint: string, error: unknown): WeixinNetworkError {
    const cause = sanitizeError(error, this.#redactor)
    const code = errorCode(error)
    return new WeixinNetworkError({
      endpoint,
      failure: code !== undefined && /TIMEOUT|ETIMEDOUT/.test(code) ? 'timeout' : 'connection',
      message: `The request to ${endpoint} failed: ${code === undefined ? '' : `${code}: `}${cause.message}`,
      retryable: isTransientCode(code),
      causeCode: code,
      cause,
    })
  }
}
