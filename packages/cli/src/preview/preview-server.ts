import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { FontFiles } from '@mdwx/phone-frame'
import { articlePage, indexPage, type PageLinks } from '../preview-page.js'
import type { PreviewArticle, PreviewSite } from './preview-site.js'

/** The path of a page's server-sent events; the page is named by `?article=<key>` (none: the folder's index) and `&v=<version it shows>`. */
const eventsPath = '/_mdwx/events'

export interface PreviewServerOptions {
  site: PreviewSite
  /** true: `/` is the folder's index and each article is at `/article/<key>`; false: `/` is the one article. */
  folder: boolean
  cwd: string
  /** The CJK font files, when installed (served at `/mdwx-fonts/`). */
  fonts: FontFiles | undefined
  onFailure: (error: unknown) => void
}

/**
 * The preview's HTTP server (listen on 127.0.0.1 only). It serves the pages, their events, the
 * normalised pictures of the articles shown (`/assets/<hash>.<ext>`), the font files and nothing
 * else: every path is looked up in what the preview holds (an article by its key, a picture by
 * its name, a font by its fixed name), never joined to a folder, so no URL reaches another file.
 * Requests naming another host are refused, so a web page cannot reach it through a DNS name
 * that points at 127.0.0.1.
 */
export function createPreviewServer(options: PreviewServerOptions): Server {
  const { site, folder, cwd, fonts } = options
  const links = (article: PreviewArticle | undefined, version: number): PageLinks => ({
    eventsUrl: `${eventsPath}?${new URLSearchParams({ ...(article ? { article: article.key } : {}), v: String(version) }).toString()}`,
    ...(folder && article ? { indexUrl: '/' } : {}),
    fonts: fonts !== undefined,
  })
  const notFound = (response: ServerResponse) => response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
  const html = (response: ServerResponse, page: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page)

  /** The article a page path names: `/` of a one-file preview, `/article/<key>` of a folder's. */
  const articleAt = (pathname: string): PreviewArticle | undefined => {
    if (!folder) return pathname === '/' ? site.articles()[0] : undefined
    if (!pathname.startsWith('/article/')) return undefined
    const key = decoded(pathname.slice('/article/'.length))
    return key === undefined ? undefined : site.article(key)
  }

  const handle = async (request: IncomingMessage, response: ServerResponse, port: number) => {
    const host = request.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return response.writeHead(403, { 'content-type': 'text/plain' }).end('mdwx preview answers only at 127.0.0.1')
    if (request.method !== 'GET' && request.method !== 'HEAD') return response.writeHead(405, { allow: 'GET, HEAD' }).end()
    const target = request.url ?? '/'
    // Only a path: a proxy's absolute URL, or a path that climbs (`/../x`, which URL parsing would quietly resolve), is nothing here.
    if (!target.startsWith('/') || target.split(/[?#]/)[0]!.split('/').some((segment) => decoded(segment) === undefined || ['.', '..'].includes(decoded(segment)!))) return notFound(response)
    const url = new URL(target, 'http://127.0.0.1')
    const { pathname } = url

    if (pathname === eventsPath) {
      const key = url.searchParams.get('article')
      const article = key === null ? undefined : site.article(key)
      if ((key === null && !folder) || (key !== null && !article)) return notFound(response)
      return site.subscribe(article, Number(url.searchParams.get('v')), request, response)
    }
    if (pathname.startsWith('/assets/')) {
      const name = decoded(pathname.slice('/assets/'.length))
      const asset = name === undefined ? undefined : site.asset(name)
      if (!asset) return notFound(response)
      // Named by the hash of the picture's source: a name always means the same bytes.
      return response.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=31536000, immutable' }).end(asset.data)
    }
    if (fonts && pathname.startsWith('/mdwx-fonts/')) {
      const font = await fonts.serve(pathname)
      if (!font) return notFound(response)
      return response.writeHead(200, { 'content-type': font.contentType, 'cache-control': 'public, max-age=31536000, immutable' }).end(font.data)
    }
    if (folder && pathname === '/') {
      const index = await site.index()
      return html(response, indexPage(index, cwd, links(undefined, index.version)))
    }
    const article = articleAt(pathname)
    if (!article) return notFound(response)
    const shown = await site.show(article)
    return html(response, articlePage(shown, cwd, links(article, shown.version)))
  }

  const server = createServer((request, response) => {
    const address = server.address()
    const port = typeof address === 'object' && address !== null ? address.port : 0
    handle(request, response, port).catch((error: unknown) => {
      options.onFailure(error)
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('mdwx preview failed: see the terminal')
      else response.end()
    })
  })
  return server
}

/** A URL-encoded piece of a path, decoded; undefined when it is not valid encoding. */
function decoded(piece: string): string | undefined {
  try {
    return decodeURIComponent(piece)
  } catch {
    return undefined
  }
}
