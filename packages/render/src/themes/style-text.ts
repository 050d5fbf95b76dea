/**
 * The `style` attribute text the theme writes (`color:#333;margin:0 0 1em`), read back and
 * extended by the plugins that run after it (code, lists, tables).
 */
import type { Element } from 'hast'
import { parseDeclarations } from '../css-declarations.js'

export type StyleEntries = Map<string, string>

export function parseStyle(text: string | undefined): StyleEntries {
  if (!text) return new Map()
  let parsed = parsedStyles.get(text)
  if (!parsed) {
    parsed = new Map()
    for (const { property, value } of parseDeclarations(text).declarations) setStyle(parsed, property, value)
    if (parsedStyles.size < 10_000) parsedStyles.set(text, parsed)
  }
  return new Map(parsed)
}

// A theme writes a few dozen distinct style attributes; each is read once.
const parsedStyles = new Map<string, StyleEntries>()

/** The style attribute of an element as entries. */
export function styleOf(node: Element): StyleEntries {
  const style = node.properties['style']
  return parseStyle(typeof style === 'string' ? style : undefined)
}

/** Writes entries back as the element's style attribute (none when empty). */
export function setStyleOf(node: Element, entries: StyleEntries): void {
  if (entries.size > 0) node.properties['style'] = formatStyle(entries)
  else delete node.properties['style']
}

export function formatStyle(entries: StyleEntries): string {
  let text = ''
  for (const [property, value] of entries) text += (text ? ';' : '') + property + ':' + value
  return text
}

/**
 * Sets a property so that it wins over what is already there: a later `margin` must come after an
 * earlier `margin-top` in the text, or the longhand would override it again.
 */
export function setStyle(entries: StyleEntries, property: string, value: string): void {
  entries.delete(property)
  entries.set(property, value)
}
