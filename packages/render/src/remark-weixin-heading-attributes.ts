import type { Heading, PhrasingContent, Root, Text } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { info } from './messages.js'
import { weixinSchema } from './weixin-schema.js'

/** No options: every dialect's block is removed, there is nothing to keep it for. */
export interface Options {}

declare module 'mdast' {
  interface HeadingData {
    /** The attribute block removed from the end of the heading, as written (`{#id .class}`). */
    mdwxAttributes?: string | undefined
  }
}

// One attribute: `#id`, `.class`, `key=value` (value bare or quoted), or Pandoc's `-` (unnumbered).
const attribute = String.raw`(?:[#.][^\s{}#.="'\\]+|[A-Za-z_][\w.:-]*=(?:"[^"\\]*"|'[^'\\]*'|[^\s{}"'\\]+)|-)`
// The block at the very end of the heading's text, with kramdown's optional `:` after the `{`,
// and the spaces before it (they go with it).
const trailingBlock = new RegExp(String.raw`[ \t]*(\{:?[ \t]*${attribute}(?:[ \t]+${attribute})*[ \t]*\})$`)
// What a writer meant as a block but wrote wrong (`{#}`, `{#id class}`): reported, kept as text.
const blockLike = /\{:?[ \t]*[#.][^{}]*\}$/

/**
 * Heading attributes (`## 安装 {#install}`, `{.class}`, `{#id .class key=value}`; VitePress,
 * Hugo, Pandoc, kramdown's `{: #id}`) removed from the heading's visible text. A Weixin article
 * has no anchors, ids or classes, so nothing is kept of them; the block as written is recorded
 * in the heading's `data.mdwxAttributes`. Only a block that ends the heading's text counts: a
 * `{#x}` in a paragraph, in code or in the middle of a heading stays, as does an escaped
 * `\{#x}`, and so does a block that is all the heading holds (the heading would be empty). A
 * block that is not valid attribute syntax stays as text, with an info message.
 */
export default function remarkWeixinHeadingAttributes(_options: Options = {}) {
  return (tree: Root, file: VFile): undefined => {
    const source = String(file.value)
    visit(tree, 'heading', (heading) => {
      const found = attributeBlockOf(heading, source)
      if (found === undefined) {
        reportMalformed(heading, source, file)
        return
      }
      if (found.keep === '') heading.children.pop()
      else found.text.value = found.keep
      heading.data = { ...heading.data, mdwxAttributes: found.block }
    })
  }
}

interface Found {
  /** The heading's last child, which ends with the block. */
  text: Text
  /** Its value without the block and the spaces before it. */
  keep: string
  /** The block as written. */
  block: string
}

/**
 * The attribute block that ends `heading`, if it has one that was not removed yet. `source` is
 * the whole document, to tell an escaped `\{` (which the text node no longer shows) from a `{`.
 */
export function attributeBlockOf(heading: Heading, source: string): Found | undefined {
  if (heading.data?.mdwxAttributes !== undefined) return undefined
  const text = heading.children[heading.children.length - 1]
  if (text?.type !== 'text') return undefined
  const match = trailingBlock.exec(text.value)
  if (!match) return undefined
  const block = match[1]!
  if (!isWrittenAsIs(text, block, source)) return undefined
  const keep = text.value.slice(0, match.index)
  // A heading that would be left with nothing to show keeps its text.
  if (keep.trim() === '' && heading.children.slice(0, -1).every((child) => toString(child).trim() === '')) return undefined
  return { text, keep, block }
}

/**
 * The heading's text as a reader sees it: without its attribute block, whether or not
 * remark-weixin-heading-attributes has run yet, without raw HTML tags, and without the text of
 * elements the sanitizer drops whole (`<script>…</script>`). For lists of headings
 * (remark-weixin-toc), so that they read the same in any plugin order.
 */
export function headingPlainText(heading: Heading, source: string): string {
  const found = attributeBlockOf(heading, source)
  const children = found === undefined ? heading.children : [...heading.children.slice(0, -1), { ...found.text, value: found.keep }]
  const state = { text: '', dropping: undefined as string | undefined }
  visibleText(children, state)
  return state.text.replace(/\s+/g, ' ').trim()
}

// Inline raw HTML reaches mdast as its tags, each a node, with the text between them as text.
const dropped = new Set(weixinSchema.strip ?? [])
const tag = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)/

function visibleText(nodes: readonly PhrasingContent[], state: { text: string; dropping: string | undefined }): void {
  for (const node of nodes) {
    if (node.type === 'html') {
      const [, closing, name] = tag.exec(node.value) ?? []
      const lower = name?.toLowerCase()
      if (state.dropping === undefined && !closing && lower !== undefined && dropped.has(lower)) state.dropping = lower
      else if (state.dropping !== undefined && closing && lower === state.dropping) state.dropping = undefined
    } else if (state.dropping === undefined) {
      if ('children' in node) visibleText(node.children, state)
      else state.text += toString(node, { includeHtml: false })
    }
  }
}

/**
 * Whether the block ends the text node in the source too, unescaped: `\{#id}` and `&#123;#id}`
 * show as `{#id}` in the node but are the writer asking for the characters.
 */
function isWrittenAsIs(text: Text, block: string, source: string): boolean {
  const end = text.position?.end.offset
  if (end === undefined) return false
  const start = end - block.length
  if (source.slice(start, end) !== block) return false
  let backslashes = 0
  while (start - backslashes - 1 >= 0 && source.charAt(start - backslashes - 1) === '\\') backslashes++
  return backslashes % 2 === 0
}

function reportMalformed(heading: Heading, source: string, file: VFile): void {
  const text = heading.children[heading.children.length - 1]
  if (text?.type !== 'text' || heading.data?.mdwxAttributes !== undefined) return
  const match = blockLike.exec(text.value)
  if (!match || !isWrittenAsIs(text, match[0], source)) return
  info(file, `\`${match[0]}\` at the end of a heading is not an attribute block (\`{#id}\`, \`{.class}\`, \`{key=value}\`): kept as text`, {
    ruleId: 'heading-attributes-malformed',
    place: text,
  })
}
