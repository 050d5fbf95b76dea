import type { Element, Root, RootContent } from 'hast'
import { textContent } from './hast-nodes.js'
import { toWeixinHtml } from './serialize-html.js'

export interface Part {
  /** How the author finds it: `` `## 块级作用域` (line 12) ``. */
  label: string
  weight: number
}

const headingDepth: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 }

/**
 * The `count` heaviest top-level parts of an article, weighed on their HTML. A part starts at
 * each heading of the highest level used at the top, or at a generated section (notes,
 * references). Only computed when an article is over a limit, so serialising the parts again
 * costs nothing in the common case.
 */
export function heaviestParts(tree: Root, count: number, weigh: (html: string) => number): Part[] {
  const nodes = topLevel(tree)
  const depth = Math.min(...nodes.map((node) => (node.type === 'element' ? (headingDepth[node.tagName] ?? 7) : 7)))
  const parts: Part[] = []
  let current: Part = { label: 'the opening before the first heading', weight: 0 }
  for (const node of nodes) {
    const label = node.type === 'element' ? partLabel(node, depth) : undefined
    if (label !== undefined) {
      if (current.weight > 0) parts.push(current)
      current = { label, weight: 0 }
    }
    current.weight += weigh(toWeixinHtml(node))
  }
  if (current.weight > 0) parts.push(current)
  return parts.sort((a, b) => b.weight - a.weight).slice(0, count)
}

/** The root's children, or those of the one `<section>` the theme wraps the body in. */
function topLevel(tree: Root): RootContent[] {
  const elements = tree.children.filter((node) => node.type === 'element')
  const only = elements[0]
  return elements.length === 1 && only?.tagName === 'section' && only.data?.articlePart === undefined
    ? only.children
    : tree.children
}

function partLabel(element: Element, depth: number): string | undefined {
  if (element.data?.articlePart !== undefined) return `the “${element.data.articlePart}” section`
  if (headingDepth[element.tagName] !== depth) return undefined
  const line = element.position?.start.line
  const heading = `\`${'#'.repeat(depth)} ${textContent(element).trim()}\``
  return line === undefined ? heading : `${heading} (line ${line})`
}
