import type { ArticlePreview } from '@mdwx/publish'
import { displayPath } from './format-messages.js'

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * The preview page: the article in a 375 px column, as the Weixin app lays it out on a phone,
 * with the size against Weixin's limit and the problems above it. The article's HTML is shown
 * as it would be sent: nothing of this page's own styling reaches into it but the column width.
 */
export function previewPage(preview: ArticlePreview, file: string, cwd: string): string {
  const title = preview.article?.title ?? ''
  const problems = preview.messages
    .map((message) => {
      const place = message.line === undefined ? '' : `${message.line}:${message.column ?? 1} `
      return `<li class="${message.severity}">${escape(place)}<b>${message.severity}</b> ${escape(message.message)}${message.ruleId ? ` <code>${escape(message.ruleId)}</code>` : ''}</li>`
    })
    .join('')
  const over = preview.characters >= 20_000
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)} · mdwx preview</title>
<style>
body{margin:0;background:#ededed;font:14px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#333}
#bar{max-width:720px;margin:16px auto;padding:0 12px}
#bar .size{color:${over ? '#c00' : '#3a3'}}
#bar li.error b{color:#c00} #bar li.warning b{color:#b80} #bar ul{padding-left:18px}
#phone{width:375px;margin:0 auto 48px;background:#fff;box-shadow:0 1px 8px rgba(0,0,0,.15);overflow:hidden}
#phone header{padding:20px 16px 0} #phone h1{font-size:22px;line-height:1.4;margin:0 0 8px;font-weight:600;color:#000}
#phone .meta{color:#576b95;font-size:15px;margin-bottom:18px}
#content{padding:0 16px 32px;overflow-wrap:break-word}
</style></head><body>
<div id="bar"><div>${escape(displayPath(file, cwd))} · <span class="size">${preview.characters.toLocaleString('en-US')} / 20,000 characters</span> · refresh to see edits</div>
${problems ? `<ul>${problems}</ul>` : ''}</div>
<div id="phone"><header><h1>${escape(title)}</h1><div class="meta">${escape(preview.article?.author ?? '')}</div></header>
<div id="content">${preview.html}</div></div>
</body></html>`
}
