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

/** A formula as a picture (`output: 'image'`): sized in ex like the SVG, so it matches the text. */
export function imageOfSvg(drawing: Drawing): Element {
  const svg = svgElement('svg', { viewBox: drawing.viewBox }, drawing.children)
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
