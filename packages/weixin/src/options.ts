import { InvalidOptionError, expectNonNegativeNumber, expectOneOf, expectOption, expectString } from '@mdwx/errors'
import type { Dispatcher } from 'undici'
import type { TokenStore } from './access-tokens.js'
import type { RequestInfo } from './retrying.js'
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js'

export interface RetryOptions {
  /** Retries after the first request (default 4: at most 5 requests per call). */
  maxRetries?: number | undefined
  /** The first backoff delay, doubled on every retry; each wait adds up to half of itself at random (default 1,000). */
  minDelayMs?: number | undefined
  /** The longest backoff delay (default 30,000). */
  maxDelayMs?: number | undefined
  /** The wait after 45011, Weixin's per-minute quota (default 60,000). */
  rateLimitDelayMs?: number | undefined
}

export interface WeixinClientOptions {
  /** With appSecret: the client fetches and refreshes its own tokens. */
  appId?: string | undefined
  appSecret?: string | undefined
  /** A token owned elsewhere, used as is. */
  accessToken?: string | undefined
  /** A token from your own token service, asked again when Weixin rejects the last one. */
  getAccessToken?: (() => string | Promise<string>) | undefined
  /**
   * Send every call through an mdwx relay on a whitelisted host (MDWX_RELAY, MDWX_RELAY_KEY):
   * the relay holds the secret and the tokens, the client only its bearer key. `appId`, if
   * given, names the account at the relay; no other credentials, no baseUrl, no tokenStore.
   */
  relay?: RelayOptions | undefined
  /** Default https://api.weixin.qq.com; may carry a path prefix for a relay. */
  baseUrl?: string | URL | undefined
  /** 'stable' (default): POST /cgi-bin/stable_token, shared safely between processes. 'classic': GET /cgi-bin/token. */
  tokenEndpoint?: 'stable' | 'classic' | undefined
  /** Shares tokens between processes; keyed by appId. */
  tokenStore?: TokenStore | undefined
  /** The undici Dispatcher for every request; default a private Agent that close() closes. */
  dispatcher?: Dispatcher | undefined
  retry?: RetryOptions | undefined
  /** Per request, for JSON calls (default 30,000). */
  timeoutMs?: number | undefined
  /** Per request, for uploads (default 4 × timeoutMs, so 120,000). */
  uploadTimeoutMs?: number | undefined
  /** Aborts every request and wait of this client. */
  signal?: AbortSignal | undefined
  /** Called after every HTTP request, for progress and counting. Exceptions it throws are ignored. */
  onRequest?: ((info: RequestInfo) => void) | undefined
}

export interface RelayOptions {
  /** The relay's URL, e.g. https://relay.example.org (a path prefix is kept). */
  url: string | URL
  /** One of the relay's MDWX_RELAY_KEYS. */
  key: string
}

export type Credentials =
  | { kind: 'relay'; key: string; appId: string | undefined }
  | { kind: 'app'; appId: string; appSecret: string }
  | { kind: 'fixed'; accessToken: string }
  | { kind: 'callback'; getAccessToken: () => string | Promise<string> }

export interface ResolvedOptions {
  credentials: Credentials
  baseUrl: URL
  tokenEndpoint: 'stable' | 'classic'
  tokenStore: TokenStore | undefined
  dispatcher: Dispatcher | undefined
  retry: RetryPolicy
  timeoutMs: number
  uploadTimeoutMs: number
  signal: AbortSignal | undefined
  onRequest: ((info: RequestInfo) => void) | undefined
}

export const DEFAULT_BASE_URL = 'https://api.weixin.qq.com'
export const DEFAULT_TIMEOUT_MS = 30_000
const UPLOAD_TIMEOUT_FACTOR = 4

const CREDENTIALS_HINT = 'Give appId and appSecret (WEIXIN_APPID, WEIXIN_APPSECRET), or accessToken, or getAccessToken.'

export function resolveOptions(options: WeixinClientOptions): ResolvedOptions {
  expectOption(typeof options === 'object' && options !== null, 'an options object', 'createWeixinClient', options)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  expectOption(Number.isFinite(timeoutMs) && timeoutMs > 0, 'a number of milliseconds above 0', 'timeoutMs', timeoutMs)
  const uploadTimeoutMs = options.uploadTimeoutMs ?? timeoutMs * UPLOAD_TIMEOUT_FACTOR
  expectOption(Number.isFinite(uploadTimeoutMs) && uploadTimeoutMs > 0, 'a number of milliseconds above 0', 'uploadTimeoutMs', uploadTimeoutMs)
  if (options.tokenEndpoint !== undefined) expectOneOf(options.tokenEndpoint, ['stable', 'classic'], 'tokenEndpoint')
  if (options.tokenStore !== undefined) {
    const store = options.tokenStore
    expectOption(typeof store?.get === 'function' && typeof store.set === 'function', 'an object with get and set methods', 'tokenStore', store)
  }
  if (options.dispatcher !== undefined) {
    expectOption(typeof options.dispatcher?.request === 'function', 'an undici Dispatcher', 'dispatcher', options.dispatcher)
  }
  if (options.signal !== undefined) expectOption(options.signal instanceof AbortSignal, 'an AbortSignal', 'signal', options.signal)
  if (options.onRequest !== undefined) expectOption(typeof options.onRequest === 'function', 'a function', 'onRequest', options.onRequest)
  const credentials = options.relay === undefined ? resolveCredentials(options) : resolveRelay(options)
  if (options.tokenStore !== undefined && credentials.kind !== 'app') {
    const source = credentials.kind === 'fixed' ? 'accessToken' : 'getAccessToken'
    throw new InvalidOptionError('appId and appSecret', 'tokenStore', source, 'A tokenStore shares the tokens the client fetches itself; a token from accessToken or getAccessToken is not stored.')
  }
  return {
    credentials,
    baseUrl: options.relay === undefined ? resolveBaseUrl(options.baseUrl) : resolveBaseUrl(options.relay.url, 'relay.url'),
    tokenEndpoint: options.tokenEndpoint ?? 'stable',
    tokenStore: options.tokenStore,
    dispatcher: options.dispatcher,
    retry: resolveRetry(options.retry),
    timeoutMs,
    uploadTimeoutMs,
    signal: options.signal,
    onRequest: options.onRequest,
  }
}

function resolveCredentials(options: WeixinClientOptions): Credentials {
  const given = [options.appSecret, options.accessToken, options.getAccessToken].filter((value) => value !== undefined)
  expectOption(given.length === 1, 'exactly one of appSecret, accessToken, getAccessToken', 'credentials', `${given.length} of them`, CREDENTIALS_HINT)
  if (options.getAccessToken !== undefined) {
    expectOption(typeof options.getAccessToken === 'function', 'a function', 'getAccessToken', options.getAccessToken)
    return { kind: 'callback', getAccessToken: options.getAccessToken }
  }
  if (options.accessToken !== undefined) {
    // Never echo a token back in the error: describe its type only.
    expectOption(typeof options.accessToken === 'string' && options.accessToken !== '', 'a non-empty string', 'accessToken', typeof options.accessToken)
    return { kind: 'fixed', accessToken: options.accessToken }
  }
  expectString(options.appId, 'appId')
  expectOption(typeof options.appSecret === 'string' && options.appSecret !== '', 'a non-empty string', 'appSecret', typeof options.appSecret)
  return { kind: 'app', appId: options.appId, appSecret: options.appSecret as string }
}

function resolveRelay(options: WeixinClientOptions): Credentials {
  const relay = options.relay
  expectOption(typeof relay === 'object' && relay !== null, 'an object with url and key', 'relay', relay)
  // Never echo a key back in the error: describe its type only.
  expectOption(typeof relay?.key === 'string' && relay.key.length > 0, 'a non-empty string (MDWX_RELAY_KEY)', 'relay.key', typeof relay?.key)
  const extra = (['appSecret', 'accessToken', 'getAccessToken', 'baseUrl', 'tokenStore'] as const).filter((name) => options[name] !== undefined)
  expectOption(extra.length === 0, 'no appSecret, accessToken, getAccessToken, baseUrl or tokenStore (the relay holds the credentials)', 'relay', extra.join(', '))
  if (options.appId !== undefined) expectString(options.appId, 'appId')
  return { kind: 'relay', key: relay!.key, appId: options.appId }
}

function resolveBaseUrl(baseUrl: string | URL | undefined, name = 'baseUrl'): URL {
  const text = String(baseUrl ?? DEFAULT_BASE_URL)
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  expectOption(url !== undefined && (url.protocol === 'https:' || url.protocol === 'http:'), 'an http(s) URL', name, baseUrl)
  expectOption(url?.search === '' && url.hash === '', 'a URL without query or fragment', name, baseUrl)
  return url as URL
}

function resolveRetry(retry: RetryOptions | undefined): RetryPolicy {
  if (retry === undefined) return DEFAULT_RETRY_POLICY
  expectOption(typeof retry === 'object' && retry !== null, 'an object', 'retry', retry)
  const policy: RetryPolicy = {
    maxRetries: retry.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
    minDelayMs: retry.minDelayMs ?? DEFAULT_RETRY_POLICY.minDelayMs,
    maxDelayMs: retry.maxDelayMs ?? Math.max(DEFAULT_RETRY_POLICY.maxDelayMs, retry.minDelayMs ?? 0),
    rateLimitDelayMs: retry.rateLimitDelayMs ?? DEFAULT_RETRY_POLICY.rateLimitDelayMs,
  }
  expectOption(Number.isInteger(policy.maxRetries) && policy.maxRetries >= 0, 'a whole number of 0 or more', 'retry.maxRetries', policy.maxRetries)
  expectNonNegativeNumber(policy.minDelayMs, 'retry.minDelayMs')
  expectNonNegativeNumber(policy.maxDelayMs, 'retry.maxDelayMs')
  expectNonNegativeNumber(policy.rateLimitDelayMs, 'retry.rateLimitDelayMs')
  return policy
}
