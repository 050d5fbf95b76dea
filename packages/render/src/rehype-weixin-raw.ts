import { expectOption } from '@mdwx/errors'
import type { Element, Nodes, Root, RootContent } from 'hast'
import type { VFile } from 'vfile'
import { setElementData } from './hast-nodes.js'
import { warn } from './messages.js'
import { reparseBlocks, type ParseRaw } from './raw/reparse-blocks.js'

/** The author's HTML is always parsed the way a browser would; the option only changes how fast. */
export interface Options {
  /**
   * Parse the raw HTML one top-level block at a time when every such block is self-contained,
   * which gives the same tree as parsing the whole tree at once (what rehype-raw does), faster.
   * Default true; false always parses the whole tree.
   */
  blockwise?: boolean
}

type Range = readonly [start: number, end: number]
/** The node remark-rehype makes of raw HTML (typed by mdast-util-to-hast). */
type Raw = Extract<Nodes, { type: 'raw' }>

/**
 * Parses the raw HTML written in the Markdown into real elements (hast-util-raw, as rehype-raw),
 * so that the sanitizer judges what a browser would see. Parsing sends the tree through parse5,
 * which costs as much as parsing the Markdown again: articles without raw HTML skip it, and the
 * others send only the top-level blocks that hold raw HTML when that gives the same tree (see
 * raw/reparse-blocks.ts); parse5 itself is loaded the first time an article has raw HTML.
 *
 * Elements that came from raw HTML get `data.fromRawHtml` (rehype-weixin-images reports an
 * image's syntax from it), and `div`, which Weixin's editor does not keep, becomes `section`,
 * its block-level equivalent there, so the author's layout blocks stay blocks.
 *
 * A block of raw HTML ends at a blank line in Markdown, but parse5 would keep an unclosed
 * `<style>`, `<textarea>`, `<select>`, `<template>`... open and swallow the Markdown after it,
 * which the sanitizer then drops with the element. Such elements are closed where the author
 * left them, `<plaintext>` (which nothing closes) is cut out, and where Markdown itself already
 * took the rest into the HTML (an unclosed `<script>` or `<!--` opening a block) the author is
 * told: text never vanishes without a message (rule `html-unclosed`).
 */
export default function rehypeWeixinRaw(options: Options = {}) {
  const blockwise = options.blockwise ?? true
  expectOption(typeof blockwise === 'boolean', 'a boolean', 'blockwise', blockwise)
  return (tree: Root, file: VFile): Promise<Root> | undefined => {
    const ranges: Range[] = []
    const withRaw = new Set<RootContent>()
    for (const child of tree.children) if (collectRawRanges(child, ranges)) withRaw.add(child)
    if (withRaw.size === 0) return undefined
    closeOpenElements(tree, file)
    return loadParser().then((parseRaw) => {
      const children = blockwise ? reparseBlocks(tree, parseRaw, withRaw) : undefined
      const result = children === undefined ? (parseRaw(tree, { file }) as Root) : { ...tree, children }
      markRawElements(result, ranges)
      return result
    })
  }
}

let parser: Promise<ParseRaw> | undefined

/** parse5 and its hast bridges load only when an article has raw HTML. */
function loadParser(): Promise<ParseRaw> {
  return (parser ??= import('hast-util-raw').then((module) => module.raw))
}

/** Whether the node is or holds raw HTML; records where each raw node was written. */
function collectRawRanges(node: Nodes, ranges: Range[]): boolean {
  if (node.type === 'raw') {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start !== undefined && end !== undefined) ranges.push([start, end])
    return true
  }
  if (!('children' in node)) return false
  let found = false
  for (const child of node.children) {
    if (collectRawRanges(child, ranges)) found = true
  }
  return found
}

/**
 * Elements the sanitizer drops with everything in them that a browser keeps open past the end of
 * a Markdown block: raw-text elements read all up to their end tag as text; `select`, `option`,
 * `datalist` and `template` take in the elements after them; nothing ends `plaintext`.
 */
const swallowingTag = /<(\/?)(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|select|option|datalist|template|plaintext)(?=[\s/>])/gi
/** Elements whose content is text up to their end tag: no tag inside them counts. */
const rawText = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript'])
const blankLine = /\n[ \t]*\n/

interface Open {
  name: string
  node: Raw
  /** Start tags of the same name not yet closed (`template` and `datalist` nest). */
  depth: number
  /** Whether the raw node holds a blank line after the start tag: Markdown the element took in. */
  swallowsBlocks: boolean
}

/**
 * Closes the elements of `swallowingTag` that no later raw sibling closes, right where they were
 * opened: at the end of their HTML block, or just after the tag inside a paragraph. One open
 * element is tracked per parent; an end tag too many, where a browser had closed the element
 * already, is ignored by the parser. `<plaintext>` is cut out: nothing can close it.
 *
 * An HTML block that starts with `<script>`, `<style>`, `<textarea>` or `<pre>` runs to its end
 * tag in Markdown, across blank lines: left open, it takes the Markdown after it as its content,
 * which the sanitizer drops with it. That cannot be undone here, so the author is told.
 */
function closeOpenElements(parent: Root | Element, file: VFile): void {
  let open: Open | undefined
  for (const child of parent.children) {
    if (child.type === 'element') closeOpenElements(child, file)
    if (child.type !== 'raw') continue
    reportUnclosedMarkup(child, file)
    const cuts: Array<readonly [start: number, end: number]> = []
    for (const match of child.value.matchAll(swallowingTag)) {
      const start = match[1] === ''
      const name = match[2]!.toLowerCase()
      if (name === 'plaintext') {
        if (start && (open === undefined || !rawText.has(open.name))) cuts.push([match.index, tagEnd(child.value, match.index)])
      } else if (open === undefined) {
        if (start) open = { name, node: child, depth: 1, swallowsBlocks: blankLine.test(child.value.slice(match.index)) }
      } else if (name === open.name) {
        open.depth += start ? (rawText.has(name) ? 0 : 1) : -1
        if (open.depth === 0) open = undefined
      }
    }
    if (cuts.length > 0) cutPlaintext(child, cuts, file)
  }
  if (open === undefined) return
  open.node.value += `</${open.name}>`.repeat(open.depth)
  if (open.swallowsBlocks) {
    warn(
      file,
      `\`<${open.name}>\` is never closed: the Markdown after it is taken as its content and removed with it. Close it with \`</${open.name}>\``,
      { ruleId: 'html-unclosed', place: open.node },
    )
  }
}

/** Where the tag that starts at `start` ends: after its `>`, or at the end of the text. */
function tagEnd(text: string, start: number): number {
  const end = text.indexOf('>', start)
  return end === -1 ? text.length : end + 1
}

function cutPlaintext(node: Raw, cuts: ReadonlyArray<readonly [start: number, end: number]>, file: VFile): void {
  let value = ''
  let from = 0
  for (const [start, end] of cuts) {
    value += node.value.slice(from, start)
    from = end
  }
  node.value = value + node.value.slice(from)
  warn(
    file,
    '`<plaintext>` was removed: nothing can close it, so it would turn the rest of the article into plain text. Use `<pre>` for preformatted text',
    { ruleId: 'html-unclosed', place: node },
  )
}

/** Markup that Markdown reads to its end across blank lines, and the sanitizer drops. */
const unclosedMarkup: ReadonlyArray<readonly [start: RegExp, end: string, what: string]> = [
  [/^\s*<!--/, '-->', 'An HTML comment'],
  [/^\s*<\?/, '?>', 'A processing instruction'],
  [/^\s*<!\[CDATA\[/, ']]>', 'A CDATA section'],
  [/^\s*<![A-Za-z]/, '>', 'A declaration'],
]

/** A comment (or the like) that opens an HTML block and is never closed takes the Markdown after it. */
function reportUnclosedMarkup(node: Raw, file: VFile): void {
  if (!blankLine.test(node.value)) return
  for (const [start, end, what] of unclosedMarkup) {
    if (!start.test(node.value)) continue
    if (!node.value.includes(end)) {
      warn(file, `${what} is never closed: the Markdown after it is taken as part of it and removed with it. Close it with \`${end}\``, {
        ruleId: 'html-unclosed',
        place: node,
      })
    }
    return
  }
}

function markRawElements(node: Root | Element, ranges: readonly Range[]): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    const offset = child.position?.start.offset
    if (offset !== undefined && isInside(ranges, offset)) {
      setElementData(child, 'fromRawHtml', true)
      if (child.tagName === 'div') child.tagName = 'section'
    }
    markRawElements(child, ranges)
  }
}

/** Binary search: ranges are in document order and never overlap. */
function isInside(ranges: readonly Range[], offset: number): boolean {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const [start, end] = ranges[middle]!
    if (offset < start) high = middle - 1
    else if (offset >= end) low = middle + 1
    else return true
  }
  return false
}
