import { Agent, type Dispatcher } from 'undici'
import { CallbackAccessToken, CredentialAccessToken, FixedAccessToken, type AccessTokens } from './access-tokens.js'
import type { RequestBody } from './bodies.js'
import { WeixinClientClosedError } from './errors.js'
import { ROTATED_TOKEN_HINT, TOKEN_ENDPOINTS } from './hints.js'
import type { ResolvedOptions } from './options.js'
import { Redactor } from './redact.js'
import { RelayAccessTokens, relayTransportMode } from './relay-mode.js'
import { isTokenInvalid } from './retry-policy.js'
import { withRetries, type CallProgress, type RequestInfo, type RetryContext } from './retrying.js'
import { HttpTransport, type HttpRequest, type WeixinAnswer } from './transport.js'

/** Counters over the client's life, for reports ("37 API calls, 2 retries"). */
export interface ClientStats {
  /** HTTP requests sent, retries and token requests included. */
  requests: number
  /** Requests that were repeats of a failed one. */
  retries: number
  /** Requests to token or stable_token. */
  tokenRequests: number
  /** Requests per endpoint ("media/uploadimg": 12). */
  byEndpoint: Record<string, number>
}

export interface ApiCall {
  /** The path after /cgi-bin/, e.g. "draft/add". */
  endpoint: string
  method?: 'GET' | 'POST'
  /** Extra query parameters (never secrets), already encoded: "type=image". */
  query?: string
  body?: RequestBody
  /** Uploads get the longer timeout. */
  upload?: boolean
  /**
   * The call creates an article or a publish job. A timeout may hide a success, and a repeat
   * would create it twice, so a timed-out request is not sent again. Uploads are not marked: a
   * duplicate picture costs quota and breaks nothing (WEIXIN-API.md).
   */
  creates?: boolean
  /** Replaces the client's signal for this call (it should include it). */
  signal?: AbortSignal | undefined
}

/**
 * How many times one call may replace a refused token: twice its waiting retries, at least once.
 * A rotation strikes every call in flight at once, so under a busy rotator a call can meet
 * several in a row; each replacement is one request and needs a token Weixin has not refused, so
 * this bounds a call without stopping it while the account makes progress.
 */
export function tokenReplacementsFor(maxRetries: number): number {
  return Math.max(1, 2 * maxRetries)
}

/**
 * Sends business calls: gets a token, retries what is worth retrying, replaces a rejected token
 * with a newer one (from a budget of its own: tokenReplacementsFor), counts requests. Knows
 * nothing about what the calls mean.
 */
export class ApiCaller {
  readonly #options: ResolvedOptions
  readonly #redactor = new Redactor()
  readonly #transport: HttpTransport
  readonly #tokens: AccessTokens
  readonly #stats: ClientStats = { requests: 0, retries: 0, tokenRequests: 0, byEndpoint: {} }
  #agent: Agent | undefined
  #closed = false

  constructor(options: ResolvedOptions) {
    this.#options = options
    const { credentials } = options
    const mode = credentials.kind === 'relay' ? relayTransportMode(credentials.key, credentials.appId, this.#redactor) : undefined
    this.#transport = new HttpTransport(options.baseUrl, () => this.#dispatcher(), this.#redactor, mode)
    this.#tokens = this.#createTokens()
  }

  async call(call: ApiCall): Promise<WeixinAnswer> {
    if (this.#closed) throw new WeixinClientClosedError()
    const signal = call.signal ?? this.#options.signal
    signal?.throwIfAborted()
    const timeoutMs = call.upload === true ? this.#options.uploadTimeoutMs : this.#options.timeoutMs
    // Through a relay the client holds no token: the relay adds its own.
    const relayed = this.#options.credentials.kind === 'relay'
    const request = (token: string): HttpRequest => {
      const query = [relayed ? undefined : `access_token=${encodeURIComponent(token)}`, call.query].filter((part) => part !== undefined).join('&')
      return { endpoint: call.endpoint, method: call.method ?? 'POST', path: query === '' ? call.endpoint : `${call.endpoint}?${query}`, body: call.body, timeoutMs, creates: call.creates === true }
    }
    let replaced = 0
    const maxReplacements = tokenReplacementsFor(this.#options.retry.maxRetries)
    const context: RetryContext = { ...this.#retryContext(signal), replacesToken: () => replaced < maxReplacements }
    const progress: CallProgress = { attempt: 1, retries: 0 }
    let token = await this.#tokens.current()
    for (;;) {
      try {
        return await withRetries(call.endpoint, () => this.#send(request(token), signal), context, progress)
      } catch (error) {
        if (!isTokenInvalid(error)) throw error
        // A refused token is replaced and the call sent again at once, with a token other than
        // every one Weixin has refused: another program rotating the token costs a try, not the
        // call. Replacements have a budget of their own, so that neither kind of failure uses up
        // the other's.
        if (replaced >= maxReplacements) throw replaced > 0 ? error.with({ hint: this.#tokens.rotationHint ?? ROTATED_TOKEN_HINT }) : error
        token = await this.#tokens.replace(token, error)
        replaced++
        progress.attempt++
      }
    }
  }

  stats(): ClientStats {
    return { ...this.#stats, byEndpoint: { ...this.#stats.byEndpoint } }
  }

  /** Closes the private Agent, if the client made one; a dispatcher you passed stays open. */
  async close(): Promise<void> {
    this.#closed = true
    const agent = this.#agent
    this.#agent = undefined
    await agent?.close()
  }

  #createTokens(): AccessTokens {
    const { credentials } = this.#options
    switch (credentials.kind) {
      case 'relay':
        this.#redactor.rememberForGood(credentials.key)
        return new RelayAccessTokens()
      case 'fixed':
        this.#redactor.rememberForGood(credentials.accessToken)
        return new FixedAccessToken(credentials.accessToken)
      case 'callback':
        return new CallbackAccessToken(credentials.getAccessToken, this.#redactor)
      case 'app':
        this.#redactor.rememberForGood(credentials.appSecret)
        return new CredentialAccessToken({
          appId: credentials.appId,
          appSecret: credentials.appSecret,
          endpoint: this.#options.tokenEndpoint,
          store: this.#options.tokenStore,
          timeoutMs: this.#options.timeoutMs,
          redactor: this.#redactor,
          request: (request) => {
            const signal = this.#options.signal
            return withRetries(request.endpoint, () => this.#send(request, signal), this.#retryContext(signal))
          },
        })
    }
  }

  /** One request, unless close() came first: a call in flight stops before its next retry. */
  #send(request: HttpRequest, signal: AbortSignal | undefined): Promise<WeixinAnswer> {
    if (this.#closed) return Promise.reject(new WeixinClientClosedError())
    return this.#transport.send(request, signal)
  }

  #retryContext(signal: AbortSignal | undefined): RetryContext {
    return { policy: this.#options.retry, signal, observe: (info) => this.#observe(info) }
  }

  #observe(info: RequestInfo): void {
    const stats = this.#stats
    stats.requests++
    stats.byEndpoint[info.endpoint] = (stats.byEndpoint[info.endpoint] ?? 0) + 1
    if (info.attempt > 1) stats.retries++
    if (TOKEN_ENDPOINTS.has(info.endpoint)) stats.tokenRequests++
    try {
      this.#options.onRequest?.({ ...info })
    } catch {
      // An observer must not change the outcome of the call it observes.
    }
  }

  #dispatcher(): Dispatcher {
    if (this.#options.dispatcher !== undefined) return this.#options.dispatcher
    this.#agent ??= new Agent({ connect: { timeout: this.#options.timeoutMs } })
    return this.#agent
  }
}
