import { DEMO_APP_ID, DEMO_APP_SECRET } from '@mdwx/emulator'
import { describe, expect, it } from 'vitest'
import { WeixinTestClient, emulator, ridPattern, session, testClock } from './helpers.js'

const credentials = { grant_type: 'client_credential', appid: DEMO_APP_ID, secret: DEMO_APP_SECRET }

describe('GET /cgi-bin/token', () => {
  it('issues a token with expires_in and no errcode', async () => {
    const started = await emulator()
    const answer = await new WeixinTestClient(started.url).get('token', credentials)
    expect(Object.keys(answer).sort()).toEqual(['access_token', 'expires_in'])
    expect(answer['expires_in']).toBe(7200)
    expect(answer['access_token']).toMatch(/^\d{2}_[A-Za-z0-9_-]{100,}$/)
    expect(started.state.tokensIssued).toEqual([{ endpoint: 'token', forced: false, expiresIn: 7200, at: expect.any(Number) }])
  })

  it.each([
    ['a wrong secret', { secret: 'f'.repeat(32) }, 40125],
    ['a wrong appid', { appid: 'wx0000000000000001' }, 40013],
    ['a bad grant_type', { grant_type: 'authorization_code' }, 40002],
    ['no appid', { appid: '' }, 41002],
    ['no secret', { secret: '' }, 41004],
  ])('answers %s with %i', async (_, override, errcode) => {
    const started = await emulator()
    const answer = await new WeixinTestClient(started.url).get('token', { ...credentials, ...override })
    expect(answer['errcode']).toBe(errcode)
    expect(answer['errmsg']).toMatch(ridPattern)
  })

  it('takes the credentials given to startEmulator', async () => {
    const started = await emulator({ appId: 'wx1111111111111111', appSecret: 'my-own-test-secret' })
    const client = new WeixinTestClient(started.url)
    expect((await client.get('token', credentials))['errcode']).toBe(40013)
    const answer = await client.get('token', { ...credentials, appid: 'wx1111111111111111', secret: 'my-own-test-secret' })
    expect(typeof answer['access_token']).toBe('string')
  })

  it('keeps the previous token working for 5 minutes after a new one is issued, then answers 40001', async () => {
    const clock = testClock()
    const started = await emulator({ now: clock.now })
    const client = new WeixinTestClient(started.url)
    const first = await client.token()
    const second = await client.token()
    expect(second).not.toBe(first)
    clock.advance(4 * 60_000)
    expect(await client.get('draft/count', { access_token: first })).toEqual({ total_count: 0 })
    clock.advance(60_000)
    expect((await client.get('draft/count', { access_token: first }))['errcode']).toBe(40001)
    expect(await client.get('draft/count', { access_token: second })).toEqual({ total_count: 0 })
  })

  it('answers 42001 once the token has lived tokenTtlSeconds', async () => {
    const clock = testClock()
    const started = await emulator({ now: clock.now, tokenTtlSeconds: 60 })
    const client = new WeixinTestClient(started.url)
    const token = await client.token()
    clock.advance(59_999)
    expect((await client.get('draft/count', { access_token: token }))['total_count']).toBe(0)
    clock.advance(1)
    expect((await client.get('draft/count', { access_token: token }))['errcode']).toBe(42001)
  })

  it('issues 2,000 tokens a day, then answers 45009 until midnight in China', async () => {
    const clock = testClock() // 12:00 in Beijing
    const started = await emulator({ now: clock.now })
    const client = new WeixinTestClient(started.url)
    for (let index = 0; index < 2000; index++) await client.token()
    expect((await client.get('token', credentials))['errcode']).toBe(45009)
    clock.advance(12 * 3600_000)
    expect(typeof (await client.token())).toBe('string')
    expect(started.state.tokensIssued).toHaveLength(2001)
  })

  it('requires GET (43001)', async () => {
    const started = await emulator()
    const answer = await new WeixinTestClient(started.url).post('token', credentials)
    expect(answer['errcode']).toBe(43001)
  })
})

describe('POST /cgi-bin/stable_token', () => {
  it('returns the same token with the remaining expires_in', async () => {
    const clock = testClock()
    const started = await emulator({ now: clock.now })
    const client = new WeixinTestClient(started.url)
    const first = await client.stableToken()
    expect(first['expires_in']).toBe(7200)
    clock.advance(6855_000)
    const again = await client.stableToken(false)
    expect(again).toEqual({ access_token: first['access_token'], expires_in: 345 })
    expect(started.state.tokensIssued).toHaveLength(1)
  })

  it('hands out a new token in the last 5 minutes while the old one lives out its time', async () => {
    const clock = testClock()
    const started = await emulator({ now: clock.now })
    const client = new WeixinTestClient(started.url)
    const first = (await client.stableToken())['access_token'] as string
    clock.advance(7200_000 - 299_000)
    const renewed = await client.stableToken()
    expect(renewed['access_token']).not.toBe(first)
    expect(renewed['expires_in']).toBe(7200)
    expect((await client.get('draft/count', { access_token: first }))['total_count']).toBe(0)
    clock.advance(299_000)
    expect((await client.get('draft/count', { access_token: first }))['errcode']).toBe(42001)
  })

  it('force_refresh rotates the token and invalidates the previous one at once', async () => {
    const clock = testClock()
    const started = await emulator({ now: clock.now })
    const client = new WeixinTestClient(started.url)
    const first = (await client.stableToken())['access_token'] as string
    const forced = await client.stableToken(true)
    expect(forced['access_token']).not.toBe(first)
    expect(forced['expires_in']).toBe(7200)
    expect((await client.get('draft/count', { access_token: first }))['errcode']).toBe(40001)
    expect(started.state.tokensIssued.map((record) => record.forced)).toEqual([false, true])
  })

  it('does not refresh twice within 30 seconds (returns the current token, as documented)', async () => {
    const clock = testClock()
    const started = await emulator({ now: clock.now })
    const client = new WeixinTestClient(started.url)
    const forced = (await client.stableToken(true))['access_token']
    clock.advance(29_000)
    const again = await client.stableToken(true)
    expect(again).toEqual({ access_token: forced, expires_in: 7171 })
    clock.advance(1_000)
    expect((await client.stableToken(true))['access_token']).not.toBe(forced)
  })

  it('allows 20 forced refreshes a day, then answers 45009 until the next day (China time)', async () => {
    const clock = testClock() // 04:00 UTC = 12:00 in Beijing
    const started = await emulator({ now: clock.now })
    const client = new WeixinTestClient(started.url)
    for (let index = 0; index < 20; index++) {
      expect(typeof (await client.stableToken(true))['access_token']).toBe('string')
      clock.advance(30_000)
    }
    expect((await client.stableToken(true))['errcode']).toBe(45009)
    clock.advance(12 * 3600_000)
    expect(typeof (await client.stableToken(true))['access_token']).toBe('string')
  })

  it('is isolated from /cgi-bin/token', async () => {
    const started = await emulator()
    const client = new WeixinTestClient(started.url)
    const stable = (await client.stableToken())['access_token']
    await client.token()
    await client.token()
    expect((await client.stableToken())['access_token']).toBe(stable)
  })

  it.each([
    ['a wrong secret', { secret: 'nope' }, 40125],
    ['a wrong appid', { appid: 'wx0000000000000001' }, 40013],
    ['a bad grant_type', { grant_type: 'password' }, 40002],
    ['no appid', { appid: undefined }, 41002],
    ['no secret', { secret: undefined }, 41004],
    ['a non-boolean force_refresh', { force_refresh: 'true' }, 47001],
  ])('answers %s with %i', async (_, override, errcode) => {
    const started = await emulator()
    const answer = await new WeixinTestClient(started.url).post('stable_token', { ...credentials, ...override })
    expect(answer['errcode']).toBe(errcode)
  })

  it('answers 47001 to a body that is not JSON and 44002 to an empty one', async () => {
    const started = await emulator()
    const client = new WeixinTestClient(started.url)
    expect((await client.post('stable_token', 'grant_type=client_credential'))['errcode']).toBe(47001)
    expect((await client.post('stable_token', ''))['errcode']).toBe(44002)
  })
})

describe('the token of a business call', () => {
  it('answers 41001 without a token, 40014 for a malformed one, 40001 for an unknown one', async () => {
    const { client, token } = await session()
    expect((await client.get('draft/count'))['errcode']).toBe(41001)
    expect((await client.get('draft/count', { access_token: 'not-a-token' }))['errcode']).toBe(40014)
    const unknown = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    expect((await client.get('draft/count', { access_token: unknown }))['errcode']).toBe(40001)
  })

  it('never records the token or the secret', async () => {
    const { emulator: started, client, token } = await session()
    await client.get('draft/count', { access_token: token })
    const recorded = JSON.stringify({ calls: started.state.calls, tokens: started.state.tokensIssued })
    expect(recorded).not.toContain(token)
    expect(recorded).not.toContain(DEMO_APP_SECRET)
    expect(started.state.calls.map((call) => call.path)).toEqual(['/cgi-bin/token', '/cgi-bin/draft/count'])
  })

  it('answers errors as HTTP 200 JSON with a rid, in the content type Weixin uses', async () => {
    const started = await emulator()
    const response = await new WeixinTestClient(started.url).request('GET', 'draft/count', {})
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; encoding=utf-8')
    expect(response.json).toEqual({ errcode: 41001, errmsg: expect.stringMatching(/^access_token missing rid: /) })
    expect(response.json['errmsg']).toMatch(ridPattern)
  })
})
