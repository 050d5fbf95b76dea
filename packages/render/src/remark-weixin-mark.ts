import type { Processor } from 'unified'
import { markFromMarkdown } from './mark/from-markdown.js'
import { markSyntax } from './mark/syntax.js'

/** No options: the rules are GFM strikethrough's, not a setting. */
export interface Options {}

/**
 * `==highlighted==` text (Typora, Obsidian, VitePress with markdown-it-mark, many Chinese
 * editors) as `<mark>`, which Weixin keeps and the themes colour. Parsed as a micromark text
 * construct (mark/syntax.ts) with the rules of GFM's `~~`: `x == y` and `a==b` stay text, and
 * nothing inside code changes. Parsing only: nothing for remark-stringify.
 */
export default function remarkWeixinMark(this: Processor, _options: Options = {}): undefined {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(markSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(markFromMarkdown)
  return undefined
}
