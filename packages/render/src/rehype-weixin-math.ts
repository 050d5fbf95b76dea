import { expectOption } from '@mdwx/errors'
import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { frontMatterSwitch } from './front-matter-switch.js'
import { setElementData, textContent } from './hast-nodes.js'
import { walkElements } from './hast-walk.js'
import { compactSvg, svgElement } from './math/compact-svg.js'
import { UnsupportedPath } from './math/path-data.js'
import { imageOfSvg } from './math/svg-image.js'
import { loadTexRenderer, type TexRenderer } from './math/tex-to-svg.js'
import { warn } from './messages.js'
import { shortLabel } from './short-label.js'

export interface Options {
  /**
   * `'svg'` (default): each formula is inline SVG, recoloured by the app's dark mode and sharp at
   * any zoom. `'image'`: each formula is an `<img>` of its SVG, which the image resolver uploads
   * as a PNG like any picture: a tenth of the characters, for articles over Weixin's limit.
   */
  output?: 'svg' | 'image'
}

interface Formula {
  code: Element
  /** The element replaced: the `<pre>` of a display formula, the `<code>` of an inline one. */
  target: Element
  parent: Root | Element
  display: boolean
}

/**
 * TeX formulas as Weixin keeps them. Finds what remark-weixin-math and the `math` code fence
 * leave after the sanitizer (`<code class="language-math">`, inside a `<pre>` when displayed)
 * and replaces each with MathJax's SVG, compacted (math/compact-svg.ts): sizes and the baseline
 * as inline style in `ex`, glyphs in `currentColor`, the TeX source as `aria-label`. A display
 * formula is a centred block that scrolls sideways when wider than the phone; an inline one sits
 * on the baseline. A formula MathJax cannot read stays as code with a `math-invalid` warning.
 *
 * Runs after the sanitizer (what it writes is built from an allow-list, never author markup)
 * and before rehype-weixin-images (which uploads the pictures of `output: 'image'`).
 */
export default function rehypeWeixinMath(options: Options = {}) {
  const output = options.output ?? 'svg'
  expectOption(output === 'svg' || output === 'image', "'svg' or 'image'", 'output', output)
  return (tree: Root, file: VFile): Promise<undefined> | undefined => {
    // Front matter `math: false`: `math` fences stay code (remark-weixin-math kept the dollars as text).
    if (frontMatterSwitch(file, 'math', true) === false) return undefined
    const formulas = findFormulas(tree)
    if (formulas.length === 0) return undefined
    return loadTexRenderer().then((render) => {
      for (const formula of formulas) replace(formula, render, output, file)
      return undefined
    })
  }
}

function isMathCode(element: Element): boolean {
  const className = element.properties['className']
  return element.tagName === 'code' && Array.isArray(className) && className.includes('language-math')
}

function findFormulas(tree: Root): Formula[] {
  const formulas: Formula[] = []
  walkElements(tree, (element, parent) => {
    if (element.tagName === 'pre') {
      const code = element.children.find((child): child is Element => child.type === 'element' && isMathCode(child))
      if (code) formulas.push({ code, target: element, parent, display: true })
      return false
    }
    if (isMathCode(element)) {
      formulas.push({ code: element, target: element, parent, display: false })
      return false
    }
    return true
  })
  return formulas
}

function replace(formula: Formula, render: TexRenderer, output: 'svg' | 'image', file: VFile): void {
  const { code, target, parent, display } = formula
  // A fence keeps the newline before its closing fence; TeX does not care, the label does.
  const tex = textContent(code).trim()
  let drawn: Element
  try {
    if (tex === '') throw new Error('the formula is empty')
    const { svg, style, width, height } = render(tex, display)
    const { viewBox, children } = compactSvg(svg)
    const verticalAlign = /vertical-align:\s*(-?[\d.]+ex)/.exec(style)?.[1]
    const label = shortLabel(tex)
    drawn =
      output === 'image'
        ? imageOfSvg({ viewBox, width, height, children, verticalAlign: display ? undefined : verticalAlign, label })
        : svgElement(
            'svg',
            {
              viewBox,
              role: 'img',
              ariaLabel: label,
              // Display formulas keep their size and scroll: shrunk to the phone, they would be unreadable.
              style: [verticalAlign && !display ? `vertical-align:${verticalAlign}` : '', `width:${width}`, `height:${height}`, display ? 'max-width:none' : '']
                .filter(Boolean)
                .join(';'),
            },
            children,
          )
  } catch (cause) {
    // MathJax's TexError is not an Error, but has a message.
    const message = (cause as { message?: unknown } | undefined)?.message
    const reason = typeof message === 'string' ? message : String(cause)
    const what = cause instanceof UnsupportedPath ? 'could not be drawn for Weixin' : 'could not be read by MathJax'
    warn(file, `Formula ${display ? 'block ' : ''}${what} (${reason}): it is shown as its TeX source; fix the TeX`, {
      ruleId: 'math-invalid',
      place: target,
    })
    // Shown as code: the class would send it to the highlighter and the theme's math styles.
    delete code.properties['className']
    return
  }
  setFormulaSource(drawn, tex, target)
  const replacement: ElementContent = display
    ? { type: 'element', tagName: 'section', properties: { style: 'overflow-x:auto;overflow-y:hidden;text-align:center;margin:1em 0' }, children: [drawn] }
    : drawn
  const index = parent.children.indexOf(target)
  parent.children.splice(index, 1, replacement)
  if (display) replacement.position = target.position
}

/** What the limit report names a heavy formula by. */
function setFormulaSource(element: Element, tex: string, target: Element): void {
  setElementData(element, 'heavyPart', { kind: 'formula', source: tex })
  element.position = target.position
}
