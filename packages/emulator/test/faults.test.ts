import { DEMO_APP_ID, DEMO_APP_SECRET } from '@mdwx/emulator'
import { describe, expect, it } from 'vitest'
import { postJsonFrom } from '../../../test/support/local-address.js'
import { WeixinTestClient, article, emulator, fixture, ridPattern, session, uploadCover } from './helpers.js'

const count = (client: WeixinTestClient, token: string) => client.get('draft/count', { access_token: token })

describe('fault injection', () => {
  it('busyEvery: every Nth business call answers -1 system error', async () => {
    const { emulator: started, client, token } = await session({ faults: { busyEvery: 3 } })
    const answers = []
    for (let index = 0; index < 6; index++) answers.push(await count(client, token))
    expect(answers.map((answer) => answer['errcode'])).toEqual([undefined, undefined, -1, undefined, undefined, -1])
    expect(answers[2]).toEqual({ errcode: -1, errmsg: expect.stringMatching(/^system error rid: /) })
    expect(started.state.count('draft/count', -1)).toBe(2)
  })

  it('http5xxEvery: every Nth API request (token calls included) answers HTTP 502', async () => {
    const started = await emulator({ faults: { http5xxEvery: 2 } })
    const client = new WeixinTestClient(started.url)
    const token = await client.token()
    const failed = await client.request('GET', 'draft/count', { access_token: token })
    expect(failed.status).toBe(502)
    expect(failed.text).toContain('502 Bad Gateway')
    expect((await client.request('GET', 'draft/count', { access_token: token })).status).toBe(200)
    expect(started.state.calls.map((call) => call.status)).toEqual([200, 502, 200])
    expect(started.state.calls[1]?.errcode).toBeNull()
  })

  it('dropConnectionEvery: every Nth request loses its connection before any answer', async () => {
    const { emulator: started, client, token } = await session({ faults: { dropConnectionEvery: 2 } })
    await expect(count(client, token)).rejects.toThrow()
    expect(await count(client, token)).toEqual({ total_count: 0 })
    expect(started.state.calls.map((call) => call.status)).toEqual([200, null, 200])
  })

  it('expireTokenAfter: a token dies (42001) once it has served N business calls', async () => {
    const { emulator: started, client, token } = await session({ faults: { expireTokenAfter: 2 } })
    expect((await count(client, token))['total_count']).toBe(0)
    expect((await count(client, token))['total_count']).toBe(0)
    expect((await count(client, token))['errcode']).toBe(42001)
    expect((await count(client, token))['errcode']).toBe(42001)
    const fresh = await client.token()
    expect((await count(client, fresh))['total_count']).toBe(0)
    expect(started.state.count('draft/count', 42001)).toBe(2)
  })

  it('expireTokenAfter makes stable_token hand out a new token for the dead one', async () => {
    const started = await emulator({ faults: { expireTokenAfter: 1 } })
    const client = new WeixinTestClient(started.url)
    const first = (await client.stableToken())['access_token'] as string
    await count(client, first)
    expect((await count(client, first))['errcode']).toBe(42001)
    const second = (await client.stableToken())['access_token'] as string
    expect(second).not.toBe(first)
    expect((await count(client, second))['total_count']).toBe(0)
  })

  it('rotateTokenEvery: after every Nth business call the token it used dies (40001) and stable_token hands out the new one', async () => {
    const started = await emulator({ faults: { rotateTokenEvery: 2 } })
    const client = new WeixinTestClient(started.url)
    const first = (await client.stableToken())['access_token'] as string
    expect((await count(client, first))['total_count']).toBe(0)
    expect((await count(client, first))['total_count']).toBe(0) // the 2nd call is served, then the token rotates
    expect((await count(client, first))['errcode']).toBe(40001)
    expect(started.state.tokenRotations).toBe(1)
    const second = (await client.stableToken())['access_token'] as string
    expect(second).not.toBe(first)
    expect(started.state.tokensIssued).toHaveLength(1) // the rotated token was not handed to this client
    expect((await count(client, second))['total_count']).toBe(0)
    expect((await count(client, second))['total_count']).toBe(0)
    expect((await count(client, second))['errcode']).toBe(40001)
    // A classic token dies at once too (no five-minute grace: the other program's token replaced it).
    const classic = await client.token()
    await count(client, classic)
    expect((await count(client, classic))['total_count']).toBe(0)
    expect((await count(client, classic))['errcode']).toBe(40001)
    expect(started.state.tokenRotations).toBe(3)
  })

  it('loseAnswerAfter: the next request is carried out, its effect kept, and its answer lost; once', async () => {
    const { emulator: started, client, token } = await session()
    const cover = await uploadCover(client, token)
    started.setFaults({ loseAnswerAfter: 1 })
    expect((await count(client, token))['total_count']).toBe(0)
    await expect(client.post('draft/add', { articles: [article(cover)] }, token)).rejects.toThrow()
    expect(started.state.drafts.size).toBe(1) // Weixin made the draft; the client never heard
    expect(started.state.calls.at(-1)).toMatchObject({ path: '/cgi-bin/draft/add', status: null, errcode: 0, fault: 'answer-lost' })
    expect((await count(client, token))['total_count']).toBe(1)
  })

  it('crashAfter: N requests answered, then every request held, never carried out, until the faults change', async () => {
    const { emulator: started, client, token } = await session()
    const cover = await uploadCover(client, token)
    started.setFaults({ crashAfter: 1 })
    const crashed = started.whenCrashed()
    expect((await count(client, token))['total_count']).toBe(0)
    const held = client.post('draft/add', { articles: [article(cover)] }, token)
    await crashed
    expect(started.state.calls.at(-1)).toMatchObject({ path: '/cgi-bin/draft/add', status: null, errcode: null, fault: 'held' })
    started.setFaults({})
    await expect(held).rejects.toThrow()
    expect(started.state.drafts.size).toBe(0)
    expect((await count(client, token))['total_count']).toBe(0)
  })

  it('dailyQuota: after N business calls every further one answers 45009; tokens still come', async () => {
    const { client, token } = await session({ faults: { dailyQuota: 2 } })
    expect((await count(client, token))['total_count']).toBe(0)
    expect((await count(client, token))['total_count']).toBe(0)
    expect((await count(client, token))['errcode']).toBe(45009)
    expect(typeof (await client.token())).toBe('string')
    expect((await count(client, token))['errcode']).toBe(45009)
  })

  it('ipNotWhitelisted: every call, the token first, answers 40164 naming the IP', async () => {
    const started = await emulator({ faults: { ipNotWhitelisted: '203.0.113.7' } })
    const client = new WeixinTestClient(started.url)
    const answer = await client.get('token', { grant_type: 'client_credential', appid: DEMO_APP_ID, secret: DEMO_APP_SECRET })
    expect(answer['errcode']).toBe(40164)
    expect(answer['errmsg']).toMatch(/^invalid ip 203\.0\.113\.7 ipv6 ::ffff:203\.0\.113\.7, not in whitelist rid: /)
    expect((await client.stableToken())['errcode']).toBe(40164)
  })

  it('ipWhitelist: a call from an address outside the list answers 40164 naming that address; a listed one passes', async () => {
    const started = await emulator({ faults: { ipWhitelist: ['127.0.0.2'] } })
    const refused = await new WeixinTestClient(started.url).stableToken()
    expect(refused['errcode']).toBe(40164)
    expect(refused['errmsg']).toMatch(/^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist rid: /)
    const answer = await postJsonFrom('127.0.0.2', `${started.url}/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: DEMO_APP_ID, secret: DEMO_APP_SECRET })
    expect(typeof answer['access_token']).toBe('string')
  })

  it('latencyMs: answers still arrive, and close() does not wait for a delayed answer', async () => {
    const { emulator: started, client, token } = await session({ faults: { latencyMs: 20 } })
    expect(await count(client, token)).toEqual({ total_count: 0 })
    started.setFaults({ latencyMs: 60_000 })
    const pending = count(client, token)
    await new Promise((resolve) => setImmediate(resolve))
    await started.close()
    await expect(pending).rejects.toThrow()
  })

  it('commentsClosed: an article asking for comments answers 88000', async () => {
    const { client, token } = await session({ faults: { commentsClosed: true } })
    const cover = await uploadCover(client, token)
    expect((await client.post('draft/add', { articles: [article(cover, { need_open_comment: 1 })] }, token))['errcode']).toBe(88000)
    expect(await client.post('draft/add', { articles: [article(cover, { need_open_comment: 0 })] }, token)).toHaveProperty('media_id')
  })

  it('scripted: the next `times` calls to a path answer the given errcode, then it behaves', async () => {
    const { emulator: started, client, token } = await session()
    started.setFaults({
      scripted: [
        { path: 'media/uploadimg', errcode: 45011, times: 2 },
        { path: '/cgi-bin/draft/count', errcode: 45166, errmsg: 'invalid content hint: [x]' },
        { path: 'token', errcode: 89503 },
      ],
    })
    const upload = () => client.upload('media/uploadimg', token, { data: fixture('small.png'), filename: 'a.png' })
    expect((await upload())['errcode']).toBe(45011)
    expect((await upload())['errmsg']).toMatch(/^api minute-quota reach limit {2}mustslower {2}retry next minute rid: /)
    expect(await upload()).toHaveProperty('url')
    const scripted = await count(client, token)
    expect(scripted).toEqual({ errcode: 45166, errmsg: expect.stringMatching(/^invalid content hint: \[x\] rid: /) })
    expect(scripted['errmsg']).toMatch(ridPattern)
    expect(await count(client, token)).toEqual({ total_count: 0 })
    await expect(client.token()).rejects.toThrow(/89503/)
  })

  it('setFaults replaces the faults and restarts their counters', async () => {
    const { emulator: started, client, token } = await session({ faults: { busyEvery: 2 } })
    expect((await count(client, token))['errcode']).toBeUndefined()
    started.setFaults({ busyEvery: 2 })
    expect((await count(client, token))['errcode']).toBeUndefined()
    expect((await count(client, token))['errcode']).toBe(-1)
    started.setFaults({})
    for (let index = 0; index < 4; index++) expect((await count(client, token))['errcode']).toBeUndefined()
  })

  it.each([
    [{ busyEvery: 0 }, 'faults.busyEvery'],
    [{ dropConnectionEvery: 1.5 }, 'faults.dropConnectionEvery'],
    [{ latencyMs: -1 }, 'faults.latencyMs'],
    [{ rotateTokenEvery: 0 }, 'faults.rotateTokenEvery'],
    [{ loseAnswerAfter: -1 }, 'faults.loseAnswerAfter'],
    [{ crashAfter: 0.5 }, 'faults.crashAfter'],
    [{ dailyQuota: -1 }, 'faults.dailyQuota'],
    [{ ipNotWhitelisted: 'not an ip' }, 'faults.ipNotWhitelisted'],
    [{ ipWhitelist: ['127.0.0.2', 'nope'] }, 'faults.ipWhitelist[1]'],
    [{ ipWhitelist: '127.0.0.2' as unknown as string[] }, 'faults.ipWhitelist'],
    [{ publishFailure: { status: 1 } }, 'faults.publishFailure.status'],
    [{ scripted: [{ path: '', errcode: 1 }] }, 'faults.scripted[0].path'],
    [{ scripted: [{ path: 'token', errcode: 1, times: 0 }] }, 'faults.scripted[0].times'],
  ])('refuses the invalid fault %j naming %s', async (faults, name) => {
    const started = await emulator()
    expect(() => started.setFaults(faults as never)).toThrow(expect.objectContaining({ code: 'MDWX_INVALID_OPTION', message: expect.stringContaining(`for ${name}, got`) }))
  })
})
