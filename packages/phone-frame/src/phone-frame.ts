import { cjkFamily } from './cjk-fonts.js'

/** The width of the phone the article is shown on, in CSS pixels (an iPhone 12 to 15). */
export const phoneWidth = 390

/** The height of that phone's screen, in CSS pixels: the least a picture of an article is tall. */
export const phoneHeight = 844

/**
 * The ids of the frame's elements, stable for pages and tests: the column, the title, the line
 * under it (author, account), the cover, and the element holding the article's own HTML (the dark
 * scheme rewrites colours below it).
 */
export const frameIds = {
  page: 'article-page',
  title: 'article-title',
  meta: 'article-meta',
  author: 'article-author',
  account: 'article-account',
  cover: 'article-cover',
  content: 'article-content',
} as const

export interface FrameContent {
  /** The article's content as it would be sent (sanitised Weixin HTML). */
  html: string
  title: string
  author?: string | undefined
  /** The account's name, shown after the author in the app's link colour (the emulator's pages). */
  account?: string | undefined
  /** The cover, shown above the content when the article says `show_cover`. */
  coverUrl?: string | undefined
}

export interface FrameStyle {
  /** The app's dark mode: #191919 page, light text (run applyDarkScheme on the content too). */
  dark: boolean
  /**
   * false (default): the page is the phone's screen, exactly `phoneWidth` wide (screenshots).
   * true: the column is centred on a desk of the app's grey, at least a screen tall (pages a
   * person opens in a desktop browser: the emulator's, the preview).
   */
  desk?: boolean
}

/** The app's colours of the frame, light and dark. */
export const frameInk = {
  light: { page: '#fff', desk: '#ededed', title: 'rgba(0,0,0,.9)', meta: 'rgba(0,0,0,.3)', text: 'rgba(0,0,0,.9)', link: '#576b95' },
  dark: { page: '#191919', desk: '#111', title: 'rgba(255,255,255,.8)', meta: 'rgba(255,255,255,.5)', text: 'rgba(255,255,255,.8)', link: '#7d90a9' },
} as const

/** The app's font list; Noto Sans SC last, where a phone's own CJK font would be found (see cjk-fonts.ts). */
const fontFamily = `-apple-system-font, BlinkMacSystemFont, "Helvetica Neue", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei UI", "Microsoft YaHei", Arial, sans-serif, "${cjkFamily}"`

export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * The app's article view as CSS, reduced to what affects how an article looks: its column and
 * margins, its text defaults, the title and the line under it, and its rules that nothing inside
 * the content may be wider than the column and that code keeps its whitespace only where made
 * explicit. Dark: the app's #191919 page with its light text colours.
 */
export function phoneFrameCss(style: FrameStyle): string {
  const ink = style.dark ? frameInk.dark : frameInk.light
  const { page, title, meta, author, account, cover, content } = frameIds
  const desk = style.desk === true
  return `
html, body { margin: 0; background: ${desk ? ink.desk : ink.page}; }
#${page} { width: ${phoneWidth}px; box-sizing: border-box; padding: 20px 16px 40px;${desk ? ` margin: 0 auto; background: ${ink.page}; min-height: 100vh;` : ''}
  font-family: ${fontFamily}; }
#${title} { font-size: 22px; line-height: 1.4; margin: 0 0 14px; font-weight: 500; color: ${ink.title}; overflow-wrap: break-word; }
#${meta} { font-size: 15px; line-height: 20px; color: ${ink.meta}; margin-bottom: 22px; }
#${author} + #${account} { margin-left: 8px; }
#${account} { color: ${ink.link}; }
#${cover} img { width: 100%; display: block; margin-bottom: 16px; }
#${content} { font-size: 17px; line-height: 1.6; color: ${ink.text}; overflow: hidden; text-align: justify; overflow-wrap: break-word; }
#${content} * { max-width: 100% !important; box-sizing: border-box !important; overflow-wrap: break-word !important; }
#${content} img { height: auto !important; }
/* Weixin keeps a code block's spaces and line breaks only when the element holding the text says
   white-space: pre inline (or they are written as &nbsp; and <br>): an inline style still wins here. */
#${content} pre, #${content} code { white-space: normal; }
`
}

/** The inside of the title and of the line under it, by element id: what a live page replaces when the article changes. */
export function phoneFrameHeaderParts(content: Pick<FrameContent, 'title' | 'author' | 'account'>): Record<string, string> {
  const { author, account } = frameIds
  const line = `${content.author ? `<span id="${author}">${escapeHtml(content.author)}</span>` : ''}${content.account ? `<span id="${account}">${escapeHtml(content.account)}</span>` : ''}`
  return { [frameIds.title]: escapeHtml(content.title), [frameIds.meta]: line }
}

/** The column's header: the title, the line under it (author, account), and the cover. */
export function phoneFrameHeader(content: Omit<FrameContent, 'html'>): string {
  const { title, meta, cover } = frameIds
  const parts = phoneFrameHeaderParts(content)
  return `<h1 id="${title}">${parts[title]}</h1>
<div id="${meta}">${parts[meta]}</div>
${content.coverUrl === undefined ? '' : `<div id="${cover}"><img src="${escapeHtml(content.coverUrl)}" alt=""></div>`}`
}

/** The inside of the column: its header, then the content. */
export function phoneFrameInner(content: FrameContent): string {
  return `${phoneFrameHeader(content)}
<div id="${frameIds.content}">${content.html}</div>`
}

export interface FrameDocumentOptions extends FrameStyle {
  /** More of the page's own CSS, after the frame's. */
  css?: string
  /** HTML put in the head after the styles (a stylesheet link, a script). */
  head?: string
  /** HTML in the page before the column (the preview's panel of problems and switches). */
  top?: string
  /** HTML in the column before the title (the emulator's tabs between the articles of a push). */
  before?: string
  /** HTML in the column after the content (the emulator's 阅读原文 link). */
  after?: string
}

/** A whole document of the article in the frame: what `mdwx screenshot` photographs and the emulator serves. */
export function phoneFrame(content: FrameContent, options: FrameDocumentOptions): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(content.title)}</title><style>${phoneFrameCss(options)}${options.css ?? ''}</style>${options.head ?? ''}</head><body>
${options.top ?? ''}<main id="${frameIds.page}">
${options.before ?? ''}${phoneFrameInner(content)}
${options.after ?? ''}</main></body></html>`
}
