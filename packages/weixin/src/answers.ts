import { WeixinNetworkError } from './errors.js'
import type { WeixinAnswer } from './transport.js'

/** A field a successful answer must carry; its absence means we are not talking to Weixin. */
export function requireString(answer: WeixinAnswer, key: string, endpoint: string): string {
  const value = answer[key]
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  throw new WeixinNetworkError({
    endpoint,
    failure: 'bad-response',
    message: `The answer to ${endpoint} has no ${key}`,
    retryable: false,
  })
}

export function optionalString(answer: WeixinAnswer, key: string): string | undefined {
  const value = answer[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}
