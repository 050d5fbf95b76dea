import type { Element, Root } from 'hast'
import { toText } from 'hast-util-to-text'
import type { VFile } from 'vfile'
import { expectOption } from '@mdwx/errors'
import { lineMarksOf, wrapMarkedLines, type LineMarks } from './code/line-marks.js'
import { walkElements } from './hast-walk.js'
import { grammarFor, type Grammar } from './highlight/grammars.js'
import { highlightCode, isReady, prepare } from './highlight/highlighter.js'
import { styledClasses } from './highlight/styled-classes.js'
import { resolveTheme, type Theme } from './theme.js'

export interface Options {
  /** Highlight fenced code that names its language. Default true. Marked lines are wrapped either way. */
  enabled?: boolean
  /**
   * The theme that will style the tokens (a built-in theme's name or a compiled theme). Tokens it
   * cannot style are left as plain text instead of spans: the same HTML after rehype-weixin-theme
   * and rehype-weixin-code, with less work. Default: every token gets its span.
   */
  theme?: Theme | string
}

interface Block {
  code: Element
  grammar: Grammar
}

interface MarkedBlock {
  code: Element
  marks: LineMarks
}

// highlight.js grammars rather than shiki, measured on the 1,869 fenced blocks of the corpus
// (327,546 characters, mostly JavaScript and Java): highlight.js 127 ms per pass; shiki 639 ms
// with its oniguruma engine and 5,091 ms with its JavaScript engine. Coloured with equivalent
// GitHub palettes and adjacent same-colour tokens merged, shiki's finer tokens also need 23% more
// markup (1,444,466 against 1,234,921 characters). Only the common set of 37 grammars (the ones
// articles use), each loaded the first time an article uses it.

/**
 * Highlights `<pre><code class="language-x">` into `span.hljs-*` tokens for the theme to colour.
 * No language, or one outside the common set: left as plain text, never guessed (guessing is slow
 * and often wrong). The same code always comes out the same, whatever was highlighted before.
 *
 * Then wraps the lines a fence marked (`{1,3-5}`, carried as `mdwx-lines-*` classes, see
 * code/line-marks.ts) in `span.mdwx-code-mark`, highlighted or not: here, because the wrappers
 * must hold the finished tokens and exist before the theme, which draws their tint.
 */
export default function rehypeWeixinHighlight(options: Options = {}) {
  const enabled = options.enabled ?? true
  expectOption(typeof enabled === 'boolean', 'a boolean', 'enabled', enabled)
  const spanClasses = options.theme === undefined ? undefined : styledClasses(resolveTheme(options.theme).sheet)
  return (tree: Root, _file: VFile): Promise<undefined> | undefined => {
    const { blocks, marked } = codeBlocks(tree, enabled)
    const missing = new Set<Grammar>()
    for (const { grammar } of blocks) if (!isReady(grammar)) missing.add(grammar)
    if (missing.size === 0) return highlightAll(blocks, marked, spanClasses)
    return Promise.all([...missing].map(prepare)).then(() => highlightAll(blocks, marked, spanClasses))
  }
}

function codeBlocks(tree: Root, highlight: boolean): { blocks: Block[]; marked: MarkedBlock[] } {
  const blocks: Block[] = []
  const marked: MarkedBlock[] = []
  walkElements(tree, (node) => {
    if (node.tagName !== 'pre') return true
    for (const code of node.children) {
      if (code.type !== 'element' || code.tagName !== 'code') continue
      const marks = lineMarksOf(code)
      if (marks !== undefined) marked.push({ code, marks })
      if (!highlight) continue
      const language = languageOf(code)
      const grammar = language === undefined ? undefined : grammarFor(language)
      if (grammar !== undefined) blocks.push({ code, grammar })
    }
    return false
  })
  return { blocks, marked }
}

function highlightAll(blocks: readonly Block[], marked: readonly MarkedBlock[], spanClasses: ReadonlySet<string> | undefined): undefined {
  for (const { code, grammar } of blocks) {
    const only = code.children.length === 1 ? code.children[0] : undefined
    const highlighted = highlightCode(grammar, only?.type === 'text' ? only.value : toText(code, { whitespace: 'pre' }), spanClasses)
    if (highlighted !== undefined) code.children = highlighted
  }
  for (const { code, marks } of marked) wrapMarkedLines(code, marks)
  return undefined
}

/** `language-js` → `js`; the first such class wins, as in CommonMark's info string. */
export function languageOf(node: Element): string | undefined {
  const classes = node.properties['className']
  if (!Array.isArray(classes)) return undefined
  for (const name of classes) {
    if (typeof name === 'string' && name.startsWith('language-')) return name.slice('language-'.length).toLowerCase() || undefined
  }
  return undefined
}
