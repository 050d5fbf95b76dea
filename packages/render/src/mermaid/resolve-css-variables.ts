import { closingParenthesis, resolveVariables } from '../themes/values.js'

/**
 * beautiful-mermaid colours its SVG with CSS custom properties (`var(--_line)`) derived with
 * `color-mix(in srgb, …)` from two colours, and loads its fonts with `@import url(…)`. Rasterisers
 * (librsvg, which sharp uses) draw neither: every shape comes out black. This writes each
 * `var()` as the colour it stands for (as themes resolve theirs), computes `color-mix()`, and
 * drops the `@import`s, so the SVG draws the same anywhere and asks for nothing over the network.
 * Undefined when a variable has no value and no fallback.
 */
export function resolveCssVariables(svg: string): string | undefined {
  const variables = new Map<string, string>()
  // Declarations in the root's style attribute and in the stylesheet's `svg { … }` rule.
  for (const [, name, value] of svg.matchAll(/(--[\w-]+)\s*:\s*((?:[^;"}()]|\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))+)/g)) {
    if (!variables.has(name!)) variables.set(name!, value!.trim())
  }
  const resolved = resolveVariables(svg.replace(/@import\s+url\([^)]*\)\s*;?/g, ''), variables)
  if (resolved === undefined) return undefined
  // Declarations of custom properties go: nothing reads them once every var() is written out.
  return mixColours(resolved).replace(/--[\w-]+\s*:\s*[^;"}]+;?/g, '').replace(/\/\*[^*]*\*\//g, '')
}

/** Every `color-mix(in srgb, a p%, b)` (innermost first) as the hex colour it gives. */
function mixColours(text: string): string {
  let result = text
  for (let start = result.lastIndexOf('color-mix('); start !== -1; start = result.lastIndexOf('color-mix(')) {
    const end = closingParenthesis(result, start + 9)
    if (end === -1) break
    result = result.slice(0, start) + mix(result.slice(start + 10, end)) + result.slice(end + 1)
  }
  return result
}

/** `in srgb, #27272A 60%, #FFFFFF` → the mixed colour as hex; what it cannot read is left black. */
function mix(inner: string): string {
  const parts = inner.split(',').map((part) => part.trim())
  const [colourA, weightA] = colourAndWeight(parts[1] ?? '')
  const [colourB, weightB] = colourAndWeight(parts[2] ?? '')
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
