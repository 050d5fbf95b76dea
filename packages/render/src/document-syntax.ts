/**
 * Which optional syntax a Markdown document may use, by a cheap look at its text: a `false` is
 * certain (the syntax cannot occur), a `true` only possible. Parsing a document without an
 * extension it cannot use gives the same tree, faster: the extensions are tried at every line
 * or every word whether they match or not.
 */
export interface DocumentSyntax {
  /** Front matter: the document starts with `---` (YAML) or `+++` (TOML, Hugo's default). */
  frontmatter: boolean
  /**
   * Bare URLs that must become links: links to Weixin articles stay links, and an `xmpp:`
   * address would be removed as unsafe; every other link whose text is its URL is written as
   * that text anyway (rehype-weixin-links). Where a bare URL holds Markdown syntax the extension
   * is needed too, which only the parsed tree can tell (autolink-literals.ts).
   */
  autolinkLiterals: boolean
  /** A table needs a delimiter row: only `-`, `:`, `|` and spaces, with a `-` and a `:` or `|`. */
  tables: boolean
  /** Strikethrough needs a `~`. */
  strikethrough: boolean
  /**
   * TeX math (`$x$`, `$$` blocks) needs a `$`, and no `math: false` (`math = false` in TOML) in
   * the front matter: such an article keeps its dollars as the text written, so its parse has
   * no math syntax. The `math` code fence needs no extension.
   */
  math: boolean
  /** GitHub alerts and Obsidian callouts: a quote line starting `[!`. */
  alerts: boolean
  /**
   * Hexo tag plugins and Jekyll's Liquid tags (`{% note %}`, `{% highlight ruby %}`) need a `{%`
   * that is not the end of Hugo's `{{%`.
   */
  hexoTags: boolean
  /** Hugo shortcodes (`{{< figure src="a.png" >}}`, `{{% notice %}}`) need a `{{<` or `{{%`. */
  hugoShortcodes: boolean
  /**
   * VitePress/Docusaurus containers (`::: tip`, `:::note[标题]`): a line starting `:::`, after
   * indentation, quote markers or list markers.
   */
  containers: boolean
  /** The excerpt marker `<!-- more -->` (Hexo, Hugo) or `<!-- truncate -->` (Docusaurus, also `{/* truncate *\/}` in MDX). */
  excerpt: boolean
  /** A contents marker (`[[toc]]`, `[TOC]`): a `[toc]` in any case. */
  toc: boolean
  /** Heading attributes (`## 安装 {#install}`): a line ending in a `{…}` block. */
  headingAttributes: boolean
  /** Emoji shortcodes (`:tada:`): letters, digits, `_`, `+` or `-` between two colons. */
  emoji: boolean
  /** Highlighted text (`==mark==`) needs a `==`. */
  mark: boolean
  /**
   * The page's own code: MDX `import`/`export` lines, VitePress `<script>`/`<style>` blocks (a
   * line starting with one of them), and MDX expressions in any `.mdx` file.
   */
  mdx: boolean
  /** Site components (`<Badge/>`, `<my-widget>`): a `<` before a capital letter or a dashed name. */
  components: boolean
  /**
   * Code fences with meta (`js{1,3-5}`, `ts:line-numbers`, `js [vite.config.js]`, `jsx title="a.js"`):
   * a fence line with `{`, `[` or `:` right after its language, or anything after it; or the
   * VitePress `[!code ++]` and Docusaurus `highlight-next-line` comments in code; or Hexo's
   * `mark:1,4-7` (in a fence or passed on from a `{% codeblock %}` tag).
   */
  codeMeta: boolean
}

export const everySyntax: Readonly<DocumentSyntax> = Object.freeze({
  frontmatter: true,
  autolinkLiterals: true,
  tables: true,
  strikethrough: true,
  math: true,
  alerts: true,
  hexoTags: true,
  hugoShortcodes: true,
  containers: true,
  excerpt: true,
  toc: true,
  headingAttributes: true,
  emoji: true,
  mark: true,
  mdx: true,
  components: true,
  codeMeta: true,
})

const frontmatterFence = /^\uFEFF?(?:---|\+\+\+)/
const hexoTag = /(?<!\{)\{%/
// `{{< highlight go "hl_lines=2" >}}` passes its marked lines on in the code's meta.
const shortcodeLineMarks = /\bhl_lines\b/
const alertMarker = /^[ \t]*>[ \t>]*\[!/m
const containerFence = /^(?:[ \t>]|[-+*][ \t]|\d{1,9}[.)][ \t])*:::/m
const excerptMarker = /<!--\s*(?:more|truncate)\s*-->|\{\s*\/\*\s*truncate\s*\*\/\s*\}/i
const tocMarker = /\[toc\]/i
const attributeBlockLine = /\{[^}\n]*\}[ \t#]*$/m
const shortcode = /:[a-z0-9_+-]+:/
// An import or export statement starts with ASCII after the keyword (prose like `import 命令` does not).
const pageCodeLine = /^(?:import(?:[ \t]+[\w${*'"]|[{*'"])|export(?:[ \t]+[\w${*]|[{*]))|^<(?:script|style)[\s>]/m
// Two `==` that could pair as GFM strikethrough's `~~` do, within a paragraph: `a == b` and
// `===` cannot.
const markPair = /(?<![=\\])==(?![=\s])(?:[^\n]|\n(?![ \t]*\n)){0,1000}?(?<![=\s])==(?!=)/
const componentTag = /<(?:[A-Z]|[a-z][a-z0-9]*-)/
const fenceWithMeta = /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*(?:`{3,}|~{3,})[ \t]*[^\s{[:`]*(?:[{[:]|[ \t]+[^\s`])/m
const lineNotation = /\[!code |highlight-(?:next-line|start)/
const hexoMark = /\bmark:\d/
const linkThatStays = /mp\.weixin\.qq\.com|xmpp:/i
// After the prefixes of containers (blockquote markers, indentation), lines of these characters
// only; most lines fail at their first letter.
const delimiterLike = /^[ \t>]*[|:-][ \t|:-]*$/gm

/** `extname` is the file's (`.mdx`), when it has one. */
export function syntaxOf(markdown: string, extname?: string): DocumentSyntax {
  // The dialects are looked for outside fenced code: code is full of `==`, `{…}`, `<Map<K>>`,
  // `import` lines and `a:b:` that would otherwise switch their plugins on for nothing.
  const prose = withoutFencedCode(markdown)
  return {
    frontmatter: frontmatterFence.test(markdown),
    autolinkLiterals: linkThatStays.test(markdown),
    tables: hasDelimiterRow(markdown),
    strikethrough: markdown.includes('~'),
    math: markdown.includes('$') && !mathSwitchedOff(markdown),
    alerts: prose.includes('[!') && alertMarker.test(prose),
    hexoTags: prose.includes('{%') && hexoTag.test(prose),
    hugoShortcodes: prose.includes('{{<') || prose.includes('{{%'),
    containers: prose.includes(':::') && containerFence.test(prose),
    excerpt: (prose.includes('<!--') || prose.includes('/*')) && excerptMarker.test(prose),
    toc: tocMarker.test(prose),
    headingAttributes: prose.includes('{') && attributeBlockLine.test(prose),
    emoji: shortcode.test(prose),
    mark: prose.includes('==') && markPair.test(prose),
    mdx: extname === '.mdx' || pageCodeLine.test(prose),
    components: componentTag.test(prose),
    // Fence lines stay in `prose`; the notations VitePress and Docusaurus write are in the code.
    codeMeta: ((prose.includes('```') || prose.includes('~~~')) && (fenceWithMeta.test(prose) || lineNotation.test(markdown))) || hexoMark.test(prose) || ((prose.includes('{{<') || prose.includes('{{%')) && shortcodeLineMarks.test(prose)),
  }
}

// The front matter block as remark-frontmatter finds it: `---` (YAML) or `+++` (TOML) lines
// around it, the first line of the file.
const frontMatterBlock = /^\uFEFF?(---|\+\+\+)[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?\1[ \t]*(?:\r?\n|$)/
// A top-level `math: false` as YAML reads it (not indented: an indented one is inside another key).
const yamlMathOff = /^(?:math|"math"|'math')[ \t]*:[ \t]+(?:!!bool[ \t]+)?(?:false|False|FALSE)(?:[ \t]+#.*|[ \t]*)\r?$/m
// TOML's `math = false`, before the first table header (after it, keys belong to that table).
const tomlMathOff = /^[ \t]*(?:math|"math"|'math')[ \t]*=[ \t]*false[ \t]*(?:#.*)?\r?$/m
const tomlTableHeader = /^[ \t]*\[\[?[^\]\n]*\]\]?[ \t]*(?:#.*)?\r?$/m

/**
 * Whether the front matter turns formulas off (`math: false`), seen in the text: the YAML and
 * TOML parsers run after the parse, which must already know. The spellings are those the
 * parsers read as a top-level `false` (quoted keys, `False`, a comment after it); a document
 * that says it otherwise (a YAML alias, a flow mapping) has its formulas parsed, and
 * rehype-weixin-math, which reads the parsed front matter, leaves them as code.
 */
export function mathSwitchedOff(markdown: string): boolean {
  const block = frontMatterBlock.exec(markdown)
  const body = block?.[2]
  if (body === undefined) return false
  if (block![1] === '---') return yamlMathOff.test(body)
  const header = tomlTableHeader.exec(body)
  return tomlMathOff.test(header ? body.slice(0, header.index) : body)
}

const fenceOpener = /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})/

/**
 * The document with the lines inside fenced code blocks left out (the fence lines kept): a
 * cheap line scan, not a parse. A fence closes at a line that starts (after the same kind of
 * prefixes) with at least as many of its characters; an unclosed fence runs to the end.
 */
export function withoutFencedCode(markdown: string): string {
  if (!markdown.includes('```') && !markdown.includes('~~~')) return markdown
  const kept: string[] = []
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const opener = fenceOpener.exec(line)?.[1]
    if (fence === undefined) {
      kept.push(line)
      if (opener !== undefined && !(opener[0] === '`' && line.slice(line.indexOf(opener) + opener.length).includes('`'))) fence = opener
    } else if (opener !== undefined && opener[0] === fence[0] && opener.length >= fence.length && line.trim().replace(/^[>\s]*(?:(?:[-+*]|\d{1,9}[.)])\s+)*/, '') === opener) {
      kept.push(line)
      fence = undefined
    }
  }
  return kept.join('\n')
}

function hasDelimiterRow(markdown: string): boolean {
  for (const [line] of markdown.matchAll(delimiterLike)) {
    if (line.includes('-') && (line.includes('|') || line.includes(':'))) return true
  }
  return false
}

const syntaxNames = Object.keys(everySyntax) as Array<keyof DocumentSyntax>

/** A short key per combination, to keep one processor for each. */
export function syntaxKey(syntax: DocumentSyntax): string {
  let key = ''
  for (const name of syntaxNames) key += syntax[name] ? '1' : '0'
  return key
}
