import type { Element, ElementContent, Root } from 'hast'

/** A text node of whitespace only: the newlines markdown puts between blocks. */
export function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

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
