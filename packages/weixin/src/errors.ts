import { MdwxError } from '@mdwx/errors'
import { ridFromErrmsg, weixinHint } from './hints.js'

export interface WeixinApiErrorInit {
  errcode: number
  /** Already redacted. */
  errmsg: string
  /** The path after /cgi-bin/, e.g. "draft/add". */
  endpoint: string
  /** Replaces the errcode's usual hint when the caller knows better. */
  hint?: string | undefined
  attempts?: number | undefined
}

/** Weixin answered, with an errcode other than 0. Match on `errcode`, never on `errmsg`. */
export class WeixinApiError extends MdwxError {
  readonly errcode: number
  readonly errmsg: string
  /** Weixin's request id: what Weixin support asks for. */
  readonly rid: string | undefined
  readonly endpoint: string
  /** How many HTTP requests this call made before giving up. */
  readonly attempts: number

  constructor(init: WeixinApiErrorInit) {
    const rid = ridFromErrmsg(init.errmsg)
    const summary = init.errmsg.replace(/\s*rid:\s*\S+\s*$/, '').trim()
    super(
      'MDWX_WEIXIN_API',
      `Weixin answered ${init.errcode}${summary === '' ? '' : ` (${summary})`} to ${init.endpoint}${rid === undefined ? '' : `, rid ${rid}`}`,
      { hint: init.hint ?? weixinHint(init.errcode, init.errmsg, init.endpoint) },
    )
    this.errcode = init.errcode
    this.errmsg = init.errmsg
    this.rid = rid
    this.endpoint = init.endpoint
    this.attempts = init.attempts ?? 1
  }

  /** The same answer, counted over `attempts` requests or explained by another hint. */
  with(changes: { attempts?: number; hint?: string }): WeixinApiError {
    return new WeixinApiError({
      errcode: this.errcode,
      errmsg: this.errmsg,
      endpoint: this.endpoint,
      hint: changes.hint ?? this.hint,
      attempts: changes.attempts ?? this.attempts,
    })
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), errcode: this.errcode, errmsg: this.errmsg, rid: this.rid, endpoint: this.endpoint, attempts: this.attempts }
  }
}

/**
 * What went wrong below Weixin's answer: `connection` (reset, refused, closed), `timeout`,
 * `http-status` (a non-2xx status, e.g. 502 from a gateway) or `bad-response` (not the JSON
 * Weixin sends, e.g. an HTML page from a proxy).
 */
export type WeixinNetworkFailure = 'connection' | 'timeout' | 'http-status' | 'bad-response'

export interface WeixinNetworkErrorInit {
  endpoint: string
  failure: WeixinNetworkFailure
  /** Already redacted. */
  message: string
  retryable: boolean
  httpStatus?: number | undefined
  /** The low-level error code, e.g. ECONNRESET or UND_ERR_SOCKET. */
  causeCode?: string | undefined
  /** A sanitized copy (see sanitizeError), never the raw undici object. */
  cause?: Error | undefined
  hint?: string | undefined
  attempts?: number | undefined
  /** The request was sent and its fate is unknown: Weixin may have done it (see mayHaveSucceeded). */
  mayHaveSucceeded?: boolean | undefined
}

/** The request did not get a usable answer from Weixin. */
export class WeixinNetworkError extends MdwxError {
  readonly endpoint: string
  readonly failure: WeixinNetworkFailure
  readonly retryable: boolean
  readonly httpStatus: number | undefined
  readonly causeCode: string | undefined
  readonly attempts: number
  /**
   * True when a call that creates something (addNews, addDraft, submitPublish) was sent and no
   * answer came back (timeout, connection lost, gateway error): Weixin may have created it, so
   * the client did not send it again. Look before creating again (draft/batchget...).
   */
  readonly mayHaveSucceeded: boolean

  constructor(init: WeixinNetworkErrorInit) {
    super('MDWX_WEIXIN_NETWORK', init.message, { hint: init.hint ?? networkHint(init.failure), cause: init.cause })
    this.endpoint = init.endpoint
    this.failure = init.failure
    this.retryable = init.retryable
    this.httpStatus = init.httpStatus
    this.causeCode = init.causeCode
    this.attempts = init.attempts ?? 1
    this.mayHaveSucceeded = init.mayHaveSucceeded === true
  }

  with(changes: { attempts: number }): WeixinNetworkError {
    return new WeixinNetworkError({
      endpoint: this.endpoint,
      failure: this.failure,
      message: this.message,
      retryable: this.retryable,
      httpStatus: this.httpStatus,
      causeCode: this.causeCode,
      cause: this.cause instanceof Error ? this.cause : undefined,
      hint: this.hint,
      attempts: changes.attempts,
      mayHaveSucceeded: this.mayHaveSucceeded,
    })
  }

  override toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { ...super.toJSON(), endpoint: this.endpoint, failure: this.failure, attempts: this.attempts }
    if (this.mayHaveSucceeded) json['mayHaveSucceeded'] = true
    if (this.httpStatus !== undefined) json['httpStatus'] = this.httpStatus
    if (this.causeCode !== undefined) json['causeCode'] = this.causeCode
    return json
  }
}

function networkHint(failure: WeixinNetworkFailure): string {
  switch (failure) {
    case 'timeout':
      return 'Weixin did not answer in time. Check the network, or raise timeoutMs / uploadTimeoutMs for slow uplinks.'
    case 'connection':
      return 'The connection to Weixin failed. Check the network and WEIXIN_API_BASE; the client already retried with backoff.'
    case 'http-status':
      return 'Something between this machine and Weixin (a proxy or a relay at WEIXIN_API_BASE) answered with an HTTP error.'
    case 'bad-response':
      return 'The answer was not what Weixin sends: check that WEIXIN_API_BASE points at Weixin or a relay that passes answers through.'
  }
}

/** waitForPublish gave up while Weixin was still publishing. */
export class WeixinPublishTimeoutError extends MdwxError {
  readonly publishId: string

  constructor(publishId: string, waitedMs: number) {
    super('MDWX_WEIXIN_PUBLISH_TIMEOUT', `Publishing ${publishId} was still in progress after ${Math.round(waitedMs / 1000)} s`, {
      hint: 'Weixin publishes slowly when it reviews an article. Check later with getPublishStatus, or at 公众平台 → 内容与互动 → 发表记录.',
    })
    this.publishId = publishId
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), publishId: this.publishId }
  }
}

/** A call was made after close(). */
export class WeixinClientClosedError extends MdwxError {
  constructor() {
    super('MDWX_WEIXIN_CLOSED', 'The Weixin client is closed', { hint: 'Create a new client with createWeixinClient.' })
  }
}
