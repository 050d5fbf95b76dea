import { expectOption } from '@mdwx/errors'
import type { Blockquote, Paragraph, PhrasingContent, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { buildCallout, calloutKindOf, calloutLanguages, type CalloutLanguage } from './callouts/callout.js'
import { info } from './messages.js'

export interface Options {
  /** Language of the titles callouts get when the writer gave none. Default `'zh'` (提示, 警告…). */
  language?: CalloutLanguage
}

/** `[!TYPE]`, Obsidian's fold mark, then the rest of the line as the title. */
const marker = /^\[!([A-Za-z][\w-]*)\]([+-]?)(?=[ \t]|\n|$)[ \t]*/

/**
 * GitHub alerts (`> [!NOTE]` … `> [!CAUTION]`) and Obsidian callouts (`> [!tip] 标题`, with the
 * `-`/`+` fold marks) as callouts: a blockquote whose first line is the marker. They are one
 * syntax, Obsidian's being GitHub's with a title and more names. Obsidian's folding has no
 * meaning in an article: the callout shows open. The title is the text of the rest of the first
 * line, never HTML. A type no dialect names gets the neutral look, titled with the type as
 * written, and an info message. A blockquote is already parsed by the time this runs, so no
 * syntax extension is needed: the marker is text at the start of its first paragraph.
 */
export default function remarkWeixinAlerts(options: Options = {}) {
  const language = options.language ?? 'zh'
  expectOption(calloutLanguages.includes(language), `one of ${calloutLanguages.join(', ')}`, 'language', language)
  return (tree: Root, file: VFile): undefined => {
    const source = String(file.value)
    visit(tree, 'blockquote', (node, index, parent) => {
      if (parent === undefined || index === undefined || isCallout(node)) return
      const callout = alertOf(node, source, language, file)
      if (!callout) return
      parent.children[index] = callout
      // Visit the callout in its place, so an alert nested in this one is found there.
      return index
    })
  }
}

/** A callout already built (by this plugin or another dialect's): never read as an alert again. */
function isCallout(quote: Blockquote): boolean {
  return quote.data?.hName === 'section'
}

function alertOf(quote: Blockquote, source: string, language: CalloutLanguage, file: VFile): Blockquote | undefined {
  const first = quote.children[0]
  if (first?.type !== 'paragraph') return undefined
  const lead = first.children[0]
  if (lead?.type !== 'text') return undefined
  // `\[!NOTE]` is the writer saying "not an alert": the text node no longer shows the backslash.
  const start = lead.position?.start.offset
  if (start !== undefined && source.charAt(start) !== '[') return undefined
  const match = marker.exec(lead.value)
  if (!match) return undefined
  const name = match[1]!
  const { title, rest } = splitFirstLine(first, match[0].length)
  const kind = calloutKindOf(name)
  if (kind === undefined) {
    info(file, `Unknown callout type \`${name}\`: shown as a plain callout. Known types: note, tip, info, important, warning, caution, danger, details`, {
      ruleId: 'callout-unknown',
      place: lead,
    })
  }
  const children = rest === undefined ? quote.children.slice(1) : [rest, ...quote.children.slice(1)]
  return buildCallout({
    kind: kind ?? 'neutral',
    title: title !== '' ? title : kind === undefined ? name : undefined,
    children,
    language,
    position: quote.position,
  })
}

/**
 * The title (the first line after the marker, as text) and what remains of the paragraph after
 * that line, if anything. Line ends inside a paragraph are `\n` in text nodes, or `break` nodes.
 */
function splitFirstLine(paragraph: Paragraph, markerLength: number): { title: string; rest: Paragraph | undefined } {
  const titleNodes: PhrasingContent[] = []
  const remaining: PhrasingContent[] = []
  let inTitle = true
  paragraph.children.forEach((child, index) => {
    const node = index === 0 && child.type === 'text' ? { ...child, value: child.value.slice(markerLength) } : child
    if (!inTitle) {
      remaining.push(node)
    } else if (node.type === 'break') {
      inTitle = false
    } else if (node.type === 'text' && node.value.includes('\n')) {
      const cut = node.value.indexOf('\n')
      titleNodes.push({ ...node, value: node.value.slice(0, cut) })
      const after = node.value.slice(cut + 1)
      if (after !== '') remaining.push({ ...node, value: after })
      inTitle = false
    } else {
      titleNodes.push(node)
    }
  })
  // Raw HTML in the title line stays the characters written: a title is text, never markup.
  const title = toString({ type: 'paragraph', children: titleNodes }, { includeHtml: true }).replace(/\s+/g, ' ').trim()
  if (remaining.length === 0) return { title, rest: undefined }
  const rest: Paragraph = { type: 'paragraph', children: remaining }
  if (paragraph.position) rest.position = paragraph.position
  return { title, rest }
}
