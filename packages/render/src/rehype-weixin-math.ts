import { expectOption } from '@mdwx/errors'
import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { setElementData, textContent } from './hast-nodes.js'
import { walkElements } from './hast-walk.js'
import { compactSvg, svgElement } from './math/compact-svg.js'
import { UnsupportedPath } from './math/path-data.js'
import { imageOfSvg } from './math/svg-image.js'
import { loadTexRenderer, type TexRenderer } from './math/tex-to-svg.js'
import { textFormula } from './math/text-formula.js'
import { info, warn } from './messages.js'
import { shortLabel } from './short-label.js'

export interface Options {
  /**
   * `'auto'` (default): a formula text shows exactly (`x^2`, `a_i`, `n \le m`) is styled text
   * (math/text-formula.ts); any other is inline SVG, recoloured by the app's dark mode and sharp
   * at any zoom, except those `file.data.formulaPictures` names, which are pictures as with
   * `'image'` (renderMarkdown names the heaviest when the article is over Weixin's limit).
   * `'svg'`: text or SVG, never a picture. `'image'`: each formula is an `<img>` of its SVG,
   * which the image resolver uploads as a PNG like any picture: a tenth of the characters.
   */
  output?: 'auto' | 'svg' | 'image'
}

interface Formula {
  code: Element
  /** The element replaced: the `<pre>` of a display formula, the `<code>` of an inline one. */
  target: Element
  parent: Root | Element
  display: boolean
  /** Its place among the article's formulas, in document order (`file.data.formulaPictures`). */
  index: number
}

/**
 * TeX formulas as Weixin keeps them. Finds what remark-weixin-math and the `math` code fence
 * leave after the sanitizer (`<code class="language-math">`, inside a `<pre>` when displayed)
 * and replaces each with styled text when text shows it exactly (math/text-formula.ts), else
 * with MathJax's SVG, compacted (math/compact-svg.ts): sizes and the baseline as inline style in
 * `ex`, glyphs in `currentColor`, the TeX source as `aria-label`. A display formula is a centred
 * block (the SVG one scrolls sideways when wider than the phone); an inline one sits on the
 * baseline. A formula MathJax cannot read stays as code with a `math-invalid` warning. The
 * formulas `output: 'auto'` draws as pictures (`file.data.formulaPictures`) are named in one
 * `math-pictures` info message.
 *
 * Runs after the sanitizer (what it writes is built from an allow-list, never author markup)
 * and before rehype-weixin-images (which uploads the pictures).
 */
export default function rehypeWeixinMath(options: Options = {}) {
  const output = options.output ?? 'auto'
  expectOption(output === 'auto' || output === 'svg' || output === 'image', "'auto', 'svg' or 'image'", 'output', output)
  return (tree: Root, file: VFile): Promise<undefined> | undefined => {
    // Front matter `math: false`: `math` fences stay code (remark-weixin-math kept the dollars as text).
    if (file.data.article?.math === false) return undefined
    const formulas = findFormulas(tree)
    if (formulas.length === 0) return undefined
    const chosen = output === 'auto' ? file.data.formulaPictures : undefined
    const isPicture = (formula: Formula) => output === 'image' || chosen?.has(formula.index) === true
    // Text needs no MathJax: an article of simple formulas never loads it.
    const drawn = formulas.filter((formula) => isPicture(formula) || !replaceWithText(formula))
    if (drawn.length === 0) return undefined
    return loadTexRenderer().then((render) => {
      const pictures = drawn.filter((formula) => replace(formula, render, isPicture(formula) ? 'image' : 'svg', file) && isPicture(formula))
      if (chosen !== undefined && pictures.length > 0) reportPictures(pictures, file)
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
      if (code) formulas.push({ code, target: element, parent, display: true, index: formulas.length })
      return false
    }
    if (isMathCode(element)) {
      formulas.push({ code: element, target: element, parent, display: false, index: formulas.length })
      return false
    }
    return true
  })
  return formulas
}

/**
 * A formula text shows exactly, as text (math/text-formula.ts): a displayed one centred like the
 * SVG. False when it is not one.
 */
function replaceWithText(formula: Formula): boolean {
  const { code, target, parent, display } = formula
  const tex = textContent(code).trim()
  const nodes = textFormula(tex)
  if (nodes === undefined) return false
  // No label: the text is what a screen reader reads (and Weixin keeps no aria-* outside SVG).
  const only = nodes.length === 1 && nodes[0]!.type === 'element' ? nodes[0] : undefined
  const drawn: Element = only ?? { type: 'element', tagName: 'span', properties: {}, children: nodes }
  setFormulaSource(drawn, tex, formula)
  const replacement: Element = display
    ? { type: 'element', tagName: 'section', properties: { style: 'text-align:center;margin:1em 0' }, children: [drawn], position: target.position }
    : drawn
  parent.children.splice(parent.children.indexOf(target), 1, replacement)
  return true
}

/** One info message for the formulas `formulaPictures` made pictures, at the first. */
function reportPictures(pictures: readonly Formula[], file: VFile): void {
  const lines = [...new Set(pictures.map((formula) => formula.target.position?.start.line).filter((line) => line !== undefined))]
  const one = pictures.length === 1
  const count = one ? '1 formula is drawn as a picture' : `${pictures.length} formulas are drawn as pictures`
  const where = lines.length === 0 ? '' : ` (line${lines.length === 1 ? '' : 's'} ${listed(lines)})`
  info(file, `${count}, not SVG${where}: the heaviest, to bring the article under Weixin's length limit. ${one ? 'It is uploaded like an image' : 'They are uploaded like images'}`, {
    ruleId: 'math-pictures',
    place: pictures[0]!.target,
  })
}

function listed(items: readonly number[]): string {
  return items.length === 1 ? String(items[0]) : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/** Draws a formula with MathJax, as SVG or a picture; false when it cannot (it stays code, with a warning). */
function replace(formula: Formula, render: TexRenderer, output: 'svg' | 'image', file: VFile): boolean {
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
    return false
  }
  setFormulaSource(drawn, tex, formula)
  const replacement: Element = display
    ? { type: 'element', tagName: 'section', properties: { style: 'overflow-x:auto;overflow-y:hidden;text-align:center;margin:1em 0' }, children: [drawn] }
    : drawn
  const index = parent.children.indexOf(target)
  parent.children.splice(index, 1, replacement)
  if (display) replacement.position = target.position
  if (output === 'image') {
    // A picture that cannot be made (rehype-weixin-images) is shown as its TeX, as math-invalid shows it.
    delete code.properties['className']
    setElementData(drawn, 'drawnFrom', { code: target, placed: replacement })
  }
  return true
}

/** What the limit report names a heavy formula by, and renderMarkdown asks for it as a picture by. */
function setFormulaSource(element: Element, tex: string, formula: Formula): void {
  setElementData(element, 'heavyPart', { kind: 'formula', source: tex, formula: formula.index })
  element.position = formula.target.position
}
