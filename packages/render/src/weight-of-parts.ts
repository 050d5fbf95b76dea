import type { Element, Root, RootContent } from 'hast'
import { textContent } from './hast-nodes.js'
import { walkElements } from './hast-walk.js'
import { shortLabel } from './short-label.js'
import { toWeixinHtml } from './serialize-html.js'

export interface Part {
  /** How the author finds it: `` `## 块级作用域` (line 12) ``. */
  label: string
  weight: number
}

const headingDepth: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 }

/**
 * The `count` heaviest top-level parts of an article, weighed on their HTML. A part starts at
 * each heading of the highest level used at the top, or at a generated section (notes,
 * references). Only computed when an article is over a limit, so serialising the parts again
 * costs nothing in the common case.
 */
export function heaviestParts(tree: Root, count: number, weigh: (html: string) => number): Part[] {
  const nodes = topLevel(tree)
  const depth = Math.min(...nodes.map((node) => (node.type === 'element' ? (headingDepth[node.tagName] ?? 7) : 7)))
  const parts: Part[] = []
  let current: Part = { label: 'the opening before the first heading', weight: 0 }
  for (const node of nodes) {
    const label = node.type === 'element' ? partLabel(node, depth) : undefined
    if (label !== undefined) {
      if (current.weight > 0) parts.push(current)
      current = { label, weight: 0 }
    }
    current.weight += weigh(toWeixinHtml(node))
  }
  if (current.weight > 0) parts.push(current)
  return parts.sort((a, b) => b.weight - a.weight).slice(0, count)
}

/** The root's children, or those of the one `<section>` the theme wraps the body in. */
function topLevel(tree: Root): RootContent[] {
  const elements = tree.children.filter((node) => node.type === 'element')
  const only = elements[0]
  return elements.length === 1 && only?.tagName === 'section' && only.data?.articlePart === undefined
    ? only.children
    : tree.children
}

function partLabel(element: Element, depth: number): string | undefined {
  if (element.data?.articlePart !== undefined) return `the “${element.data.articlePart}” section`
  if (headingDepth[element.tagName] !== depth) return undefined
  const line = element.position?.start.line
  const heading = `\`${'#'.repeat(depth)} ${textContent(element).trim()}\``
  return line === undefined ? heading : `${heading} (line ${line})`
}

export interface DrawnPart extends Part {
  /** An SVG formula (rehype-weixin-math, output `'svg'`): it could be a picture instead. */
  inlineFormula: boolean
  /** Its weight as an `<img>` with an uploaded URL (see `uploadedUrl`). */
  asPicture: number
}

/**
 * An uploaded picture's URL as publishers measure it before the upload: real `mmbiz.qpic.cn`
 * URLs are about 125 characters, @mdwx/publish counts 195 to be safe; an estimate made with
 * the longer one holds there.
 */
const uploadedUrl = 'x'.repeat(195)

/** Every formula and diagram, weighed on its HTML, labelled by its source and line. */
export function drawnParts(tree: Root, weigh: (html: string) => number): DrawnPart[] {
  const parts: DrawnPart[] = []
  walkElements(tree, (element) => {
    const drawn = element.data?.heavyPart
    if (drawn === undefined) return true
    const line = element.position?.start.line
    const short = shortLabel(drawn.source, 40)
    const label = `${drawn.kind} \`${short}\`${line === undefined ? '' : ` (line ${line})`}`
    const inlineFormula = drawn.kind === 'formula' && element.tagName === 'svg'
    parts.push({ label, weight: weigh(toWeixinHtml(element)), inlineFormula, asPicture: inlineFormula ? weigh(toWeixinHtml(pictureOf(element))) : 0 })
    return false
  })
  return parts
}

/** The `<img>` an SVG formula would be, with an uploaded URL of `uploadedUrl`'s length. */
function pictureOf(svg: Element): Element {
  return {
    type: 'element',
    tagName: 'img',
    properties: { src: uploadedUrl, alt: String(svg.properties['ariaLabel'] ?? ''), style: String(svg.properties['style'] ?? '') },
    children: [],
  }
}

/**
 * The SVG formulas to draw as pictures so that an article `over` its limits by this many
 * characters and bytes fits: the heaviest first, by the characters each saves (its SVG less its
 * `<img>` with an uploaded URL), until the savings cover what is over, or every formula a
 * picture makes lighter is taken. By their place among the formulas (`heavyPart.formula`).
 * The savings are estimates (the real URL and the theme's image style differ a little): the
 * caller measures the result and asks again when it is still over.
 */
export function formulasToPicture(tree: Root, over: { characters: number; bytes: number }): number[] {
  const savings: { formula: number; characters: number; bytes: number }[] = []
  walkElements(tree, (element) => {
    const drawn = element.data?.heavyPart
    if (drawn === undefined) return true
    if (drawn.kind === 'formula' && drawn.formula !== undefined && element.tagName === 'svg') {
      const svg = toWeixinHtml(element)
      const picture = toWeixinHtml(pictureOf(element))
      const characters = codePoints(svg) - codePoints(picture)
      if (characters > 0) savings.push({ formula: drawn.formula, characters, bytes: utf8Bytes(svg) - utf8Bytes(picture) })
    }
    return false
  })
  savings.sort((a, b) => b.characters - a.characters || a.formula - b.formula)
  const chosen: number[] = []
  let characters = 0
  let bytes = 0
  for (const saving of savings) {
    if (characters >= over.characters && bytes >= over.bytes) break
    chosen.push(saving.formula)
    characters += saving.characters
    bytes += saving.bytes
  }
  return chosen
}

function codePoints(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

const encoder = new TextEncoder()

function utf8Bytes(text: string): number {
  return encoder.encode(text).length
}
