import { expectOption } from '@mdwx/errors'
import { jsonBody } from './bodies.js'
import { WeixinNetworkError, type WeixinApiError } from './errors.js'
import { ROTATED_TOKEN_HINT } from './hints.js'
import type { Redactor } from './redact.js'
import type { HttpRequest, WeixinAnswer } from './transport.js'

/** How many refused tokens a client remembers, so that none is used again (a few rotations' worth). */
const REMEMBERED_REJECTIONS = 16

/** A token as a TokenStore keeps it: `expiresAt` is the real expiry, in ms since the epoch. */
export interface StoredToken {
  accessToken: string
  expiresAt: number
}

/**
 * Persistence that lets several processes share one token (the CLI keeps it in a 0600 file in
 * the user's cache folder). Either method may be synchronous or return a promise; errors they
 * throw reach the caller of the API method.
 */
export interface TokenStore {
  get(appId: string): StoredToken | undefined | Promise<StoredToken | undefined>
  set(appId: string, token: StoredToken): void | Promise<void>
}

/** Where business calls get their token, and what happens when Weixin rejects one. */
export interface AccessTokens {
  current(): Promise<string>
  /**
   * Weixin rejected `failed` (40001/40014/42001): a token to retry with, never one Weixin has
   * already refused, or a rejection.
   */
  replace(failed: string, rejection: WeixinApiError): Promise<string>
  /** What to tell the user when every replacement was refused too (default: ROTATED_TOKEN_HINT). */
  readonly rotationHint?: string
}

/** A token owned elsewhere (WEIXIN_ACCESS_TOKEN): there is nothing to refresh. */
export class FixedAccessToken implements AccessTokens {
  readonly #token: string

  constructor(token: string) {
    this.#token = token
  }

  current(): Promise<string> {
    return Promise.resolve(this.#token)
  }

  replace(_failed: string, rejection: WeixinApiError): Promise<string> {
    return Promise.reject(
      rejection.with({
        hint: 'The access token you gave (accessToken or WEIXIN_ACCESS_TOKEN) is invalid or expired. Get a fresh one from the service that owns it, or give the AppID and AppSecret instead so mdwx can fetch its own.',
      }),
    )
  }
}

/** A token from the caller's function, asked again only when Weixin rejects the last one. */
export class CallbackAccessToken implements AccessTokens {
  readonly #getAccessToken: () => string | Promise<string>
  readonly #redactor: Redactor
  #token: string | undefined
  #pending: Promise<string> | undefined

  constructor(getAccessToken: () => string | Promise<string>, redactor: Redactor) {
    this.#getAccessToken = getAccessToken
    this.#redactor = redactor
  }

  current(): Promise<string> {
    if (this.#token !== undefined) return Promise.resolve(this.#token)
    this.#pending ??= this.#ask().finally(() => {
      this.#pending = undefined
    })
    return this.#pending
  }

  async replace(failed: string, rejection: WeixinApiError): Promise<string> {
    if (this.#token === failed) this.#token = undefined
    const fresh = await this.current()
    if (fresh === failed) {
      throw rejection.with({ hint: 'getAccessToken returned the token Weixin has just rejected: it must return a fresh one when asked again.' })
    }
    return fresh
  }

  async #ask(): Promise<string> {
    const token: unknown = await this.#getAccessToken()
    expectOption(typeof token === 'string' && token.length > 0, 'a non-empty string', 'the value getAccessToken returned', token)
    this.#redactor.remember(token as string)
    this.#token = token as string
    return token as string
  }
}

export interface CredentialAccessTokenOptions {
  appId: string
  appSecret: string
  endpoint: 'stable' | 'classic'
  store: TokenStore | undefined
  /** Sends a token request with the client's retries. */
  request: (request: HttpRequest) => Promise<WeixinAnswer>
  timeoutMs: number
  redactor: Redactor
  now?: () => number
}

/** Refresh this long before expiry, so a call never starts with a token about to die. */
export const REFRESH_MARGIN_MS = 5 * 60_000

interface CachedToken extends StoredToken {
  /** When to stop using it and ask again. */
  refreshAt: number
}

/**
 * Tokens from the AppID and AppSecret: cached for their real lifetime, shared through the
 * store, fetched by one request at a time however many calls are waiting.
 */
export class CredentialAccessToken implements AccessTokens {
  readonly #options: CredentialAccessTokenOptions
  readonly #now: () => number
  #cached: CachedToken | undefined
  #pending: Promise<string> | undefined
  /** Tokens Weixin refused, newest last: the store may still hold one, stable_token may return one. */
  readonly #rejected: string[] = []

  constructor(options: CredentialAccessTokenOptions) {
    this.#options = options
    this.#now = options.now ?? Date.now
  }

  current(): Promise<string> {
    const cached = this.#cached
    if (cached !== undefined && this.#now() < cached.refreshAt) return Promise.resolve(cached.accessToken)
    this.#pending ??= this.#obtain().finally(() => {
      this.#pending = undefined
    })
    return this.#pending
  }

  async replace(failed: string, rejection: WeixinApiError): Promise<string> {
    if (!this.#rejected.includes(failed)) {
      this.#rejected.push(failed)
      if (this.#rejected.length > REMEMBERED_REJECTIONS) this.#rejected.shift()
    }
    // Only the call holding the cached token drops it: the others that failed with the same
    // token meanwhile find the replacement (or the request fetching it) and use that.
    if (this.#cached?.accessToken === failed) this.#cached = undefined
    const fresh = await this.current()
    if (this.#rejected.includes(fresh)) throw rejection.with({ hint: ROTATED_TOKEN_HINT })
    return fresh
  }

  async #obtain(): Promise<string> {
    const stored = await this.#fromStore()
    if (stored !== undefined) {
      this.#cached = stored
      return stored.accessToken
    }
    let issued = await this.#fetch(false)
    // stable_token hands out the same token while Weixin thinks it valid; if that is one a
    // business call was refused with, rotate it, once.
    if (this.#rejected.includes(issued.accessToken) && this.#options.endpoint === 'stable') issued = await this.#fetch(true)
    // Still a refused one (a force within 30 s of the last does not rotate): not cached, so the
    // next call asks again; replace() reports it.
    if (this.#rejected.includes(issued.accessToken)) return issued.accessToken
    this.#cached = issued
    await this.#options.store?.set(this.#options.appId, { accessToken: issued.accessToken, expiresAt: issued.expiresAt })
    return issued.accessToken
  }

  async #fromStore(): Promise<CachedToken | undefined> {
    const store = this.#options.store
    if (store === undefined) return undefined
    const stored: unknown = await store.get(this.#options.appId)
    if (!isStoredToken(stored) || this.#rejected.includes(stored.accessToken)) return undefined
    // A stored token near its end is left alone: the endpoint decides what comes next.
    if (stored.expiresAt - this.#now() <= REFRESH_MARGIN_MS) return undefined
    this.#options.redactor.remember(stored.accessToken)
    return { accessToken: stored.accessToken, expiresAt: stored.expiresAt, refreshAt: stored.expiresAt - REFRESH_MARGIN_MS }
  }

  async #fetch(forceRefresh: boolean): Promise<CachedToken> {
    const { appId, appSecret, endpoint, timeoutMs } = this.#options
    const request: HttpRequest =
      endpoint === 'stable'
        ? {
            endpoint: 'stable_token',
            method: 'POST',
            path: 'stable_token',
            body: jsonBody({ grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: forceRefresh }),
            timeoutMs,
          }
        : {
            endpoint: 'token',
            method: 'GET',
            path: `token?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(appSecret)}`,
            timeoutMs,
          }
    const answer = await this.#options.request(request)
    const accessToken = answer['access_token']
    const expiresIn = Number(answer['expires_in'])
    if (typeof accessToken !== 'string' || accessToken === '' || !(expiresIn > 0)) {
      throw new WeixinNetworkError({
        endpoint: request.endpoint,
        failure: 'bad-response',
        message: `The answer to ${request.endpoint} carried no usable access_token and expires_in`,
        retryable: false,
      })
    }
    this.#options.redactor.remember(accessToken)
    const now = this.#now()
    const lifetime = expiresIn * 1000
    // stable_token reports the remaining life (345 s, say): when that is under the margin, use
    // the token for half of it rather than asking again on every call.
    return { accessToken, expiresAt: now + lifetime, refreshAt: now + Math.max(lifetime - REFRESH_MARGIN_MS, lifetime / 2) }
  }
}

function isStoredToken(value: unknown): value is StoredToken {
  if (typeof value !== 'object' || value === null) return false
  const { accessToken, expiresAt } = value as Partial<StoredToken>
  return typeof accessToken === 'string' && accessToken !== '' && typeof expiresAt === 'number' && Number.isFinite(expiresAt)
}
