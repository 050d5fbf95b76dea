import type { ServerResponse } from 'node:http'
import { fontPathPrefix } from '@mdwx/phone-frame'
import { imagePathPattern } from '../media/image-urls.js'
import { articlePage } from '../pages/article-page.js'
import { pageFonts } from '../pages/page-fonts.js'
import { escapeHtml, pageDocument } from '../pages/html.js'
import { indexPage } from '../pages/index-page.js'
import { placeholderPng } from '../pages/placeholder-image.js'
import type { ArticleGroupRecord, StoredArticle } from '../types.js'
import type { EmulatorContext } from './context.js'
import { send, sendHtml } from './respond.js'

/**
 * The pages a person (or a headless browser) looks at: GET / lists everything,
 * /draft/<media_id>?idx=N and /news/<media_id>?idx=N render an article (idx from 0),
 * /s/<article_id>?idx=N a published one (idx from 1, as Weixin's article URLs), the
 * uploaded images are served at their URLs, and the phone frame's fonts at /mdwx-fonts/ (by
 * their fixed names, when installed).
 */
export function handlePageRequest(context: EmulatorContext, method: string, url: URL, referer: string | undefined, response: ServerResponse): void {
  if (method !== 'GET' && method !== 'HEAD') {
    sendHtml(response, 405, notFound('Only GET is served here.'))
    return
  }
  const image = imagePathPattern.exec(url.pathname)
  if (image) {
    const served = context.store.servedImages.get(image[1] ?? '')
    if (served === undefined) sendHtml(response, 404, notFound('No such image.'))
    else if (isForeignPage(referer, context.url)) send(response, 200, 'image/png', placeholderPng())
    else send(response, 200, served.contentType, served.bytes)
    return
  }
  if (url.pathname === '/') {
    sendHtml(response, 200, indexPage(context))
    return
  }
  if (url.pathname.startsWith(fontPathPrefix)) {
    const served = pageFonts()?.serve(url.pathname) ?? Promise.resolve(undefined)
    served.then(
      (file) => (file ? send(response, 200, file.contentType, Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength)) : sendHtml(response, 404, notFound('No such font file.'))),
      () => sendHtml(response, 404, notFound('No such font file.')),
    )
    return
  }
  const match = /^\/(draft|news|s)\/([A-Za-z0-9_-]+)$/.exec(url.pathname)
  const page = match ? groupPage(context, match[1] ?? '', match[2] ?? '', url.searchParams.get('idx')) : undefined
  if (page === undefined) sendHtml(response, 404, notFound('Nothing here. The list of drafts is at /.'))
  else sendHtml(response, 200, page)
}

function groupPage(context: EmulatorContext, kind: string, id: string, idx: string | null): string | undefined {
  if (kind === 's') {
    const publish = [...context.store.publishes.values()].find((candidate) => candidate.status === 0 && candidate.articleId === id)
    if (publish === undefined) return undefined
    const index = idx === null ? 0 : Number(idx) - 1
    return renderArticle(context, publish.articles, index, (n) => `/s/${id}?idx=${n + 1}`)
  }
  const group: ArticleGroupRecord | undefined = (kind === 'draft' ? context.store.drafts : context.store.news).get(id)
  if (group === undefined) return undefined
  const index = idx === null ? 0 : Number(idx)
  return renderArticle(context, group.articles, index, (n) => `/${kind}/${id}?idx=${n}`)
}

function renderArticle(context: EmulatorContext, articles: readonly StoredArticle[], index: number, hrefOf: (index: number) => string): string | undefined {
  const article = Number.isInteger(index) ? articles[index] : undefined
  if (article === undefined) return undefined
  const tabs = articles.map((sibling, n) => ({ href: hrefOf(n), title: sibling.title, current: n === index }))
  return articlePage(context, article, tabs, pageFonts() !== undefined)
}

/**
 * Like mmbiz.qpic.cn: an image asked for by a page elsewhere (a local preview, a blog) gets a
 * placeholder. No Referer (a client, curl) or the emulator's own pages get the image.
 */
function isForeignPage(referer: string | undefined, emulatorUrl: string): boolean {
  if (referer === undefined || referer === '') return false
  try {
    const origin = new URL(referer).origin
    return origin !== emulatorUrl && origin !== 'https://mp.weixin.qq.com'
  } catch {
    return true
  }
}

function notFound(message: string): string {
  return pageDocument('Not found', 'body { font: 15px sans-serif; padding: 24px; }', `<p id="not-found">${escapeHtml(message)}</p>`)
}
