import { expectOption } from '@mdwx/errors'
import type { Blockquote, Heading, List, ListItem, Paragraph, Root, RootContent } from 'mdast'
import type { Position } from 'unist'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { info } from './messages.js'
import { headingPlainText } from './remark-weixin-heading-attributes.js'

export type TocLanguage = 'zh' | 'en'

export interface Options {
  /**
   * The shallowest and deepest heading levels listed, `[from, to]`, as VitePress's
   * `markdown.toc.level`. Default `[2, 3]`: the article's sections and their parts (`#` is
   * usually the title, which Weixin prints above the article and which is never listed).
   */
  levels?: readonly [number, number]
  /** The title line above the list. Default by `language`: `目录` or `Contents`; `''` for none. */
  title?: string
  /** Language of the default title. Default `'zh'`. */
  language?: TocLanguage
}

const defaultTitles: Readonly<Record<TocLanguage, string>> = { zh: '目录', en: 'Contents' }
const languages = Object.keys(defaultTitles) as TocLanguage[]

/** `[[toc]]` (VitePress), `[TOC]` and `[toc]` (Typora, many Chinese editors), in any case. */
const marker = /^(?:\[\[toc\]\]|\[toc\])$/i

interface Entry {
  depth: number
  text: string
}

/**
 * A paragraph that is only a contents marker (`[[toc]]`, `[TOC]`, `[toc]`, any case) becomes a
 * contents list of the article's headings: a `section.mdwx-toc` with a title line
 * (`p.mdwx-toc-title`) and a nested list, an item per heading, nested by level. Items are plain
 * text, never links: a Weixin article has no in-page anchors. Each item is its heading's text
 * (never HTML), without its `{#id}` attribute block whichever order this and
 * remark-weixin-heading-attributes run in. Listed: the headings at the top level of the article
 * (not those inside quotes, lists or callouts) within `levels`, except the title heading that
 * remark-weixin-title removes. With no heading to list, the marker is removed, with an info
 * message.
 *
 * remark-parse reads `[TOC]` as text when no `[toc]: url` definition exists; when one does, the
 * marker is a link to it and stays one. A marker inside a sentence, escaped (`\[toc]`) or in
 * code stays as written.
 */
export default function remarkWeixinToc(options: Options = {}) {
  const levels = options.levels ?? [2, 3]
  const language = options.language ?? 'zh'
  expectOption(
    Array.isArray(levels) && levels.length === 2 && levels.every((level) => Number.isInteger(level) && level >= 1 && level <= 6) && levels[0] <= levels[1],
    'a pair [from, to] of heading levels 1 to 6, from ≤ to',
    'levels',
    levels,
  )
  expectOption(languages.includes(language), `one of ${languages.join(', ')}`, 'language', language)
  expectOption(options.title === undefined || typeof options.title === 'string', 'a string', 'title', options.title)
  const [from, to] = levels
  const title = (options.title ?? defaultTitles[language]).trim()

  return (tree: Root, file: VFile): undefined => {
    const source = String(file.value)
    const markers: Array<{ paragraph: Paragraph; index: number; parent: { children: unknown[] } }> = []
    visit(tree, 'paragraph', (paragraph, index, parent) => {
      if (parent !== undefined && index !== undefined && isMarker(paragraph, source)) markers.push({ paragraph, index, parent })
    })
    if (markers.length === 0) return
    const skip = titleHeading(tree, file)
    const entries: Entry[] = []
    for (const node of tree.children) {
      if (node.type !== 'heading' || node === skip || node.depth < from || node.depth > to) continue
      const text = headingPlainText(node, source)
      if (text !== '') entries.push({ depth: node.depth, text })
    }
    // Last first, so that the indexes of the others in a shared parent stay right.
    for (const { paragraph, index, parent } of markers.reverse()) {
      if (entries.length === 0) {
        info(file, `No headings of levels ${from} to ${to} to list: the contents marker \`${markerText(paragraph, source)}\` was removed`, {
          ruleId: 'toc-empty',
          place: paragraph,
        })
        parent.children.splice(index, 1)
      } else {
        parent.children[index] = contents(entries, title, paragraph.position)
      }
    }
  }
}

/** A paragraph of one text node that reads as a marker in the source too (not `\[toc]`, `&#91;toc]`). */
function isMarker(paragraph: Paragraph, source: string): boolean {
  const only = paragraph.children[0]
  if (paragraph.children.length !== 1 || only?.type !== 'text' || !marker.test(only.value)) return false
  return marker.test(markerText(paragraph, source))
}

function markerText(paragraph: Paragraph, source: string): string {
  const start = paragraph.position?.start.offset
  const end = paragraph.position?.end.offset
  return start === undefined || end === undefined ? '' : source.slice(start, end).trim()
}

/**
 * The heading remark-weixin-title removes, if it has not yet: a leading `#` that is the title
 * (the front matter title's text, or any text when the front matter gives none). After that
 * plugin, the heading is gone and a leading `#` left is a section like any other.
 */
function titleHeading(tree: Root, file: VFile): Heading | undefined {
  const first = tree.children.find(isContent)
  if (first?.type !== 'heading' || first.depth !== 1) return undefined
  const title = file.data.article?.title ?? ''
  return title === '' || headingPlainText(first, String(file.value)) === title.replace(/\s+/g, ' ').trim() ? first : undefined
}

/** As remark-weixin-title: nodes that print nothing do not stop a heading being first. */
function isContent(node: RootContent): boolean {
  if (node.type === 'yaml' || node.type === 'definition') return false
  return !(node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value))
}

/**
 * The contents as mdast: a blockquote that becomes a `<section>` with `mdwx-toc` classes (which
 * pass the sanitizer, style through the theme and are removed by rehype-weixin-clean), holding
 * the title paragraph and the list.
 */
function contents(entries: readonly Entry[], title: string, position: Position | undefined): Blockquote {
  const children: Blockquote['children'] = []
  if (title !== '') {
    children.push({ type: 'paragraph', children: [{ type: 'text', value: title }], data: { hProperties: { className: ['mdwx-toc-title'] } } })
  }
  children.push(list(entries))
  const section: Blockquote = { type: 'blockquote', children, data: { hName: 'section', hProperties: { className: ['mdwx-toc'] } } }
  if (position) section.position = position
  return section
}

/** Entries nested by depth: each entry holds the deeper ones that follow it. */
function list(entries: readonly Entry[]): List {
  const items: ListItem[] = []
  let index = 0
  while (index < entries.length) {
    const entry = entries[index]!
    let end = index + 1
    while (end < entries.length && entries[end]!.depth > entry.depth) end++
    const item: ListItem = { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: entry.text }] }] }
    if (end > index + 1) item.children.push(list(entries.slice(index + 1, end)))
    items.push(item)
    index = end
  }
  return { type: 'list', ordered: false, spread: false, children: items }
}
