import type { Element, ElementContent } from 'hast'
import { compose, identity, parseTransform, type Affine } from './affine.js'
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
 * one colour becomes part of one `<path>`; a stroked line or text (a CJK `\text{}`) is its own
 * element with its place as one `matrix()`. Colours are `currentColor` unless the TeX chose one
 * (`\color`), checked against a plain colour syntax. Anything else MathJax might draw is refused,
 * which fails the formula (the caller keeps its source as code) rather than let unknown markup through.
 * Coordinates are rounded to a grid (see `grid`).
 */
export function compactSvg(root: SourceElement): { viewBox: string; children: Element[] } {
  const viewBox = root.attributes['viewBox']
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

function draw(element: SourceElement, parent: Paint, merged: Map<string, { d: string; pen: { x: number; y: number } }>, separate: Element[]): void {
  const paint = inherit(element, parent)
  const a = element.attributes
  switch (element.name) {
    case 'g':
    case 'svg':
    // A link (only with the html extension, which is not loaded) is drawn as its content.
    case 'a':
      if (element.name === 'svg' && a['viewBox'] !== undefined) throw new UnsupportedPath('nested viewBox')
      for (const child of element.children) if (typeof child !== 'string') draw(child, paint, merged, separate)
      return
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
      const scale = Math.sqrt(Math.abs(paint.m[0] * paint.m[3] - paint.m[1] * paint.m[2]))
      separate.push(
        svgElement('path', {
          fill: element.name === 'line' ? 'none' : paint.fill,
          stroke: paint.stroke,
          strokeWidth: String(Math.round(Number(paint.strokeWidth) * scale * 10) / 10),
          d: writePath(moved),
        }),
      )
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
    // Empty boxes MathJax draws for spacing.
    case 'title':
      return
    default:
      throw new UnsupportedPath(`MathJax drew a <${element.name}>`)
  }
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
