import type { WeixinApiError } from './errors.js'
import { WeixinApiError as ApiError, WeixinNetworkError } from './errors.js'
import type { AccessTokens } from './access-tokens.js'
import type { Redactor } from './redact.js'
import { ipFromErrmsg, TOKEN_ENDPOINTS } from './hints.js'
import { RELAY_ACCOUNT_HEADER, RELAY_AUTH_HEADER, RELAY_NOTE_FIELD, type RelayNote } from './relay-wire.js'
import type { TransportMode, WeixinAnswer } from './transport.js'

/**
 * Through a relay the client holds no token: the relay adds its own to every call. A refused
 * token is replaced at the relay as soon as Weixin refuses it, so the client's retry of the call
 * (within the same budget as a direct call) goes out with the relay's next one.
 */
export class RelayAccessTokens implements AccessTokens {
  readonly rotationHint =
    "Weixin kept refusing the relay's tokens. Another program is probably rotating this account's token (the classic /cgi-bin/token endpoint or force_refresh): on the relay host, let every program use stable_token, or leave the account's token calls to the relay."

  current(): Promise<string> {
    return Promise.resolve('')
  }

  replace(_failed: string, _rejection: WeixinApiError): Promise<string> {
    return Promise.resolve('')
  }
}

/** Requests to a relay: the bearer key and the account (the caller sends no access_token). */
export function relayTransportMode(key: string, appId: string | undefined, redactor: Redactor): TransportMode {
  const headers: Record<string, string> = { [RELAY_AUTH_HEADER]: `Bearer ${key}` }
  if (appId !== undefined) headers[RELAY_ACCOUNT_HEADER] = appId
  return { headers, interpret: (endpoint, status, answer) => interpretRelayAnswer(endpoint, status, answer, redactor) }
}

/** A relay's own refusal, or a Weixin errcode with a hint that knows the relay; else undefined. */
function interpretRelayAnswer(endpoint: string, status: number, body: WeixinAnswer | undefined, redactor: Redactor): Error | undefined {
  if (body === undefined) return undefined
  const note = (typeof body[RELAY_NOTE_FIELD] === 'object' && body[RELAY_NOTE_FIELD] !== null ? body[RELAY_NOTE_FIELD] : {}) as RelayNote
  if (typeof note.error === 'string') {
    return new WeixinNetworkError({
      endpoint,
      failure: 'http-status',
      httpStatus: status,
      message: `The relay refused ${endpoint} (HTTP ${status}): ${redactor.redact(note.error)}`,
      hint: typeof note.hint === 'string' ? redactor.redact(note.hint) : undefined,
      // Too many requests, or the relay could not reach Weixin: worth another try later.
      retryable: status === 429 || status >= 500,
    })
  }
  const errcode = Number(body['errcode'] ?? 0)
  if (status < 200 || status > 299 || errcode === 0 || !Number.isFinite(errcode)) return undefined
  const errmsg = redactor.redact(String(body['errmsg'] ?? ''))
  const source = typeof note.endpoint === 'string' ? note.endpoint : endpoint
  return new ApiError({ errcode, errmsg, endpoint: source, hint: relayHint(errcode, errmsg, source) })
}

const RELAY_HOST = 'the relay host'

/** Hints for the errcodes whose fix is on the relay host, not where mdwx runs; else the usual one. */
export function relayHint(errcode: number, errmsg: string, endpoint: string): string | undefined {
  if (errcode === 40164) {
    const ip = ipFromErrmsg(errmsg)
    return (
      `Weixin refused the relay's outgoing IP${ip === undefined ? '' : ` (${ip})`}: it is not on the account's IP whitelist. ` +
      `Add ${ip ?? 'the address the relay host sends from'} at 公众平台 (mp.weixin.qq.com) → 设置与开发 → 基本配置 → IP白名单; the machine running mdwx needs no whitelisting.`
    )
  }
  if (errcode === 40125) return `The relay's AppSecret is wrong: fix WEIXIN_APPSECRET (or the account's secret variable) on ${RELAY_HOST} and restart the relay.`
  if (errcode === 40013) return `The relay's AppID is wrong: fix WEIXIN_APPID (or the account's appId) on ${RELAY_HOST} and restart the relay.`
  if (errcode === 40001 && TOKEN_ENDPOINTS.has(endpoint)) return `Weixin rejected the relay's AppID/AppSecret pair: check them on ${RELAY_HOST}.`
  return undefined
}
