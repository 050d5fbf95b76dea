import type opentype from 'opentype.js'
import { fontFor } from './noto-sans-sc.js'

type Glyph = opentype.Glyph

/**
 * Replaces each `<text>` of an SVG (with its `<tspan>` runs) by the outlines of its glyphs in
 * Noto Sans SC, so a rasteriser draws the same letters on any machine, CJK included, without
 * system fonts. Reads what diagrams and formulas use: `x`, `y`, `dy` (number or em),
 * `text-anchor`, `font-size`, `font-weight`, `fill`, `transform`, `class` and `style`; one line
 * per element. Text that is not in the font is left out rather than drawn as boxes.
 */
export async function outlineText(svg: string): Promise<string> {
  const pattern = /<text\b([^>]*)>([\s\S]*?)<\/text>/g
  let out = ''
  let last = 0
  for (const match of svg.matchAll(pattern)) {
    out += svg.slice(last, match.index) + (await outline(attributes(match[1]!), match[2]!))
    last = match.index! + match[0].length
  }
  return out + svg.slice(last)
}

function attributes(text: string): Map<string, string> {
  const result = new Map<string, string>()
  for (const [, name, double, single] of text.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) result.set(name!, double ?? single ?? '')
  return result
}

interface Run {
  text: string
  fill: string | undefined
}

function runs(content: string): Run[] {
  const result: Run[] = []
  const pattern = /<tspan\b([^>]*)>([\s\S]*?)<\/tspan>|([^<]+)/g
  for (const [, tspanAttributes, tspanText, plain] of content.matchAll(pattern)) {
    if (plain !== undefined) result.push({ text: decode(plain), fill: undefined })
    else result.push({ text: decode(tspanText!.replace(/<[^>]*>/g, '')), fill: attributes(tspanAttributes!).get('fill') })
  }
  return result
}

function decode(text: string): string {
  return text
    .replace(/&#x([\da-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!)
}

function length(value: string | undefined, fontSize: number): number {
  if (value === undefined) return 0
  const number = Number.parseFloat(value)
  if (!Number.isFinite(number)) return 0
  return value.trim().endsWith('em') ? number * fontSize : number
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}

async function outline(attrs: Map<string, string>, content: string): Promise<string> {
  const fontSize = length(attrs.get('font-size') ?? '16', 16) || 16
  const weight = Number.parseInt(attrs.get('font-weight') ?? '400', 10) >= 600 || attrs.get('font-weight') === 'bold' ? 700 : 400
  const pieces = runs(content)
  // Lay the runs out once to know the width the anchor needs.
  const glyphs: { path: string; fill: string | undefined }[] = []
  let x = 0
  const baseline = length(attrs.get('y'), fontSize) + length(attrs.get('dy'), fontSize)
  // Each glyph is looked up once, kept with its position for the drawing pass.
  const laid: { run: Run; items: { glyph: Glyph | undefined; x: number }[] }[] = []
  for (const run of pieces) {
    const items: { glyph: Glyph | undefined; x: number }[] = []
    for (const character of run.text) {
      const font = await fontFor(character.codePointAt(0)!, weight)
      const glyph = font?.charToGlyph(character)
      items.push({ glyph, x })
      x += glyph && font ? ((glyph.advanceWidth ?? font.unitsPerEm) * fontSize) / font.unitsPerEm : fontSize / 2
    }
    laid.push({ run, items })
  }
  const anchor = attrs.get('text-anchor')
  const shift = length(attrs.get('x'), fontSize) - (anchor === 'middle' ? x / 2 : anchor === 'end' ? x : 0)
  for (const { run, items } of laid) {
    let d = ''
    for (const { glyph, x: offset } of items) {
      if (glyph && glyph.index !== 0) d += glyph.getPath(shift + offset, baseline, fontSize).toPathData(2)
    }
    if (d !== '') glyphs.push({ path: d, fill: run.fill })
  }
  const kept = ['fill', 'transform', 'class', 'style', 'opacity', 'fill-opacity']
    .filter((name) => attrs.has(name))
    .map((name) => ` ${name}="${escapeAttribute(attrs.get(name)!)}"`)
    .join('')
  const paths = glyphs.map(({ path, fill }) => `<path${fill === undefined ? '' : ` fill="${escapeAttribute(fill)}"`} d="${path}"/>`).join('')
  return `<g${kept}>${paths}</g>`
}
