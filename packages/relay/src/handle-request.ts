import type { IncomingMessage, ServerResponse } from 'node:http'
import { TOKEN_INVALID_ERRCODES, WeixinApiError, type AccessTokenSource, RELAY_ACCOUNT_HEADER, RELAY_ACCOUNTS_PATH, RELAY_AUTH_HEADER, RELAY_NOTE_FIELD, type RelayNote } from '@mdwx/weixin'
import type { Dispatcher } from 'undici'
import { writeEntry, type AccessLog, type AccessLogEntry } from './access-log.js'
import { BodyRefusal, formatBytes, multipartBoundary, multipartStream, readJsonBody, tooLarge, type BodyCounter } from './bodies.js'
import { bearerKey, type KeyRing } from './keys.js'
import type { AddressLimiter } from './rate-limit.js'
import { requestTarget } from './request-target.js'
import { clientAddress, sendAnswer, sendBytes, sendJson, sendRefusal } from './respond.js'
import { sendUpstream, UpstreamFailure } from './upstream.js'

export interface RelayAccountState {
  appId: string
  tokens: AccessTokenSource
}

/** What every request needs: built once by createRelay. */
export interface RelayContext {
  accounts: ReadonlyMap<string, RelayAccountState>
  keys: KeyRing
  limiter: AddressLimiter
  accessLog: AccessLog | undefined
  dispatcher: Dispatcher
  weixin: { origin: string; basePath: string }
  weixinTimeoutMs: number
  startedAt: number
}

const KEY_HINT = "Set MDWX_RELAY_KEY to one of the keys the relay was started with (its MDWX_RELAY_KEYS or keys file)."

/**
 * One request, in this order: the address's rate limit, /health, the key, the endpoint list,
 * the account, the body's size and shape, the relay's token, Weixin. Every request ends in one
 * access-log line; none can throw out of here.
 */
export async function handleRequest(context: RelayContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const started = performance.now()
  const address = clientAddress(request.socket)
  const entry: AccessLogEntry = { time: new Date().toISOString(), address, method: safeMethod(request.method), endpoint: '-', status: 0, durationMs: 0 }
  const counter: BodyCounter = { bytes: 0 }
  response.once('close', () => {
    entry.status = response.headersSent ? response.statusCode : 0
    entry.durationMs = round(performance.now() - started)
    if (counter.bytes > 0) entry.bytesIn = counter.bytes
    writeEntry(context.accessLog, entry)
  })
  const refuse = (status: number, reason: string, note: RelayNote, headers: Record<string, string> = {}): void => {
    entry.refused = reason
    sendRefusal(request, response, status, note, headers)
  }
  try {
    const wait = context.limiter.admit(address)
    if (wait !== undefined) {
      return refuse(429, 'rate-limited', { error: `Too many requests (or wrong keys) from ${address}: try again in ${wait} s.`, hint: 'Lower --concurrency, or raise the relay\'s rate limit.' }, { 'retry-after': String(wait) })
    }
    const target = requestTarget(request.method ?? '', request.url ?? '')
    if (target.kind === 'health') {
      entry.endpoint = '/health'
      request.resume()
      return sendJson(response, 200, { ok: true, accounts: context.accounts.size, uptimeSeconds: Math.round((Date.now() - context.startedAt) / 1000) })
    }
    const key = bearerKey(header(request, RELAY_AUTH_HEADER))
    if (key === undefined || !context.keys.accepts(key)) {
      context.limiter.failed(address)
      const why = key === undefined ? 'the request has none' : 'the key given is not one of its keys'
      return refuse(401, key === undefined ? 'auth-missing' : 'auth-wrong', { error: `The relay expects the header "Authorization: Bearer <key>"; ${why}.`, hint: KEY_HINT }, { 'www-authenticate': 'Bearer realm="mdwx-relay"' })
    }
    if (target.kind === 'accounts') {
      entry.endpoint = RELAY_ACCOUNTS_PATH
      request.resume()
      return sendJson(response, 200, { appIds: [...context.accounts.keys()] })
    }
    if (target.kind === 'unknown') return refuse(404, 'unknown-endpoint', { error: target.why })
    entry.endpoint = target.endpoint
    const account = pickAccount(context, header(request, RELAY_ACCOUNT_HEADER))
    if ('refusal' in account) return refuse(404, 'unknown-account', account.refusal)
    entry.account = account.appId
    const { spec, endpoint } = target
    const declared = Number(header(request, 'content-length') ?? 0)
    if (spec.body === 'none' && (declared > 0 || header(request, 'transfer-encoding') !== undefined)) return refuse(400, 'bad-body', { error: `${endpoint} takes no request body.` })
    if (declared > spec.maxBytes) return refuse(413, 'too-large', { error: tooLarge(endpoint, spec.maxBytes).message })

    let body: Buffer | AsyncIterable<Uint8Array> | undefined
    const contentType = header(request, 'content-type')
    let gateRefusal: BodyRefusal | undefined
    if (spec.body === 'json') {
      body = await readJsonBody(request, endpoint, spec.maxBytes, counter)
    } else if (spec.body === 'multipart') {
      const boundary = multipartBoundary(contentType)
      if (boundary === undefined) return refuse(400, 'bad-body', { error: `${endpoint} takes multipart/form-data with a boundary (up to ${formatBytes(spec.maxBytes)}).` })
      body = recordRefusal(multipartStream(request, endpoint, boundary, spec.maxBytes, counter), (refusal) => (gateRefusal = refusal))
    } else {
      request.resume()
    }

    const weixinStarted = performance.now()
    const markWeixinTime = () => (entry.weixinMs = round(performance.now() - weixinStarted))
    let token: string
    try {
      token = await account.tokens.current()
    } catch (error) {
      markWeixinTime()
      if (error instanceof WeixinApiError) {
        // The relay's own token request was refused (40125, 40164...): said as Weixin said it, with where it came from.
        entry.errcode = error.errcode
        entry.refused = 'token-refused'
        const answer = { errcode: error.errcode, errmsg: error.errmsg, [RELAY_NOTE_FIELD]: { endpoint: error.endpoint } satisfies RelayNote }
        sendAnswer(request, response, 200, answer)
        return
      }
      return refuse(502, 'weixin-unreachable', { error: `The relay could not get an access token from Weixin (${(error as Error).message}).`, hint: 'Weixin or the network of the relay host is down: try again later.' })
    }

    const client = new AbortController()
    response.once('close', () => client.abort())
    const query = target.query === '' ? '' : `&${target.query}`
    let answer
    try {
      answer = await sendUpstream(context.dispatcher, context.weixin.origin, {
        endpoint,
        method: spec.method,
        pathAndQuery: `${context.weixin.basePath}/cgi-bin/${endpoint}?access_token=${encodeURIComponent(token)}${query}`,
        body,
        contentType: spec.body === 'none' ? undefined : contentType,
        timeoutMs: spec.upload === true ? context.weixinTimeoutMs * 4 : context.weixinTimeoutMs,
        signal: client.signal,
      })
    } catch (error) {
      markWeixinTime()
      const refusal = gateRefusal ?? (error instanceof BodyRefusal ? error : undefined)
      if (refusal !== undefined) return refuse(refusal.status, refusal.reason, { error: refusal.message })
      if (error instanceof UpstreamFailure) return refuse(error.status, 'weixin-unreachable', { error: `${error.message}.`, hint: 'The relay sent nothing again: the client retries what is safe to retry.' })
      if (client.signal.aborted) return
      throw error
    }
    markWeixinTime()
    let bytes = answer.bytes
    if (answer.errcode !== undefined) {
      entry.errcode = answer.errcode
      if (TOKEN_INVALID_ERRCODES.has(answer.errcode)) {
        // Dropped here, so the client's retry of this call goes out with the next token.
        void account.tokens.refused(token, new WeixinApiError({ errcode: answer.errcode, errmsg: account.tokens.redact(answer.errmsg ?? ''), endpoint }))
      }
      // An error answer may echo what it was sent: nothing of the relay's secrets passes.
      bytes = Buffer.from(account.tokens.redact(bytes.toString('utf8')), 'utf8')
    }
    return sendBytes(response, 200, bytes)
  } catch (error) {
    if (error instanceof BodyRefusal) return refuse(error.status, error.reason, { error: error.message })
    if (response.headersSent) {
      response.destroy()
      return
    }
    // The client went away while sending: nothing to answer.
    if (request.destroyed || (error as { code?: unknown }).code === 'ECONNRESET') {
      entry.refused = 'client-gone'
      response.destroy()
      return
    }
    refuse(500, 'relay-error', { error: 'The relay failed on this request; it is logged on the relay host.' })
  }
}

function pickAccount(context: RelayContext, named: string | undefined): RelayAccountState | { refusal: RelayNote } {
  if (named === undefined) {
    if (context.accounts.size === 1) return context.accounts.values().next().value!
    return { refusal: { error: `The relay serves ${context.accounts.size} accounts: name one with the ${RELAY_ACCOUNT_HEADER} header (its appid).`, hint: 'Set WEIXIN_APPID, or the appId of the account in mdwx.config.json.' } }
  }
  const account = context.accounts.get(named)
  if (account !== undefined) return account
  const shown = /^[A-Za-z0-9_-]{1,64}$/.test(named) ? ` ${named}` : ''
  return { refusal: { error: `The relay serves no account${shown}.`, hint: 'Check WEIXIN_APPID (or the account\'s appId) against the accounts the relay was started with.' } }
}

/** Records the body gate's refusal as it happens: undici may report the aborted upload its own way. */
async function* recordRefusal(body: AsyncGenerator<Uint8Array>, record: (refusal: BodyRefusal) => void): AsyncGenerator<Uint8Array> {
  try {
    yield* body
  } catch (error) {
    if (error instanceof BodyRefusal) record(error)
    throw error
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function safeMethod(method: string | undefined): string {
  return method !== undefined && /^[A-Z]{1,10}$/.test(method) ? method : '-'
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10
}
