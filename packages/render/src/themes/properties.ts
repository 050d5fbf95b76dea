/**
 * What the theme engine needs to know about CSS properties to write each one only where it
 * changes something: which properties children inherit, and which elements get a value from the
 * browser's own stylesheet instead of inheriting it (so an equal value there is not redundant).
 */

const inherited = new Set([
  'color',
  'font-family',
  'font-size',
  'font-style',
  'font-variant',
  'font-weight',
  'font-stretch',
  'font-kerning',
  'font-feature-settings',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-align',
  'text-align-last',
  'text-indent',
  'text-justify',
  'text-transform',
  'text-shadow',
  'text-rendering',
  'text-underline-position',
  'white-space',
  'word-break',
  'overflow-wrap',
  'word-wrap',
  'line-break',
  'hyphens',
  'tab-size',
  'visibility',
  'direction',
  'quotes',
  'cursor',
  'list-style',
  'list-style-type',
  'list-style-position',
  'border-collapse',
  'border-spacing',
  'caption-side',
  'empty-cells',
  'orphans',
  'widows',
  '-webkit-font-smoothing',
  '-webkit-text-size-adjust',
  'font',
])

/** Longhands a shorthand resets: after `font: ...` an inherited `font-size` is no longer known. */
export const inheritedShorthands: Readonly<Record<string, readonly string[]>> = {
  font: ['font-family', 'font-size', 'font-style', 'font-variant', 'font-weight', 'line-height'],
}

export function isInherited(property: string): boolean {
  return inherited.has(property)
}

const headings = ['font-size', 'font-weight']
const monospace = ['font-family', 'font-size']

/**
 * Properties a browser sets on these elements itself (HTML's default stylesheet): `h2` does not
 * inherit its parent's `font-size`, `a` does not inherit `color`. A theme value equal to the
 * parent's is therefore still needed on them.
 */
const userAgentSet: Readonly<Record<string, readonly string[]>> = {
  h1: headings,
  h2: headings,
  h3: headings,
  h4: headings,
  h5: headings,
  h6: headings,
  strong: ['font-weight'],
  b: ['font-weight'],
  th: ['font-weight', 'text-align'],
  em: ['font-style'],
  i: ['font-style'],
  cite: ['font-style'],
  var: ['font-style'],
  dfn: ['font-style'],
  address: ['font-style'],
  pre: [...monospace, 'white-space'],
  code: monospace,
  kbd: monospace,
  samp: monospace,
  tt: monospace,
  a: ['color'],
  small: ['font-size'],
  big: ['font-size'],
  sub: ['font-size'],
  sup: ['font-size'],
  mark: ['color'],
  center: ['text-align'],
  caption: ['text-align'],
}

const none: readonly string[] = []

export function userAgentProperties(tagName: string): readonly string[] {
  return userAgentSet[tagName] ?? none
}

// A relative value computes against the element's own font size (`em`, `%`, `ex`, `ch`,
// `smaller`): the same text on a parent and a child can mean two sizes, so it is never redundant.
const relative = /\d(?:em|ex|ch)\b|\d%|\b(?:smaller|larger|bolder|lighter)\b/i

export function isRelative(value: string): boolean {
  return relative.test(value)
}

/**
 * Properties Weixin removes from published articles: a theme that uses them is told so at compile
 * time. What would load a resource or run script is refused by `isUnsafeDeclaration`, the check
 * the author's own styles go through.
 */
export const refusedProperties: Readonly<Record<string, string>> = {
  position: 'Weixin removes `position` from articles',
  transform: 'Weixin removes `transform` from articles',
}
