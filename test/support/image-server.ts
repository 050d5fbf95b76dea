import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ImageServer {
  /** `http://127.0.0.1:<port>` */
  url: string
  /** How many requests each path received. */
  requests: Map<string, number>
  close(): Promise<void>
}

/** Serves pictures over HTTP on loopback, as a CDN or a blog's image host would. */
export async function startImageServer(files: Record<string, { body: Buffer; type: string }>): Promise<ImageServer> {
  const requests = new Map<string, number>()
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    requests.set(path, (requests.get(path) ?? 0) + 1)
    const file = files[path]
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    response.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length }).end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
