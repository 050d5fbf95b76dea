/**
 * A small reader for the declarations of a `style` attribute. Small on purpose: inline styles
 * are a flat list, and what matters is reading them exactly as a browser would, so that nothing
 * hides from the checks in rehype-weixin-style-guard (comments and escapes are resolved before
 * anything is judged). Also the one check of what may load or run code (`isUnsafeDeclaration`),
 * which theme CSS goes through as well.
 */

export interface Declaration {
  /** Lower-cased, escapes resolved. */
  property: string
  /** Comments removed, escapes resolved, whitespace collapsed. */
  value: string
}

export interface ParsedStyle {
  declarations: Declaration[]
  /** Non-empty pieces that are not readable declarations, as written (for messages). */
  unreadable: string[]
}

/**
 * The declarations of a style attribute. A piece that cannot be read with certainty (no colon,
 * an unclosed string or parenthesis, an escape that would turn into punctuation) is left out and
 * listed in `unreadable`: a browser might read it differently from us.
 */
export function parseDeclarations(style: string): ParsedStyle {
  const declarations: Declaration[] = []
  const unreadable: string[] = []
  const { parts, rest } = splitDeclarations(withoutComments(style))
  for (const text of parts) {
    const colon = text.indexOf(':')
    const property = colon === -1 ? undefined : unescapeCss(text.slice(0, colon))?.trim().toLowerCase()
    const value = colon === -1 ? undefined : unescapeCss(text.slice(colon + 1))?.replace(/\s+/g, ' ').trim()
    if (property && value && /^-?-?[a-z][a-z0-9-]*$/.test(property)) declarations.push({ property, value })
    else if (text.trim() !== '') unreadable.push(text.trim())
  }
  if (rest.trim() !== '') unreadable.push(rest.trim())
  return { declarations, unreadable }
}

/** Values that load a resource or run code, in any browser old or new. Compared lower-cased, without spaces. */
const unsafeValueParts = [
  'url(', 'image(', 'image-set(', 'cross-fade(', 'element(', 'src(',
  'expression(', 'javascript:', 'vbscript:', '-moz-binding', 'behavior', '@import',
]
const unsafeProperties = new Set(['behavior', '-moz-binding'])

/**
 * Whether a declaration can load a resource or run code, in any browser old or new: the one check
 * for the author's `style` attributes (rehype-weixin-style-guard) and for theme CSS
 * (`compileTheme`, and author styles the theme reads). Comments and CSS escapes are resolved
 * first, as a browser resolves them (`u\72l(` is `url(`); a declaration with an escape that
 * stands for CSS punctuation cannot be judged and counts as unsafe.
 */
export function isUnsafeDeclaration({ property, value }: Declaration): boolean {
  const name = unescapeCss(withoutComments(property))
  const text = unescapeCss(withoutComments(value))
  if (name === undefined || text === undefined) return true
  if (unsafeProperties.has(name.trim().toLowerCase())) return true
  const compact = text.toLowerCase().replace(/\s+/g, '')
  return unsafeValueParts.some((part) => compact.includes(part))
}

/** `prop:value;prop:value`: the shortest form, because every character counts against Weixin's limit. */
export function serializeDeclarations(declarations: readonly Declaration[]): string {
  return declarations.map(({ property, value }) => `${property}:${value}`).join(';')
}

/** Removes `/* comments *\/` outside strings; an unclosed comment runs to the end, as in CSS. */
function withoutComments(css: string): string {
  if (!css.includes('/*')) return css
  let result = ''
  let quote = ''
  for (let index = 0; index < css.length; index++) {
    const char = css[index]!
    if (quote !== '') {
      result += char
      if (char === '\\') result += css[++index] ?? ''
      else if (char === quote) quote = ''
    } else if (char === '"' || char === "'") {
      quote = char
      result += char
    } else if (char === '/' && css[index + 1] === '*') {
      const end = css.indexOf('*/', index + 2)
      if (end === -1) break
      index = end + 1
      // A comment separates tokens: `ex/**/pression` is two words to a browser, but judged whole here.
    } else {
      result += char
    }
  }
  return result
}

/**
 * Splits on `;` outside strings and parentheses. Text after an unclosed string or parenthesis
 * is returned as `rest`, not as a declaration (a browser would swallow what follows into it).
 */
function splitDeclarations(css: string): { parts: string[]; rest: string } {
  const parts: string[] = []
  let start = 0
  let depth = 0
  let quote = ''
  for (let index = 0; index < css.length; index++) {
    const char = css[index]
    if (quote !== '') {
      if (char === '\\') index++
      else if (char === quote) quote = ''
    } else if (char === '\\') {
      index++
    } else if (char === '"' || char === "'") {
      quote = char
    } else if (char === '(') {
      depth++
    } else if (char === ')') {
      depth = Math.max(0, depth - 1)
    } else if (char === ';' && depth === 0) {
      parts.push(css.slice(start, index))
      start = index + 1
    }
  }
  const last = css.slice(start)
  if (quote === '' && depth === 0) return { parts: [...parts, last], rest: '' }
  return { parts, rest: last }
}

const hexDigit = /[0-9a-fA-F]/
/** Characters that, produced by an escape, would change how the declaration is read. */
const structural = /[;:{}()"'\\<>@/,\u0000-\u001f\u007f]/

/**
 * Resolves CSS escapes (`\75` is `u`, `\:` is `:`). Undefined when an escape stands for a
 * character that shapes CSS syntax: no author needs that in an inline style, and keeping the
 * decoded text would let it mean something else than what was checked.
 */
export function unescapeCss(text: string): string | undefined {
  if (!text.includes('\\')) return text
  let result = ''
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!
    if (char !== '\\') {
      result += char
      continue
    }
    let hex = ''
    while (hex.length < 6 && hexDigit.test(text[index + 1] ?? '')) hex += text[++index]
    let decoded: string
    if (hex === '') {
      decoded = text[++index] ?? ''
    } else {
      // One whitespace after a hex escape belongs to the escape.
      if (/\s/.test(text[index + 1] ?? '')) index++
      const codePoint = Number.parseInt(hex, 16)
      const invalid = codePoint === 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)
      decoded = invalid ? '\ufffd' : String.fromCodePoint(codePoint)
    }
    if (decoded === '' || structural.test(decoded)) return undefined
    result += decoded
  }
  return result
}
