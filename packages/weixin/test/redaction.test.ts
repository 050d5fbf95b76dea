import { inspect } from 'node:util'
import type { RequestInfo } from '@mdwx/weixin'
import { describe, expect, it } from 'vitest'
import { PNG } from './fixtures.js'
import { APP_SECRET, failure, memoryStore, useEmulator } from './helpers.js'

const start = useEmulator()

/** Every text an error can leak through: message, hint, stack, JSON, inspect, its cause's text. */
function everyTextOf(error: Error): string {
  const cause = error.cause
  return [
    error.message,
    String(error),
    error.stack ?? '',
    String((error as { hint?: unknown }).hint),
    JSON.stringify(error),
    inspect(error, { depth: 5 }),
    String(cause),
    cause instanceof Error ? (cause.stack ?? '') : '',
    JSON.stringify(cause) ?? '',
  ].join('\n')
}

function expectNoSecrets(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(text).not.toContain(secret)
  expect(text).not.toMatch(/access_token=(?!\[redacted\])[^&\s"']+/)
  expect(text).not.toMatch(/secret=(?!\[redacted\])[^&\s"']+/)
}

describe('secrets never reach errors or observers', () => {
  it('no provoked error carries the secret or a token', async () => {
    const store = memoryStore()
    const seen: RequestInfo[] = []
    const { client, emulator, newClient } = await start({}, { tokenStore: store, onRequest: (info) => seen.push(info), timeoutMs: 200 })
    await client.getMaterialCount()
    const token = store.tokens.values().next().value?.accessToken ?? ''
    expect(token.length).toBeGreaterThan(10)

    const errors: Error[] = []
    // Weixin's answer to a business call.
    errors.push(await failure(client.getDraft('no-such-draft')))
    // A dropped connection (cause: undici's socket error).
    emulator.setFaults({ dropConnectionEvery: 1 })
    errors.push(await failure(client.uploadArticleImage({ data: PNG })))
    // HTTP 502 from a "gateway".
    emulator.setFaults({ http5xxEvery: 1 })
    errors.push(await failure(client.getMaterialCount()))
    // A timeout.
    emulator.setFaults({ latencyMs: 2_000 })
    errors.push(await failure(client.getMaterialCount()))
    emulator.setFaults({})
    // The token endpoint: the classic one carries the secret in its URL.
    const classic = newClient({ tokenEndpoint: 'classic' })
    emulator.setFaults({ dropConnectionEvery: 1 })
    errors.push(await failure(classic.getMaterialCount()))
    emulator.setFaults({})
    // A wrong secret is still a secret.
    errors.push(await failure(newClient({ appSecret: `${APP_SECRET}-typo` }).getMaterialCount()))
    // A given token that Weixin rejects.
    errors.push(await failure(newClient({ appId: undefined, appSecret: undefined, accessToken: `${token}x` }).getMaterialCount()))
    // Connection refused.
    await emulator.close()
    errors.push(await failure(client.getMaterialCount()))

    expect(new Set(errors.map((error) => (error as { code?: string }).code))).toEqual(new Set(['MDWX_WEIXIN_API', 'MDWX_WEIXIN_NETWORK']))
    expect(errors.filter((error) => error.cause !== undefined).length).toBeGreaterThanOrEqual(3)
    for (const error of errors) expectNoSecrets(everyTextOf(error), [APP_SECRET, `${APP_SECRET}-typo`, token])
    expectNoSecrets(JSON.stringify(seen), [APP_SECRET, token])
    expect(seen.length).toBeGreaterThan(10)
  })

  it('still masks the secret after many tokens have come and gone', async () => {
    const { client, emulator } = await start({ faults: { expireTokenAfter: 1 } }, { tokenEndpoint: 'classic' })
    for (let call = 0; call < 80; call++) await client.getMaterialCount()
    expect(emulator.state.tokensIssued.length).toBeGreaterThan(70)
    emulator.setFaults({ scripted: [{ path: 'material/get_materialcount', errcode: 40097, errmsg: `invalid args: ${APP_SECRET}` }] })
    const error = await failure(client.getMaterialCount())
    expect(error).toMatchObject({ errcode: 40097 })
    expectNoSecrets(everyTextOf(error), [APP_SECRET])
  })

  it('an option error does not echo a token', async () => {
    const { newClient } = await start()
    const error = await failure(Promise.resolve().then(() => newClient({ accessToken: 'tok-123456789', appSecret: undefined, getAccessToken: () => 'x' })))
    expect(error).toMatchObject({ code: 'MDWX_INVALID_OPTION' })
    expect(everyTextOf(error)).not.toContain('tok-123456789')
  })
})
