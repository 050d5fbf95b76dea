import { expectOption } from '@mdwx/errors'
import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import { setElementData, textContent } from './hast-nodes.js'
import { walkElements } from './hast-walk.js'
import { warn } from './messages.js'
import { drawMermaid, type MermaidDrawing } from './mermaid/draw-mermaid.js'
import { shortLabel } from './short-label.js'
import { svgImage } from './svg-image.js'

export interface Options {
  /** Draw ` ```mermaid ` fences. Default true; false leaves them as code. */
  enabled?: boolean
}

interface Diagram {
  pre: Element
  parent: Root | Element
  source: string
}

/**
 * Mermaid diagrams as pictures. Each ` ```mermaid ` fence is drawn by beautiful-mermaid, which
 * lays out and writes SVG without a DOM or a browser, and needs no network (flowchart,
 * sequence, class, state, ER, xychart), or by mdwx (pie, mindmap, Gantt: mermaid/draw-*.ts);
 * beautiful-mermaid's colours (CSS variables and `color-mix()`) are written out so any
 * rasteriser draws them (see mermaid/resolve-css-variables.ts). The SVG becomes an `<img>` with a `data:` URI that the image
 * resolver uploads like any picture: `@mdwx/images` rasterises it at 2× with the text as glyph
 * outlines, and the publisher's content-hash cache uploads one diagram once. Inline SVG is not
 * an option: Weixin strips the `<style>`, `<defs>`, markers and classes the layout relies on.
 *
 * The `<img>` carries the diagram's 1× width in px and its source as `alt`. A diagram kind
 * nothing here draws (journey, gitGraph, timeline...) is `diagram-unsupported`, a source that
 * cannot be read `diagram-invalid`: both are warnings, and the source stays in the article as code.
 * So does a diagram whose picture cannot be made (`diagram-unrasterised`, from
 * rehype-weixin-images, which puts the fence back): a diagram never fails its article.
 * Front matter `mermaid: false` keeps one article's diagrams as code.
 */
export default function rehypeWeixinMermaid(options: Options = {}) {
  const enabled = options.enabled ?? true
  expectOption(typeof enabled === 'boolean', 'a boolean', 'enabled', enabled)
  return (tree: Root, file: VFile): Promise<undefined> | undefined => {
    if (!enabled || file.data.article?.mermaid === false) return undefined
    const diagrams = findDiagrams(tree)
    if (diagrams.length === 0) return undefined
    return Promise.all(diagrams.map((diagram) => drawMermaid(diagram.source))).then((drawings) => {
      // Replaced in document order, after all are drawn, so messages do not depend on timing.
      drawings.forEach((drawing, index) => replace(diagrams[index]!, drawing, file))
      return undefined
    })
  }
}

function findDiagrams(tree: Root): Diagram[] {
  const diagrams: Diagram[] = []
  walkElements(tree, (element, parent) => {
    if (element.tagName !== 'pre') return true
    const code = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code')
    const className = code?.properties['className']
    if (code && Array.isArray(className) && className.includes('language-mermaid')) {
      diagrams.push({ pre: element, parent, source: textContent(code).trim() })
    }
    return false
  })
  return diagrams
}

function replace({ pre, parent, source }: Diagram, drawing: MermaidDrawing, file: VFile): void {
  if ('problem' in drawing) {
    warn(file, `${drawing.problem}: the diagram is shown as its Mermaid source`, { ruleId: drawing.ruleId, place: pre })
    return
  }
  const image = svgImage(drawing.svg, shortLabel(source), `width:${drawing.width}px`)
  setElementData(image, 'heavyPart', { kind: 'diagram', source })
  image.position = pre.position
  const block: Element = { type: 'element', tagName: 'section', properties: { style: 'text-align:center;margin:1em 0' }, children: [image] }
  block.position = pre.position
  // A diagram that cannot be made into a picture (rehype-weixin-images) is shown as its code.
  setElementData(image, 'drawnFrom', { code: pre, placed: block })
  parent.children.splice(parent.children.indexOf(pre), 1, block)
}
