import { generate, type Declaration as CssDeclaration } from 'css-tree'
import { isUnsafeDeclaration } from '../css-declarations.js'
import { refusedProperties } from './properties.js'
import type { Declaration } from './sheet.js'

export type CompiledDeclaration = { declaration: Declaration } | { refused: string } | { skipped: true }

/**
 * One declaration as it will be written inline: `var()` resolved from the theme's `:root`
 * custom properties (Weixin removes CSS variables), nothing that loads or runs anything, and the
 * shortest equivalent text (`shortenValue`).
 */
export function compileDeclaration(node: CssDeclaration, variables: ReadonlyMap<string, string>): CompiledDeclaration {
  const property = node.property.toLowerCase()
  if (property.startsWith('--')) return { skipped: true }
  const reason = refusedProperties[property]
  if (reason) return { refused: `\`${property}\` is not applied: ${reason}` }
  const written = generate(node.value).trim()
  const value = resolveVariables(written, variables)
  if (value === undefined) return { refused: `\`${property}: ${written}\` uses a variable that \`:root\` does not define` }
  if (isUnsafeDeclaration({ property, value })) return { refused: `\`${property}\` is not applied: it can load or run something` }
  if (value === '') return { skipped: true }
  return { declaration: { property, value: shortenValue(property, value), important: node.important !== false } }
}

/** `var(--name, fallback)` replaced by its value; undefined when a name has no value and no fallback. */
export function resolveVariables(value: string, variables: ReadonlyMap<string, string>, seen: ReadonlySet<string> = new Set()): string | undefined {
  let start = value.indexOf('var(')
  if (start === -1) return value
  let result = ''
  let rest = value
  while (start !== -1) {
    const end = closingParenthesis(rest, start + 3)
    if (end === -1) return undefined
    const inside = rest.slice(start + 4, end)
    const comma = inside.indexOf(',')
    const name = (comma === -1 ? inside : inside.slice(0, comma)).trim()
    const fallback = comma === -1 ? undefined : inside.slice(comma + 1).trim()
    let replacement: string | undefined
    const defined = variables.get(name)
    if (defined !== undefined && !seen.has(name)) replacement = resolveVariables(defined, variables, new Set([...seen, name]))
    if (replacement === undefined && fallback !== undefined) replacement = resolveVariables(fallback, variables, seen)
    if (replacement === undefined) return undefined
    result += rest.slice(0, start) + replacement
    rest = rest.slice(end + 1)
    start = rest.indexOf('var(')
  }
  return result + rest
}

/** The index of the `)` closing the parenthesis at or after `open`, or -1. */
export function closingParenthesis(text: string, open: number): number {
  let depth = 0
  for (let index = open; index < text.length; index++) {
    if (text[index] === '(') depth++
    else if (text[index] === ')' && --depth === 0) return index
  }
  return -1
}

/**
 * Every byte of an article counts against Weixin's limit: `#ffffff` → `#fff`, and font names
 * lose their quotes where CSS allows it (css-tree writes every string in double quotes, and a
 * double quote inside `style="..."` is written `&#x22;`, six characters).
 */
export function shortenValue(property: string, value: string): string {
  const short = value.replace(/#([0-9a-f])\1([0-9a-f])\2([0-9a-f])\3\b/gi, '#$1$2$3').replace(/#[0-9A-F]{3,8}\b/g, (hex) => hex.toLowerCase())
  return property === 'font-family' || property === 'font' ? short.replace(/(["'])([^"']*)\1/g, unquoteFontName) : short
}

// An unquoted font name is a sequence of identifiers that is not a CSS keyword.
const identifierSequence = /^-?[a-z_\u0080-\uffff][\w\u0080-\uffff-]*(?: -?[a-z_\u0080-\uffff][\w\u0080-\uffff-]*)*$/i
const keywords = /^(?:serif|sans-serif|monospace|cursive|fantasy|system-ui|ui-\w+|math|emoji|fangsong|inherit|initial|unset|revert|default)$/i

function unquoteFontName(quoted: string, _quote: string, name: string): string {
  return identifierSequence.test(name) && !keywords.test(name) ? name : quoted
}
