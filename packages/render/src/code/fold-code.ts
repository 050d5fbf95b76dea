import type { Element } from 'hast'
import { isInherited, isRelative } from '../themes/properties.js'
import { setStyle, styleOf, type StyleEntries } from '../themes/style-text.js'

// Values that draw nothing on a `<code>` filling its `<pre>`: dropping them changes nothing.
const drawsNothing = /^(?:0|0px|none|transparent|normal|initial|unset|inherit|inline|block|auto)$/i
const sameSize = /^(?:1em|100%|inherit)$/i

/**
 * The `<code>` inside a `<pre>`, if there is exactly one. When its styles can move to the `<pre>`
 * (inherited ones with absolute values; the rest drawing nothing), they are moved into
 * `preStyle` and `unwrap` is true: one element fewer per block.
 */
export function foldCode(pre: Element, preStyle: StyleEntries): { code: Element; unwrap: boolean } | undefined {
  let code: Element | undefined
  for (const child of pre.children) {
    if (child.type === 'element' && child.tagName === 'code') {
      if (code) return undefined
      code = child
    }
  }
  if (!code) return undefined
  const style = styleOf(code)
  const moved: Array<[string, string]> = []
  for (const [property, value] of style) {
    if (property === 'font-size' && sameSize.test(value)) continue
    if (isInherited(property) && !isRelative(value)) {
      if (value !== 'inherit') moved.push([property, value])
    } else if (!drawsNothing.test(value)) return { code, unwrap: false }
  }
  for (const [property, value] of moved) setStyle(preStyle, property, value)
  return { code, unwrap: true }
}
