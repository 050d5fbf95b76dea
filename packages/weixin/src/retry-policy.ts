import { WeixinApiError, WeixinNetworkError } from './errors.js'

export interface RetryPolicy {
  /** Retries after the first request: 4 means at most 5 requests. */
  maxRetries: number
  minDelayMs: number
  maxDelayMs: number
  /** The wait after 45011 (per-minute quota). */
  rateLimitDelayMs: number
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 4,
  minDelayMs: 1_000,
  maxDelayMs: 30_000,
  rateLimitDelayMs: 60_000,
})

const SYSTEM_BUSY = -1
const PER_MINUTE_QUOTA = 45011

/** The errcodes that say the access token, not the request, is wrong: retry with a newer token. */
export const TOKEN_INVALID_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001])

export function isTokenInvalid(error: unknown): error is WeixinApiError {
  return error instanceof WeixinApiError && TOKEN_INVALID_ERRCODES.has(error.errcode)
}

/**
 * True when the client retries this error by itself: Weixin busy (-1), the per-minute quota
 * (45011), HTTP 5xx and transient network failures. Everything else (daily quota 45009,
 * retired APIs 45103, credentials and IP, validation) would only fail again.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof WeixinApiError) return error.errcode === SYSTEM_BUSY || error.errcode === PER_MINUTE_QUOTA
  if (error instanceof WeixinNetworkError) return error.retryable
  return false
}

/** How long to wait before retry number `retry` (1-based), or undefined for no retry. */
export function retryDelay(error: unknown, retry: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (retry > policy.maxRetries || !isRetryable(error)) return undefined
  if (error instanceof WeixinApiError && error.errcode === PER_MINUTE_QUOTA) return policy.rateLimitDelayMs
  // 1 s, 2 s, 4 s... as WEIXIN-API.md says, each plus up to half again at random, so parallel
  // callers that failed together do not come back together.
  const base = policy.minDelayMs * 2 ** (retry - 1)
  return Math.min(policy.maxDelayMs, base + random() * (base / 2))
}

/**
 * Which low-level codes are worth another try. Certificate and DNS-name failures, bad
 * arguments and a dispatcher someone closed are not transient, so they are not here.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
])

export function isTransientCode(code: string | undefined): boolean {
  return code !== undefined && TRANSIENT_CODES.has(code)
}
