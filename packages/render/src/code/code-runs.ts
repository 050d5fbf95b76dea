import type { Element, ElementContent } from 'hast'
import { formatStyle, parseStyle, setStyle } from '../themes/style-text.js'
import { isLineWrapper } from './line-marks.js'

/** A stretch of code text drawn in one style (`''`: the block's own). `\n` is a line break. */
export interface Run {
  style: string
  text: string
}

/**
 * The text of a code element as styled runs: nested token spans (`hljs-function` around
 * `hljs-title`) flattened into the style each character is finally drawn in, `<br>` as `\n`,
 * and the newline that ends every fenced block removed.
 *
 * A marked line's wrapper (line-marks.ts) styles its line, not its tokens: its style goes into
 * `lineStyles`, by line index from 0, when the theme gave it one; its tokens are flattened as if
 * it were not there.
 */
export function codeRuns(code: Element, lineStyles?: Map<number, string>): Run[] {
  const runs: Run[] = []
  let line = 0
  const push = (style: string, text: string): void => {
    if (lineStyles) for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) line++
    const last = runs[runs.length - 1]
    if (last && last.style === style) last.text += text
    else if (text) runs.push({ style, text })
  }
  const walk = (children: readonly ElementContent[], style: string): void => {
    for (const child of children) {
      if (child.type === 'text') push(style, child.value)
      else if (child.type !== 'element') continue
      else if (child.tagName === 'br') push(style, '\n')
      else {
        const own = child.properties['style']
        const styled = typeof own === 'string' && own !== ''
        if (lineStyles && isLineWrapper(child)) {
          if (styled) lineStyles.set(line, own)
          walk(child.children, style)
        } else {
          walk(child.children, styled ? nested(style, own) : style)
        }
      }
    }
  }
  walk(code.children, '')
  const last = runs[runs.length - 1]
  if (last?.text.endsWith('\n')) {
    last.text = last.text.slice(0, -1)
    if (!last.text) runs.pop()
  }
  return runs
}

// A theme writes a handful of distinct token styles: each nesting of two is worked out once.
const nestedStyles = new Map<string, string>()

/** The style of a token inside another: the inner one's properties win. */
function nested(outer: string, inner: string): string {
  if (outer === '') return inner
  const key = `${outer}\u0000${inner}`
  let style = nestedStyles.get(key)
  if (style === undefined) {
    const merged = parseStyle(outer)
    for (const [property, value] of parseStyle(inner)) setStyle(merged, property, value)
    style = formatStyle(merged)
    if (nestedStyles.size < 10_000) nestedStyles.set(key, style)
  }
  return style
}
