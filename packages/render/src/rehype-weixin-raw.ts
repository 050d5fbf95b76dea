import { expectOption } from '@mdwx/errors'
import type { Element, Nodes, Root, RootContent } from 'hast'
import type { VFile } from 'vfile'
import { setElementData } from './hast-nodes.js'
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
 * `<style>`, `<textarea>`... open and swallow the Markdown after it as raw text, which the
 * sanitizer then drops with the element. Such elements are closed where the author left them.
 */
export default function rehypeWeixinRaw(options: Options = {}) {
  const blockwise = options.blockwise ?? true
  expectOption(typeof blockwise === 'boolean', 'a boolean', 'blockwise', blockwise)
  return (tree: Root, file: VFile): Promise<Root> | undefined => {
    const ranges: Range[] = []
    const withRaw = new Set<RootContent>()
    for (const child of tree.children) if (collectRawRanges(child, ranges)) withRaw.add(child)
    if (withRaw.size === 0) return undefined
    closeRawTextElements(tree)
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

/** Elements whose content a browser reads as text up to their end tag. */
const rawTextTag = /<(\/?)(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript)(?=[\s/>])/gi

/**
 * Closes raw-text elements that no later raw sibling closes, right where they were opened: at
 * the end of their HTML block, or just after the tag inside a paragraph. They cannot nest, so
 * one open element is tracked per parent.
 */
function closeRawTextElements(parent: Root | Element): void {
  let open: { name: string; node: Raw } | undefined
  for (const child of parent.children) {
    if (child.type === 'element') closeRawTextElements(child)
    if (child.type !== 'raw') continue
    for (const [, slash, name] of child.value.matchAll(rawTextTag)) {
      const lower = name!.toLowerCase()
      if (open === undefined && slash === '') open = { name: lower, node: child }
      else if (open?.name === lower && slash === '/') open = undefined
    }
  }
  if (open) open.node.value += `</${open.name}>`
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
