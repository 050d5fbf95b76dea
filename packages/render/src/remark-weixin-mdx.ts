import { expectOption } from '@mdwx/errors'
import type { Html, Parent, Root, RootContent } from 'mdast'
import type { Point } from 'unist'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { warn } from './messages.js'

export interface Options {
  /**
   * Whether `{…}` in the text are MDX expressions, which get a warning (`mdx-expression`) and
   * `{/* comments *\/}` are removed. Default: when the file is `.mdx` or has top-level
   * `import`/`export` (ESM). In any other Markdown, braces are the writer's text.
   */
  expressions?: boolean
}

/**
 * The page's own code in MDX (Docusaurus, Astro) and VitePress pages, which is the site's, not
 * the article's: removed silently, as a site removes it from the page it builds.
 *
 * - MDX ESM: at the top level, a paragraph starting in the first column with an `import` or
 *   `export` statement, and the blocks after it up to the next blank line (`export const x = {`
 *   over several lines; an HTML-looking line in an exported component). MDX's own construct
 *   (micromark-extension-mdxjs-esm) is not used: it makes every top-level line starting with
 *   `import ` or `export ` code and fails the whole document when that does not parse as
 *   JavaScript, where an article is read as Markdown and a sentence such as `import 语句很有用`
 *   must stay text. So only what has the shape of a statement counts: `import … from '…'`,
 *   `import '…'`, `export const name =`, `export function name(`, `export default …`,
 *   `export {`, `export *`.
 * - VitePress `<script setup>…</script>` and `<style>…</style>` blocks at the top level.
 *   CommonMark already makes each an HTML block that runs to its end tag, across blank lines;
 *   one never closed is left alone, for rehype-weixin-raw to report (`html-unclosed`): what it
 *   swallowed must not vanish without a word. Deeper in the document (in a list, a quote, a
 *   paragraph) they are not the page's code: the sanitizer removes them as any script.
 *
 * `.mdx` files are read as Markdown, with no MDX compiler: JSX elements are raw HTML to the
 * parser (rehype-weixin-components handles them after it) and `{expressions}` in the text are
 * text. Those are left as written, with a warning each (`mdx-expression`), in MDX documents
 * only: the same braces are ordinary text in other Markdown (`{string}` in a list of types,
 * `{#id}` after a heading), and nothing in the braces themselves tells the two apart. MDX
 * comments (`{/* … *\/}`) are removed like HTML comments; Docusaurus's `{/* truncate *\/}`
 * becomes the `<!-- truncate -->` it stands for, which remark-weixin-excerpt reads.
 */
export default function remarkWeixinMdx(options: Options = {}) {
  const { expressions } = options
  expectOption(expressions === undefined || typeof expressions === 'boolean', 'a boolean', 'expressions', expressions)
  return (tree: Root, file: VFile): undefined => {
    const source = String(file.value)
    const removedEsm = removePageCode(tree, source)
    if (expressions ?? (file.extname === '.mdx' || removedEsm)) reportExpressions(tree, source, file)
  }
}

const identifier = String.raw`[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*`
/** `import x from '…'`, `import {a, b} from "…"` (over lines), `import * as x from '…'`, `import '…'`. */
const importStatement = new RegExp(
  String.raw`^import(?=[\s{*'"])(?:\s+type)?\s*(?:(?:${identifier}\s*,?\s*)?(?:\{[^}]*\}|\*\s*as\s+${identifier})?\s*from\s*)?['"]`,
  'u',
)
/**
 * `export const x =`, `export function f(`, `export class C {`, `export default …`, `export {…}`,
 * `export * from`. After `export default`, a name must be ASCII and end the statement: Chinese
 * prose such as `export default 是默认导出` is valid JavaScript, but not what a page exports.
 */
const exportStatement = new RegExp(
  String.raw`^export(?:\s+(?:(?:const|let|var)\s+(?:${identifier}\s*(?::[^=\n]*)?=|[{[])|(?:async\s+)?function\s*\*?\s*${identifier}\s*\(|class\s+${identifier}\s*(?:extends\b|\{)|default\s+(?:function\b|class\b|async\b|[{(['"\x60]|[A-Za-z_$][\w$]*\s*(?:[;(]|\.(?=[A-Za-z_$])|\n|$)))|\s*(?:\{|\*))`,
  'u',
)
/** A Vue single-file component's script or style block, in the lower case Vue writes. */
const pageBlock = /^<(script|style)(?=[\s>])/
const blankLine = /\n[ \t]*(?:\n|$)/g
/** Docusaurus's excerpt marker in MDX, a paragraph of its own. */
const truncateMarker = /^\{\s*\/\*\s*truncate\s*\*\/\s*\}$/

/** Removes the page's code from the top level; true when there was MDX ESM. */
function removePageCode(tree: Root, source: string): boolean {
  const kept: RootContent[] = []
  let foundEsm = false
  let esmEnd = -1
  for (const node of tree.children) {
    const start = node.position?.start.offset
    if (start === undefined) {
      kept.push(node)
      continue
    }
    // The blocks that a statement's lines run into before the blank line that ends it.
    if (start < esmEnd) continue
    if (node.type === 'paragraph' && node.position?.start.column === 1 && isStatement(source, start)) {
      foundEsm = true
      blankLine.lastIndex = start
      esmEnd = blankLine.exec(source)?.index ?? source.length
      continue
    }
    if (node.type === 'paragraph' && truncateMarker.test(source.slice(start, node.position?.end.offset))) {
      kept.push({ type: 'html', value: '<!-- truncate -->', position: node.position! })
      continue
    }
    if (node.type === 'html') {
      const rest = withoutPageBlock(node)
      if (rest === undefined) kept.push(node)
      else if (rest !== '') kept.push({ ...node, value: rest })
      continue
    }
    kept.push(node)
  }
  if (kept.length !== tree.children.length) tree.children = kept
  return foundEsm
}

function isStatement(source: string, start: number): boolean {
  const head = source.slice(start, start + 2000)
  return importStatement.test(head) || exportStatement.test(head)
}

/**
 * What is left of an HTML block that starts with a closed script or style block: the rest of
 * the line of its end tag (CommonMark ends the block there), or undefined when it is not one.
 */
function withoutPageBlock(node: Html): string | undefined {
  const name = pageBlock.exec(node.value)?.[1]
  if (name === undefined) return undefined
  const end = node.value.toLowerCase().indexOf(`</${name}>`)
  if (end === -1) return undefined
  return node.value.slice(end + name.length + 3).trim()
}

/**
 * `{…}` in the text, with one level of nested braces (`{{a: 1}}`), not `{#id}` (a heading id),
 * not after a backslash (an escaped brace is text in MDX too). Matched in the source, which has
 * the escapes that the text nodes no longer show.
 */
const expression = /(?<!\\)\{(?!#)((?:[^{}\n]|\{[^{}\n]*\})*)\}/g
/** `{/* … *\/}`, over lines too. */
const writtenComment = /(?<!\\)\{\s*\/\*[\s\S]*?\*\/\s*\}/g
const comment = /\{\s*\/\*[\s\S]*?\*\/\s*\}/g

function reportExpressions(tree: Root, source: string, file: VFile): void {
  const emptied = new Set<Parent>()
  visit(tree, 'text', (node, _index, parent) => {
    // An escaped `\{` shows as `{` in the text too: text without one has none in its source.
    if (!node.value.includes('{')) return
    const start = node.position?.start
    const end = node.position?.end
    if (start?.offset === undefined || end?.offset === undefined) return
    let written = source.slice(start.offset, end.offset)
    if (!written.includes('{')) return
    const comments = written.match(writtenComment)?.length ?? 0
    if (comments > 0) {
      // Blanked out of the source (offsets stay) so no expression is found in them; removed from
      // the text when the text shows the same comments (an escaped `\{` would show as `{`).
      written = written.replace(writtenComment, (match) => match.replace(/[^\n]/g, ' '))
      if ((node.value.match(comment)?.length ?? 0) === comments) {
        node.value = node.value.replace(comment, '')
        if (parent !== undefined && node.value.trim() === '') emptied.add(parent)
      }
    }
    for (const match of written.matchAll(expression)) {
      if (match[1]!.trim() === '') continue
      const from = pointAfter(start, written, match.index)
      const to = pointAfter(start, written, match.index + match[0].length)
      warn(
        file,
        `\`${match[0]}\` is an MDX expression, which the site works out when it builds the page: mdwx reads the file as Markdown and publishes it as written. Write its value instead`,
        { ruleId: 'mdx-expression', place: { start: from, end: to } },
      )
    }
  })
  if (emptied.size > 0) removeEmptyParagraphs(tree, emptied)
}

/** A paragraph that held only MDX comments goes with them. */
function removeEmptyParagraphs(tree: Root, emptied: ReadonlySet<Parent>): void {
  visit(tree, 'paragraph', (node, index, parent) => {
    if (!emptied.has(node) || parent === undefined || index === undefined) return undefined
    if (node.children.some((child) => child.type !== 'text' || child.value.trim() !== '')) return undefined
    parent.children.splice(index, 1)
    return [SKIP, index]
  })
}

/** The point `index` characters into `text`, which starts at `start`. */
function pointAfter(start: Point, text: string, index: number): Point {
  let line = start.line
  let column = start.column
  for (let at = 0; at < index; at++) {
    if (text.charCodeAt(at) === 10) {
      line++
      column = 1
    } else {
      column++
    }
  }
  return start.offset === undefined ? { line, column } : { line, column, offset: start.offset + index }
}
