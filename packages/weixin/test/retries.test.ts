import { WeixinApiError, WeixinNetworkError, type RequestInfo, type WeixinArticle } from '@mdwx/weixin'
import { describe, expect, it } from 'vitest'
import { JPEG, LARGE_JPEG, LARGE_PNG, PNG } from './fixtures.js'
import { APP_ID, APP_SECRET, article, failure, useEmulator } from './helpers.js'

const start = useEmulator()

describe('retried: Weixin busy (-1)', () => {
  it('retries a busy answer with backoff and succeeds', async () => {
    const { client, emulator } = await start({ faults: { scripted: [{ path: 'media/uploadimg', errcode: -1, times: 2 }] } })
    const { url } = await client.uploadArticleImage({ data: PNG })
    expect(url).toMatch(/^https?:/)
    expect(emulator.state.count('media/uploadimg', -1)).toBe(2)
    expect(emulator.state.count('media/uploadimg')).toBe(3)
    expect(client.stats()).toMatchObject({ retries: 2 })
  })

  it('gives up after maxRetries + 1 requests and says how many it made', async () => {
    const { client, emulator } = await start({ faults: { busyEvery: 1 } })
    const error = await failure(client.uploadArticleImage({ data: PNG }))
    expect(error).toBeInstanceOf(WeixinApiError)
    expect(error).toMatchObject({ errcode: -1, attempts: 5, endpoint: 'media/uploadimg' })
    expect(emulator.state.count('media/uploadimg', -1)).toBe(5)
  })

  it('honours retry.maxRetries', async () => {
    const { client, emulator } = await start({ faults: { busyEvery: 1 } }, { retry: { maxRetries: 1, minDelayMs: 1 } })
    expect(await failure(client.uploadArticleImage({ data: PNG }))).toMatchObject({ errcode: -1, attempts: 2 })
    expect(emulator.state.count('media/uploadimg')).toBe(2)
  })

  it('retries the token request too', async () => {
    const { client, emulator } = await start({ faults: { scripted: [{ path: 'stable_token', errcode: -1 }] } })
    await client.uploadArticleImage({ data: PNG })
    expect(emulator.state.count('stable_token')).toBe(2)
  })
})

describe('retried: transport failures', () => {
  it('retries HTTP 5xx and succeeds', async () => {
    // Request 1 is the token, request 2 the upload (502), request 3 its retry.
    const { client, emulator } = await start({ faults: { http5xxEvery: 2 } })
    await client.uploadArticleImage({ data: PNG })
    expect(emulator.state.calls.filter((call) => call.status === 502)).toHaveLength(1)
    expect(emulator.state.count('media/uploadimg')).toBe(2)
  })

  it('reports a persistent 5xx as a network error with the status', async () => {
    const { client } = await start({ faults: { http5xxEvery: 1 } })
    const error = await failure(client.addDraft([{ title: 't', content: 'c' }]))
    expect(error).toBeInstanceOf(WeixinNetworkError)
    expect(error).toMatchObject({ code: 'MDWX_WEIXIN_NETWORK', failure: 'http-status', httpStatus: 502, attempts: 5, endpoint: 'stable_token' })
  })

  it('retries a dropped connection and succeeds', async () => {
    const seen: RequestInfo[] = []
    const { client, emulator } = await start({ faults: { dropConnectionEvery: 2 } }, { onRequest: (info) => seen.push(info) })
    await client.uploadArticleImage({ data: JPEG })
    expect(emulator.state.calls.filter((call) => call.status === null)).toHaveLength(1)
    expect(emulator.state.images).toHaveLength(1)
    expect(seen.filter((info) => info.endpoint === 'media/uploadimg').map((info) => [info.attempt, info.ok, info.willRetry])).toEqual([
      [1, false, true],
      [2, true, false],
    ])
  })

  it('reports a connection that is always dropped as a retryable network error', async () => {
    const { client } = await start({ faults: { dropConnectionEvery: 1 } }, { retry: { maxRetries: 2, minDelayMs: 1 } })
    const error = await failure(client.uploadArticleImage({ data: PNG }))
    expect(error).toMatchObject({ code: 'MDWX_WEIXIN_NETWORK', failure: 'connection', retryable: true, attempts: 3 })
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(error['causeCode'])
  })

  it('retries a refused connection, then reports it', async () => {
    const { emulator, newClient } = await start()
    await emulator.close()
    const client = newClient({ retry: { maxRetries: 2, minDelayMs: 1 } })
    const error = await failure(client.getMaterialCount())
    expect(error).toMatchObject({ code: 'MDWX_WEIXIN_NETWORK', failure: 'connection', causeCode: 'ECONNREFUSED', attempts: 3 })
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2, tokenRequests: 3 })
  })

  it('times out a slow answer after timeoutMs, retries, and reports a timeout', async () => {
    const { client, emulator } = await start({}, { timeoutMs: 250, retry: { maxRetries: 1, minDelayMs: 1 } })
    await client.getMaterialCount()
    emulator.setFaults({ latencyMs: 2_000 })
    const error = await failure(client.getMaterialCount())
    expect(error).toMatchObject({ code: 'MDWX_WEIXIN_NETWORK', failure: 'timeout', endpoint: 'material/get_materialcount', attempts: 2 })
    expect(error.hint).toMatch(/timeoutMs/)
  })

  it('gives uploads their own, longer timeout', async () => {
    const { client, emulator } = await start({}, { timeoutMs: 250, uploadTimeoutMs: 10_000, retry: { maxRetries: 0 } })
    await client.getMaterialCount()
    emulator.setFaults({ latencyMs: 1_000 })
    await expect(client.uploadArticleImage({ data: PNG })).resolves.toHaveProperty('url')
    expect(await failure(client.getMaterialCount())).toMatchObject({ failure: 'timeout' })
  })
})

describe('not repeated: a call that creates something and timed out', () => {
  it('sends draft/add once when the answer is late, and says the draft may exist', async () => {
    const { client, emulator } = await start({}, { timeoutMs: 250, retry: { minDelayMs: 1 } })
    const input = await article(client)
    emulator.setFaults({ latencyMs: 600 })
    const error = await failure(client.addDraft([input]))
    expect(error).toMatchObject({ code: 'MDWX_WEIXIN_NETWORK', failure: 'timeout', retryable: false, mayHaveSucceeded: true, attempts: 1, endpoint: 'draft/add' })
    expect(error.message).toMatch(/may have created the draft/)
    expect(error.hint).toMatch(/草稿箱/)
    // The emulator finishes the request the client gave up on: one draft, never two.
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(emulator.state.count('draft/add')).toBe(1)
    expect(emulator.state.drafts.size).toBe(1)
  })

  it('sends draft/add once when the connection is lost after Weixin made the draft', async () => {
    const { client, emulator } = await start()
    const input = await article(client)
    emulator.setFaults({ loseAnswerAfter: 0 })
    const error = await failure(client.addDraft([input]))
    expect(error).toMatchObject({ code: 'MDWX_WEIXIN_NETWORK', failure: 'connection', retryable: false, mayHaveSucceeded: true, endpoint: 'draft/add' })
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ mayHaveSucceeded: true })
    expect(emulator.state.count('draft/add')).toBe(1)
    expect(emulator.state.drafts.size).toBe(1)
  })

  it('sends add_news and freepublish/submit once after a gateway 5xx or a dropped connection: whether Weixin acted is unknown', async () => {
    const { client, emulator } = await start({ newsApi: 'available' })
    const input = await article(client)
    emulator.setFaults({ http5xxEvery: 1 })
    expect(await failure(client.addNews([input]))).toMatchObject({ failure: 'http-status', httpStatus: 502, mayHaveSucceeded: true, attempts: 1 })
    const { mediaId } = await (emulator.setFaults({}), client.addDraft([input]))
    emulator.setFaults({ dropConnectionEvery: 1 })
    expect(await failure(client.submitPublish(mediaId))).toMatchObject({ failure: 'connection', mayHaveSucceeded: true, endpoint: 'freepublish/submit' })
    expect(emulator.state.count('material/add_news')).toBe(1)
    expect(emulator.state.count('freepublish/submit')).toBe(1)
  })

  it('still retries other calls after a lost answer', async () => {
    const { client, emulator } = await start()
    emulator.setFaults({ loseAnswerAfter: 1 })
    await client.getMaterialCount()
    await expect(client.getMaterialCount()).resolves.toBeDefined()
    expect(emulator.state.count('material/get_materialcount')).toBe(3)
  })

  it('still repeats freepublish/submit after a busy answer (Weixin said it did nothing)', async () => {
    const { client, emulator } = await start({ faults: { scripted: [{ path: 'freepublish/submit', errcode: -1 }] } })
    const { mediaId } = await client.addDraft([await article(client)])
    await expect(client.submitPublish(mediaId)).resolves.toHaveProperty('publishId')
    expect(emulator.state.count('freepublish/submit')).toBe(2)
    expect(emulator.state.publishes.size).toBe(1)
  })
})

describe('the retry budget belongs to the call', () => {
  it('a token replacement in the middle neither restarts the waiting retries nor spends them', async () => {
    const busy = { path: 'material/get_materialcount', errcode: -1 }
    const { client, emulator } = await start({
      faults: { scripted: [{ ...busy, times: 4 }, { path: 'material/get_materialcount', errcode: 42001 }, { ...busy, times: 10 }] },
    })
    const error = await failure(client.getMaterialCount())
    // Four busy answers spend the four waiting retries; the refused token is replaced from its own
    // budget; the next busy answer finds no waiting retry left and ends the call.
    expect(error).toMatchObject({ errcode: -1, attempts: 6 })
    expect(emulator.state.count('material/get_materialcount')).toBe(6)
    // The first token; then, the 42001 being scripted (the token still valid), a normal
    // stable_token hands out the refused token again and force_refresh gets a newer one.
    expect(emulator.state.count('stable_token')).toBe(3)
  })
})

describe('close()', () => {
  it('stops a call in flight before its next retry', async () => {
    const { client, emulator } = await start({ faults: { busyEvery: 1 } }, { retry: { minDelayMs: 100, maxDelayMs: 100 } })
    const call = failure(client.uploadArticleImage({ data: PNG }))
    while (emulator.state.count('media/uploadimg') === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await client.close()
    expect(await call).toMatchObject({ code: 'MDWX_WEIXIN_CLOSED' })
    expect(emulator.state.count('media/uploadimg')).toBe(1)
  })
})

describe('retried: per-minute quota (45011)', () => {
  it('waits rateLimitDelayMs and retries', async () => {
    const seen: RequestInfo[] = []
    const { client, emulator } = await start(
      { faults: { scripted: [{ path: 'draft/add', errcode: 45011 }] } },
      { retry: { rateLimitDelayMs: 20, minDelayMs: 1 }, onRequest: (info) => seen.push(info) },
    )
    const input = await article(client)
    await client.addDraft([input])
    expect(emulator.state.count('draft/add', 45011)).toBe(1)
    expect(emulator.state.drafts.size).toBe(1)
    expect(seen.filter((info) => info.endpoint === 'draft/add')).toEqual([
      { endpoint: 'draft/add', attempt: 1, ok: false, errcode: 45011, willRetry: true },
      { endpoint: 'draft/add', attempt: 2, ok: true, willRetry: false },
    ])
  })
})

describe('never retried', () => {
  it('45009: the daily quota is spent; the hint says when it comes back', async () => {
    const { client, emulator } = await start({ faults: { dailyQuota: 1 } })
    await client.uploadArticleImage({ data: PNG })
    const error = await failure(client.uploadArticleImage({ data: PNG }))
    expect(error).toMatchObject({ errcode: 45009, attempts: 1 })
    expect(error.hint).toMatch(/tomorrow/)
    expect(emulator.state.count('media/uploadimg', 45009)).toBe(1)
  })

  it('40125: a wrong AppSecret', async () => {
    const { emulator, newClient } = await start()
    const client = newClient({ appSecret: 'wrong-secret-value' })
    const error = await failure(client.uploadArticleImage({ data: PNG }))
    expect(error).toMatchObject({ errcode: 40125, endpoint: 'stable_token', attempts: 1 })
    expect(error.hint).toContain('AppSecret')
    expect(emulator.state.count('stable_token')).toBe(1)
  })

  it('40013: a wrong AppID', async () => {
    const { emulator, newClient } = await start()
    const client = newClient({ appId: 'wx0000000000000000' })
    const error = await failure(client.uploadArticleImage({ data: PNG }))
    expect(error).toMatchObject({ errcode: 40013, endpoint: 'stable_token' })
    expect(error.hint).toContain('WEIXIN_APPID')
    expect(emulator.state.count('stable_token')).toBe(1)
  })

  it('40164: the IP is not whitelisted; the hint names it and the console page', async () => {
    const { client, emulator } = await start({ faults: { ipNotWhitelisted: '203.0.113.7' } })
    const error = await failure(client.uploadArticleImage({ data: PNG }))
    expect(error).toMatchObject({ errcode: 40164 })
    expect(error.hint).toContain('203.0.113.7')
    expect(error.hint).toContain('IP白名单')
    expect(emulator.state.calls).toHaveLength(1)
  })

  it.each([89501, 89502, 89503, 89504, 89505, 89506, 89507])('%i: the IP awaits the administrator', async (errcode) => {
    const { client, emulator } = await start({ faults: { scripted: [{ path: 'draft/add', errcode }] } })
    const error = await failure(client.addDraft([{ title: 't', content: 'c' }]))
    expect(error).toMatchObject({ errcode, attempts: 1 })
    expect(error.hint).toMatch(/administrator/)
    expect(emulator.state.count('draft/add')).toBe(1)
  })

  it.each([40005, 40007, 40009, 40113, 45001, 45002, 45003, 45004, 45008, 45110, 45166, 47001])(
    '%i: a request Weixin judges wrong',
    async (errcode) => {
      const { client, emulator } = await start({ faults: { scripted: [{ path: 'draft/add', errcode, times: 3 }] } })
      const error = await failure(client.addDraft([{ title: 't', content: 'c' }]))
      expect(error).toBeInstanceOf(WeixinApiError)
      expect(error).toMatchObject({ code: 'MDWX_WEIXIN_API', errcode, endpoint: 'draft/add', attempts: 1 })
      expect(error.hint).toBeTypeOf('string')
      expect(emulator.state.count('draft/add')).toBe(1)
    },
  )

  it('the emulator\'s own validation: title, author, digest, content, count, cover', async () => {
    const { client, emulator } = await start()
    const valid = await article(client)
    const cases: [Partial<WeixinArticle>, number][] = [
      [{ title: '标'.repeat(33) }, 45003],
      [{ author: '作'.repeat(17) }, 45110],
      [{ digest: '摘'.repeat(129) }, 45004],
      [{ content: `<p>${'x'.repeat(20_000)}</p>` }, 45002],
      [{ thumbMediaId: 'no-such-media' }, 40007],
    ]
    for (const [change, errcode] of cases) {
      const error = await failure(client.addDraft([{ ...valid, ...change }]))
      expect(error, `errcode ${errcode}`).toMatchObject({ errcode, attempts: 1 })
    }
    expect(await failure(client.addDraft(Array.from({ length: 9 }, () => valid)))).toMatchObject({ errcode: 45008 })
    expect(emulator.state.count('draft/add')).toBe(cases.length + 1)
    expect(emulator.state.drafts.size).toBe(0)
  })

  it('add_material refuses a thumb over 64 KB (45001) once', async () => {
    const { client, emulator } = await start()
    expect(LARGE_JPEG.length).toBeGreaterThan(64 * 1024)
    const error = await failure(client.addMaterial({ type: 'thumb', data: LARGE_JPEG }))
    expect(error).toMatchObject({ errcode: 45001, attempts: 1, endpoint: 'material/add_material' })
    expect(error.hint).toMatch(/64 KB/)
    expect(emulator.state.count('material/add_material')).toBe(1)
  })

  it('uploadimg refuses an image over 1 MB (40009) once', async () => {
    const { client, emulator } = await start()
    const error = await failure(client.uploadArticleImage({ data: LARGE_PNG }))
    expect(error).toMatchObject({ errcode: 40009, attempts: 1 })
    expect(error.hint).toMatch(/1 MB/)
    expect(emulator.state.count('media/uploadimg')).toBe(1)
  })
})

describe('credentials are checked once for many callers', () => {
  it('50 concurrent calls with a wrong secret make one token request', async () => {
    const { emulator, newClient } = await start()
    const client = newClient({ appId: APP_ID, appSecret: `${APP_SECRET}-wrong` })
    const errors = await Promise.all(Array.from({ length: 50 }, () => failure(client.getMaterialCount())))
    expect(new Set(errors.map((error) => error['errcode']))).toEqual(new Set([40125]))
    expect(emulator.state.count('stable_token')).toBe(1)
  })
})
