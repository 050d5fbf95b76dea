import { createServer, request as forward } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CountingProxy {
  url: string
  /** The most requests to a path matching `watch` that were open at the same time. */
  maxInFlight(): number
  close(): Promise<void>
}

/**
 * A pass-through HTTP proxy in front of the emulator that watches how many requests to some paths
 * are open at once: concurrency seen from the wire, not from inside our code.
 */
export async function startCountingProxy(target: string, watch: RegExp): Promise<CountingProxy> {
  const upstream = new URL(target)
  let open = 0
  let max = 0
  const server = createServer((incoming, outgoing) => {
    const watched = watch.test(incoming.url ?? '')
    if (watched) max = Math.max(max, ++open)
    const done = () => {
      if (watched) open--
    }
    const proxied = forward(
      { host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
        answer.on('end', done)
      },
    )
    proxied.on('error', () => {
      done()
      outgoing.destroy()
    })
    incoming.pipe(proxied)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    maxInFlight: () => max,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
