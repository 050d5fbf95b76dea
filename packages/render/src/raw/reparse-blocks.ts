import type { Element, ElementContent, Root, RootContent, Text } from 'hast'
import type { raw } from 'hast-util-raw'
import type { Position } from 'unist'
import { VFile } from 'vfile'

export type ParseRaw = typeof raw

// hast-util-from-parse5 keeps the positions parse5 reports only when it is given a file.
const positionsOnly = new VFile()
const blockStart = 'mdwx-block-start'
const blockEnd = 'mdwx-block-end'
// In a table's modes an ordinary element goes before the table: a template goes where it stands.
const tableEnd = 'template'

/**
 * The children of `tree` with the raw HTML parsed one top-level block at a time, or undefined
 * when a block is not self-contained: then only parsing the whole tree at once is right.
 *
 * Parsing the whole tree (what rehype-raw does) sends every element of the article through
 * parse5, although most articles have raw HTML in a few blocks only (badges, a centred
 * paragraph). A block is parsed exactly as in the whole tree when the parser is in the same
 * state before it and leaves it in the same state after it. Before: the first start tag of an
 * article switches the parser from its initial mode to "in body", so blocks after one are parsed
 * behind an empty element that does the same. After: an empty element and an empty template at
 * the end of the block must come out as the last children of the root; they do not when the
 * block left an element open (an author's `<div align="center">` around Markdown), a table row
 * or cell open, or a formatting element to reopen (`<b>` never closed), which would change the
 * blocks after it.
 */
export function reparseBlocks(tree: Root, parseRaw: ParseRaw, withRaw: ReadonlySet<RootContent>): RootContent[] | undefined {
  const children: RootContent[] = []
  let inBody = false
  for (const child of tree.children) {
    if (!withRaw.has(child)) {
      children.push(child)
    } else {
      const parsed = parseBlock(child, inBody, parseRaw)
      if (parsed === undefined) return undefined
      children.push(...parsed)
    }
    inBody ||= child.type === 'element' || (child.type === 'raw' && /<[A-Za-z]/.test(child.value))
  }
  mergeAdjacentText(children)
  return children
}

function parseBlock(block: RootContent, inBody: boolean, parseRaw: ParseRaw): RootContent[] | undefined {
  const ends = [sentinel(blockEnd), sentinel(tableEnd)]
  const input: RootContent[] = inBody ? [sentinel(blockStart), block, ...ends] : [block, ...ends]
  // Positions come from the nodes; the file would only give the throwaway root a position, at
  // the cost of indexing the lines of the whole document for every block.
  const result = parseRaw({ type: 'root', children: input }, { file: positionsOnly })
  if (result.type !== 'root') return undefined
  const output = result.children
  const first = inBody ? 1 : 0
  const last = output.length - ends.length
  if (inBody && !isSentinel(output[0], blockStart)) return undefined
  if (!isSentinel(output[last], blockEnd) || !isSentinel(output[last + 1], tableEnd)) return undefined
  return output.slice(first, last)
}

function sentinel(tagName: string): Element {
  return { type: 'element', tagName, properties: {}, children: [] }
}

function isSentinel(node: RootContent | undefined, tagName: string): boolean {
  return node?.type === 'element' && node.tagName === tagName && node.children.length === 0 && (node.content?.children.length ?? 0) === 0
}

/**
 * parse5 makes one text node of neighbouring text, everywhere in the tree it parses: a block's
 * last text and the newline after it, an item's text and the newline before its nested list.
 * Later steps tell a whitespace-only text node from text that ends in whitespace.
 */
function mergeAdjacentText(children: Array<RootContent | ElementContent>): void {
  let index = 0
  while (index < children.length) {
    const child = children[index]!
    const next = children[index + 1]
    if (child.type === 'text' && next?.type === 'text') {
      children.splice(index, 2, joinText(child, next))
      continue
    }
    if (child.type === 'element') mergeAdjacentText(child.children)
    index++
  }
}

function joinText(first: Text, second: Text): Text {
  const text: Text = { type: 'text', value: first.value + second.value }
  // As parse5 does: where the first starts, where the second ends (unknown for a newline that
  // remark-rehype added, which has no position).
  if (first.position !== undefined) text.position = { start: first.position.start, end: second.position?.end } as Position
  return text
}
