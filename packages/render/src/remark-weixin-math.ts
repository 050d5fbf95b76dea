import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { mathFromMarkdown, type InlineMath, type Math } from 'mdast-util-math'
import { math } from 'micromark-extension-math'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import { frontMatterSwitch } from './front-matter-switch.js'

/** No options: the dollar rule is Pandoc's, not a setting. */
export interface Options {}

/**
 * TeX math syntax for remark-parse: `$…$` in text, `$$` fenced blocks (remark-math's syntax), and
 * a paragraph that is only `$$…$$`, which authors write for a displayed formula. A `math` code
 * fence needs nothing here: it reaches rehype-weixin-math as the same `<code class="language-math">`.
 *
 * A single dollar follows Pandoc's rule, so prices stay text (`价格在 $5 到 $10 之间`): no space
 * right after the opening `$`, none right before the closing one, and no digit right after it.
 * micromark pairs dollars like code-span backticks; a pair that breaks the rule is put back as
 * the text it was written as. Inside a formula nothing is unescaped: `\,` reaches TeX as written.
 * Front matter `math: false` turns formulas off for one article: they stay the text written.
 * Must run after remark-weixin-frontmatter, which reads that.
 */
export default function remarkWeixinMath(this: Processor, _options: Options = {}) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(math())
  ;(data.fromMarkdownExtensions ??= []).push(mathFromMarkdown())
  return (tree: Root, file: VFile): undefined => {
    const source = String(file.value)
    if (frontMatterSwitch(file, 'math') === false) writeMathAsText(tree, source)
    else applyDollarRule(tree, source)
  }
}

/** Front matter `math: false`: every formula back to the text it was written as. */
function writeMathAsText(parent: Parent, source: string): void {
  const children = parent.children as (RootContent | PhrasingContent)[]
  children.forEach((child, index) => {
    if (child.type === 'inlineMath' || child.type === 'math') {
      const start = child.position?.start.offset
      const end = child.position?.end.offset
      const text = start === undefined || end === undefined ? child.value : source.slice(start, end)
      const node = { type: 'text' as const, value: text, position: child.position! }
      children[index] = child.type === 'math' ? { type: 'paragraph', children: [node], position: child.position! } : node
    } else if ('children' in child) {
      writeMathAsText(child as Parent, source)
    }
  })
}

type Parent = Extract<Root | RootContent, { children: unknown[] }>

function applyDollarRule(parent: Parent, source: string): void {
  const children = parent.children as (RootContent | PhrasingContent)[]
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    if (child.type === 'inlineMath') {
      const written = writtenText(child, source)
      if (written !== undefined && !written.startsWith('$$') && !followsPandoc(written, source, child)) {
        children[index] = { type: 'text', value: written, position: child.position! }
      }
    } else if (child.type === 'paragraph' && isDisplayParagraph(child, source)) {
      const only = child.children[0] as InlineMath
      children[index] = displayMath(only.value, child)
    } else if ('children' in child) {
      applyDollarRule(child as Parent, source)
    }
  }
}

/** A `$$` block, with the hast mdast-util-math gives one, so the paragraph renders as if fenced. */
function displayMath(value: string, paragraph: Paragraph): Math {
  const code = { type: 'element' as const, tagName: 'code', properties: { className: ['language-math', 'math-display'] }, children: [{ type: 'text' as const, value }] }
  return { type: 'math', value, meta: null, position: paragraph.position!, data: { hName: 'pre', hChildren: [code] } }
}

function writtenText(node: InlineMath, source: string): string | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  return start === undefined || end === undefined ? undefined : source.slice(start, end)
}

/** `$x$`, not `$ x$`, `$x $` or `$x$5`. */
function followsPandoc(written: string, source: string, node: InlineMath): boolean {
  const inner = written.slice(1, -1)
  if (inner === '' || /^\s/.test(inner) || /\s$/.test(inner)) return false
  const after = source.charAt(node.position!.end.offset!)
  return !/\d/.test(after)
}

function isDisplayParagraph(paragraph: Paragraph, source: string): boolean {
  if (paragraph.children.length !== 1) return false
  const only = paragraph.children[0]!
  return only.type === 'inlineMath' && (writtenText(only, source)?.startsWith('$$') ?? false)
}
