import type { ArticleMessage } from '@mdwx/publish'
import {
  escapeHtml,
  fontStylesheetPath,
  frameIds,
  holdLayoutStyle,
  liveFrameScriptSource,
  phoneFrame,
  phoneFrameCss,
  phoneFrameHeaderParts,
  type LiveFrameUpdate,
} from '@mdwx/phone-frame'
import { displayPath } from './format-messages.js'

/** One article as its page shows it: its latest render. */
export interface ShownArticle {
  /** Increases with every render of any page; the page keeps the one it shows. */
  version: number
  /** Its path for people (relative to the working folder). */
  name: string
  title: string
  author?: string | undefined
  /** The content as publish would send it, pictures at the preview's `/assets/` URLs. */
  html: string
  status: 'ok' | 'failed' | 'draft'
  characters: number
  limit: number
  messages: ArticleMessage[]
}

/** One line of a folder's index. */
export interface IndexRow {
  name: string
  href: string
  title: string
  status: 'ok' | 'failed' | 'draft'
  errors: number
  warnings: number
  characters: number
  limit: number
}

export interface ShownIndex {
  version: number
  /** The folder, for people. */
  name: string
  rows: IndexRow[]
  /** What stopped the folder from being read (a broken mdwx.config.json). */
  problems: ArticleMessage[]
}

export interface PageLinks {
  /** The page's server-sent events. */
  eventsUrl: string
  /** The folder's index, when the article is one of a folder. */
  indexUrl?: string
  /** Whether the server has the CJK font files (`/mdwx-fonts/`). */
  fonts: boolean
}

/** Ids of the preview's own elements, beside the frame's (frameIds). */
export const previewIds = {
  panel: 'mdwx-panel',
  summary: 'mdwx-summary',
  problems: 'mdwx-problems',
  articles: 'mdwx-articles',
  darkStyle: 'mdwx-frame-dark',
  toggle: 'mdwx-dark',
} as const

/** Where the light/dark choice is remembered in the browser, for every preview page. */
const storageKey = 'mdwx-preview-scheme'

/**
 * The panel beside the phone column (above it on a narrow window), so that a list of problems
 * growing or shrinking never moves the article. Its colours follow the switch, not the article.
 */
const panelCss = `
#${previewIds.panel} { position: fixed; top: 16px; left: calc(50% + 211px); width: calc(50% - 227px); max-width: 420px; max-height: calc(100vh - 32px); overflow: auto;
  box-sizing: border-box; padding: 12px 14px; border-radius: 8px; background: #fff; color: #333; box-shadow: 0 1px 6px rgba(0,0,0,.12);
  font: 13px/1.5 -apple-system, BlinkMacSystemFont, "Helvetica Neue", "PingFang SC", sans-serif; text-align: left; }
@media (max-width: 960px) { #${previewIds.panel} { position: static; width: 390px; max-width: none; max-height: none; margin: 0 auto 12px; border-radius: 0; } }
html[data-scheme=dark] #${previewIds.panel} { background: #252525; color: #ccc; box-shadow: none; }
#${previewIds.panel} a { color: #576b95; } html[data-scheme=dark] #${previewIds.panel} a { color: #7d90a9; }
#${previewIds.panel} .row { display: flex; justify-content: space-between; gap: 8px; align-items: center; }
#${previewIds.panel} .name { font-weight: 600; overflow-wrap: anywhere; }
#${previewIds.panel} .ok { color: #1a7f37; } #${previewIds.panel} .failed, #${previewIds.panel} .over, #${previewIds.panel} .error b { color: #cf222e; }
#${previewIds.panel} .draft, #${previewIds.panel} .warning b { color: #9a6700; } #${previewIds.panel} .info b { color: #57606a; }
#${previewIds.problems} ul { margin: 8px 0 0; padding: 0; list-style: none; } #${previewIds.problems} li { margin: 6px 0; overflow-wrap: anywhere; }
#${previewIds.problems} .place { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; } #${previewIds.problems} .hint, #${previewIds.panel} .quiet { opacity: .7; }
#${previewIds.panel} .live::before { content: "● live"; color: #1a7f37; } html[data-connection=lost] #${previewIds.panel} .live::before { content: "● stopped"; color: #cf222e; }
`

const indexCss = `
html, body { margin: 0; background: #ededed; } html[data-scheme=dark], html[data-scheme=dark] body { background: #111; color: #ccc; }
main { max-width: 760px; margin: 0 auto; padding: 24px 16px; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Helvetica Neue", "PingFang SC", sans-serif; }
h1 { font-size: 20px; font-weight: 600; margin: 0 0 4px; } .quiet { opacity: .7; }
table { width: 100%; border-collapse: collapse; margin-top: 16px; background: #fff; } html[data-scheme=dark] table { background: #191919; }
th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid rgba(127,127,127,.25); vertical-align: top; } td.size { white-space: nowrap; text-align: right; }
a { color: #576b95; } html[data-scheme=dark] a { color: #7d90a9; }
.ok { color: #1a7f37; } .failed, .over, .error b { color: #cf222e; } .draft, .warning b { color: #9a6700; } .title { display: block; opacity: .7; }
.live::before { content: "● live"; color: #1a7f37; } html[data-connection=lost] .live::before { content: "● stopped"; color: #cf222e; }
ul { padding-left: 18px; } .row { display: flex; gap: 16px; align-items: center; } th:last-child { text-align: right; }
`

const count = (n: number) => n.toLocaleString('en-US')
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function statusWord(status: ShownArticle['status'], errors: number, warnings: number): string {
  if (status === 'draft') return 'draft'
  const problems = errors + warnings
  if (problems === 0) return status === 'ok' ? 'ok' : 'cannot be published'
  return `${plural(problems, 'problem')}${errors > 0 ? ` (${plural(errors, 'error')})` : ''}`
}

function size(characters: number, limit: number): string {
  return `<span class="${characters >= limit ? 'over' : 'ok'}">${count(characters)} / ${count(limit)}</span> characters`
}

/** The problems (errors and warnings), else "No problems.", then the notes (info) that are not problems. */
function problemList(messages: readonly ArticleMessage[], cwd: string): string {
  const clean = messages.every((message) => message.severity === 'info') ? '<p class="quiet">No problems.</p>' : ''
  if (messages.length === 0) return clean
  // Errors first (what stops publishing), then warnings, then notes; each kind in line order.
  const rank = { error: 0, warning: 1, info: 2 } as const
  const ordered = [...messages].sort((a, b) => rank[a.severity] - rank[b.severity] || (a.line ?? 0) - (b.line ?? 0))
  const items = ordered.map((message) => {
    const file = displayPath(message.path, cwd)
    const place = message.line === undefined ? file : `${file}:${message.line}:${message.column ?? 1}`
    const rule = message.ruleId ? ` <code class="quiet">${escapeHtml(message.ruleId)}</code>` : ''
    const hint = message.hint ? `<div class="hint">${escapeHtml(message.hint)}</div>` : ''
    return `<li class="${message.severity}"><span class="place">${escapeHtml(place)}</span> <b>${message.severity}</b> ${escapeHtml(message.message)}${rule}${hint}</li>`
  })
  return `${clean}<ul>${items.join('')}</ul>`
}

const severities = (messages: readonly ArticleMessage[]) => ({
  errors: messages.filter((message) => message.severity === 'error').length,
  warnings: messages.filter((message) => message.severity === 'warning').length,
})

function articleSummary(shown: ShownArticle): string {
  const { errors, warnings } = severities(shown.messages)
  return `<div class="row"><span class="name">${escapeHtml(shown.name)}</span><span class="${shown.status}">${escapeHtml(statusWord(shown.status, errors, warnings))}</span></div>
<div>${size(shown.characters, shown.limit)}</div>`
}

/** The parts of an article page that change with the article, by element id. */
function articleParts(shown: ShownArticle, cwd: string): Record<string, string> {
  return {
    ...phoneFrameHeaderParts({ title: shown.title, author: shown.author }),
    [previewIds.summary]: articleSummary(shown),
    [previewIds.problems]: problemList(shown.messages, cwd),
  }
}

const pageTitle = (title: string) => `${title} · mdwx preview`

/** The light/dark switch and the line saying whether the page is live. */
const switches = `<div class="row"><label><input type="checkbox" id="${previewIds.toggle}"> dark</label><span class="live quiet"></span></div>`

function head(links: PageLinks, dark: string): string {
  return `${links.fonts ? `<link rel="stylesheet" href="${fontStylesheetPath}">` : ''}${holdLayoutStyle}${dark}`
}

function script(links: PageLinks): string {
  const source = liveFrameScriptSource({ eventsUrl: links.eventsUrl, contentId: frameIds.content, darkStyleId: previewIds.darkStyle, toggleId: previewIds.toggle, storageKey })
  return `<script>${source}</script>`
}

/**
 * An article's page: the phone frame every mdwx page shows articles in (@mdwx/phone-frame, as
 * `mdwx screenshot` photographs it, its dark CSS switched on by the switch and the content then
 * darkened by applyDarkScheme, as `screenshot --dark` does), with a panel beside it: the
 * article's size against Weixin's limit, its problems with their lines, the switch. The content
 * is shown exactly as it would be sent; the page's script keeps it current (startLiveFrame).
 */
export function articlePage(shown: ShownArticle, cwd: string, links: PageLinks): string {
  const parts = articleParts(shown, cwd)
  const back = links.indexUrl === undefined ? '' : `<div><a href="${escapeHtml(links.indexUrl)}">← all articles</a></div>`
  const panel = `<aside id="${previewIds.panel}">${back}${switches}
<div id="${previewIds.summary}">${parts[previewIds.summary]}</div>
<div id="${previewIds.problems}">${parts[previewIds.problems]}</div></aside>
`
  const page = phoneFrame(
    { html: shown.html, title: shown.title, author: shown.author },
    {
      dark: false,
      desk: true,
      css: panelCss,
      head: head(links, `<style id="${previewIds.darkStyle}" media="not all">${phoneFrameCss({ dark: true, desk: true })}</style>`),
      top: panel,
      after: script(links),
    },
  )
  // The document's title says it is a preview; the frame's heading stays the article's title.
  return page
    .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(pageTitle(shown.title))}</title>`)
    .replace(/<html /, () => `<html data-version="${shown.version}" `)
}

/** What an article's page is sent when the article has changed. */
export function articleUpdate(shown: ShownArticle, cwd: string): LiveFrameUpdate {
  return { version: shown.version, title: pageTitle(shown.title), parts: articleParts(shown, cwd), html: shown.html }
}

function indexList(index: ShownIndex, cwd: string): string {
  const problems = index.problems.length > 0 ? problemList(index.problems, cwd) : ''
  if (index.rows.length === 0) return `${problems}<p>No Markdown files here.</p>`
  const rows = index.rows.map((row) => {
    const status = statusWord(row.status, row.errors, row.warnings)
    return `<tr><td><a href="${escapeHtml(row.href)}">${escapeHtml(row.name)}</a><span class="title">${escapeHtml(row.title)}</span></td><td class="${row.status}">${escapeHtml(status)}</td><td class="size">${size(row.characters, row.limit)}</td></tr>`
  })
  return `${problems}<table><thead><tr><th>article</th><th>status</th><th>size</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/** A folder's page: its articles, each with its status and size, linking to its page; kept current like an article's. */
export function indexPage(index: ShownIndex, cwd: string, links: PageLinks): string {
  return `<!doctype html>
<html lang="zh-CN" data-version="${index.version}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(pageTitle(index.name))}</title><style>${indexCss}</style>${head(links, '')}</head><body>
<main><h1>${escapeHtml(index.name)}</h1>${switches}
<div id="${previewIds.articles}">${indexList(index, cwd)}</div>
${script(links)}</main></body></html>`
}

/** What a folder's page is sent when an article of it has changed. */
export function indexUpdate(index: ShownIndex, cwd: string): LiveFrameUpdate {
  return { version: index.version, title: pageTitle(index.name), parts: { [previewIds.articles]: indexList(index, cwd) } }
}
