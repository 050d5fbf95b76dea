import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import { isUnsafeDeclaration, parseDeclarations, serializeDeclarations, type Declaration } from './css-declarations.js'
import { walkElements } from './hast-walk.js'
import { warn } from './messages.js'

/** No options: what may run code, and what Weixin removes, is not a setting. */
export interface Options {}

/** What Weixin strips from inline styles (WEIXIN-API.md): keeping it only wastes characters. */
function isDroppedByWeixin({ property, value }: Declaration): boolean {
  return (
    property.startsWith('--') ||
    property === 'position' ||
    /^(?:-[a-z]+-)?transform$/.test(property) ||
    value.toLowerCase().includes('var(')
  )
}

/**
 * Filters the `style` attributes the author wrote in raw HTML, after rehype-sanitize: comments
 * and CSS escapes are resolved first, then every declaration that can load a resource or run
 * code (`isUnsafeDeclaration`, which theme CSS goes through too: `url()`, `image()`,
 * `expression()`, `-moz-binding`, `behavior`, `javascript:`, `@import`...) and every one Weixin
 * strips (custom properties, `var()`, `position`, `transform`) is dropped, with a warning. What
 * remains is written back compactly as `prop:value;prop:value`.
 */
export default function rehypeWeixinStyleGuard(_options: Options = {}) {
  return (tree: Root, file: VFile): undefined => {
    walkElements(tree, (element) => {
      const style = element.properties['style']
      if (typeof style === 'string') guardStyle(element, style, file)
    })
  }
}

function guardStyle(element: Element, style: string, file: VFile): void {
  const kept: Declaration[] = []
  const { declarations, unreadable } = parseDeclarations(style)
  const removed = unreadable.map((text) => `\`${text}\` (not a CSS declaration)`)
  for (const declaration of declarations) {
    if (isUnsafeDeclaration(declaration)) removed.push(`\`${declaration.property}\` (it could load or run code)`)
    else if (isDroppedByWeixin(declaration)) removed.push(`\`${declaration.property}\` (Weixin removes it)`)
    else kept.push(declaration)
  }
  const result = serializeDeclarations(kept)
  if (result === '') delete element.properties['style']
  else element.properties['style'] = result
  if (removed.length > 0) {
    warn(file, `Removed from a style attribute: ${removed.join(', ')}`, { ruleId: 'style-removed', place: element })
  }
}
