/**
 * Which optional syntax a Markdown document may use, by a cheap look at its text: a `false` is
 * certain (the syntax cannot occur), a `true` only possible. Parsing a document without an
 * extension it cannot use gives the same tree, faster: the extensions are tried at every line
 * or every word whether they match or not.
 */
export interface DocumentSyntax {
  /** YAML front matter: the document starts with `---`. */
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
  /** TeX math (`$x$`, `$$` blocks) needs a `$`; the `math` code fence needs no extension. */
  math: boolean
  /** GitHub alerts and Obsidian callouts: a quote line starting `[!`. */
  alerts: boolean
}

export const everySyntax: Readonly<DocumentSyntax> = Object.freeze({
  frontmatter: true,
  autolinkLiterals: true,
  tables: true,
  strikethrough: true,
  math: true,
  alerts: true,
})

const frontmatterFence = /^\uFEFF?---/
const alertMarker = /^[ \t]*>[ \t>]*\[!/m
const linkThatStays = /mp\.weixin\.qq\.com|xmpp:/i
// After the prefixes of containers (blockquote markers, indentation), lines of these characters
// only; most lines fail at their first letter.
const delimiterLike = /^[ \t>]*[|:-][ \t|:-]*$/gm

export function syntaxOf(markdown: string): DocumentSyntax {
  return {
    frontmatter: frontmatterFence.test(markdown),
    autolinkLiterals: linkThatStays.test(markdown),
    tables: hasDelimiterRow(markdown),
    strikethrough: markdown.includes('~'),
    math: markdown.includes('$'),
    alerts: markdown.includes('[!') && alertMarker.test(markdown),
  }
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
