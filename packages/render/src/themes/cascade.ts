import { parse } from 'css-tree'
import { inheritedShorthands, isInherited, isRelative, userAgentProperties } from './properties.js'
import type { Declaration, Rule } from './sheet.js'
import { setStyle, type StyleEntries } from './style-text.js'
import { compileDeclaration } from './values.js'

/**
 * Inherited property values an element's children receive. A missing property (or `null`) is
 * unknown: the reader's app decides it, so an explicit value is never redundant there.
 * Objects chain through their prototype, so an element that changes nothing costs nothing.
 */
export type Inherited = Readonly<Record<string, string | null>>

export const nothingInherited: Inherited = Object.freeze(Object.create(null) as Record<string, string | null>)

/**
 * The declarations that apply to one element (or pseudo-element), in the order CSS would apply
 * them: theme rules by specificity and source order, then the author's inline style, then the
 * `!important` ones the same way round. The last writer of a property comes last in the result.
 */
export function cascade(rules: readonly Rule[], inline: readonly Declaration[]): StyleEntries {
  const entries: StyleEntries = new Map()
  for (const rule of rules) for (const declaration of rule.declarations) if (!declaration.important) setStyle(entries, declaration.property, declaration.value)
  for (const declaration of inline) if (!declaration.important) setStyle(entries, declaration.property, declaration.value)
  for (const rule of rules) for (const declaration of rule.declarations) if (declaration.important) setStyle(entries, declaration.property, declaration.value)
  for (const declaration of inline) if (declaration.important) setStyle(entries, declaration.property, declaration.value)
  return entries
}

export interface Resolved {
  /** What the element's `style` attribute must say. */
  readonly style: StyleEntries
  /** What its children inherit. */
  readonly inherited: Inherited
}

/**
 * Leaves out every inherited property whose value the element already receives from its parent,
 * unless the browser gives this element its own value for it (`h2` font size, `a` colour) or the
 * value is relative (`0.9em` of a different font size is a different size).
 */
export function resolveAgainst(tagName: string, declared: StyleEntries, parent: Inherited): Resolved {
  const style: StyleEntries = new Map()
  let inherited: Record<string, string | null> | undefined
  const own = (): Record<string, string | null> => (inherited ??= Object.create(parent) as Record<string, string | null>)
  const userAgent = userAgentProperties(tagName)
  const shorthandSet = declared.has('font')

  for (const [property, value] of declared) {
    if (!isInherited(property)) {
      style.set(property, value)
      continue
    }
    const setByBrowser = userAgent.includes(property)
    if (value === 'inherit' && !setByBrowser) continue
    const redundant = parent[property] === value && !setByBrowser && !isRelative(value) && !(shorthandSet && property.startsWith('font-'))
    if (!redundant) style.set(property, value)
    if (parent[property] !== value && value !== 'inherit') own()[property] = value
    for (const longhand of inheritedShorthands[property] ?? []) if (!declared.has(longhand)) own()[longhand] = null
  }
  for (const property of userAgent) if (!declared.has(property) && parent[property] != null) own()[property] = null
  return { style, inherited: inherited ?? parent }
}

/**
 * The author's own `style="..."` (already checked by the style guard), read with the same rules
 * as the theme: `var()` from the theme's `:root`, nothing that loads or runs anything.
 */
export function parseInlineStyle(text: string, variables: ReadonlyMap<string, string>): Declaration[] {
  const declarations: Declaration[] = []
  const list = parse(text, { context: 'declarationList', parseCustomProperty: false, onParseError: () => {} })
  if (list.type !== 'DeclarationList') return declarations
  for (const node of list.children) {
    if (node.type !== 'Declaration') continue
    const compiled = compileDeclaration(node, variables)
    if ('declaration' in compiled) declarations.push(compiled.declaration)
  }
  return declarations
}
