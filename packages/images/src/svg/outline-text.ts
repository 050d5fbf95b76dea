import type opentype from 'opentype.js'
import { glyphFor, type FoundGlyph } from './noto-sans-sc.js'

type Glyph = opentype.Glyph

/** An SVG whose text is glyph outlines, and the characters the font had no glyph for. */
export interface OutlinedSvg {
  svg: string
  /** Characters drawn as boxes, each once, in the order met. */
  missingGlyphs: string[]
}

/**
 * Replaces each `<text>` of an SVG (with its `<tspan>` runs) by the outlines of its glyphs in
 * Noto Sans SC, so a rasteriser draws the same letters on any machine, CJK included, without
 * system fonts. Reads what diagrams and formulas use: `x`, `y`, `dy` (number or em),
 * `text-anchor`, `font-size`, `font-weight`, `fill`, `transform`, `class` and `style`; one line
 * per element. A character the font has no glyph for (an emoji, a script Noto Sans SC lacks) is
 * drawn as a box, the outline of its em square in the text's colour, and listed in
 * `missingGlyphs` so the caller can say which: the text keeps its length and nothing vanishes
 * unnoticed. Controls and invisible format characters (joiners, variation selectors) are skipped.
 */
export async function outlineText(svg: string): Promise<OutlinedSvg> {
  const pattern = /<text\b([^>]*)>([\s\S]*?)<\/text>/g
  const missing = new Set<string>()
  let out = ''
  let last = 0
  for (const match of svg.matchAll(pattern)) {
    out += svg.slice(last, match.index) + (await outline(attributes(match[1]!), match[2]!, missing))
    last = match.index! + match[0].length
  }
  return { svg: out + svg.slice(last), missingGlyphs: [...missing] }
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

/** Controls and invisible format characters: no shape of their own, so neither drawn nor boxed. */
const invisible = /^[\p{Cc}\p{Default_Ignorable_Code_Point}]$/u

/** A positioned character: its glyph, or undefined for a box. */
interface Placed {
  character: string
  found: FoundGlyph | undefined
  x: number
}

async function outline(attrs: Map<string, string>, content: string, missing: Set<string>): Promise<string> {
  const fontSize = length(attrs.get('font-size') ?? '16', 16) || 16
  const weight = Number.parseInt(attrs.get('font-weight') ?? '400', 10) >= 600 || attrs.get('font-weight') === 'bold' ? 700 : 400
  const pieces = runs(content)
  // Lay the runs out once to know the width the anchor needs.
  let x = 0
  const baseline = length(attrs.get('y'), fontSize) + length(attrs.get('dy'), fontSize)
  // Each glyph is looked up once, kept with its position for the drawing pass.
  const laid: { run: Run; items: Placed[] }[] = []
  for (const run of pieces) {
    const items: Placed[] = []
    // SVG's default white-space handling: line breaks go, tabs are spaces.
    for (const character of run.text.replace(/[\r\n]/g, '').replace(/\t/g, ' ')) {
      if (invisible.test(character)) continue
      const found = await glyphFor(character.codePointAt(0)!, weight)
      items.push({ character, found, x })
      x += found ? ((found.glyph.advanceWidth ?? found.unitsPerEm) * fontSize) / found.unitsPerEm : fontSize
    }
    laid.push({ run, items })
  }
  const anchor = attrs.get('text-anchor')
  const shift = length(attrs.get('x'), fontSize) - (anchor === 'middle' ? x / 2 : anchor === 'end' ? x : 0)
  const paths: string[] = []
  for (const { run, items } of laid) {
    const fill = run.fill === undefined ? '' : ` fill="${escapeAttribute(run.fill)}"`
    let boxes = ''
    for (const { character, found, x: offset } of items) {
      const d = found && outlineOf(found.glyph)
      if (d === undefined) {
        missing.add(character)
        boxes += box(shift + offset, baseline, fontSize)
      } else if (d !== '') {
        // The outline in font units (y up), placed and scaled by its transform.
        const scale = fontSize / found!.unitsPerEm
        paths.push(`<path${fill} transform="matrix(${scale} 0 0 ${-scale} ${round(shift + offset)} ${round(baseline)})" d="${d}"/>`)
      }
    }
    if (boxes !== '') paths.push(`<path${fill} d="${boxes}"/>`)
  }
  const kept = ['fill', 'transform', 'class', 'style', 'opacity', 'fill-opacity']
    .filter((name) => attrs.has(name))
    .map((name) => ` ${name}="${escapeAttribute(attrs.get(name)!)}"`)
    .join('')
  return `<g${kept}>${paths.join('')}</g>`
}

const outlines = new WeakMap<Glyph, string | null>()

/**
 * A glyph's outline as SVG path data in font units, y up, made once per glyph; undefined when it
 * cannot be read (the character is then a box, not a failed picture). Written from the glyph's
 * own path: opentype.js's getPath and toPathData, which scale and round every point of every
 * occurrence, took four times as long.
 */
function outlineOf(glyph: Glyph): string | undefined {
  let d = outlines.get(glyph)
  if (d === undefined) {
    try {
      d = ''
      for (const command of glyph.path.commands) {
        if (command.type === 'Z') d += 'Z'
        else if (command.type === 'Q') d += `Q${command.x1} ${command.y1} ${command.x} ${command.y}`
        else if (command.type === 'C') d += `C${command.x1} ${command.y1} ${command.x2} ${command.y2} ${command.x} ${command.y}`
        else d += `${command.type}${command.x} ${command.y}`
      }
    } catch {
      d = null
    }
    outlines.set(glyph, d)
  }
  return d ?? undefined
}

/** Two decimals: a hundredth of a pixel at the size the picture is drawn. */
function round(value: number): number {
  return Math.round(value * 100) / 100
}

/**
 * The em square of a missing character as an outline, filled in the text's colour: the outer
 * rectangle clockwise, the inner one counter-clockwise, so the default nonzero fill leaves it
 * hollow. Noto Sans SC's em box reaches 0.88 em above the baseline and 0.12 em below; the box is
 * inset a little so that two in a row read as two.
 */
function box(x: number, baseline: number, fontSize: number): string {
  const inset = fontSize * 0.06
  const line = Math.max(fontSize * 0.06, 0.5)
  const left = x + inset
  const right = x + fontSize - inset
  const top = baseline - fontSize * 0.88 + inset
  const bottom = baseline + fontSize * 0.12 - inset
  return (
    `M${round(left)} ${round(top)}H${round(right)}V${round(bottom)}H${round(left)}Z` +
    `M${round(left + line)} ${round(top + line)}V${round(bottom - line)}H${round(right - line)}V${round(top + line)}Z`
  )
}
