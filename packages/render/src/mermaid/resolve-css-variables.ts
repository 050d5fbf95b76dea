/**
 * beautiful-mermaid colours its SVG with CSS custom properties (`var(--_line)`) derived with
 * `color-mix(in srgb, …)` from two colours, and loads its fonts with `@import url(…)`. Rasterisers
 * (librsvg, which sharp uses) draw neither: every shape comes out black. This writes each
 * `var()` as the colour it stands for, computes `color-mix()`, and drops the `@import`s, so the
 * SVG draws the same anywhere and asks for nothing over the network.
 */
export function resolveCssVariables(svg: string): string {
  const variables = new Map<string, string>()
  // Declarations in the root's style attribute and in the stylesheet's `svg { … }` rule.
  for (const [, name, value] of svg.matchAll(/(--[\w-]+)\s*:\s*([^;"}]+)/g)) {
    if (!variables.has(name!)) variables.set(name!, value!.trim())
  }
  const resolved = new Map<string, string>()
  const lookup = (name: string, depth: number): string | undefined => {
    if (resolved.has(name)) return resolved.get(name)
    const value = variables.get(name)
    if (value === undefined || depth > 20) return undefined
    const result = evaluate(value, (inner) => lookup(inner, depth + 1))
    resolved.set(name, result)
    return result
  }
  const withoutImports = svg.replace(/@import\s+url\([^)]*\)\s*;?/g, '')
  const written = evaluate(withoutImports, (name) => lookup(name, 0))
  // Declarations of custom properties go: nothing reads them once every var() is written out.
  return written.replace(/--[\w-]+\s*:\s*[^;"}]+;?/g, '').replace(/\/\*[^*]*\*\//g, '')
}

/** Replaces every `var(--x, fallback)` and `color-mix(in srgb, a p%, b)` in `text`. */
function evaluate(text: string, lookup: (name: string) => string | undefined): string {
  let out = ''
  let index = 0
  while (index < text.length) {
    const match = /var\(|color-mix\(/g
    match.lastIndex = index
    const found = match.exec(text)
    if (!found) {
      out += text.slice(index)
      break
    }
    out += text.slice(index, found.index)
    const open = found.index + found[0].length
    const close = closingParen(text, open)
    if (close < 0) {
      out += text.slice(found.index)
      break
    }
    const inner = text.slice(open, close)
    out += found[0] === 'var(' ? variable(inner, lookup) : mix(evaluate(inner, lookup))
    index = close + 1
  }
  return out
}

function closingParen(text: string, from: number): number {
  let depth = 1
  for (let index = from; index < text.length; index++) {
    if (text[index] === '(') depth++
    else if (text[index] === ')' && --depth === 0) return index
  }
  return -1
}

function variable(inner: string, lookup: (name: string) => string | undefined): string {
  const comma = inner.indexOf(',')
  const name = (comma < 0 ? inner : inner.slice(0, comma)).trim()
  const value = lookup(name)
  if (value !== undefined) return value
  // An unset property with no fallback draws nothing, as in a browser.
  return comma < 0 ? 'none' : evaluate(inner.slice(comma + 1).trim(), lookup)
}

/** `in srgb, #27272A 60%, #FFFFFF` → the mixed colour as hex; what it cannot read is left black. */
function mix(inner: string): string {
  const parts = inner.split(',').map((part) => part.trim())
  const [a, b] = [parts[1] ?? '', parts[2] ?? '']
  const [colourA, weightA] = colourAndWeight(a)
  const [colourB, weightB] = colourAndWeight(b)
  if (!colourA || !colourB) return '#000000'
  const p = weightA ?? (weightB === undefined ? 0.5 : 1 - weightB)
  const channels = colourA.map((channel, i) => Math.round(channel * p + colourB[i]! * (1 - p)))
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`
}

function colourAndWeight(text: string): [number[] | undefined, number | undefined] {
  const match = /^(#[\da-f]{3,8})\s*(?:([\d.]+)%)?$/i.exec(text)
  if (!match) return [undefined, undefined]
  let hex = match[1]!.slice(1)
  if (hex.length <= 4) hex = [...hex].map((c) => c + c).join('')
  const rgb = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16))
  return [rgb, match[2] === undefined ? undefined : Number(match[2]) / 100]
}
