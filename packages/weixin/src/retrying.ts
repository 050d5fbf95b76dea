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
   * Whether the caller will answer a refused token with a newer one and try again (ApiCaller),
   * for observers' `willRetry`. The request itself is not repeated here.
   */
  replacesToken?: () => boolean
}

/** Where a call stands: the number of its next request, and the waiting retries it has spent. */
export interface CallProgress {
  attempt: number
  retries: number
}

/**
 * Runs `request` until it succeeds or fails in a way retrying cannot fix. `progress` lets a call
 * that already spent requests (before a token replacement) keep counting: the retry budget is the
 * call's, not each round's. It is updated as requests are made.
 */
export async function withRetries<T>(endpoint: string, request: () => Promise<T>, context: RetryContext, progress: CallProgress = { attempt: 1, retries: 0 }): Promise<T> {
  for (;; progress.attempt++) {
    const { attempt } = progress
    try {
      const result = await request()
      context.observe({ endpoint, attempt, ok: true, willRetry: false })
      return result
    } catch (error) {
      if (!(error instanceof WeixinApiError || error instanceof WeixinNetworkError)) throw error
      const delay = retryDelay(error, progress.retries + 1, context.policy)
      const tokenRetry = isTokenInvalid(error) && context.replacesToken?.() === true
      context.observe(describeFailure(endpoint, attempt, error, delay !== undefined || tokenRetry))
      if (delay === undefined) throw attempt === 1 ? error : error.with({ attempts: attempt })
      progress.retries++
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
