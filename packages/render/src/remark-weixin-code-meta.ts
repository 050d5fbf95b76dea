import type { Code, PhrasingContent, Root } from 'mdast'
import type { Point } from 'unist'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { codeTitle } from './code/code-title.js'
import { lineMarkClasses, type LineMark } from './code/line-marks.js'
import { warn } from './messages.js'

/** No options: which spellings are read is not a setting, and unread words change nothing. */
export interface Options {}

/**
 * What site generators write after a fence's language, read into what an article can show:
 * the language itself, marked lines, and a caption above the block.
 *
 * CommonMark makes the language everything up to the first space, so `js{1,3-5}` (VitePress,
 * Docusaurus) or `ts:line-numbers` would name no language anyone highlights. The parsed `code`
 * node already holds `lang` and `meta`, so no syntax extension is needed: this reads them again.
 *
 * - Language: the start of the info string up to `{`, `[` or `:` (`js{1,3-5}`, `ts:line-numbers`,
 *   `[.env]` has none), or MkDocs' `{ .py }`. Aliases (`vue`, `sh`…) are the grammar lookup's.
 * - Marked lines: `{1,3-5}` anywhere (VitePress, Docusaurus, rehype-pretty-code); `mark={…}`,
 *   `ins={…}`, `del={…}` (Expressive Code: added and removed lines get their own tint);
 *   `hl_lines` (Hugo `{hl_lines=[8,"15-17"]}`, MkDocs `hl_lines="2 3"`); Hexo `mark:1,4-7`; and the
 *   comments in the code: VitePress `// [!code ++]` (`--`, `highlight`, `hl`, `error`, `warning`,
 *   with `:N` for N lines), Docusaurus `// highlight-next-line` and `highlight-start`/`-end`, which
 *   are removed from the code as those generators remove them.
 * - Caption: `title="a.js"` / `title='a.js'` / `filename=` (Docusaurus, Expressive Code, MkDocs,
 *   Nextra), `js:title=a.js` (gatsby-remark-code-titles), VitePress `[vite.config.js]`; else Hexo's
 *   words after the language, `[title] [url] [link text]`. Built with `codeTitle()` right before
 *   the block, always as text, never HTML.
 * - Ignored, since an article has no use for them: line-number and display flags (`twoslash`,
 *   `showLineNumbers`, `:line-numbers`, `wrap`…), other `key=value` and `key:value` options, and
 *   text markers (`"word"`, `/re/`).
 *
 * Line numbers that cannot be read (`{1,x}`, `{5-2}`, a line past the block's end) are a
 * positioned `code-meta` warning; the block still renders and highlights, with the lines that
 * could be read marked (a range running past the end is marked up to the last line).
 *
 * Marked lines travel to the rehype plugins as `mdwx-lines-*` classes on `<code>`: the carrier
 * that survives the sanitizer and the re-parse of raw HTML (code/line-marks.ts says why).
 */
export default function remarkWeixinCodeMeta(_options: Options = {}) {
  return (tree: Root, file: VFile): undefined => {
    const source = String(file.value)
    visit(tree, 'code', (node, index, parent) => {
      if (!mayHaveMeta(node)) return undefined
      const caption = readFence(node, source, file)
      if (caption === undefined || parent === undefined || index === undefined) return undefined
      const title = codeTitle(caption, node.position)
      // A tight list unwraps its items' paragraphs into bare text, class and all: a section stays.
      if (parent.type === 'listItem') title.data = { ...title.data, hName: 'section' }
      parent.children.splice(index, 0, title)
      return [SKIP, index + 2]
    })
  }
}

const metaInLanguage = /[{[:]/
const notationHint = /\[!code |highlight-(?:next-line|start)/

function mayHaveMeta(node: Code): boolean {
  return Boolean(node.meta) || (node.lang !== null && node.lang !== undefined && metaInLanguage.test(node.lang)) || notationHint.test(node.value)
}

interface Reading {
  language: string | undefined
  title: string | undefined
  /** Hexo's caption words, and its link and link text. */
  words: string[]
  url: string | undefined
  linkWords: string[]
  marks: Map<number, LineMark>
  lineCount: number
  report: (text: string, reason: string) => void
}

/** Reads the fence, sets the node's language and marked lines, and returns the caption, if any. */
function readFence(node: Code, source: string, file: VFile): string | PhrasingContent[] | undefined {
  const lang = node.lang ?? ''
  const split = metaInLanguage.exec(lang)
  const language = split ? lang.slice(0, split.index) : lang
  const meta = [split ? lang.slice(split.index) : '', node.meta ?? ''].filter(Boolean).join(' ')
  const notationMarks = readNotations(node)
  const reading: Reading = {
    language: language || undefined,
    title: undefined,
    words: [],
    url: undefined,
    linkWords: [],
    marks: notationMarks,
    lineCount: node.value === '' ? 0 : node.value.split('\n').length,
    report: (text, reason) => {
      warn(file, `Code block: ${reason}; the block is shown with the lines that could be read marked`, {
        ruleId: 'code-meta',
        place: placeIn(node, source, text),
      })
    },
  }
  for (const token of tokens(meta, false)) readToken(token, reading, false)

  node.lang = reading.language ?? null
  node.meta = meta || null
  if (reading.marks.size > 0) {
    const className = [...(reading.language ? [`language-${reading.language}`] : []), ...lineMarkClasses(reading.marks)]
    // Replaces the class mdast-util-to-hast would write (it assigns hProperties over its own).
    node.data = { ...node.data, hProperties: { ...node.data?.hProperties, className } }
  }
  if (reading.title !== undefined) return reading.title
  if (reading.url !== undefined) {
    const title = reading.words.join(' ')
    const link: PhrasingContent = { type: 'link', url: reading.url, children: [{ type: 'text', value: reading.linkWords.join(' ') || 'link' }] }
    return title ? [{ type: 'text', value: `${title} ` }, link] : [link]
  }
  return reading.words.length > 0 ? reading.words.join(' ') : undefined
}

// Words that switch a generator's display feature on or off: nothing an article shows.
const displayFlags = new Set([
  'twoslash', 'showlinenumbers', 'linenumbers', 'line-numbers', 'no-line-numbers', 'linenums', 'wrap', 'nowrap',
  'collapse', 'live', 'noinline', 'copy', 'nocopy', 'frame', 'preview', 'playground', 'runnable', 'ts2js',
])

const markingKeys: Readonly<Record<string, LineMark>> = {
  mark: 'mark',
  highlight: 'mark',
  hl_lines: 'mark',
  ins: 'ins',
  del: 'del',
}

const titleKeys = new Set(['title', 'filename'])

function readToken(token: Token, reading: Reading, inBraces: boolean): void {
  switch (token.kind) {
    case 'braces':
      if (token.closed === false) reading.report(token.text, `\`${token.text}\` is not closed with \`}\``)
      else if (isAttributeList(token.inner)) for (const inner of tokens(token.inner, true)) readToken(inner, reading, true)
      else addLines(token.inner, 'mark', token.text, reading)
      return
    case 'label':
      if (token.inner.trim() !== '') reading.title ??= token.inner.trim()
      return
    case 'attribute': {
      const key = token.key.toLowerCase()
      if (titleKeys.has(key)) {
        if (token.value.kind !== 'regex') reading.title ??= token.value.inner
        return
      }
      const kind = markingKeys[key]
      if (kind === undefined) return
      const { value } = token
      // A quoted `mark="text"` or `/re/` marks words, not lines (Expressive Code); `hl_lines` is
      // always lines, quoted in MkDocs and Hugo.
      if (value.kind === 'regex' || (value.kind === 'quoted' && key !== 'hl_lines')) return
      addLines(value.inner, kind, token.text, reading)
      return
    }
    case 'marker':
      return
    case 'word':
      readWord(token.text, reading, inBraces)
      return
  }
}

function readWord(word: string, reading: Reading, inBraces: boolean): void {
  if (inBraces) {
    // MkDocs: `{ .py title="a.py" }`, the language as a class.
    if (word.startsWith('.') && word.length > 1) reading.language ??= word.slice(1)
    return
  }
  // VitePress `:line-numbers`, `:no-line-numbers`.
  if (word.startsWith(':')) return
  if (/^https?:\/\//i.test(word) && reading.url === undefined) {
    reading.url = word
    return
  }
  // Hexo options `mark:1,4-7`, `line_number:false`; any other `key:value` (VitePress `style:…`).
  const option = /^([A-Za-z_][\w-]*):(.*)$/.exec(word)
  if (option) {
    if (option[1]!.toLowerCase() === 'mark') addLines(option[2]!, 'mark', word, reading)
    return
  }
  if (displayFlags.has(word.replace(/\{.*$/, '').toLowerCase())) return
  if (reading.url === undefined) reading.words.push(word)
  else reading.linkWords.push(word)
}

/** `{hl_lines=[2]}`, `{ .py }`: attributes (Hugo, MkDocs) rather than line numbers. */
function isAttributeList(inner: string): boolean {
  return inner.includes('=') || /(?:^|\s)\./.test(inner)
}

/**
 * Adds `1,3-5` (commas or spaces between; Hugo's `8,"15-17"`; Expressive Code's `"label": 3-5`)
 * to the marked lines. Items that are not lines, or past the block's end, are reported together.
 */
function addLines(list: string, kind: LineMark, text: string, reading: Reading): void {
  const problems: string[] = []
  const items = list.replace(/\s*-\s*/g, '-').split(/[\s,]+/)
  for (const written of items) {
    const item = written.replace(/^(["'])[^"']*\1:/, '').replace(/^["']|["']$/g, '')
    if (item === '') continue
    const range = /^(\d{1,9})(?:-(\d{1,9}))?$/.exec(item)
    if (!range) {
      problems.push(`\`${written}\` is not a line number or a range such as \`3-5\``)
      continue
    }
    const first = Number(range[1])
    const last = range[2] === undefined ? first : Number(range[2])
    if (first < 1) problems.push('lines are numbered from 1')
    else if (last < first) problems.push(`\`${item}\` ends before it starts`)
    else if (last > reading.lineCount) problems.push(`\`${item}\` goes past the block's last line, ${reading.lineCount}`)
    for (let line = Math.max(first, 1); line <= Math.min(last, reading.lineCount); line++) {
      // An added or removed line says more than a highlighted one.
      if (kind !== 'mark' || !reading.marks.has(line)) reading.marks.set(line, kind)
    }
  }
  if (problems.length > 0) reading.report(text, `cannot mark the lines \`${text}\`: ${problems.join('; ')}`)
}

// VitePress (shiki) notations at the end of a line: `// [!code ++]`, `# [!code highlight:3]`.
const vitepressNotation = /[ \t]*(?:\/\/|#|--|;|<!--|\{?\/\*)[ \t]*\[!code[ \t]+([\w+-]+)(?::(\d+))?\][ \t]*(?:-->|\*\/\}?)?[ \t]*$/
const vitepressMarks: Readonly<Record<string, LineMark>> = { '++': 'ins', '--': 'del', highlight: 'mark', hl: 'mark', error: 'mark', warning: 'mark' }
// Docusaurus magic comments, each a line of its own.
const docusaurusComment = /^[ \t]*(?:\/\/|#|--|%|;|<!--|\{?\/\*)[ \t]*highlight-(next-line|start|end)[ \t]*(?:-->|\*\/\}?)?[ \t]*$/

/**
 * Marks from comments in the code, which are removed from it as VitePress and Docusaurus remove
 * them. A VitePress notation alone on its line applies to the lines after it (shiki's v3 rule).
 * Line numbers in the meta then count the lines as shown, without the removed ones.
 */
function readNotations(node: Code): Map<number, LineMark> {
  const marks = new Map<number, LineMark>()
  if (!notationHint.test(node.value)) return marks
  const kept: string[] = []
  let pending: { kind: LineMark; count: number } | undefined
  let nextLine = false
  let inRange = false
  for (const line of node.value.split('\n')) {
    const comment = docusaurusComment.exec(line)
    if (comment) {
      if (comment[1] === 'next-line') nextLine = true
      else inRange = comment[1] === 'start'
      continue
    }
    const notation = vitepressNotation.exec(line)
    const code = notation ? line.slice(0, notation.index) : line
    const kind = notation ? vitepressMarks[notation[1]!] : undefined
    const count = Number(notation?.[2] ?? 1)
    if (notation && code.trim() === '') {
      if (kind !== undefined) pending = { kind, count }
      continue
    }
    kept.push(code)
    const number = kept.length
    if (kind !== undefined) {
      for (let offset = 0; offset < count; offset++) marks.set(number + offset, kind)
    } else if (pending !== undefined) {
      marks.set(number, pending.kind)
      pending = --pending.count > 0 ? pending : undefined
    }
    if (nextLine || inRange) marks.set(number, marks.get(number) ?? 'mark')
    nextLine = false
  }
  node.value = kept.join('\n')
  for (const line of marks.keys()) if (line > kept.length) marks.delete(line)
  return marks
}

type Value = { kind: 'braces' | 'brackets' | 'quoted' | 'regex' | 'bare'; inner: string }

type Token =
  | { kind: 'braces'; text: string; inner: string; closed: boolean }
  | { kind: 'label'; text: string; inner: string }
  | { kind: 'attribute'; text: string; key: string; value: Value }
  | { kind: 'marker'; text: string }
  | { kind: 'word'; text: string }

/**
 * The meta split into `{…}` groups, `[label]`s, `key=value` attributes (the value braced,
 * bracketed, quoted or bare), quoted or `/…/` text markers, and words. `commas`: commas separate
 * too, as inside Hugo's `{linenos=table,hl_lines=[8]}`.
 */
function tokens(meta: string, commas: boolean): Token[] {
  const found: Token[] = []
  const isSeparator = (char: string | undefined): boolean => char === ' ' || char === '\t' || (commas && char === ',')
  let at = 0
  while (at < meta.length) {
    const char = meta[at]!
    if (isSeparator(char)) {
      at++
      continue
    }
    if (char === '{') {
      const end = closing(meta, at, '{', '}')
      found.push({ kind: 'braces', text: meta.slice(at, end + 1), inner: meta.slice(at + 1, end), closed: end < meta.length })
      at = end + 1
      continue
    }
    if (char === '[') {
      const end = closing(meta, at, '[', ']')
      if (end < meta.length) {
        found.push({ kind: 'label', text: meta.slice(at, end + 1), inner: meta.slice(at + 1, end) })
        at = end + 1
        continue
      }
    }
    if (char === '"' || char === "'" || char === '/') {
      const end = quoteEnd(meta, at)
      found.push({ kind: 'marker', text: meta.slice(at, end + 1) })
      at = end + 1
      continue
    }
    // A word: up to a separator, or `=` after a key; braces right after a word are its own
    // (rehype-pretty-code's `showLineNumbers{5}`), and a URL may hold `=`.
    const url = /^https?:\/\//i.test(meta.slice(at, at + 8))
    let end = at
    while (end < meta.length && !isSeparator(meta[end]) && (url || meta[end] !== '=')) {
      end = meta[end] === '{' ? closing(meta, end, '{', '}') + 1 : end + 1
    }
    const word = meta.slice(at, Math.min(end, meta.length))
    // `key=value`; `:title=a.js` is gatsby-remark-code-titles' spelling, `:line-numbers=2` VitePress's.
    if (meta[end] === '=' && /^:?[A-Za-z_][\w-]*$/.test(word)) {
      const { value, next } = readValue(meta, end + 1, isSeparator)
      found.push({ kind: 'attribute', text: meta.slice(at, next), key: word.replace(/^:/, ''), value })
      at = next
      continue
    }
    // An `=` after something that is no key belongs to the word.
    while (end < meta.length && !isSeparator(meta[end])) end++
    found.push({ kind: 'word', text: meta.slice(at, end) })
    at = Math.max(end, at + 1)
  }
  return found
}

function readValue(meta: string, at: number, isSeparator: (char: string | undefined) => boolean): { value: Value; next: number } {
  const char = meta[at]
  if (char === '{' || char === '[') {
    const end = closing(meta, at, char, char === '{' ? '}' : ']')
    return { value: { kind: char === '{' ? 'braces' : 'brackets', inner: meta.slice(at + 1, end) }, next: end + 1 }
  }
  if (char === '"' || char === "'" || char === '/') {
    const end = quoteEnd(meta, at)
    return { value: { kind: char === '/' ? 'regex' : 'quoted', inner: meta.slice(at + 1, end) }, next: end + 1 }
  }
  let end = at
  while (end < meta.length && !isSeparator(meta[end])) end++
  return { value: { kind: 'bare', inner: meta.slice(at, end) }, next: end }
}

/** The index of the bracket closing the one at `at` (nested ones counted), or `meta.length`. */
function closing(meta: string, at: number, open: string, close: string): number {
  let depth = 0
  for (let index = at; index < meta.length; index++) {
    if (meta[index] === open) depth++
    else if (meta[index] === close && --depth === 0) return index
  }
  return meta.length
}

/**
 * The index of the quote (or `/`) closing the one at `at`, or the end. No escapes: CommonMark has
 * already turned `\"` into `"` in the info string, so a quote inside a title takes the other kind
 * of quotes around it (`title='say "hi"'`).
 */
function quoteEnd(meta: string, at: number): number {
  const end = meta.indexOf(meta[at]!, at + 1)
  return end === -1 ? meta.length - 1 : end
}

/** Where `text` sits on the fence's opening line, or the fence itself. */
function placeIn(node: Code, source: string, text: string): Point | undefined {
  const start = node.position?.start
  if (start?.offset === undefined) return start
  const lineEnd = source.indexOf('\n', start.offset)
  const at = source.slice(start.offset, lineEnd === -1 ? undefined : lineEnd).indexOf(text)
  return at === -1 ? start : { line: start.line, column: start.column + at, offset: start.offset + at }
}
