import { REFRESH_MARGIN_MS, WeixinApiError } from '@mdwx/weixin'
import { request } from 'undici'
import { describe, expect, it } from 'vitest'
import { PNG } from './fixtures.js'
import { APP_ID, APP_SECRET, article, failure, memoryStore, useEmulator } from './helpers.js'

const start = useEmulator()

/** What a separate token service would do: ask the emulator for a token itself. */
async function tokenFrom(url: string): Promise<string> {
  const response = await request(`${url}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET, force_refresh: false }),
  })
  const answer = (await response.body.json()) as { access_token: string }
  return answer.access_token
}

describe('token caching', () => {
  it('50 concurrent calls share one token request', async () => {
    const { client, emulator } = await start()
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => client.uploadArticleImage({ data: PNG, filename: `p${i}.png` })))
    expect(results).toHaveLength(50)
    expect(emulator.state.count('stable_token')).toBe(1)
    expect(emulator.state.tokensIssued).toHaveLength(1)
    expect(emulator.state.count('media/uploadimg')).toBe(50)
    expect(client.stats()).toMatchObject({ requests: 51, tokenRequests: 1, retries: 0, byEndpoint: { stable_token: 1, 'media/uploadimg': 50 } })
  })

  it('uses stable_token without force_refresh by default, and reuses the token', async () => {
    const { client, emulator } = await start()
    await client.getMaterialCount()
    await client.getMaterialCount()
    expect(emulator.state.tokensIssued).toEqual([expect.objectContaining({ endpoint: 'stable_token', forced: false })])
    expect(emulator.state.count('stable_token')).toBe(1)
  })

  it('tokenEndpoint "classic" uses GET /cgi-bin/token', async () => {
    const { client, emulator } = await start({}, { tokenEndpoint: 'classic' })
    await client.getMaterialCount()
    expect(emulator.state.calls[0]).toMatchObject({ method: 'GET', path: '/cgi-bin/token' })
    expect(emulator.state.count('stable_token')).toBe(0)
  })

  it('caches a token for its real remaining life, as stable_token reports it', async () => {
    const store = memoryStore()
    const { client, emulator } = await start({ tokenTtlSeconds: 400 }, { tokenStore: store })
    const before = Date.now()
    await client.getMaterialCount()
    const after = Date.now()
    expect(store.sets).toHaveLength(1)
    const expiresAt = store.sets[0]?.expiresAt ?? 0
    expect(expiresAt).toBeGreaterThanOrEqual(before + 400_000)
    expect(expiresAt).toBeLessThanOrEqual(after + 400_000)
    // 400 s is under a minute past the margin: the token is still used, not fetched per call.
    await client.getMaterialCount()
    expect(emulator.state.count('stable_token')).toBe(1)
  })
})

describe('token store', () => {
  it('two clients sharing a store make one token request between them', async () => {
    const store = memoryStore()
    const { client, emulator, newClient } = await start({}, { tokenStore: store })
    await client.getMaterialCount()
    const second = newClient({ tokenStore: store })
    await second.getMaterialCount()
    expect(emulator.state.count('stable_token')).toBe(1)
    expect(second.stats().tokenRequests).toBe(0)
  })

  it('works with an asynchronous store', async () => {
    const backing = memoryStore()
    const store = {
      get: async (appId: string) => backing.get(appId),
      set: async (appId: string, token: { accessToken: string; expiresAt: number }) => backing.set(appId, token),
    }
    const { client, newClient, emulator } = await start({}, { tokenStore: store })
    await client.getMaterialCount()
    await newClient({ tokenStore: store }).getMaterialCount()
    expect(emulator.state.count('stable_token')).toBe(1)
    expect(backing.sets).toHaveLength(1)
  })

  it('ignores a stored token near its expiry', async () => {
    const store = memoryStore({ accessToken: 'old-token-about-to-expire', expiresAt: Date.now() + REFRESH_MARGIN_MS / 2 })
    const { client, emulator } = await start({}, { tokenStore: store })
    await client.getMaterialCount()
    expect(emulator.state.count('stable_token')).toBe(1)
    expect(emulator.state.count('material/get_materialcount', 0)).toBe(1)
  })

  it('replaces a stored token Weixin rejects, and stores the new one', async () => {
    const store = memoryStore({ accessToken: 'dead-token-from-yesterday', expiresAt: Date.now() + 3_600_000 })
    const { client, emulator } = await start({}, { tokenStore: store })
    const counts = await client.getMaterialCount()
    expect(counts.image).toBe(0)
    const rejected = emulator.state.calls.filter((call) => call.path === '/cgi-bin/material/get_materialcount' && call.errcode !== 0)
    expect(rejected).toHaveLength(1)
    expect([40001, 40014, 42001]).toContain(rejected[0]?.errcode)
    expect(emulator.state.count('stable_token')).toBe(1)
    expect(store.tokens.get(APP_ID)?.accessToken).not.toBe('dead-token-from-yesterday')
  })
})

describe('token rotation by another program: retried with a newer token while the budget lasts', () => {
  it('a call that meets rotation after rotation is retried, each time with a newer token, one fetch per rotation', async () => {
    // Every served call rotates the token: of four calls holding the same token, one is served
    // per round and the others are refused, so the last one needs four tries.
    const { client, emulator } = await start({ faults: { rotateTokenEvery: 1 } })
    await Promise.all(Array.from({ length: 4 }, () => client.getMaterialCount()))
    expect(emulator.state.count('material/get_materialcount', 0)).toBe(4)
    expect(emulator.state.count('material/get_materialcount', 40001)).toBe(3 + 2 + 1)
    expect(emulator.state.tokenRotations).toBe(4)
    expect(emulator.state.count('stable_token')).toBe(4) // the first token, then one per rotation that struck
    expect(emulator.state.tokensIssued.every((token) => !token.forced)).toBe(true)
  })

  it('50 calls under a rotation every 7: all served, at most one token fetch per rotation plus two', async () => {
    const { client, emulator } = await start({ faults: { rotateTokenEvery: 7 } })
    const calls = Array.from({ length: 50 }, (_, index) => (index % 2 === 0 ? client.getMaterialCount() : client.uploadArticleImage({ data: PNG })))
    await Promise.all(calls)
    expect(emulator.state.count('material/get_materialcount', 0) + emulator.state.count('media/uploadimg', 0)).toBe(50)
    expect(emulator.state.count('stable_token')).toBeLessThanOrEqual(emulator.state.tokenRotations + 2)
  })

  it('the budget still ends: refused on every try, even with a new token each time, it is reported with the rotation hint', async () => {
    const { client, emulator } = await start(
      { faults: { scripted: [{ path: 'material/get_materialcount', errcode: 40001, times: 10 }] } },
      { tokenEndpoint: 'classic' },
    )
    const error = await failure(client.getMaterialCount())
    // Replacements have their own budget, twice the waiting retries (4): the first try and 8 more.
    expect(error).toMatchObject({ errcode: 40001, attempts: 9 })
    expect(error.hint).toMatch(/rotating/)
    expect(emulator.state.count('material/get_materialcount')).toBe(9)
    expect(emulator.state.count('token')).toBe(9) // the first token, then a newer one for each try
  })
})

describe('token invalidation: refresh, retry with a newer token', () => {
  it('42001 (token expired after N calls): fetches a new token and retries the call', async () => {
    const { client, emulator } = await start({ faults: { expireTokenAfter: 2 } })
    for (let i = 0; i < 5; i++) await client.getMaterialCount()
    expect(emulator.state.count('material/get_materialcount', 42001)).toBe(2)
    expect(emulator.state.count('material/get_materialcount', 0)).toBe(5)
    expect(emulator.state.tokensIssued).toHaveLength(3)
    expect(emulator.state.tokensIssued.every((token) => !token.forced)).toBe(true)
  })

  it('40001 while stable_token still returns the same token: force_refresh once', async () => {
    const { client, emulator } = await start({ faults: { scripted: [{ path: 'draft/add', errcode: 40001 }] } })
    const input = await article(client)
    await client.addDraft([input])
    expect(emulator.state.count('draft/add', 40001)).toBe(1)
    expect(emulator.state.count('stable_token')).toBe(3)
    expect(emulator.state.tokensIssued.map((token) => token.forced)).toEqual([false, true])
    expect(emulator.state.drafts.size).toBe(1)
  })

  it('40014 is handled like 40001', async () => {
    const { client, emulator } = await start({ faults: { scripted: [{ path: 'material/get_materialcount', errcode: 40014 }] } })
    await client.getMaterialCount()
    expect(emulator.state.count('material/get_materialcount')).toBe(2)
    expect(emulator.state.tokensIssued.map((token) => token.forced)).toEqual([false, true])
  })

  it('never loops: when stable_token has no newer token to give, the rejection is reported with a hint', async () => {
    const { client, emulator } = await start({ faults: { scripted: [{ path: 'material/get_materialcount', errcode: 40001, times: 5 }] } })
    const error = await failure(client.getMaterialCount())
    expect(error).toBeInstanceOf(WeixinApiError)
    expect(error).toMatchObject({ errcode: 40001, attempts: 2 })
    expect(error.hint).toMatch(/stable/)
    expect(emulator.state.count('material/get_materialcount')).toBe(2)
    expect(emulator.state.tokensIssued.filter((token) => token.forced)).toHaveLength(1)
  })

  it('many calls rejected with the same token cause one refresh', async () => {
    // Every call starts with the same dead token from the store, so all ten are refused whatever
    // order they arrive in.
    const store = memoryStore({ accessToken: 'dead-token-shared-by-all', expiresAt: Date.now() + 3_600_000 })
    const { client, emulator } = await start({}, { tokenStore: store })
    await Promise.all(Array.from({ length: 10 }, () => client.getMaterialCount()))
    const refused = emulator.state.calls.filter((call) => call.path === '/cgi-bin/material/get_materialcount' && call.errcode !== 0)
    expect(refused).toHaveLength(10)
    expect(emulator.state.count('material/get_materialcount', 0)).toBe(10)
    expect(emulator.state.count('stable_token')).toBe(1)
    expect(store.sets).toHaveLength(1)
  })

  it('classic tokens: a rejected token is replaced by a new /cgi-bin/token call', async () => {
    const { client, emulator } = await start(
      { faults: { scripted: [{ path: 'material/get_materialcount', errcode: 40001 }] } },
      { tokenEndpoint: 'classic' },
    )
    await client.getMaterialCount()
    expect(emulator.state.count('token')).toBe(2)
    expect(emulator.state.count('material/get_materialcount')).toBe(2)
  })
})

describe('tokens owned elsewhere', () => {
  it('accessToken: a rejected token is reported, with nothing refreshed', async () => {
    const { emulator, newClient } = await start()
    const client = newClient({ appId: undefined, appSecret: undefined, accessToken: 'token-from-a-service-that-expired' })
    const error = await failure(client.getMaterialCount())
    expect(error).toMatchObject({ code: 'MDWX_WEIXIN_API', attempts: 1 })
    expect([40001, 40014, 42001]).toContain(error['errcode'])
    expect(error.hint).toMatch(/WEIXIN_ACCESS_TOKEN/)
    expect(emulator.state.count('stable_token') + emulator.state.count('token')).toBe(0)
  })

  it('accessToken: a valid token is used as given', async () => {
    const { emulator, newClient } = await start()
    const token = await tokenFrom(emulator.url)
    const client = newClient({ appId: undefined, appSecret: undefined, accessToken: token })
    await client.getMaterialCount()
    expect(emulator.state.count('material/get_materialcount', 0)).toBe(1)
  })

  it('getAccessToken is asked once, and again when Weixin rejects its token', async () => {
    const { emulator, newClient } = await start()
    const given: string[] = []
    const client = newClient({
      appId: undefined,
      appSecret: undefined,
      getAccessToken: async () => {
        const token = given.length === 0 ? 'stale-token-from-the-service' : await tokenFrom(emulator.url)
        given.push(token)
        return token
      },
    })
    await client.getMaterialCount()
    await client.getMaterialCount()
    expect(given).toHaveLength(2)
    expect(emulator.state.count('material/get_materialcount', 0)).toBe(2)
  })

  it('getAccessToken returning the rejected token again is reported, not retried', async () => {
    const { emulator, newClient } = await start()
    let asked = 0
    const client = newClient({
      appId: undefined,
      appSecret: undefined,
      getAccessToken: () => {
        asked++
        return 'the-same-stale-token'
      },
    })
    const error = await failure(client.getMaterialCount())
    expect(error.hint).toMatch(/getAccessToken returned the token/)
    expect(asked).toBe(2)
    expect(emulator.state.count('material/get_materialcount')).toBe(1)
  })
})
