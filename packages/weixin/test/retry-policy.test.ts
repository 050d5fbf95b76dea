import { WeixinApiError } from '@mdwx/weixin'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RETRY_POLICY, retryDelay } from '../src/retry-policy.js'

const busy = new WeixinApiError({ errcode: -1, errmsg: 'system error', endpoint: 'draft/add' })

describe('retryDelay', () => {
  it('waits 1 s, 2 s, 4 s..., each plus up to half of itself at random (WEIXIN-API.md)', () => {
    const fixed = [1, 2, 3, 4].map((retry) => retryDelay(busy, retry, DEFAULT_RETRY_POLICY, () => 0))
    expect(fixed).toEqual([1_000, 2_000, 4_000, 8_000])
    expect(retryDelay(busy, 1, DEFAULT_RETRY_POLICY, () => 0.999)).toBeCloseTo(1_499.5)
  })

  it('never waits longer than maxDelayMs, and stops after maxRetries', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 10, maxDelayMs: 5_000 }
    expect(retryDelay(busy, 4, policy, () => 0.9)).toBe(5_000)
    expect(retryDelay(busy, 5, DEFAULT_RETRY_POLICY)).toBeUndefined()
  })
})
