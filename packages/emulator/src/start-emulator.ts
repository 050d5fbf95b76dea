import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expectNonNegativeNumber, expectOneOf, expectOption, expectPositiveInteger, expectString } from '@mdwx/errors'
import { DEMO_APP_ID, DEMO_APP_SECRET, DEMO_OPENID } from './demo-credentials.js'
import { FaultPlan } from './faults/fault-plan.js'
import { handleApiRequest } from './server/api-dispatch.js'
import { apiRoutes } from './server/api-routes.js'
import type { EmulatorContext, PreviewSettings } from './server/context.js'
import { handlePageRequest } from './server/page-dispatch.js'
import { sendText } from './server/respond.js'
import { EmulatorStore } from './state/emulator-store.js'
import { TokenRegistry } from './tokens/token-registry.js'
import type { Emulator, EmulatorOptions, Faults } from './types.js'

/** Starts a Weixin API emulator on 127.0.0.1 and resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const settings = resolveOptions(options)
  const faults = new FaultPlan(options.faults)
  const store = new EmulatorStore(settings.now)
  const tokens = new TokenRegistry(settings.tokenTtlSeconds * 1000, settings.now)
  const closing = new AbortController()

  let context: EmulatorContext | undefined
  const server = createServer((request, response) => {
    if (context === undefined) return void request.socket.destroy()
    void handle(context, request, response, closing.signal)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(settings.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  context = {
    url,
    appId: settings.appId,
    appSecret: settings.appSecret,
    newsApi: settings.newsApi,
    imageBaseUrl: settings.imageBaseUrl ?? url,
    publishDelayMs: settings.publishDelayMs,
    previews: settings.previews,
    now: settings.now,
    store,
    tokens,
    faults,
  }

  let closed: Promise<void> | undefined
  return {
    url,
    state: store,
    setFaults: (next: Faults) => faults.set(next),
    whenCrashed: () => faults.whenCrashed(),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        closing.abort()
        server.close(() => resolve())
        server.closeAllConnections()
      })),
  }
}

async function handle(context: EmulatorContext, request: IncomingMessage, response: ServerResponse, closing: AbortSignal): Promise<void> {
  try {
    const url = new URL(request.url ?? '/', context.url)
    if (url.pathname.startsWith('/cgi-bin/')) await handleApiRequest(context, apiRoutes, request, response, url, closing)
    else handlePageRequest(context, request.method ?? 'GET', url, request.headers.referer, response)
  } catch (error) {
    // A bug in the emulator, not a Weixin answer: say so plainly instead of imitating Weixin.
    if (!response.headersSent) sendText(response, 500, `Emulator error: ${error instanceof Error ? error.message : String(error)}`)
    else response.destroy()
  }
}

interface ResolvedOptions {
  port: number
  appId: string
  appSecret: string
  newsApi: 'retired' | 'available'
  imageBaseUrl: string | undefined
  tokenTtlSeconds: number
  publishDelayMs: number
  previews: PreviewSettings
  now: () => number
}

function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  expectOption(typeof options === 'object' && options !== null, 'an options object', 'startEmulator options', options)
  const port = options.port ?? 0
  expectOption(Number.isInteger(port) && port >= 0 && port <= 65_535, 'a port from 0 to 65535', 'port', port)
  const appId = options.appId ?? DEMO_APP_ID
  expectString(appId, 'appId')
  const appSecret = options.appSecret ?? DEMO_APP_SECRET
  expectString(appSecret, 'appSecret')
  const newsApi = options.newsApi ?? 'retired'
  expectOneOf(newsApi, ['retired', 'available'], 'newsApi')
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 7200
  expectPositiveInteger(tokenTtlSeconds, 'tokenTtlSeconds')
  const publishDelayMs = options.publishDelayMs ?? 1500
  expectNonNegativeNumber(publishDelayMs, 'publishDelayMs')
  const now = options.now ?? Date.now
  expectOption(typeof now === 'function', 'a function returning milliseconds', 'now', now)
  let imageBaseUrl: string | undefined
  if (options.imageBaseUrl !== undefined) {
    expectOption(typeof options.imageBaseUrl === 'string' && /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/.test(options.imageBaseUrl), 'an http(s) URL without query', 'imageBaseUrl', options.imageBaseUrl)
    imageBaseUrl = options.imageBaseUrl.replace(/\/+$/, '')
  }
  return { port, appId, appSecret, newsApi, imageBaseUrl, tokenTtlSeconds, publishDelayMs, previews: previewSettings(options), now }
}

function previewSettings(options: EmulatorOptions): PreviewSettings {
  const quota = options.previewQuota ?? 100
  expectOption(Number.isInteger(quota) && quota >= 0, 'an integer of 0 or more', 'previewQuota', quota)
  const names = (value: unknown, name: string): readonly string[] => {
    expectOption(Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== ''), 'an array of non-empty strings', name, value)
    return value as readonly string[]
  }
  return {
    quota,
    unknownWxnames: new Set(names(options.unknownWxnames ?? [], 'unknownWxnames')),
    followerOpenids: new Set(names(options.followerOpenids ?? [DEMO_OPENID], 'followerOpenids')),
  }
}
