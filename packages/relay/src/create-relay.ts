import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { Socket } from 'node:net'
import { createAccessTokenSource } from '@mdwx/weixin'
import { Agent, type Dispatcher } from 'undici'
import { writeEntry } from './access-log.js'
import { handleRequest, type RelayAccountState, type RelayContext } from './handle-request.js'
import { KeyRing } from './keys.js'
import { checkTransport } from './listen-guard.js'
import { resolveRelayOptions, type RelayOptions } from './options.js'
import { AddressLimiter } from './rate-limit.js'
import { clientAddress } from './respond.js'

export interface Relay {
  /** `http(s)://host:port`: what clients set as MDWX_RELAY. */
  readonly url: string
  /** The appids it serves. */
  readonly appIds: readonly string[]
  /** Stops accepting, ends open connections, closes what the relay opened. */
  close(): Promise<void>
}

/**
 * Starts a relay: Weixin calls from clients that present a key go out from this host, with this
 * host's token, so only this host needs to be on the account's IP whitelist and to hold the
 * AppSecret. Resolves once it listens.
 */
export async function createRelay(options: RelayOptions): Promise<Relay> {
  const resolved = resolveRelayOptions(options)
  const keys = new KeyRing(resolved.keys)
  checkTransport(resolved.host, resolved.tls !== undefined, resolved.insecureHttp)
  const ownAgent: Agent | undefined =
    resolved.dispatcher === undefined
      ? new Agent({ connect: { timeout: resolved.weixinTimeoutMs }, ...(resolved.localAddress === undefined ? {} : { localAddress: resolved.localAddress }) })
      : undefined
  const dispatcher: Dispatcher = resolved.dispatcher ?? ownAgent!
  const accounts = new Map<string, RelayAccountState>()
  for (const account of resolved.accounts) {
    accounts.set(account.appId, {
      appId: account.appId,
      tokens: createAccessTokenSource({
        appId: account.appId,
        appSecret: account.appSecret,
        baseUrl: resolved.weixinBaseUrl,
        dispatcher,
        tokenEndpoint: resolved.tokenEndpoint,
        tokenStore: resolved.tokenStore,
        timeoutMs: resolved.weixinTimeoutMs,
      }),
    })
  }
  const context: RelayContext = {
    accounts,
    keys,
    limiter: new AddressLimiter(resolved.rateLimit),
    accessLog: resolved.accessLog,
    dispatcher,
    weixin: { origin: resolved.weixinBaseUrl.origin, basePath: resolved.weixinBaseUrl.pathname.replace(/\/+$/, '') },
    weixinTimeoutMs: resolved.weixinTimeoutMs,
    startedAt: Date.now(),
  }
  const serverOptions = {
    headersTimeout: resolved.headersTimeoutMs,
    requestTimeout: resolved.requestTimeoutMs,
    // How often Node looks for clients over those limits (its default, 30 s, would let a slow-loris client sit far past them).
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(resolved.headersTimeoutMs / 4))),
    keepAliveTimeout: 5_000,
    maxHeaderSize: 16 * 1024,
  }
  const listener = (request: IncomingMessage, response: ServerResponse) => void handleRequest(context, request, response)
  const server: Server = resolved.tls === undefined ? createHttpServer(serverOptions, listener) : createHttpsServer({ ...serverOptions, cert: resolved.tls.cert, key: resolved.tls.key }, listener)
  server.maxConnections = resolved.maxConnections
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    // Malformed requests, oversized headers, clients too slow with theirs: answered and cut off, logged, never a crash.
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
    writeEntry(resolved.accessLog, { time: new Date().toISOString(), address: clientAddress(socket), method: '-', endpoint: '-', status, durationMs: 0, refused: error.code ?? 'bad-request' })
    if (socket.writable && !socket.destroyed) socket.end(`HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    socket.destroy()
  })
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : resolved.port
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host
  return {
    url: `${resolved.tls === undefined ? 'http' : 'https'}://${host}:${port}`,
    appIds: [...accounts.keys()],
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      await closed
      await Promise.all([...accounts.values()].map((account) => account.tokens.close()))
      await ownAgent?.close()
    },
  }
}
