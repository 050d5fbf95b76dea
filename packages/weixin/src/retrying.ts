import { WeixinApiError, WeixinNetworkError } from './errors.js'
import { isTokenInvalid, retryDelay, type RetryPolicy } from './retry-policy.js'
import { sleep } from './sleep.js'

/** What `onRequest` observers see after every HTTP request: never a token, a secret or a URL. */
export interface RequestInfo {
  /** The path after /cgi-bin/, e.g. "media/uploadimg" or "stable_token". */
  endpoint: string
  /** 1 for the first request of a call, 2 for its first retry... */
  attempt: number
  ok: boolean
  /** Weixin's errcode, when it answered with one other than 0. */
  errcode?: number
  /** The HTTP status, when a non-2xx status was the problem. */
  httpStatus?: number
  /** The low-level code (ECONNRESET, UND_ERR_SOCKET...) or the failure kind (timeout...). */
  networkError?: string
  /** Whether the client will send this request again. */
  willRetry: boolean
}

export interface RetryContext {
  policy: RetryPolicy
  signal: AbortSignal | undefined
  observe: (info: RequestInfo) => void
  /**
   * The caller answers a rejected token with a newer one and tries again (ApiCaller): observers
   * are told `willRetry` for it while the budget lasts. The request itself is not repeated here.
   */
  retriesTokens?: boolean
}

/**
 * Runs `request` until it succeeds or fails in a way retrying cannot fix. `firstAttempt` lets a
 * call that already spent requests (before a token refresh) keep counting: the retry budget is
 * the call's, not each round's.
 */
export async function withRetries<T>(endpoint: string, request: () => Promise<T>, context: RetryContext, firstAttempt = 1): Promise<T> {
  for (let attempt = firstAttempt; ; attempt++) {
    try {
      const result = await request()
      context.observe({ endpoint, attempt, ok: true, willRetry: false })
      return result
    } catch (error) {
      if (!(error instanceof WeixinApiError || error instanceof WeixinNetworkError)) throw error
      const delay = retryDelay(error, attempt, context.policy)
      const tokenRetry = context.retriesTokens === true && isTokenInvalid(error) && attempt <= context.policy.maxRetries
      context.observe(describeFailure(endpoint, attempt, error, delay !== undefined || tokenRetry))
      if (delay === undefined) throw attempt === 1 ? error : error.with({ attempts: attempt })
      await sleep(delay, context.signal)
    }
  }
}

function describeFailure(endpoint: string, attempt: number, error: WeixinApiError | WeixinNetworkError, willRetry: boolean): RequestInfo {
  const info: RequestInfo = { endpoint, attempt, ok: false, willRetry }
  if (error instanceof WeixinApiError) info.errcode = error.errcode
  else {
    if (error.httpStatus !== undefined) info.httpStatus = error.httpStatus
    info.networkError = error.causeCode ?? error.failure
  }
  return info
}
