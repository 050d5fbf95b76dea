import type { Paragraph, PhrasingContent } from 'mdast'
import type { Position } from 'unist'

/**
 * The caption above a code block: a fence's `title="a.js"` or VitePress `[文件名]` label, a
 * code-group tab's label, Hexo's `{% codeblock 标题 %}`. A paragraph with the `mdwx-code-title`
 * class, which passes the sanitizer and which the themes style; built in mdast, before the code
 * block it names. `content` is the writer's title as text (never HTML), or phrasing nodes when
 * the title carries a link (Hexo's codeblock `url`).
 */
export function codeTitle(content: string | PhrasingContent[], position: Position | undefined): Paragraph {
  const children: PhrasingContent[] = typeof content === 'string' ? [{ type: 'text', value: content }] : content
  const paragraph: Paragraph = { type: 'paragraph', children, data: { hProperties: { className: ['mdwx-code-title'] } } }
  if (position) paragraph.position = position
  return paragraph
}
