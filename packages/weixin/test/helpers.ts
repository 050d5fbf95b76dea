import { startEmulator, type Emulator, type EmulatorOptions } from '@mdwx/emulator'
import { createWeixinClient, type StoredToken, type TokenStore, type WeixinArticle, type WeixinClient, type WeixinClientOptions } from '@mdwx/weixin'
import { afterEach, expect } from 'vitest'
import { JPEG } from './fixtures.js'

export const APP_ID = 'wx5e1f00c0ffee0042'
export const APP_SECRET = 'S3cr3t-5e1f00c0ffee0042-do-not-print'

/** Small delays, so retry tests take milliseconds, not minutes. */
export const FAST_RETRY = { minDelayMs: 1, maxDelayMs: 8, rateLimitDelayMs: 5 } as const

export interface Harness {
  emulator: Emulator
  client: WeixinClient
  /** Creates another client on the same emulator (closed after the test). */
  newClient(options?: Partial<WeixinClientOptions>): WeixinClient
}

/** Starts a fresh emulator and client per test and closes both afterwards. */
export function useEmulator(): (emulatorOptions?: EmulatorOptions, clientOptions?: Partial<WeixinClientOptions>) => Promise<Harness> {
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()))
  })
  return async (emulatorOptions = {}, clientOptions = {}) => {
    const emulator = await startEmulator({ appId: APP_ID, appSecret: APP_SECRET, ...emulatorOptions })
    closers.push(() => emulator.close())
    const newClient = (options: Partial<WeixinClientOptions> = {}): WeixinClient => {
      const client = createWeixinClient({ appId: APP_ID, appSecret: APP_SECRET, baseUrl: emulator.url, retry: FAST_RETRY, ...options })
      closers.push(() => client.close())
      return client
    }
    return { emulator, client: newClient(clientOptions), newClient }
  }
}

/** A TokenStore in memory that remembers what it was given (tests read the token from it). */
export function memoryStore(initial?: StoredToken): TokenStore & { tokens: Map<string, StoredToken>; sets: StoredToken[] } {
  const tokens = new Map<string, StoredToken>()
  if (initial !== undefined) tokens.set(APP_ID, initial)
  const sets: StoredToken[] = []
  return {
    tokens,
    sets,
    get: (appId) => tokens.get(appId),
    set: (appId, token) => {
      sets.push(token)
      tokens.set(appId, token)
    },
  }
}

/** A valid article whose cover is uploaded first, as Weixin requires a permanent thumb. */
export async function article(client: WeixinClient, overrides: Partial<WeixinArticle> = {}): Promise<WeixinArticle> {
  const { mediaId } = await client.addMaterial({ type: 'image', data: JPEG, filename: 'cover.jpg' })
  return { title: 'A title', content: '<p>Hello</p>', thumbMediaId: mediaId, ...overrides }
}

/** Awaits `promise`, expecting it to reject, and returns the error for closer inspection. */
export async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(outcome).toBeInstanceOf(Error)
  return outcome as Error & Record<string, unknown>
}
