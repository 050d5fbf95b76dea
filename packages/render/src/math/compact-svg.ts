import type { Element, ElementContent } from 'hast'
import { compose, isAxisAligned, parseTransform, type Affine } from './affine.js'
import { linePath, parsePath, rectPath, transformPath, UnsupportedPath, writePath } from './path-data.js'

/** An element of MathJax's output as its lite DOM gives it, before anything is kept. */
export interface SourceElement {
  name: string
  attributes: Record<string, string>
  children: (SourceElement | string)[]
}

/** What is drawn where, inherited down the groups. */
interface Paint {
  m: Affine
  fill: string
  stroke: string
  strokeWidth: string
}

/**
 * MathJax's SVG of one formula, rebuilt from an allow-list into what Weixin keeps: no ids,
 * classes, `data-*`, `<defs>`, `<use>`, `<style>` or nested groups. Every filled glyph and bar of
 * one colour becomes part of one `<path>`; a stroked line (`\cancel`, `\boxed`) is a `<path>` of
 * its own, and text MathJax has no glyph for (a CJK `\text{}`) a `<text>` with its place as one
 * `matrix()`. Colours are `currentColor` unless the TeX chose one
 * (`\color`), checked against a plain colour syntax. Anything else MathJax might draw is refused,
 * which fails the formula (the caller keeps its source as code) rather than let unknown markup through.
 * Coordinates are rounded to a grid (see `grid`).
 */
export function compactSvg(root: SourceElement): { viewBox: string; children: Element[] } {
  const viewBox = root.attributes['viewBox']
  if (root.attributes['width'] === '100%') {
    // How MathJax lays out an equation number: against the page's width, which has no size here.
    throw new UnsupportedPath('an equation number (\\tag) is placed against the page width, which an article does not have; write it into the formula instead, as \\qquad (1)')
  }
  if (root.name !== 'svg' || viewBox === undefined || !/^[-\d.\s]+$/.test(viewBox)) throw new UnsupportedPath('MathJax gave no SVG with a viewBox')
  const merged = new Map<string, { d: string; pen: { x: number; y: number } }>()
  const separate: Element[] = []
  const paint: Paint = { m: [1 / grid, 0, 0, 1 / grid, 0, 0], fill: 'currentColor', stroke: 'none', strokeWidth: '0' }
  for (const child of root.children) if (typeof child !== 'string') draw(child, paint, merged, separate)
  const paths: Element[] = [...merged].map(([fill, { d }]) => svgElement('path', { fill, d }))
  return { viewBox: viewBox.trim().split(/\s+/).map((n) => String(Math.round(Number(n) / grid))).join(' '), children: [...paths, ...separate] }
}

/**
 * Coordinates are written in units of this many thousandths of an em: 1/250 em, 0.06 px at
 * 16 px, below what a phone's screen shows. Coarser than MathJax's 1/1000 em, it saves 15% of a
 * formula's characters; 1/100 em would save 22% and start to bend the curves.
 */
const grid = 4

function inherit(element: SourceElement, paint: Paint): Paint {
  const { transform, fill, stroke } = element.attributes
  const strokeWidth = element.attributes['stroke-width']
  let m = paint.m
  if (transform !== undefined) {
    const own = parseTransform(transform)
    if (own === undefined) throw new UnsupportedPath(`unsupported transform ${transform}`)
    m = compose(m, own)
  }
  return {
    m,
    fill: fill === undefined ? paint.fill : colour(fill),
    stroke: stroke === undefined ? paint.stroke : colour(stroke),
    strokeWidth: strokeWidth === undefined ? paint.strokeWidth : number(strokeWidth),
  }
}

const colourPattern = /^(?:#[\da-f]{3,8}|[a-z]{3,20}|rgba?\(\s*[\d.%\s,]+\))$/i

function colour(value: string): string {
  const trimmed = value.trim()
  if (!colourPattern.test(trimmed)) throw new UnsupportedPath(`unsupported colour ${value}`)
  return trimmed
}

function number(value: string): string {
  const n = Number(value)
  if (!Number.isFinite(n)) throw new UnsupportedPath(`not a number: ${value}`)
  return String(n)
}

/**
 * What MathJax's stylesheet (which Weixin would drop) gives table rules and frames
 * (`\begin{array}{|c|}`, `\hline`): a 70-unit stroke and no fill; dashes for `:`.
 */
function tableRule(element: SourceElement, paint: Paint): Paint {
  const a = element.attributes
  if (!(element.name === 'line' && 'data-line' in a) && !(element.name === 'rect' && 'data-frame' in a)) return paint
  return { ...paint, fill: 'none', stroke: paint.stroke === 'none' ? paint.fill : paint.stroke, strokeWidth: '70' }
}

function draw(element: SourceElement, parent: Paint, merged: Map<string, { d: string; pen: { x: number; y: number } }>, separate: Element[]): void {
  const paint = tableRule(element, inherit(element, parent))
  const a = element.attributes
  switch (element.name) {
    case 'g':
    // A link (only with the html extension, which is not loaded) is drawn as its content.
    case 'a':
      for (const child of element.children) if (typeof child !== 'string') draw(child, paint, merged, separate)
      return
    case 'svg': {
      // MathJax nests an <svg> to place a stretched glyph (\overline, \overbrace, \widehat): its
      // viewBox mapped onto its box. The clipping to that box is not kept: the glyph's ends
      // reach past it by a few hundredths of an em.
      const inner = { ...paint, m: compose(paint.m, nestedViewBox(a)) }
      for (const child of element.children) if (typeof child !== 'string') draw(child, inner, merged, separate)
      return
    }
    case 'ellipse':
    case 'polygon': {
      // \enclose{circle}, \enclose{…arrow}: stroked or filled shapes of their own.
      const d = element.name === 'ellipse' ? ellipsePath(a, paint.m) : writePath(transformPath(polygonPath(a['points'] ?? ''), paint.m))
      separate.push(svgElement('path', { fill: paint.fill, stroke: paint.stroke, strokeWidth: scaledStrokeWidth(paint), d }))
      return
    }
    case 'path':
    case 'rect':
    case 'line': {
      const segments =
        element.name === 'path'
          ? parsePath(a['d'] ?? '')
          : element.name === 'rect'
            ? rectPath(num(a['x']), num(a['y']), num(a['width']), num(a['height']))
            : linePath(num(a['x1']), num(a['y1']), num(a['x2']), num(a['y2']))
      const moved = transformPath(segments, paint.m)
      const stroked = paint.stroke !== 'none' && Number(paint.strokeWidth) > 0
      if (element.name !== 'line' && paint.fill !== 'none' && !stroked) {
        let entry = merged.get(paint.fill)
        if (!entry) merged.set(paint.fill, (entry = { d: '', pen: { x: 0, y: 0 } }))
        entry.d += writePath(moved, entry.pen)
        return
      }
      const properties: Record<string, string> = { fill: element.name === 'line' ? 'none' : paint.fill, stroke: paint.stroke, strokeWidth: scaledStrokeWidth(paint), d: writePath(moved) }
      const dashed = /\bmjx-dashed\b/.test(a['class'] ?? '')
      const dash = String(Math.round(140 * scaleOf(paint.m)))
      if (dashed || /\bmjx-dotted\b/.test(a['class'] ?? '')) properties['strokeDasharray'] = dashed ? dash : `0,${dash}`
      separate.push(svgElement('path', properties))
      return
    }
    case 'text': {
      const text = element.children.filter((child) => typeof child === 'string').join('')
      const properties: Record<string, string> = { fill: paint.fill, transform: `matrix(${paint.m.map(round).join(' ')})` }
      for (const name of ['font-size', 'font-family', 'font-weight', 'font-style'] as const) {
        const value = a[name]
        if (value !== undefined && /^[\w\s.,-]+$/.test(value)) properties[camel(name)] = value
      }
      separate.push(svgElement('text', properties, [{ type: 'text', value: text }]))
      return
    }
    default:
      throw new UnsupportedPath(`MathJax drew a <${element.name}>`)
  }
}

/** The stroke width in the formula's own units: scaled as the shape is. */
function scaledStrokeWidth(paint: Paint): string {
  return String(Math.round(Number(paint.strokeWidth) * scaleOf(paint.m) * 10) / 10)
}

function scaleOf(m: Affine): number {
  return Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]))
}

/** The transform an <svg x y width height viewBox> applies to its content. */
function nestedViewBox(a: Record<string, string>): Affine {
  const box = (a['viewBox'] ?? '').trim().split(/[\s,]+/).map(Number)
  const [x, y, width, height] = [num(a['x']), num(a['y']), a['width'], a['height']]
  if (box.length !== 4 || box.some((n) => !Number.isFinite(n))) return [1, 0, 0, 1, x, y]
  const [vx, vy, vw, vh] = box as [number, number, number, number]
  const sx = width === undefined || vw === 0 ? 1 : num(width) / vw
  const sy = height === undefined || vh === 0 ? 1 : num(height) / vh
  return [sx, 0, 0, sy, x - vx * sx, y - vy * sy]
}

/** An ellipse as two arcs; only without rotation or skew, where its axes stay axes. */
function ellipsePath(a: Record<string, string>, m: Affine): string {
  if (!isAxisAligned(m)) throw new UnsupportedPath('a rotated ellipse')
  const [cx, cy] = [m[0] * num(a['cx']) + m[4], m[3] * num(a['cy']) + m[5]]
  const [rx, ry] = [Math.abs(m[0] * num(a['rx'])), Math.abs(m[3] * num(a['ry']))]
  const r = (n: number) => String(Math.round(n))
  return `M${r(cx - rx)} ${r(cy)}a${r(rx)} ${r(ry)} 0 1 0 ${r(2 * rx)} 0a${r(rx)} ${r(ry)} 0 1 0 ${r(-2 * rx)} 0z`
}

function polygonPath(points: string) {
  const n = points.trim().split(/[\s,]+/).map(Number)
  if (n.length < 4 || n.length % 2 !== 0 || n.some((value) => !Number.isFinite(value))) throw new UnsupportedPath('bad polygon points')
  const segments: { command: 'M' | 'L' | 'Z'; values: number[] }[] = []
  for (let index = 0; index < n.length; index += 2) segments.push({ command: index === 0 ? 'M' : 'L', values: [n[index]!, n[index + 1]!] })
  segments.push({ command: 'Z', values: [] })
  return segments
}

function num(value: string | undefined): number {
  const n = Number(value ?? 0)
  if (!Number.isFinite(n)) throw new UnsupportedPath(`not a number: ${value}`)
  return n
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
}

export function svgElement(tagName: string, properties: Record<string, string>, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children }
}
