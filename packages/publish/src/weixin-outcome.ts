/** Weixin's errcode of a failed call, if Weixin answered with one. */
export function errcodeOf(error: unknown): number | undefined {
  const errcode = (error as { errcode?: unknown } | undefined)?.errcode
  return typeof errcode === 'number' ? errcode : undefined
}

/** A create or submit call was sent and its answer never came (WeixinNetworkError.mayHaveSucceeded). */
export function mayHaveSucceeded(error: unknown): boolean {
  return (error as { mayHaveSucceeded?: unknown } | undefined)?.mayHaveSucceeded === true
}

/**
 * Whether a failed create or submit call certainly made nothing: Weixin refused it (an errcode),
 * or it never reached Weixin (a network failure not marked mayHaveSucceeded, a closed client).
 * Anything else (the run aborted while the request was on the wire, an unexpected error) leaves
 * the outcome open, and the intent with it.
 */
export function certainlyNothingMade(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code
  if (code === 'MDWX_WEIXIN_API' || code === 'MDWX_WEIXIN_CLOSED') return true
  return code === 'MDWX_WEIXIN_NETWORK' && !mayHaveSucceeded(error)
}
