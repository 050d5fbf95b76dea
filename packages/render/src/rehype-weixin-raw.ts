import type { Element, Nodes, Root } from 'hast'
import rehypeRaw from 'rehype-raw'
import type { VFile } from 'vfile'

/** No options: the author's HTML is always parsed the way a browser would. */
export interface Options {}

type Range = readonly [start: number, end: number]

/**
 * Parses the raw HTML written in the Markdown into real elements (rehype-raw), so that the
 * sanitizer judges what a browser would see. rehype-raw sends the whole tree through parse5,
 * which costs as much as parsing the Markdown again: articles without raw HTML skip it.
 *
 * Elements that came from raw HTML get `data.fromRawHtml` (rehype-weixin-images reports an
 * image's syntax from it), and `div`, which Weixin's editor does not keep, becomes `section`,
 * its block-level equivalent there, so the author's layout blocks stay blocks.
 */
export default function rehypeWeixinRaw(_options: Options = {}) {
  const reparse = rehypeRaw()
  return (tree: Root, file: VFile): Root | undefined => {
    const ranges: Range[] = []
    if (!collectRawRanges(tree, ranges)) return undefined
    const result = reparse(tree, file)
    markRawElements(result, ranges)
    return result
  }
}

/** Whether the tree has raw nodes; records where each one was written. */
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

function markRawElements(node: Root | Element, ranges: readonly Range[]): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    const offset = child.position?.start.offset
    if (offset !== undefined && isInside(ranges, offset)) {
      child.data = { ...child.data, fromRawHtml: true }
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
