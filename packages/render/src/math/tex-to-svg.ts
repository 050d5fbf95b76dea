import type { SourceElement } from './compact-svg.js'

/** Renders one TeX formula to MathJax's SVG, as a plain tree; throws MathJax's error for bad TeX. */
export type TexRenderer = (tex: string, display: boolean) => { svg: SourceElement; style: string; width: string; height: string }

/**
 * TeX packages left out: each can put author-chosen markup, styles, URLs or options into the
 * output (`\href`, `\class`, `\style`, `\cssId`, `\bbox[css]`, `\unicode[font]`, `\require`,
 * `\setOptions`, `<tex-html>`), or hides an error the author should see (`noerrors`,
 * `noundefined`: an unknown macro is then a warning, not red text in the article), and `action`
 * (`\toggle`, `\mathtip`: interaction a picture or an article cannot have).
 */
const excludedPackages = new Set(['html', 'bbox', 'unicode', 'require', 'autoload', 'setoptions', 'texhtml', 'noerrors', 'noundefined', 'colorv2', 'action'])

let loading: Promise<TexRenderer> | undefined

/** MathJax loads (about 200 ms) the first time an article has a formula. */
export function loadTexRenderer(): Promise<TexRenderer> {
  return (loading ??= load())
}

async function load(): Promise<TexRenderer> {
  const [{ mathjax }, { TeX }, { SVG }, { liteAdaptor }, { RegisterHTMLHandler }, { AllPackages }] = await Promise.all([
    import('mathjax-full/js/mathjax.js'),
    import('mathjax-full/js/input/tex.js'),
    import('mathjax-full/js/output/svg.js'),
    import('mathjax-full/js/adaptors/liteAdaptor.js'),
    import('mathjax-full/js/handlers/html.js'),
    import('mathjax-full/js/input/tex/AllPackages.js'),
  ])
  const adaptor = liteAdaptor()
  RegisterHTMLHandler(adaptor)
  const tex = new TeX({
    packages: AllPackages.filter((name: string) => !excludedPackages.has(name)),
    // A TeX error is thrown, not drawn as red text.
    formatError: (_jax: unknown, error: Error) => {
      throw error
    },
  })
  const svg = new SVG({ fontCache: 'none' })
  const document = mathjax.document('', { InputJax: tex, OutputJax: svg })

  // The lite DOM's element type, as the adaptor's methods take it.
  type Node = Parameters<typeof adaptor.allAttributes>[0]
  const toSource = (node: Node): SourceElement => {
    const attributes: Record<string, string> = {}
    for (const { name, value } of adaptor.allAttributes(node)) attributes[name] = String(value)
    const children: (SourceElement | string)[] = []
    for (const child of adaptor.childNodes(node) as Node[]) {
      children.push(adaptor.kind(child) === '#text' ? adaptor.value(child as never) : toSource(child))
    }
    return { name: adaptor.kind(node), attributes, children }
  }

  return (source, display) => {
    // The TeX input keeps \label names and equation numbers across conversions: forget them, so
    // each formula converts the same whatever was converted before (the same \label in two
    // articles, or one article rendered twice).
    tex.reset()
    // em/ex as in a 16px Weixin paragraph; the width a phone gives display formulas before they scroll.
    const container = document.convert(source, { display, em: 16, ex: 8, containerWidth: 360 })
    const root = adaptor.firstChild(container as Node) as Node | undefined
    if (root === undefined || adaptor.kind(root) !== 'svg') throw new Error('MathJax gave no SVG')
    const svg = toSource(root)
    const { style = '', width = '', height = '' } = svg.attributes
    return { svg, style, width, height }
  }
}
