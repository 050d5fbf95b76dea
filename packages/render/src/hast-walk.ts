import type { Element, Root, RootContent } from 'hast'

/** A text node of whitespace only: the newlines markdown puts between blocks. */
export function isBlank(node: RootContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

/** Elements a `<p>` cannot hold: a browser would end the paragraph before them. */
export const blockTags: ReadonlySet<string> = new Set([
  'p', 'section', 'div', 'blockquote', 'pre', 'table', 'ul', 'ol', 'li', 'hr', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
])

/**
 * Calls `enter` for every element in document order, not descending into an element for which
 * it returns false. A plain recursive walk: unist-util-visit allocates per node, which showed
 * up as a third of this package's own time on code-heavy articles.
 */
export function walkElements(parent: Root | Element, enter: (node: Element, parent: Root | Element) => boolean | void): void {
  for (const child of parent.children) {
    if (child.type === 'element' && enter(child, parent) !== false) walkElements(child, enter)
  }
}
