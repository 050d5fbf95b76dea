import type { Element } from 'hast'
import { standaloneSvg, svgImage } from '../svg-image.js'
import { svgElement } from './compact-svg.js'

/** MathJax's `ex`, in pixels (tex-to-svg.ts renders with ex: 8). */
const exPixels = 8

interface Drawing {
  viewBox: string
  width: string
  height: string
  children: Element[]
  /** For inline formulas: how far below the baseline the picture reaches. */
  verticalAlign: string | undefined
  label: string
}

/**
 * Weixin's dark mode recolours text but not pictures, so black glyphs alone would vanish on its
 * #191919. A thin white outline under every glyph (drawn first: paint-order) cannot be seen on a
 * white page and keeps the formula readable on a dark one, without a white box around it.
 * The rebuilt viewBox counts 250 units to the em (compact-svg's grid): 24 is about 1.5 px at
 * 16 px text, 3 px of the 2× picture.
 */
const DARK_MODE_HALO: Record<string, string> = { stroke: '#fff', 'stroke-width': '24', 'stroke-linejoin': 'round', 'paint-order': 'stroke' }

/** A formula as a picture (`output: 'image'`): sized in ex like the SVG, so it matches the text. */
export function imageOfSvg(drawing: Drawing): Element {
  const svg = svgElement('svg', { viewBox: drawing.viewBox, ...DARK_MODE_HALO }, drawing.children)
  // Twice the pixels of the size shown, for a phone's 2× screen.
  const text = standaloneSvg(svg, exOf(drawing.width) * exPixels * 2, exOf(drawing.height) * exPixels * 2)
  const style = [drawing.verticalAlign ? `vertical-align:${drawing.verticalAlign}` : '', `width:${drawing.width}`, `height:${drawing.height}`]
    .filter(Boolean)
    .join(';')
  return svgImage(text, drawing.label, style)
}

function exOf(length: string): number {
  const value = Number.parseFloat(length)
  return Number.isFinite(value) ? value : 1
}
