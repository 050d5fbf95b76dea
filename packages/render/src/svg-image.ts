import type { Element } from 'hast'
import { toHtml } from 'hast-util-to-html'

/**
 * An SVG drawing as a picture: an `<img>` whose `src` is the SVG as a base64 `data:` URI, the
 * form url-safety accepts and the image resolver turns into an uploaded PNG (`@mdwx/images`
 * rasterises SVG). The same drawing always gives the same URI, so the publisher's content-hash
 * cache uploads it once.
 */
export function svgImage(svgText: string, alt: string, style: string): Element {
  const src = `data:image/svg+xml;base64,${Buffer.from(svgText, 'utf8').toString('base64')}`
  return { type: 'element', tagName: 'img', properties: { src, alt, style }, children: [] }
}

/** A standalone SVG document of an inline drawing: namespace and a size in pixels, for rasterisers. */
export function standaloneSvg(svg: Element, widthPx: number, heightPx: number): string {
  const { viewBox, ...painting } = svg.properties
  const root: Element = {
    ...svg,
    properties: { xmlns: 'http://www.w3.org/2000/svg', width: round(widthPx), height: round(heightPx), viewBox: String(viewBox), ...painting },
  }
  return toHtml(root, { space: 'svg' })
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100)
}
