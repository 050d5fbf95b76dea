/** The width of the phone the article is shown on, in CSS pixels (an iPhone 12 to 15). */
export const phoneWidth = 390

export interface FrameContent {
  /** The article's content as it would be sent (sanitised Weixin HTML). */
  html: string
  title: string
  author?: string | undefined
  /** The cover, shown above the content when the article says `show_cover`. */
  coverUrl?: string | undefined
  dark: boolean
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The id of the element holding the article's own HTML (the dark scheme rewrites colours below it). */
export const contentId = 'js_content'

/**
 * The app's article view, reduced to what affects how an article looks: its column and margins,
 * its text defaults, the title and author above the content, and its rules that nothing inside
 * may be wider than the column and that code keeps its whitespace only where made explicit.
 * Dark: the app's #191919 page with its light text colours.
 */
export function phoneFrame(content: FrameContent): string {
  const ink = content.dark
    ? { page: '#191919', title: 'rgba(255,255,255,.8)', meta: 'rgba(255,255,255,.5)', text: 'rgba(255,255,255,.8)' }
    : { page: '#fff', title: 'rgba(0,0,0,.9)', meta: 'rgba(0,0,0,.3)', text: 'rgba(0,0,0,.9)' }
  const css = `
html, body { margin: 0; background: ${ink.page}; }
#page { width: ${phoneWidth}px; box-sizing: border-box; padding: 20px 16px 40px;
  font-family: -apple-system-font, BlinkMacSystemFont, "Helvetica Neue", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei UI", "Microsoft YaHei", Arial, sans-serif; }
#title { font-size: 22px; line-height: 1.4; margin: 0 0 14px; font-weight: 500; color: ${ink.title}; overflow-wrap: break-word; }
#meta { font-size: 15px; line-height: 20px; color: ${ink.meta}; margin-bottom: 22px; }
#cover img { width: 100%; display: block; margin-bottom: 16px; }
#${contentId} { font-size: 17px; line-height: 1.6; color: ${ink.text}; overflow: hidden; text-align: justify; overflow-wrap: break-word; }
#${contentId} * { max-width: 100% !important; box-sizing: border-box !important; overflow-wrap: break-word !important; }
#${contentId} img { height: auto !important; }
#${contentId} pre, #${contentId} code { white-space: normal; }
`
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(content.title)}</title><style>${css}</style></head><body>
<main id="page">
<h1 id="title">${escape(content.title)}</h1>
${content.author ? `<div id="meta"><span id="author">${escape(content.author)}</span></div>` : '<div id="meta"></div>'}
${content.coverUrl === undefined ? '' : `<div id="cover"><img src="${escape(content.coverUrl)}" alt=""></div>`}
<div id="${contentId}">${content.html}</div>
</main></body></html>`
}
