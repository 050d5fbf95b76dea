import { createRelay } from '@mdwx/relay'
import { createWeixinClient, WeixinApiError, WeixinNetworkError } from '@mdwx/weixin'
import { describe, expect, it } from 'vitest'
import { APP_ID, APP_SECRET, FAST_RETRY, KEY, PNG, RELAY_ADDRESS, article, currentToken, useRelay } from './helpers.js'

const start = useRelay()

describe('createRelay', () => {
  it('forwards uploads and drafts from a client that is not whitelisted, which then holds no token', async () => {
    const { emulator, client, log } = await start()
    const relayed = client()
    const { url } = await relayed.uploadArticleImage({ data: PNG })
    const { mediaId: cover } = await relayed.addMaterial({ type: 'image', data: PNG })
    const { mediaId } = await relayed.addDraft([article('Through the relay', cover)])
    expect(url).toMatch(/^http/)
    expect(emulator.state.drafts.get(mediaId)?.articles[0]?.title).toBe('Through the relay')
    // The client asked for no token: the relay did, once, for every call.
    expect(relayed.stats().tokenRequests).toBe(0)
    expect(emulator.state.count('stable_token')).toBe(1)
    const lines = log.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((line) => [line['endpoint'], line['status']])).toEqual([
      ['media/uploadimg', 200],
      ['material/add_material', 200],
      ['draft/add', 200],
    ])
    expect(lines.every((line) => typeof line['durationMs'] === 'number' && typeof line['weixinMs'] === 'number' && line['account'] === APP_ID)).toBe(true)
    const text = log.join('')
    for (const secret of [APP_SECRET, KEY, await currentToken(emulator)]) expect(text).not.toContain(secret)
  })

  it('a client calling Weixin directly from 127.0.0.1 gets 40164 naming its address', async () => {
    const { emulator } = await start()
    const direct = createWeixinClient({ appId: APP_ID, appSecret: APP_SECRET, baseUrl: emulator.url, retry: FAST_RETRY })
    try {
      const error = await direct.getMaterialCount().catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(WeixinApiError)
      expect((error as WeixinApiError).errcode).toBe(40164)
      expect((error as WeixinApiError).hint).toContain('127.0.0.1')
    } finally {
      await direct.close()
    }
  })

  it("a relay that is not whitelisted: 40164 reaches the client naming the relay's outgoing IP", async () => {
    const { client } = await start({ faults: { ipWhitelist: ['127.0.0.9'] } })
    const error = await client().getMaterialCount().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(WeixinApiError)
    const refused = error as WeixinApiError
    expect(refused.errcode).toBe(40164)
    expect(refused.endpoint).toBe('stable_token')
    expect(refused.hint).toContain(`relay's outgoing IP (${RELAY_ADDRESS})`)
    expect(refused.hint).toContain('IP白名单')
  })

  it('a wrong AppSecret on the relay reaches the client as 40125 with a hint about the relay host, tried once', async () => {
    const { client, emulator } = await start({ appSecret: 'another-secret-entirely' })
    const error = (await client().getMaterialCount().catch((caught: unknown) => caught)) as WeixinApiError
    expect(error.errcode).toBe(40125)
    expect(error.hint).toContain('on the relay host')
    expect(emulator.state.count('stable_token')).toBe(1)
  })

  it('busy answers are retried by the client through the relay, with the same budget as a direct call', async () => {
    const { client, emulator } = await start({ faults: { ipWhitelist: [RELAY_ADDRESS], busyEvery: 2 } })
    const relayed = client()
    // Business calls 2 and 4 are busy: three calls, two retries.
    for (let index = 0; index < 3; index++) await relayed.getMaterialCount()
    expect(relayed.stats().retries).toBe(2)
    emulator.setFaults({ ipWhitelist: [RELAY_ADDRESS], busyEvery: 1 })
    const error = (await relayed.getMaterialCount().catch((caught: unknown) => caught)) as WeixinApiError
    expect(error.errcode).toBe(-1)
    expect(error.attempts).toBe(5)
  })

  it('a token rotated by another program is replaced at the relay, and the retried call succeeds', async () => {
    const { client, emulator } = await start({ faults: { ipWhitelist: [RELAY_ADDRESS], rotateTokenEvery: 2 } })
    const relayed = client()
    for (let index = 0; index < 4; index++) await relayed.getMaterialCount()
    expect(emulator.state.tokenRotations).toBeGreaterThan(0)
    expect(relayed.stats().retries).toBeGreaterThan(0)
  })

  it('tokens refused on every try through the relay: the budget ends, with a hint about the relay host', async () => {
    const { client, emulator } = await start({
      faults: { ipWhitelist: [RELAY_ADDRESS], scripted: [{ path: 'material/get_materialcount', errcode: 40001, times: 50 }] },
    })
    const error = (await client().getMaterialCount().catch((caught: unknown) => caught)) as WeixinApiError
    expect(error.errcode).toBe(40001)
    // The first try and twice the 4 waiting retries of replacements, then it stops.
    expect(emulator.state.count('material/get_materialcount')).toBe(9)
    expect(error.hint).toContain('on the relay host')
  })

  it('a wrong or missing key is a 401 that names the header, not retried, logged without the key', async () => {
    const { relay, log } = await start()
    const wrong = createWeixinClient({ relay: { url: relay.url, key: 'not-the-key-0123456789' }, retry: FAST_RETRY })
    try {
      const error = (await wrong.getMaterialCount().catch((caught: unknown) => caught)) as WeixinNetworkError
      expect(error).toBeInstanceOf(WeixinNetworkError)
      expect(error.httpStatus).toBe(401)
      expect(error.message).toContain('Authorization: Bearer <key>')
      expect(error.hint).toContain('MDWX_RELAY_KEY')
      expect(error.attempts).toBe(1)
    } finally {
      await wrong.close()
    }
    const missing = await fetch(`${relay.url}/cgi-bin/material/get_materialcount`)
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toContain('Bearer')
    expect(((await missing.json()) as { mdwx_relay: { error: string } }).mdwx_relay.error).toContain('the request has none')
    const refusals = log.map((line) => JSON.parse(line) as Record<string, unknown>).map((line) => line['refused'])
    expect(refusals).toEqual(['auth-wrong', 'auth-missing'])
    expect(log.join('')).not.toContain('not-the-key-0123456789')
  })

  it('wrong keys from one address are rate-limited: 429 with Retry-After, even for the right key then', async () => {
    const { relay } = await start(undefined, { rateLimit: { failedAuthPerMinute: 3 } })
    const statuses: number[] = []
    for (let index = 0; index < 4; index++) {
      const response = await fetch(`${relay.url}/cgi-bin/material/get_materialcount`, { headers: { authorization: `Bearer wrong-key-number-${index}-xxxxxxxx` } })
      statuses.push(response.status)
    }
    expect(statuses).toEqual([401, 401, 401, 429])
    const right = await fetch(`${relay.url}/cgi-bin/material/get_materialcount`, { headers: { authorization: `Bearer ${KEY}` } })
    expect(right.status).toBe(429)
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('an endpoint outside the list is a 404 with a sentence; token endpoints are not on it', async () => {
    const { relay, client } = await start()
    for (const path of ['/cgi-bin/token?grant_type=client_credential', '/cgi-bin/stable_token', '/cgi-bin/user/get', '/cgi-bin/message/mass/sendall']) {
      const response = await fetch(`${relay.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: '{}' })
      expect(response.status).toBe(404)
      expect(((await response.json()) as { mdwx_relay: { error: string } }).mdwx_relay.error).toMatch(/^The relay forwards only the Weixin calls mdwx makes \(media\/uploadimg, .*\); ".*" is not one of them\.$/)
    }
    // The client hears it as a refusal, not retried.
    const listed = client()
    await expect(listed.getMaterialCount()).resolves.toBeDefined()
  })

  it('/health answers without a key and without secrets', async () => {
    const { relay } = await start()
    const response = await fetch(`${relay.url}/health`)
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(JSON.parse(text)).toMatchObject({ ok: true, accounts: 1 })
    expect(text).not.toContain(APP_SECRET)
    expect(text).not.toContain(APP_ID)
  })

  it('serves several accounts, chosen by the X-Mdwx-Account header; GET /mdwx/accounts lists them for a key', async () => {
    const { relay } = await start()
    const listed = await fetch(`${relay.url}/mdwx/accounts`, { headers: { authorization: `Bearer ${KEY}` } })
    expect(await listed.json()).toEqual({ appIds: [APP_ID] })
    const unknown = createWeixinClient({ relay: { url: relay.url, key: KEY }, appId: 'wx0000000000000000', retry: FAST_RETRY })
    try {
      const error = (await unknown.getMaterialCount().catch((caught: unknown) => caught)) as WeixinNetworkError
      expect(error.httpStatus).toBe(404)
      expect(error.message).toContain('The relay serves no account wx0000000000000000')
    } finally {
      await unknown.close()
    }
  })

  it('refuses plain HTTP on a non-loopback address unless told, and weak keys', async () => {
    const accounts = [{ appId: APP_ID, appSecret: APP_SECRET }]
    await expect(createRelay({ accounts, keys: [KEY], host: '0.0.0.0' })).rejects.toMatchObject({ code: 'MDWX_RELAY_INSECURE', hint: expect.stringContaining('--tls-cert') })
    const insecure = await createRelay({ accounts, keys: [KEY], host: '0.0.0.0', insecureHttp: true })
    await insecure.close()
    await expect(createRelay({ accounts, keys: ['short'] })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION', message: expect.stringContaining('at least 16 characters') })
    await expect(createRelay({ accounts, keys: ['short'] })).rejects.not.toMatchObject({ message: expect.stringContaining('short') })
  })
})
