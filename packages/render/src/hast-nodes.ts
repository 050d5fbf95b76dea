import type { Element, ElementContent, ElementData, Nodes } from 'hast'

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
