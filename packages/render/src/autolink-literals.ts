import type { Nodes, Root } from 'mdast'

/**
 * Whether GFM autolink literals (bare `https://…`, `www.…`, `a@b.org`) could have parsed
 * `markdown` differently from `tree`, its parse without them, other than by wrapping a bare URL
 * in a link whose text is the URL (which rehype-weixin-links writes back as that text).
 *
 * The extension costs a quarter of the parse, mostly for nothing here: it only changes what
 * comes out where the characters of a bare URL would otherwise be Markdown syntax. Without the
 * extension `https://x.org/_a_` has an emphasis, `https://x.org/a&amp;b` a character reference;
 * with it, they are characters of the URL. So the answer is yes when a bare URL written where
 * inline Markdown is parsed (not in code, raw HTML, or a link's destination) holds `_ * ~ `` ` ``
 * `[ ] \`, a `==` (remark-weixin-mark) or a character reference, and no otherwise.
 */
export function literalsChangeParse(markdown: string, tree: Root): boolean {
  for (const candidate of syntaxInBareUrls(markdown)) {
    if (isParsedAsText(markdown, tree, candidate)) return true
  }
  return false
}

// A URL runs to whitespace or `<`; a `]` that may open a link's destination or label ends it.
const urlLiteral = /(?:https?:\/\/|www\.)(?:[^\s<\]]|\](?![\s([]|$))*/gi
// From the `@`, the local part is found backwards: a pattern that starts at the local part (or
// looks behind the `@`) would be tried at every letter of the document.
const emailDomain = /@[\w-]+(?:\.[\w-]+)+/g
const localPartCharacter = /[\w+.-]/
// Punctuation at the end is not part of a URL (GFM "extended autolink path validation").
const trailingPunctuation = /(?:[!"'),.:;?_~*\]]|&[A-Za-z0-9]+;)+$/
const syntaxInUrl = /[_*~`[\]\\]|==/
// A reference may straddle the end of the URL (`&#42;` ends at `&#42`, before the `;`): sought in all.
const characterReference = /&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]*);/

/** Start offsets of the bare URLs and e-mail addresses that hold Markdown syntax. */
function* syntaxInBareUrls(markdown: string): Generator<number> {
  for (const match of markdown.matchAll(urlLiteral)) {
    if (syntaxInUrl.test(match[0].replace(trailingPunctuation, '')) || characterReference.test(match[0])) yield match.index
  }
  for (const match of markdown.matchAll(emailDomain)) {
    let start = match.index
    while (start > 0 && localPartCharacter.test(markdown[start - 1]!)) start--
    if (start < match.index && markdown.slice(start, match.index + match[0].length).includes('_')) yield start
  }
}

/** Nodes whose text is not parsed as inline Markdown. */
const verbatim = new Set<string>(['code', 'inlineCode', 'html', 'yaml', 'toml', 'definition'])
/** Nodes whose destination and label are written around their children. */
const withDestination = new Set<string>(['link', 'linkReference', 'image', 'imageReference'])

/**
 * Whether `offset` is in text the inline parser reads: not in code or HTML, and not in the part
 * of a link or image that is not its text (the destination, title or reference label).
 */
function isParsedAsText(markdown: string, tree: Root, offset: number): boolean {
  let node: Nodes = tree
  for (;;) {
    if (verbatim.has(node.type)) return false
    const inside: Nodes | undefined = 'children' in node ? node.children.find((child) => contains(child, offset)) : undefined
    if (inside === undefined) {
      if (!withDestination.has(node.type)) return true
      // An image's alt text has no children to find: its destination follows `](`.
      return node.type === 'image' && !/\]\(<?$/.test(markdown.slice(Math.max(0, offset - 3), offset))
    }
    node = inside
  }
}

function contains(node: Nodes, offset: number): boolean {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  return start !== undefined && end !== undefined && offset >= start && offset < end
}
