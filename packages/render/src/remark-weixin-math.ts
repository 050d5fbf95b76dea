import type { Paragraph, Root, RootContent } from 'mdast'
import { mathFromMarkdown, type InlineMath, type Math } from 'mdast-util-math'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import { dollarMath } from './math-syntax/dollar-math.js'

/** No options: the dollar rule is Pandoc's, not a setting. */
export interface Options {}

/**
 * TeX math syntax for remark-parse: `$…$` and `$$…$$` in text with Pandoc's dollar rule
 * (math-syntax/dollar-math.ts: prices stay text, `价格在 $5 到 $10 之间`), `$$` fenced blocks
 * (remark-math's), and a paragraph that is only `$$…$$`, which authors write for a displayed
 * formula. A `math` code fence needs nothing here: it reaches rehype-weixin-math as the same
 * `<code class="language-math">`. Inside a formula nothing is unescaped: `\,` reaches TeX as
 * written.
 *
 * Register it only for an article whose formulas are on: front matter `math: false` is seen in
 * the text before parsing (document-syntax.ts), and such an article is parsed without this
 * syntax, so its dollars are the text written.
 */
export default function remarkWeixinMath(this: Processor, _options: Options = {}) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(dollarMath())
  ;(data.fromMarkdownExtensions ??= []).push(mathFromMarkdown())
  return (tree: Root, file: VFile): undefined => {
    displayParagraphs(tree, String(file.value))
  }
}

type Parent = Extract<Root | RootContent, { children: unknown[] }>

/** Each paragraph that is only `$$…$$` becomes display math. */
function displayParagraphs(parent: Parent, source: string): void {
  const children = parent.children as RootContent[]
  children.forEach((child, index) => {
    if (child.type === 'paragraph') {
      if (isDisplayParagraph(child, source)) children[index] = displayMath((child.children[0] as InlineMath).value, child)
    } else if ('children' in child) {
      displayParagraphs(child as Parent, source)
    }
  })
}

/** A `$$` block, with the hast mdast-util-math gives one, so the paragraph renders as if fenced. */
function displayMath(value: string, paragraph: Paragraph): Math {
  const code = { type: 'element' as const, tagName: 'code', properties: { className: ['language-math', 'math-display'] }, children: [{ type: 'text' as const, value }] }
  return { type: 'math', value, meta: null, position: paragraph.position!, data: { hName: 'pre', hChildren: [code] } }
}

function isDisplayParagraph(paragraph: Paragraph, source: string): boolean {
  if (paragraph.children.length !== 1) return false
  const only = paragraph.children[0]!
  const start = only.position?.start.offset
  return only.type === 'inlineMath' && start !== undefined && source.startsWith('$$', start)
}
