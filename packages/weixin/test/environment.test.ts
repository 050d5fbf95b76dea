import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { startEmulator } from '@mdwx/emulator'
import { WeixinCredentialsError, createWeixinClient, weixinCredentialsFrom, weixinFromEnv } from '@mdwx/weixin'
import { afterAll, describe, expect, it } from 'vitest'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'
import { APP_ID, APP_SECRET } from './helpers.js'

afterAll(removeTempDirs)

/** The error a call throws (the test fails when it throws none). */
async function failure(run: () => unknown): Promise<WeixinCredentialsError> {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(WeixinCredentialsError)
    return error as WeixinCredentialsError
  }
  throw new Error('Expected a WeixinCredentialsError, got none')
}

describe('weixinFromEnv: the settings the mdwx CLI reads', () => {
  it('reads .env in cwd, the environment winning over it, and the client it makes talks to the emulator', async () => {
    const emulator = await startEmulator({ appId: APP_ID, appSecret: APP_SECRET })
    try {
      const cwd = await createTempDir('weixin-env')
      await writeFile(path.join(cwd, '.env'), `WEIXIN_APPID=${APP_ID}\nWEIXIN_APPSECRET=not-the-secret\nWEIXIN_API_BASE=${emulator.url}\n`)
      const options = await weixinFromEnv({ cwd, env: { WEIXIN_APPSECRET: APP_SECRET } })
      expect(options).toEqual({ appId: APP_ID, appSecret: APP_SECRET, baseUrl: emulator.url })
      const client = createWeixinClient(options)
      try {
        expect(await client.getMaterialCount()).toMatchObject({ image: 0 })
      } finally {
        await client.close()
      }
      expect(emulator.state.count('stable_token')).toBe(1)
    } finally {
      await emulator.close()
    }
  })

  it('without a .env: the environment alone; a token as is; a relay before anything else', async () => {
    const cwd = await createTempDir('weixin-env-none')
    expect(await weixinFromEnv({ cwd, env: { WEIXIN_ACCESS_TOKEN: ' t0ken ', WEIXIN_APPSECRET: APP_SECRET } })).toEqual({ accessToken: 't0ken' })
    expect(await weixinFromEnv({ cwd, env: { MDWX_RELAY: 'https://relay.example.org', MDWX_RELAY_KEY: 'k', WEIXIN_APPID: APP_ID, WEIXIN_APPSECRET: APP_SECRET } })).toEqual({
      appId: APP_ID,
      relay: { url: 'https://relay.example.org', key: 'k' },
    })
  })

  it('what is missing is named, never a value: MDWX_CREDENTIALS', async () => {
    const cwd = await createTempDir('weixin-env-missing')
    const missing = await failure(() => weixinFromEnv({ cwd, env: { WEIXIN_APPSECRET: APP_SECRET, WEIXIN_APPID: '  ' } }))
    expect(missing.code).toBe('MDWX_CREDENTIALS')
    expect(missing.missing).toEqual(['WEIXIN_APPID'])
    expect(missing.message).toBe('Missing credentials: set WEIXIN_APPID (or WEIXIN_ACCESS_TOKEN).')
    expect(`${missing.message} ${missing.hint} ${JSON.stringify(missing)}`).not.toContain(APP_SECRET)

    const halfRelay = await failure(() => weixinCredentialsFrom({ MDWX_RELAY_KEY: 'relay-key-not-to-print' }))
    expect(halfRelay.missing).toEqual(['MDWX_RELAY'])
    expect(`${halfRelay.message} ${halfRelay.hint}`).not.toContain('relay-key-not-to-print')
    expect((await failure(() => weixinCredentialsFrom({ MDWX_RELAY: 'https://relay.example.org' }))).missing).toEqual(['MDWX_RELAY_KEY'])
    expect((await failure(() => weixinCredentialsFrom({ MDWX_RELAY: 'relay.example.org', MDWX_RELAY_KEY: 'k' }))).message).toBe('Expected an http(s) URL for MDWX_RELAY, got "relay.example.org".')
  })
})
