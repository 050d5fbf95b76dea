import { startEmulator, type Emulator, type EmulatorOptions } from '@mdwx/emulator'
import { createRelay, type Relay, type RelayOptions } from '@mdwx/relay'
import { createWeixinClient, type WeixinClient, type WeixinClientOptions } from '@mdwx/weixin'
import { currentToken as tokenOf, RELAY_ADDRESS } from '../../../test/support/local-address.js'
import { afterEach } from 'vitest'

export const APP_ID = 'wx5e1f00c0ffee0099'
export const APP_SECRET = 'S3cr3t-relay-5e1f00c0ffee0099-never-printed'
export const KEY = 'k3y-0123456789abcdef0123456789abcdef'
/** The relay's outgoing address: Linux routes all of 127.0.0.0/8 to loopback, so the emulator can tell it from a client on 127.0.0.1. */
export { RELAY_ADDRESS }
export const FAST_RETRY = { minDelayMs: 1, maxDelayMs: 8, rateLimitDelayMs: 5 } as const

/** A 2×2 PNG (made with sharp). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWM4ISd3Qk6OAUIBAB8mBBGFRCvEAAAAAElFTkSuQmCC',
  'base64',
)

export interface RelayHarness {
  emulator: Emulator
  relay: Relay
  /** Access-log lines the relay wrote. */
  log: string[]
  /** A client that calls through the relay. */
  client(options?: Partial<WeixinClientOptions>): WeixinClient
}

/**
 * An emulator whose whitelist holds only the relay's outgoing address, and a relay in front of
 * it; everything is closed after the test.
 */
export function useRelay(): (emulatorOptions?: EmulatorOptions, relayOptions?: Partial<RelayOptions>) => Promise<RelayHarness> {
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
  })
  return async (emulatorOptions = {}, relayOptions = {}) => {
    const emulator = await startEmulator({ appId: APP_ID, appSecret: APP_SECRET, faults: { ipWhitelist: [RELAY_ADDRESS] }, ...emulatorOptions })
    closers.push(() => emulator.close())
    const log: string[] = []
    const relay = await createRelay({
      accounts: [{ appId: APP_ID, appSecret: APP_SECRET }],
      keys: [KEY],
      weixinBaseUrl: emulator.url,
      localAddress: RELAY_ADDRESS,
      accessLog: { write: (line: string) => log.push(line) },
      ...relayOptions,
    })
    closers.push(() => relay.close())
    const client = (options: Partial<WeixinClientOptions> = {}): WeixinClient => {
      const made = createWeixinClient({ relay: { url: relay.url, key: KEY }, retry: FAST_RETRY, ...options })
      closers.push(() => made.close())
      return made
    }
    return { emulator, relay, log, client }
  }
}

export const article = (title: string, thumbMediaId: string) => ({ title, content: `<p>${title}</p>`, thumbMediaId })

/** The account's current token, asked from the whitelisted address. */
export function currentToken(emulator: Emulator): Promise<string> {
  return tokenOf(emulator.url, { appId: APP_ID, appSecret: APP_SECRET })
}
