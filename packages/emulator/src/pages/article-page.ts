import type { EmulatorContext } from '../server/context.js'
import type { StoredArticle } from '../types.js'
import { escapeHtml, pageDocument } from './html.js'

/**
 * The Weixin app's article view, reduced to what affects layout: a 375 px column, the app's
 * text defaults, its rule that nothing inside the content may be wider than the column, and
 * code whitespace that survives only when made explicit.
 */
const css = `
html, body { margin: 0; background: #ededed; }
#article-page { width: 375px; box-sizing: border-box; margin: 0 auto; padding: 20px 16px 40px; background: #fff; min-height: 100vh;
  font-family: -apple-system-font, BlinkMacSystemFont, "Helvetica Neue", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei UI", "Microsoft YaHei", Arial, sans-serif; }
#article-tabs { font-size: 13px; margin-bottom: 12px; } #article-tabs a { color: #576b95; margin-right: 10px; }
#article-title { font-size: 22px; line-height: 1.4; margin: 0 0 14px; font-weight: 500; color: rgba(0,0,0,.9); }
#article-meta { font-size: 15px; color: rgba(0,0,0,.3); margin-bottom: 22px; }
#article-account { color: #576b95; margin-left: 8px; }
#article-cover img { width: 100%; display: block; margin-bottom: 16px; }
#article-content { font-size: 17px; line-height: 1.6; color: rgba(0,0,0,.9); overflow: hidden; text-align: justify; overflow-wrap: break-word; }
#article-content * { max-width: 100% !important; box-sizing: border-box !important; overflow-wrap: break-word !important; }
#article-content img { height: auto !important; }
/* Weixin keeps a code block's spaces and line breaks only when the element holding the text says
   white-space: pre inline (or they are written as &nbsp; and <br>): an inline style still wins here. */
#article-content pre, #article-content code { white-space: normal; }
#article-source { margin-top: 24px; font-size: 15px; } #article-source a { color: #576b95; }
`

/** One article of a group: `tabs` link to its siblings (empty for a single article). */
export function articlePage(context: EmulatorContext, article: StoredArticle, tabs: Array<{ href: string; title: string; current: boolean }>): string {
  const cover = article.show_cover_pic === 1 ? context.store.materials.get(article.thumb_media_id)?.url : undefined
  const tabLinks = tabs.map((tab) => `<a class="article-tab${tab.current ? ' current' : ''}" href="${escapeHtml(tab.href)}">${escapeHtml(tab.title)}</a>`).join('')
  const body = `<main id="article-page">
${tabs.length > 1 ? `<nav id="article-tabs">${tabLinks}</nav>` : ''}
<h1 id="article-title">${escapeHtml(article.title)}</h1>
<div id="article-meta"><span id="article-author">${escapeHtml(article.author)}</span><span id="article-account">mdwx emulator</span></div>
${cover === undefined ? '' : `<div id="article-cover"><img src="${escapeHtml(cover)}" alt=""></div>`}
<div id="article-content">${article.article_type === 'newspic' ? escapeHtml(article.content) : article.content}</div>
${article.content_source_url === '' ? '' : `<div id="article-source"><a href="${escapeHtml(article.content_source_url)}">阅读原文</a></div>`}
</main>`
  return pageDocument(article.title, css, body)
}
