import { InvalidOptionError } from '@mdwx/errors'
import { WeixinClientClosedError, createWeixinClient, type RequestInfo, type WeixinClientOptions } from '@mdwx/weixin'
import { Agent } from 'undici'
import { describe, expect, it } from 'vitest'
import { APP_ID, APP_SECRET, failure, useEmulator } from './helpers.js'

const start = useEmulator()

const base: WeixinClientOptions = { appId: APP_ID, appSecret: APP_SECRET }

describe('createWeixinClient options', () => {
  it.each<[string, WeixinClientOptions, string]>([
    ['no credentials', {}, 'Expected exactly one of appSecret, accessToken, getAccessToken for credentials, got "0 of them"'],
    ['two kinds of credentials', { ...base, accessToken: 'abcdefgh' }, 'Expected exactly one of appSecret, accessToken, getAccessToken for credentials, got "2 of them"'],
    ['a secret without appId', { appSecret: APP_SECRET }, 'Expected a non-empty string for appId, got undefined'],
    ['an accessToken that is not a string', { accessToken: 42 as unknown as string }, 'Expected a non-empty string for accessToken, got "number"'],
    ['a baseUrl that is not http(s)', { ...base, baseUrl: 'ftp://example.com' }, 'Expected an http(s) URL for baseUrl, got "ftp://example.com"'],
    ['a baseUrl with a query', { ...base, baseUrl: 'https://relay.example/?x=1' }, 'Expected a URL without query or fragment for baseUrl, got "https://relay.example/?x=1"'],
    ['an unknown token endpoint', { ...base, tokenEndpoint: 'fast' as 'stable' }, "Expected one of 'stable', 'classic' for tokenEndpoint, got \"fast\""],
    ['a store with a token from elsewhere', { accessToken: 'abcdefgh', tokenStore: { get: () => undefined, set: () => undefined } }, 'Expected appId and appSecret for tokenStore, got "accessToken"'],
    ['a store without set', { ...base, tokenStore: { get: () => undefined } as never }, 'Expected an object with get and set methods for tokenStore, got an object'],
    ['a dispatcher that is not one', { ...base, dispatcher: {} as never }, 'Expected an undici Dispatcher for dispatcher, got an object'],
    ['negative retries', { ...base, retry: { maxRetries: -1 } }, 'Expected a whole number of 0 or more for retry.maxRetries, got -1'],
    ['a negative delay', { ...base, retry: { minDelayMs: -5 } }, 'Expected a number of 0 or more for retry.minDelayMs, got -5'],
    ['a zero timeout', { ...base, timeoutMs: 0 }, 'Expected a number of milliseconds above 0 for timeoutMs, got 0'],
    ['a signal that is not one', { ...base, signal: {} as AbortSignal }, 'Expected an AbortSignal for signal, got an object'],
    ['an observer that is not a function', { ...base, onRequest: 'log' as never }, 'Expected a function for onRequest, got "log"'],
    ['a relay without a key', { relay: { url: 'https://relay.example', key: '' } }, 'Expected a non-empty string (MDWX_RELAY_KEY) for relay.key, got "string"'],
    ['a relay key that is not a string', { relay: { url: 'https://relay.example', key: 42 as unknown as string } }, 'Expected a non-empty string (MDWX_RELAY_KEY) for relay.key, got "number"'],
    ['a relay and a secret', { ...base, relay: { url: 'https://relay.example', key: 'k'.repeat(20) } }, 'Expected no appSecret, accessToken, getAccessToken, baseUrl or tokenStore (the relay holds the credentials) for relay, got "appSecret"'],
    ['a relay and a baseUrl', { relay: { url: 'https://relay.example', key: 'k'.repeat(20) }, baseUrl: 'https://api.weixin.qq.com' }, 'for relay, got "baseUrl"'],
    ['a relay URL that is not http(s)', { relay: { url: 'ftp://relay.example', key: 'k'.repeat(20) } }, 'Expected an http(s) URL for relay.url, got "ftp://relay.example"'],
  ])('rejects %s', (_, options, message) => {
    expect(() => createWeixinClient(options)).toThrowError(InvalidOptionError)
    expect(() => createWeixinClient(options)).toThrowError(message)
  })

  it('uses a dispatcher it is given and leaves it open on close', async () => {
    const { emulator } = await start()
    const agent = new Agent()
    const client = createWeixinClient({ ...base, baseUrl: emulator.url, dispatcher: agent })
    await client.getMaterialCount()
    await client.close()
    expect(agent.closed).toBe(false)
    await agent.close()
  })

  it('close() ends the client: later calls fail with MDWX_WEIXIN_CLOSED', async () => {
    const { client, emulator } = await start()
    await client.getMaterialCount()
    await client.close()
    const error = await failure(client.getMaterialCount())
    expect(error).toBeInstanceOf(WeixinClientClosedError)
    expect(error).toMatchObject({ code: 'MDWX_WEIXIN_CLOSED' })
    expect(emulator.state.count('material/get_materialcount')).toBe(1)
  })

  it('accepts a baseUrl with a path prefix (a relay)', async () => {
    const { emulator, newClient } = await start()
    const client = newClient({ baseUrl: `${emulator.url}/relay`, retry: { maxRetries: 0 } })
    // The emulator serves /cgi-bin at its root only, so the prefixed path is refused: proof the prefix was used.
    const error = await failure(client.getMaterialCount())
    expect(error).toMatchObject({ code: 'MDWX_WEIXIN_NETWORK', failure: 'http-status', retryable: false, endpoint: 'stable_token' })
    expect(error['httpStatus']).toBeGreaterThanOrEqual(400)
    expect(emulator.state.calls).toHaveLength(0)
  })

  it('onRequest sees every request, without tokens; its exceptions do not change the outcome', async () => {
    const seen: RequestInfo[] = []
    const { client } = await start(
      {},
      {
        onRequest: (info) => {
          seen.push(info)
          throw new Error('observer bug')
        },
      },
    )
    const counts = await client.getMaterialCount()
    expect(counts).toEqual({ image: 0, voice: 0, video: 0, news: 0 })
    expect(seen).toEqual([
      { endpoint: 'stable_token', attempt: 1, ok: true, willRetry: false },
      { endpoint: 'material/get_materialcount', attempt: 1, ok: true, willRetry: false },
    ])
  })
})
