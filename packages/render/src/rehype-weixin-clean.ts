import type { Element, ElementContent, Properties, Root } from 'hast'
import type { VFile } from 'vfile'
import { rewriteElements } from './hast-nodes.js'
import { blockTags } from './hast-walk.js'

/** No options: what Weixin keeps is not a setting. */
export interface Options {}

/**
 * Attributes that carry content or layout Weixin keeps. Everything else (`class`, `id`,
 * `data-*`, `aria-*`, what a plugin used to talk to the next one) costs characters and is
 * stripped by Weixin anyway; so is `title`, a tooltip no phone shows.
 */
const keptProperties = new Set(['style', 'href', 'src', 'alt', 'colSpan', 'rowSpan', 'start', 'align'])

/**
 * The last step before rehype-stringify, in one walk: removes every attribute Weixin does not
 * keep (including the `mdwx-*` classes the theme has used by now), empty `style` attributes, and
 * any checkbox `input` the lists plugin did not turn into a ☐/☑ marker. A paragraph holding
 * blocks (the sanitizer can leave one when it unwraps an element between them) becomes a
 * section, so that the HTML reads back as the same tree in Weixin's editor.
 */
export default function rehypeWeixinClean(_options: Options = {}) {
  return (tree: Root, _file: VFile): undefined => {
    rewriteElements(tree, clean)
  }
}

/**
 * SVG elements: the sanitizer lets none of the author's through (it unwraps `<svg>`), so each one
 * here was drawn by rehype-weixin-math from an allow-list, attributes included.
 */
const drawnTags = new Set(['svg', 'path', 'text'])

function clean(element: Element): ElementContent[] | undefined {
  if (element.tagName === 'input') return []
  if (drawnTags.has(element.tagName)) return undefined
  if (needsCleaning(element.properties)) element.properties = cleaned(element.properties)
  if (element.tagName === 'p' && element.children.some(isBlock)) element.tagName = 'section'
  return undefined
}

// Most elements have no attributes at all: check before allocating a new object.
function needsCleaning(properties: Properties): boolean {
  for (const key in properties) {
    if (!keptProperties.has(key) || (key === 'style' && properties[key] === '')) return true
  }
  return false
}

function cleaned(properties: Properties): Properties {
  const result: Properties = {}
  for (const key in properties) {
    const value = properties[key]
    if (keptProperties.has(key) && value !== undefined && !(key === 'style' && value === '')) result[key] = value
  }
  return result
}

function isBlock(node: ElementContent): boolean {
  return node.type === 'element' && blockTags.has(node.tagName)
}
