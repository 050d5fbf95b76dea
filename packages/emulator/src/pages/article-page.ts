import { fontStylesheetPath, phoneFrame } from '@mdwx/phone-frame'
import type { EmulatorContext } from '../server/context.js'
import type { StoredArticle } from '../types.js'
import { escapeHtml } from './html.js'

/**
 * The emulator's own parts of the page, around the phone frame every mdwx page shows articles in
 * (`@mdwx/phone-frame`: the app's 390 px column, text defaults, title and author, the rule that
 * nothing inside the content may be wider than the column, code whitespace that survives only
 * when made explicit): the tabs between the articles of a push, and the 阅读原文 link.
 */
const css = `
#article-tabs { font-size: 13px; margin-bottom: 12px; } #article-tabs a { color: #576b95; margin-right: 10px; }
#article-source { margin-top: 24px; font-size: 15px; } #article-source a { color: #576b95; }
`

/**
 * One article of a group: `tabs` link to its siblings (empty for a single article). With `fonts`
 * (the emulator serves Noto Sans SC when `@fontsource/noto-sans-sc` is installed), Chinese shows in
 * it where the browser has no CJK font of its own, as in `mdwx screenshot`.
 */
export function articlePage(context: EmulatorContext, article: StoredArticle, tabs: Array<{ href: string; title: string; current: boolean }>, fonts = false): string {
  const cover = article.show_cover_pic === 1 ? context.store.materials.get(article.thumb_media_id)?.url : undefined
  const tabLinks = tabs.map((tab) => `<a class="article-tab${tab.current ? ' current' : ''}" href="${escapeHtml(tab.href)}">${escapeHtml(tab.title)}</a>`).join('')
  return phoneFrame(
    {
      html: article.article_type === 'newspic' ? escapeHtml(article.content) : article.content,
      title: article.title,
      author: article.author,
      account: 'mdwx emulator',
      coverUrl: cover,
    },
    {
      dark: false,
      desk: true,
      css,
      ...(fonts ? { head: `<link rel="stylesheet" href="${fontStylesheetPath}">` } : {}),
      before: tabs.length > 1 ? `<nav id="article-tabs">${tabLinks}</nav>\n` : '',
      after: article.content_source_url === '' ? '' : `<div id="article-source"><a href="${escapeHtml(article.content_source_url)}">阅读原文</a></div>\n`,
    },
  )
}
