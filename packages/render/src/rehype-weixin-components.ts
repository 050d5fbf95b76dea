import { describeValue, expectOption } from '@mdwx/errors'
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { htmlTagNames } from 'html-tag-names'
import { find, html } from 'property-information'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { classed } from './hast-nodes.js'
import { blockTags } from './hast-walk.js'
import { info } from './messages.js'

export interface Options {
  /**
   * The attributes whose text a component shows when it has no content of its own
   * (`<Badge text="v2"/>` → `v2`), the first one present wins. Default `['text', 'label', 'title']`.
   */
  textAttributes?: string[]
}

/**
 * The site's components in a page (MDX for Docusaurus and Astro, Vue in VitePress Markdown):
 * elements that are not HTML. Weixin can run none of them, so each becomes what it holds:
 *
 * - `<Badge type="tip" text="v2"/>`, `<VersionBadge/>`, `<CodeGroup>…</CodeGroup>`,
 *   `<my-widget>…</my-widget>`: the children are kept, unwrapped; a component without content of
 *   its own shows the text of its `text`, `label` or `title` attribute (Badge → `v2`), as text,
 *   never as HTML; its other attributes go (`onclick`, `:svg="…"`, `href`).
 * - Tabs (Docusaurus and Starlight `<Tabs>`/`<TabItem label value>`, VuePress
 *   `<CodeGroup>`/`<CodeGroupItem title>`): the tabs one after another, each under its label
 *   (`label`, else `title`, else `value`) as a caption that looks like a code block's title
 *   (`p.mdwx-code-title`, as code/code-title.ts builds it), so a tab of code reads as a titled
 *   code block. The Markdown in a tab renders as Markdown when CommonMark reads it as such: with
 *   a blank line after `<TabItem …>` and before `</TabItem>`, the tab's lines are Markdown blocks
 *   between two HTML blocks, and the parsed HTML nests them in the tab.
 *
 * Each component name gets one info message per article (`component-unwrapped`), at its first
 * use, saying what was kept. Runs before the sanitizer, which would unwrap these elements too but
 * without their attribute text and without a word.
 *
 * A component is told from HTML by how it was written, since the HTML parser lower-cases tag
 * names (and renames a few: `<Image>` becomes `img`): an element from the author's raw HTML whose
 * name has a dash (a custom element; no HTML element has one) or starts with a capital, unless
 * it is an HTML element's name in another case than PascalCase (`<IMG>`, `<B>`: old HTML) or
 * `<Script>`/`<Style>` (see isComponentName). A self-closing `<Badge/>` is one by its `/>`: the HTML parser ignores that mark on
 * an element it does not know and takes what follows as its content, which is kept in place.
 * `.mdx` files are read as Markdown, without an MDX compiler: attribute values in braces
 * (`{x}`) are not evaluated, and the content of a component whose name is one of HTML's
 * raw-text elements (`<Title>`, `<Textarea>`) is kept as the text the parser made of it. A tag
 * whose braced value holds a space or a quote (`style={{a: 1}}`) is no HTML to CommonMark: it
 * reaches this plugin as text, and shows as written.
 */
export default function rehypeWeixinComponents(options: Options = {}) {
  const textAttributes = options.textAttributes ?? ['text', 'label', 'title']
  expectOption(
    Array.isArray(textAttributes) && textAttributes.every((name) => typeof name === 'string' && name !== ''),
    'an array of attribute names',
    'textAttributes',
    textAttributes,
  )
  return (tree: Root, file: VFile): undefined => {
    const context: Context = { source: new Source(String(file.value)), file, textAttributes, reported: new Set() }
    rewrite(tree, context)
  }
}

interface Context {
  source: Source
  file: VFile
  textAttributes: readonly string[]
  /** Component names already reported in this article. */
  reported: Set<string>
}

interface WrittenTag {
  /** As written: `TabItem`, `my-widget`. */
  name: string
  selfClosing: boolean
  /** Where it was written. */
  place: Point
}

/** Tab containers, unwrapped. */
const tabGroups = new Set(['Tabs', 'CodeGroup'])
/** Tabs, shown under their label. */
const tabItems = new Set(['TabItem', 'CodeGroupItem'])
const tabLabels = ['label', 'title', 'value']

/** Elements in which a component's loose text is a paragraph of its own. */
const blockContainers = new Set(['section', 'div', 'blockquote'])

/**
 * Replaces every component below `parent` by what it keeps; what replaces it is walked in turn.
 * Between blocks, the text a component leaves is then made paragraphs.
 */
function rewrite(parent: Root | Element, context: Context): void {
  const children: RootContent[] = parent.children
  const betweenBlocks = parent.type === 'root' || blockContainers.has(parent.tagName)
  let kept: Set<RootContent> | undefined
  let index = 0
  while (index < children.length) {
    const child = children[index]!
    const tag = child.type === 'element' ? componentTag(child, context.source) : undefined
    if (child.type === 'element' && tag !== undefined) {
      const replacement = keep(child, tag, betweenBlocks, context)
      if (betweenBlocks) for (const node of replacement) (kept ??= new Set()).add(node)
      children.splice(index, 1, ...replacement)
    } else {
      if (child.type === 'element') rewrite(child, context)
      index++
    }
  }
  if (kept !== undefined) parent.children = paragraphsOf(children, kept) as ElementContent[]
}

/** What a component leaves in its place, reporting it the first time its name is met. */
function keep(element: Element, tag: WrittenTag, betweenBlocks: boolean, context: Context): ElementContent[] {
  const children = contentOf(element)
  if (tabGroups.has(tag.name)) {
    report(tag, context, 'its tabs are shown one after another, each under its label')
    return children
  }
  if (tabItems.has(tag.name)) {
    const label = attributeText(element, tabLabels)
    report(tag, context, 'the tab is shown under its label')
    return label === undefined ? children : [classed('p', 'mdwx-code-title', label), ...children]
  }
  // An element inside may be a component that shows text of its own.
  const hasContent = !tag.selfClosing && children.some((node) => node.type === 'element' || (node.type === 'text' && node.value.trim() !== ''))
  const text = hasContent ? undefined : attributeText(element, context.textAttributes)
  if (text !== undefined) {
    const attribute = context.textAttributes.find((name) => attributeText(element, [name]) !== undefined)
    report(tag, context, `it is shown as the text of its \`${attribute}\` attribute, ${describeValue(text)}`)
    // Between blocks it stood on its own lines: what the parser took in after it is not its.
    const shown: ElementContent = betweenBlocks ? classed('p', undefined, text) : { type: 'text', value: text }
    return [shown, ...children]
  }
  report(tag, context, hasContent ? 'its content is kept, without it' : 'it shows nothing in the article')
  return children
}

function report(tag: WrittenTag, context: Context, kept: string): void {
  if (context.reported.has(tag.name)) return
  context.reported.add(tag.name)
  info(context.file, `\`<${tag.name}>\` is a component of the site, which mdwx cannot run: ${kept}`, {
    ruleId: 'component-unwrapped',
    place: tag.place,
  })
}

/** The children, or a `<template>`'s content (the parser keeps that apart). */
function contentOf(element: Element): ElementContent[] {
  const content = element.tagName === 'template' ? element.content?.children : undefined
  if (content === undefined) return element.children
  return content.filter((node): node is ElementContent => node.type !== 'doctype')
}

/** The first of `names` the element has as a non-empty attribute, as text. */
function attributeText(element: Element, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = element.properties[find(html, name).property]
    const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : Array.isArray(value) ? value.join(' ').trim() : ''
    if (text !== '') return text
  }
  return undefined
}

/** The source, with where each line starts. */
class Source {
  readonly text: string
  #lineStarts: number[] | undefined
  constructor(text: string) {
    this.text = text
  }
  /** Offset of the first character of `line` (1-based), or undefined past the end. */
  lineStart(line: number): number | undefined {
    if (this.#lineStarts === undefined) {
      this.#lineStarts = [0]
      for (let at = this.text.indexOf('\n'); at !== -1; at = this.text.indexOf('\n', at + 1)) this.#lineStarts.push(at + 1)
    }
    return this.#lineStarts[line - 1]
  }
}

const startTag = /<([A-Za-z][\w.:-]*)/g
/** Names the HTML parser gives to tags it renames. */
const writtenAs: Readonly<Record<string, string>> = { img: 'image' }

/**
 * The start tag as written, when the element is a component: from the author's raw HTML, with a
 * capitalised or dashed name. The parser's line is exact, its column and offset are not: they
 * count from the start of the HTML as Markdown gives it, which has lost the indentation and
 * quote markers of its lines after the first. So the tag is looked for on its line, from the
 * column the parser gives (which is never after it).
 */
function componentTag(element: Element, source: Source): WrittenTag | undefined {
  if (element.data?.fromRawHtml !== true) return undefined
  const point = element.position?.start
  if (point === undefined) return undefined
  const lineStart = source.lineStart(point.line)
  if (lineStart === undefined) return undefined
  const lineEnd = source.text.indexOf('\n', lineStart)
  const line = source.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd)
  startTag.lastIndex = Math.max(0, point.column - 1)
  for (let match = startTag.exec(line); match !== null; match = startTag.exec(line)) {
    const name = match[1]!
    const lower = name.toLowerCase()
    if (lower !== element.tagName && lower !== writtenAs[element.tagName]) continue
    if (!isComponentName(name, lower)) return undefined
    const offset = lineStart + match.index
    return {
      name,
      selfClosing: endsSelfClosing(source.text, offset + 1 + name.length),
      place: { line: point.line, column: match.index + 1, offset },
    }
  }
  return undefined
}

const htmlNames: ReadonlySet<string> = new Set(htmlTagNames)
/** Code, never content: such an element stays HTML for the sanitizer to drop with what it holds. */
const codeElements = new Set(['script', 'style'])

/**
 * A custom element's name has a dash; a component's starts with a capital (JSX, Vue). A capital
 * on an HTML element's name makes a component only in the one-word PascalCase of components
 * (`<Image>`, `<Button>`, `<Title>`): in any other case (`<IMG>`, `<B>`, `<ScRiPt>`) it is the
 * HTML element, as a browser reads it.
 */
function isComponentName(name: string, lower: string): boolean {
  if (name.includes('-')) return true
  const first = name.charCodeAt(0)
  if (first < 65 || first > 90) return false
  if (!htmlNames.has(lower)) return true
  return /^[A-Z][a-z][a-z\d]*$/.test(name) && !codeElements.has(lower)
}

/** How far a start tag is looked through for its end. */
const longestTag = 10_000

/**
 * Whether the start tag whose attributes begin at `from` ends with `/>`. Quoted values and JSX
 * values in braces (`style={{a: 1}}`) may hold `>` and `/`.
 */
function endsSelfClosing(source: string, from: number): boolean {
  const limit = Math.min(source.length, from + longestTag)
  let at = from
  let depth = 0
  while (at < limit) {
    const char = source[at]!
    if (char === '{') depth++
    else if (char === '}') depth = Math.max(0, depth - 1)
    else if (char === '"' || char === "'") {
      const close = source.indexOf(char, at + 1)
      if (close === -1) return false
      at = close
    } else if (depth === 0 && char === '>') return false
    else if (depth === 0 && char === '/' && source[at + 1] === '>') return true
    at++
  }
  return false
}

/**
 * The nodes, with each run of text and inline elements that holds something visible a component
 * left made a paragraph: between blocks, the parser made the content of a component loose text.
 * The whitespace around a run (the newlines around the tags) stays outside the paragraph.
 */
function paragraphsOf(nodes: readonly RootContent[], kept: ReadonlySet<RootContent>): RootContent[] {
  const result: RootContent[] = []
  let run: ElementContent[] = []
  const flush = () => {
    if (run.some((node) => kept.has(node) && isVisible(node))) result.push(...paragraph(run))
    else result.push(...run)
    run = []
  }
  for (const node of nodes) {
    if (node.type === 'doctype' || (node.type === 'element' && blockTags.has(node.tagName))) {
      flush()
      result.push(node)
    } else {
      run.push(node)
    }
  }
  flush()
  return result
}

function isVisible(node: RootContent): boolean {
  if (node.type === 'text') return node.value.trim() !== ''
  return node.type === 'element'
}

/** The run as a paragraph, with the whitespace at its ends left outside. */
function paragraph(run: readonly ElementContent[]): ElementContent[] {
  let first = 0
  let last = run.length - 1
  while (first < last && isBlankText(run[first]!)) first++
  while (last > first && isBlankText(run[last]!)) last--
  const children = run.slice(first, last + 1)
  const head = children[0]
  if (head?.type === 'text') children[0] = { ...head, value: head.value.trimStart() }
  const tail = children.at(-1)
  if (tail?.type === 'text') children[children.length - 1] = { ...tail, value: tail.value.trimEnd() }
  const wrapped: Element = { type: 'element', tagName: 'p', properties: {}, children }
  return [...run.slice(0, first), wrapped, ...run.slice(last + 1)]
}

function isBlankText(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}
