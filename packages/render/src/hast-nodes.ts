import type { Element, ElementContent, ElementData, Nodes, Root } from 'hast'

/** The text a node shows, like the DOM's `textContent`: text nodes joined, markup ignored. */
export function textContent(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (!('children' in node)) return ''
  let text = ''
  for (const child of node.children) text += textContent(child)
  return text
}

/**
 * An element carrying one of the `mdwx-*` classes the theme styles (rehype-weixin-clean removes
 * them at the end); a string child is a text node.
 */
export function classed(tagName: string, className: string | undefined, children: ElementContent[] | string): Element {
  return {
    type: 'element',
    tagName,
    properties: className === undefined ? {} : { className: [className] },
    children: typeof children === 'string' ? [{ type: 'text', value: children }] : children,
  }
}

/**
 * Sets one field of an element's `data`, keeping the others. Written as a mutation because other
 * packages augment `ElementData` with required fields (hast-util-from-parse5's `position`), which
 * a fresh object literal would not satisfy.
 */
export function setElementData<Key extends keyof ElementData>(element: Element, key: Key, value: ElementData[Key]): void {
  const data = (element.data ??= {} as ElementData)
  data[key] = value
}

/**
 * Walks the elements below `parent` in document order, letting `rewrite` replace any of them.
 * `rewrite` returns undefined to keep the element (its children are walked next), or the nodes
 * that take its place, which are walked in turn (so a link unwrapped into its children still
 * has those children visited). It must not return the element itself.
 */
export function rewriteElements(parent: Root | Element, rewrite: (element: Element) => ElementContent[] | undefined): void {
  const children = parent.children
  let index = 0
  while (index < children.length) {
    const child = children[index]!
    const replacement = child.type === 'element' ? rewrite(child) : undefined
    if (replacement === undefined) {
      if (child.type === 'element') rewriteElements(child, rewrite)
      index++
    } else {
      children.splice(index, 1, ...replacement)
    }
  }
}
