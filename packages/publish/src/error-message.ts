import { articleError, type ArticleMessage } from './article-message.js'

/**
 * Errors that concern the whole account, not one article: once one is seen, nothing else in the
 * run can succeed, so the run stops instead of repeating the same refusal for every article.
 */
const accountWideErrcodes = new Set([40001, 40013, 40125, 40164, 41001, 42001, 45009, 89501, 89502, 89503, 89504, 89505, 89506, 89507])

export function isAccountWide(error: unknown): boolean {
  const { code, errcode } = error as { code?: unknown; errcode?: unknown }
  if (code === 'MDWX_WEIXIN_NETWORK') return true
  return code === 'MDWX_WEIXIN_API' && typeof errcode === 'number' && accountWideErrcodes.has(errcode)
}

/**
 * A failure as a report line: coded mdwx errors keep their message and hint (Weixin errors carry
 * errcode and rid in the message); anything else is a bug and says so.
 */
export function messageFromError(path: string, error: unknown, context: string): ArticleMessage {
  const { code, message, hint } = error as { code?: unknown; message?: unknown; hint?: unknown }
  const ruleId = code === 'MDWX_WEIXIN_API' ? 'weixin-api' : code === 'MDWX_WEIXIN_NETWORK' ? 'weixin-network' : 'publish-failed'
  const text = typeof message === 'string' ? message : String(error)
  return articleError(path, `${context}: ${text}`, { ruleId, hint: typeof hint === 'string' ? hint : undefined })
}
