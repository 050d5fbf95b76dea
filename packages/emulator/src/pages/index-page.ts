import type { EmulatorContext } from '../server/context.js'
import { newestFirst } from '../state/newest-first.js'
import type { ArticleGroupRecord, PreviewRecord, PublishRecord } from '../types.js'
import { escapeHtml, pageDocument } from './html.js'

const css = `
body { font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Helvetica Neue", "PingFang SC", sans-serif; margin: 0 auto; max-width: 760px; padding: 24px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #eee; }
ul { padding-left: 0; list-style: none; } li { padding: 6px 0; border-bottom: 1px solid #f3f3f3; }
.meta, .empty { color: #888; font-size: 13px; } a { color: #576b95; }
`

const statusNames: Readonly<Record<number, string>> = {
  0: 'published',
  1: 'publishing',
  2: 'originality check failed',
  3: 'failed',
  4: 'rejected by review',
  5: 'deleted',
  6: 'banned',
}

/** GET /: what the account holds, newest first, each linking to its rendering. */
export function indexPage(context: EmulatorContext): string {
  const { store } = context
  const drafts = newestFirst(store.drafts.values(), (group) => group.updatedAt)
  const news = newestFirst(store.news.values(), (group) => group.updatedAt)
  const publishes = newestFirst(store.publishes.values(), (record) => record.submittedAt)
  const body = `<header id="emulator-header">
<h1>mdwx Weixin emulator</h1>
<p class="meta">appid <code id="emulator-appid">${escapeHtml(context.appId)}</code> · API base <code id="emulator-url">${escapeHtml(context.url)}</code> · add_news ${context.newsApi} · <span id="emulator-uploads">${store.images.length} article images, ${store.materials.size} materials</span></p>
</header>
<section id="drafts">
<h2>Drafts (<span id="draft-count">${drafts.length}</span>)</h2>
${groupList('draft-list', 'draft', drafts)}
</section>
<section id="news">
<h2>News materials (<span id="news-count">${news.length}</span>)</h2>
${groupList('news-list', 'news', news)}
</section>
<section id="publishes">
<h2>Publishes (<span id="publish-count">${publishes.length}</span>)</h2>
${publishList(publishes)}
</section>
<section id="previews">
<h2>Previews sent to phones (<span id="preview-count">${store.previews.length}</span>)</h2>
${previewList(context, [...store.previews].reverse())}
</section>`
  return pageDocument('mdwx Weixin emulator', css, body)
}

function groupList(id: string, kind: 'draft' | 'news', groups: readonly ArticleGroupRecord[]): string {
  if (groups.length === 0) return `<p class="empty" id="${id}-empty">None yet.</p>`
  const items = groups.map((group) => {
    const links = group.articles
      .map((article, index) => `<a class="${kind}-link" href="/${kind}/${group.mediaId}?idx=${index}">${escapeHtml(article.title)}</a>`)
      .join(' · ')
    return `<li class="${kind}-item" data-media-id="${group.mediaId}">${links} <span class="meta">${group.articles.length} article(s) · ${new Date(group.updatedAt).toISOString()}</span></li>`
  })
  return `<ul id="${id}">\n${items.join('\n')}\n</ul>`
}

function publishList(publishes: readonly PublishRecord[]): string {
  if (publishes.length === 0) return '<p class="empty" id="publish-list-empty">None yet.</p>'
  const items = publishes.map((publish) => {
    const status = statusNames[publish.status] ?? String(publish.status)
    const links =
      publish.status === 0
        ? publish.articleUrls.map((url, index) => `<a class="publish-link" href="${escapeHtml(url)}">${escapeHtml(publish.articles[index]?.title ?? url)}</a>`).join(' · ')
        : escapeHtml(publish.articles.map((article) => article.title).join(' · '))
    return `<li class="publish-item" data-publish-id="${publish.publishId}" data-status="${publish.status}">${links} <span class="meta">publish_id ${publish.publishId} · <span class="publish-status">${status}</span></span></li>`
  })
  return `<ul id="publish-list">\n${items.join('\n')}\n</ul>`
}

/** message/mass/preview calls Weixin accepted, newest first: who got which draft. */
function previewList(context: EmulatorContext, previews: readonly PreviewRecord[]): string {
  if (previews.length === 0) return '<p class="empty" id="preview-list-empty">None yet.</p>'
  const items = previews.map((preview) => {
    const to = 'wxname' in preview.to ? `微信号 ${preview.to.wxname}` : `openid ${preview.to.openid}`
    const held = preview.source === 'draft' ? context.store.drafts.get(preview.mediaId) : context.store.news.get(preview.mediaId)
    const titles = escapeHtml(preview.titles.join(' · '))
    const what = held === undefined ? titles : `<a class="preview-link" href="/${preview.source}/${preview.mediaId}?idx=0">${titles}</a>`
    return `<li class="preview-item" data-media-id="${preview.mediaId}" data-msg-id="${preview.msgId}">${what} <span class="meta">to <span class="preview-to">${escapeHtml(to)}</span> · msg_id ${preview.msgId} · ${new Date(preview.at).toISOString()}</span></li>`
  })
  return `<ul id="preview-list">\n${items.join('\n')}\n</ul>`
}
