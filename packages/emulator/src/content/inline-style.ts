/**
 * Filters an inline `style` value as the Weixin editor does: `position`, `transform` (and its
 * vendor-prefixed forms) and CSS custom properties are removed, and so is any declaration that
 * uses `var(...)` (nothing defines the variables once custom properties are gone). A style that
 * loses nothing comes back unchanged, byte for byte.
 */
export function filterInlineStyle(style: string): string {
  const declarations = splitDeclarations(style)
  const kept = declarations.filter(isSupported)
  if (kept.length === declarations.length) return style
  return kept.map((declaration) => declaration.trim()).join(';')
}

function isSupported(declaration: string): boolean {
  const colon = declaration.indexOf(':')
  if (colon <= 0) return false
  const property = declaration.slice(0, colon).trim().toLowerCase()
  const value = declaration.slice(colon + 1).toLowerCase()
  if (property.startsWith('--')) return false
  if (property === 'position' || /^(?:-[a-z]+-)?transform$/.test(property)) return false
  return !/\bvar\s*\(/.test(value) && !/expression\s*\(/.test(value)
}

/** Splits on the semicolons outside quotes and parentheses (`url("a;b")` is one value). */
function splitDeclarations(style: string): string[] {
  const declarations: string[] = []
  let current = ''
  let depth = 0
  let quote: string | undefined
  for (const char of style) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined
    } else if (char === '"' || char === "'") quote = char
    else if (char === '(') depth++
    else if (char === ')') depth = Math.max(0, depth - 1)
    else if (char === ';' && depth === 0) {
      if (current.trim() !== '') declarations.push(current)
      current = ''
      continue
    }
    current += char
  }
  if (current.trim() !== '') declarations.push(current)
  return declarations
}
