import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fontPathPrefix, type FontFiles } from '@mdwx/phone-frame'

/** A file a page may load, by its path on the page's origin. */
export interface PageFile {
  data: Uint8Array
  contentType: string
}

export interface ServedDocument {
  url: string
  /** What the document may load from now on (a tab that shows one page after another). */
  setFiles(files: ReadonlyMap<string, PageFile> | undefined): void
  release(): void
}

export interface PageServer {
  /** `http://127.0.0.1:<port>`: the origin of every page, and the address pages may reach. */
  origin: string
  /** Serves `html` at a URL of its own until released; `files` to that document only (replaced by setFiles). */
  register(html: string, files: ReadonlyMap<string, PageFile> | undefined): ServedDocument
  close(): Promise<void>
}

const documentPath = /^\/p\/([0-9a-f]{32})\/$/

/**
 * The only server a page talks to, on loopback: its document, the files it was given, and the
 * font files. Contexts also use it as their HTTP proxy, so a request for any other address
 * reaches it too and is refused: pages are offline. Served over plain HTTP rather than through
 * Playwright's request interception, which turns the browser's cache off: the font files
 * (immutable) are then fetched once per run, not once per tab.
 */
export async function startPageServer(fonts: FontFiles): Promise<PageServer> {
  const pages = new Map<string, { html: string; files: ReadonlyMap<string, PageFile> | undefined }>()
  const server = createServer((request, response) => {
    const target = request.url ?? '/'
    // A proxied request (absolute URL) is for some other address: refused.
    if (!target.startsWith('/')) return response.writeHead(403, { 'content-type': 'text/plain' }).end('mdwx: pages are offline')
    const url = new URL(target, 'http://localhost')
    if (url.pathname.startsWith(fontPathPrefix)) {
      // The compact font's WOFF files and, when installed, the full font's WOFF2 (phone-frame's cjk-fonts.ts).
      fonts.serve(url.pathname).then(
        (served) => {
          if (!served) return response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
          response.writeHead(200, { 'content-type': served.contentType, 'cache-control': 'public, max-age=31536000, immutable' }).end(served.data)
        },
        () => response.writeHead(500).end(),
      )
      return
    }
    const token = documentPath.exec(url.pathname)?.[1]
    if (token !== undefined) {
      const page = pages.get(token)
      if (!page) return response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page.html)
    }
    // A file of the document it is asked from (same origin: the referrer is the document's URL).
    const referrer = request.headers.referer === undefined ? undefined : documentPath.exec(new URL(request.headers.referer, 'http://localhost').pathname)?.[1]
    const file = referrer === undefined ? undefined : pages.get(referrer)?.files?.get(decodeURIComponent(url.pathname))
    if (!file) return response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    response.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' }).end(file.data)
  })
  // https and WebSocket requests through the proxy: refused as well.
  server.on('connect', (_request, socket) => socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    register(html, files) {
      const token = randomBytes(16).toString('hex')
      const page = { html, files }
      pages.set(token, page)
      return {
        url: `${origin}/p/${token}/`,
        setFiles: (replacement) => void (page.files = replacement),
        release: () => void pages.delete(token),
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
