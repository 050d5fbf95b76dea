import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { expectPositiveInteger } from '@mdwx/errors'
import { codeRuns, type Run } from './code/code-runs.js'
import { foldCode } from './code/fold-code.js'
import { layoutRuns } from './code/layout-runs.js'
import { isBlank, walkElements } from './hast-walk.js'
import { formatStyle, parseStyle, setStyle, setStyleOf, styleOf } from './themes/style-text.js'

export interface Options {
  /** Columns between tab stops when tabs are expanded. Default 4. */
  tabSize?: number
}

/**
 * Code as the Weixin app shows it faithfully. The app collapses whitespace and wraps long lines,
 * so every line break becomes `<br>`, indentation and runs of spaces become non-breaking spaces
 * (U+00A0: one character, where `&nbsp;` costs six), tabs are expanded, and the block scrolls
 * sideways. Tokens keep the colour the theme gave them; neighbouring tokens of one colour share a
 * `<span>`, and tokens in the block's own colour have none.
 *
 * Runs after rehype-weixin-theme: it reads the styles the theme wrote.
 */
export default function rehypeWeixinCode(options: Options = {}) {
  const tabSize = options.tabSize ?? 4
  expectPositiveInteger(tabSize, 'tabSize')
  return (tree: Root, _file: VFile): undefined => {
    walkElements(tree, (node) => {
      if (node.tagName === 'pre') {
        layoutBlock(node, tabSize)
        return false
      }
      if (node.tagName === 'code') keepInlineSpaces(node)
      return true
    })
  }
}

function layoutBlock(pre: Element, tabSize: number): void {
  const style = styleOf(pre)
  const folded = foldCode(pre, style)
  const lineStyles = new Map<number, string>()
  const runs = layoutRuns(codeRuns(folded?.code ?? pre, lineStyles), tabSize)
  const content = lineStyles.size === 0 ? runs.flatMap(toNodes) : markedLines(runs, lineStyles)
  if (!folded) {
    pre.children = content
  } else if (folded.unwrap) {
    // Text beside the `<code>` is the newline markdown puts there, or a theme's `::before`.
    pre.children = pre.children.flatMap((child) => (child === folded.code ? content : isBlank(child) ? [] : [child]))
  } else {
    folded.code.children = content
    delete folded.code.properties['className']
  }
  // Scrolling sideways keeps a long line whole: wrapped, it would read as two lines of code.
  if (!style.has('white-space')) setStyle(style, 'white-space', 'nowrap')
  if (!style.has('overflow-x') && !style.has('overflow')) setStyle(style, 'overflow-x', 'auto')
  setStyleOf(pre, style)
}

/**
 * A block with marked lines (`{1,3-5}`, line-marks.ts): each marked line is a `display:block` span
 * with the theme's tint instead of a line ended by `<br>`, so the tint fills the width of the
 * block, not just the text. The other lines stay as they are. A block already ends the line
 * before it and starts a new one after it, so the `<br>`s on either side go: the unmarked lines
 * between two marked ones keep the `<br>`s between them, and one more when the last of them is
 * empty (a line box holding only the `<br>` that a block would otherwise swallow). An empty
 * marked line holds a `<br>` to keep its height. Costs the span's `<span style="…">…</span>`
 * (about 50 characters with the built-in themes) less the `<br>` it replaces.
 */
function markedLines(runs: readonly Run[], lineStyles: ReadonlyMap<number, string>): ElementContent[] {
  const lines: Run[][] = [[]]
  for (const run of runs) {
    run.text.split('\n').forEach((text, index) => {
      if (index > 0) lines.push([])
      if (text) lines[lines.length - 1]!.push({ style: run.style, text })
    })
  }
  const content: ElementContent[] = []
  let unmarked: ElementContent[][] = []
  const flush = (beforeBlock: boolean): void => {
    unmarked.forEach((line, index) => {
      if (index > 0) content.push(element('br', {}, []))
      content.push(...line)
    })
    if (beforeBlock && unmarked.length > 0 && unmarked[unmarked.length - 1]!.length === 0) content.push(element('br', {}, []))
    unmarked = []
  }
  lines.forEach((line, index) => {
    const nodes = line.flatMap(toNodes)
    const lineStyle = lineStyles.get(index)
    if (lineStyle === undefined) {
      unmarked.push(nodes)
      return
    }
    flush(true)
    content.push(element('span', { style: blockStyle(lineStyle) }, nodes.length > 0 ? nodes : [element('br', {}, [])]))
  })
  flush(false)
  return content
}

/** A theme that tints marked lines but did not say `display: block` still gets whole lines. */
function blockStyle(style: string): string {
  const entries = parseStyle(style)
  if (entries.has('display')) return style
  return formatStyle(new Map([['display', 'block'], ...entries]))
}

/** Bold only or italic only needs no style attribute: `<b>` costs 7 characters, a span 30. */
function toNodes(run: Run): ElementContent[] {
  const nodes: ElementContent[] = []
  run.text.split('\n').forEach((line, index) => {
    if (index > 0) nodes.push(element('br', {}, []))
    if (line) nodes.push({ type: 'text', value: line })
  })
  if (!run.style) return nodes
  if (run.style === 'font-weight:bold' || run.style === 'font-weight:700') return [element('b', {}, nodes)]
  if (run.style === 'font-style:italic') return [element('i', {}, nodes)]
  return [element('span', { style: run.style }, nodes)]
}

/** Inline code: runs of spaces survive the app's whitespace collapsing. */
function keepInlineSpaces(code: Element): void {
  for (const child of code.children) {
    if (child.type === 'text' && child.value.includes('  ')) {
      child.value = child.value.replace(/ {2,}/g, (spaces) => '\u00a0'.repeat(spaces.length))
    }
  }
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children }
}
