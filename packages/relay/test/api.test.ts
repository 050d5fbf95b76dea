import * as relay from '@mdwx/relay'
import { describe, expect, it } from 'vitest'

describe('@mdwx/relay public API', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(relay).sort()).toEqual(['MIN_KEY_LENGTH', 'RELAYED_ENDPOINTS', 'createRelay', 'isLoopback', 'parseKeys', 'readKeysFile'])
  })

  it('lists only the calls mdwx makes, none that hands out a token, each with a body limit', () => {
    const endpoints = [...relay.RELAYED_ENDPOINTS.keys()]
    expect(endpoints).not.toContain('token')
    expect(endpoints).not.toContain('stable_token')
    expect(relay.RELAYED_ENDPOINTS.get('media/uploadimg')).toMatchObject({ method: 'POST', body: 'multipart', maxBytes: 1024 * 1024 + 16 * 1024 })
    expect(relay.RELAYED_ENDPOINTS.get('material/add_material')?.query).toEqual({ type: ['image', 'thumb', 'voice', 'video'] })
    for (const spec of relay.RELAYED_ENDPOINTS.values()) expect(spec.maxBytes).toBeLessThanOrEqual(10 * 1024 * 1024 + 16 * 1024)
  })

  it('parseKeys reads comma- and line-separated keys, skipping blanks and # comments', () => {
    expect(relay.parseKeys('a, b\n# old\nc\r\n\n')).toEqual(['a', 'b', 'c'])
  })

  it('isLoopback: 127.0.0.0/8, ::1 and localhost only', () => {
    expect(['127.0.0.1', '127.8.9.1', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'].every(relay.isLoopback)).toBe(true)
    expect(['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'relay.example.org'].some(relay.isLoopback)).toBe(false)
  })
})
