import { expectOption, expectPositiveInteger, expectString } from '@mdwx/errors'
import type { TokenStore } from '@mdwx/weixin'
import type { Dispatcher } from 'undici'
import type { AccessLog } from './access-log.js'
import type { RateLimits } from './rate-limit.js'

export interface RelayAccount {
  appId: string
  appSecret: string
}

export interface RelayOptions {
  /** The accounts the relay calls Weixin for; a client names one with the X-Mdwx-Account header (its appid) when there are several. */
  accounts: readonly RelayAccount[]
  /** The bearer keys clients may present (at least 16 characters each). Give them from the environment or a file, never a command line. */
  keys: readonly string[]
  /** Default 127.0.0.1. Any other address needs `tls`, or `insecureHttp: true`. */
  host?: string | undefined
  /** Default 0: a free port. */
  port?: number | undefined
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer } | undefined
  /** Serve plain HTTP on a non-loopback address (behind a TLS-terminating proxy on the same host, say). */
  insecureHttp?: boolean | undefined
  /** Default https://api.weixin.qq.com (an emulator in tests). */
  weixinBaseUrl?: string | URL | undefined
  /** The local address calls to Weixin go out from, on a host with several (default: the system's choice). */
  localAddress?: string | undefined
  /** For calls to Weixin; default a private Agent (using `localAddress`) that close() closes. */
  dispatcher?: Dispatcher | undefined
  tokenEndpoint?: 'stable' | 'classic' | undefined
  tokenStore?: TokenStore | undefined
  /** Where JSON lines of the access log go (stdout for `mdwx relay`); default nowhere. */
  accessLog?: AccessLog | undefined
  /** Per client address (default 1,200 requests and 10 failed key checks a minute). */
  rateLimit?: Partial<RateLimits> | undefined
  /** A client must send its headers within this (default 10,000 ms): slow-loris clients are cut off. */
  headersTimeoutMs?: number | undefined
  /** A client must send its whole request within this (default 300,000 ms). */
  requestTimeoutMs?: number | undefined
  /** Per call to Weixin (default 30,000 ms; uploads 4 times that). */
  weixinTimeoutMs?: number | undefined
  /** Connections at once (default 256). */
  maxConnections?: number | undefined
}

export interface ResolvedRelayOptions {
  accounts: readonly RelayAccount[]
  keys: readonly string[]
  host: string
  port: number
  tls: { cert: string | Buffer; key: string | Buffer } | undefined
  insecureHttp: boolean
  weixinBaseUrl: URL
  localAddress: string | undefined
  dispatcher: Dispatcher | undefined
  tokenEndpoint: 'stable' | 'classic' | undefined
  tokenStore: TokenStore | undefined
  accessLog: AccessLog | undefined
  rateLimit: RateLimits
  headersTimeoutMs: number
  requestTimeoutMs: number
  weixinTimeoutMs: number
  maxConnections: number
}

export function resolveRelayOptions(options: RelayOptions): ResolvedRelayOptions {
  expectOption(typeof options === 'object' && options !== null, 'an options object', 'createRelay', options)
  expectOption(Array.isArray(options.accounts) && options.accounts.length > 0, 'at least one account ({ appId, appSecret })', 'accounts', options.accounts)
  const seen = new Set<string>()
  options.accounts.forEach((account, index) => {
    expectString(account?.appId, `accounts[${index}].appId`)
    // Never echo a secret back in the error: describe its type only.
    expectOption(typeof account.appSecret === 'string' && account.appSecret !== '', 'a non-empty string', `accounts[${index}].appSecret`, typeof account.appSecret)
    expectOption(!seen.has(account.appId), 'each appId once', `accounts[${index}].appId`, account.appId)
    seen.add(account.appId)
  })
  const host = options.host ?? '127.0.0.1'
  expectString(host, 'host')
  const port = options.port ?? 0
  expectOption(Number.isInteger(port) && port >= 0 && port <= 65_535, 'a port from 0 to 65535', 'port', port)
  if (options.tls !== undefined) {
    expectOption(typeof options.tls === 'object' && options.tls !== null && options.tls.cert !== undefined && options.tls.key !== undefined, 'an object with cert and key (PEM)', 'tls', typeof options.tls)
  }
  let weixinBaseUrl: URL | undefined
  try {
    weixinBaseUrl = new URL(String(options.weixinBaseUrl ?? 'https://api.weixin.qq.com'))
  } catch {
    weixinBaseUrl = undefined
  }
  expectOption(weixinBaseUrl !== undefined && /^https?:$/.test(weixinBaseUrl.protocol), 'an http(s) URL', 'weixinBaseUrl', options.weixinBaseUrl)
  if (options.localAddress !== undefined) expectOption(/^[0-9a-fA-F.:]{2,45}$/.test(String(options.localAddress)), 'an IP address', 'localAddress', options.localAddress)
  const number = (value: number | undefined, fallback: number, name: string): number => {
    const chosen = value ?? fallback
    expectPositiveInteger(chosen, name)
    return chosen
  }
  if (options.accessLog !== undefined) expectOption(typeof options.accessLog?.write === 'function', 'an object with a write(line) method', 'accessLog', options.accessLog)
  return {
    accounts: options.accounts,
    keys: options.keys,
    host,
    port,
    tls: options.tls,
    insecureHttp: options.insecureHttp === true,
    weixinBaseUrl: weixinBaseUrl!,
    localAddress: options.localAddress,
    dispatcher: options.dispatcher,
    tokenEndpoint: options.tokenEndpoint,
    tokenStore: options.tokenStore,
    accessLog: options.accessLog,
    rateLimit: {
      requestsPerMinute: number(options.rateLimit?.requestsPerMinute, 1_200, 'rateLimit.requestsPerMinute'),
      failedAuthPerMinute: number(options.rateLimit?.failedAuthPerMinute, 10, 'rateLimit.failedAuthPerMinute'),
    },
    headersTimeoutMs: number(options.headersTimeoutMs, 10_000, 'headersTimeoutMs'),
    requestTimeoutMs: number(options.requestTimeoutMs, 300_000, 'requestTimeoutMs'),
    weixinTimeoutMs: number(options.weixinTimeoutMs, 30_000, 'weixinTimeoutMs'),
    maxConnections: number(options.maxConnections, 256, 'maxConnections'),
  }
}
