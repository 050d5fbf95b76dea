import { expectOption } from '@mdwx/errors'
import type { BlockContent, Blockquote, Code, DefinitionContent, Html, Image, Link, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import type { Point, Position } from 'unist'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import { buildCallout, calloutKindOf, calloutLanguages, type CalloutKind, type CalloutLanguage } from './callouts/callout.js'
import { splitShortcodeArguments, type ShortcodeArguments } from './hugo-shortcodes/arguments.js'
import { hugoShortcodesFromMarkdown, type HugoShortcode, type HugoShortcodeInline } from './hugo-shortcodes/from-markdown.js'
import { hugoShortcodesSyntax } from './hugo-shortcodes/syntax.js'
import { warn } from './messages.js'
import { parentOf, pathTo, spanOf } from './mdast-paths.js'
import { linkNode, paragraph, text } from './mdast-nodes.js'

export interface Options {
  /** Language of the titles callouts get when the writer gave none, and of embed labels. Default `'zh'`. */
  language?: CalloutLanguage
}

/**
 * Hugo's shortcodes (`{{< figure >}}`, `{{% notice %}}`) as what a Weixin article can show.
 * Hugo runs them around its Markdown renderer, so without this they reach the reader as literal
 * `{{< … >}}` text. No existing unified extension reads them: hugo-shortcodes/syntax.ts is a
 * micromark extension for them (a shortcode on lines of its own, a shortcode inside text,
 * `highlight` taking its code lines like a fenced code block), hugo-shortcodes/from-markdown.ts
 * turns its tokens into `hugoShortcode` (block) and `hugoShortcodeInline` (phrasing) nodes, and
 * this plugin replaces every one of them. Both delimiters are read alike: Hugo renders the
 * content of `{{% %}}` as Markdown and hands that of `{{< >}}` to the template, which for the
 * shortcodes people write around text renders it as Markdown too.
 *
 * - `figure` (`src`, `alt`, `title`, `caption`, `attr`, `attrlink`, `link`, `width`, `height`):
 *   the picture and, below it, its caption (the title in bold, the caption's Markdown, the
 *   attribution), as `<figure>` and `<figcaption>`.
 * - `highlight lang "linenos=table,hl_lines=8 15-17"`…`/highlight`: a code block in that language;
 *   `hl_lines` goes into the code's meta, where remark-weixin-code-meta reads marked lines.
 * - `ref`, `relref` (`[文字]({{< ref "other.md" >}})`, which CommonMark cannot read as a link
 *   because of the spaces): a link to the path as written, which rehype-weixin-links turns into
 *   its text with a `link-relative` warning, since a site-relative link cannot be followed in
 *   Weixin. Outside a link, the path as text with the same warning.
 * - `param "key"`: the value of that front matter key.
 * - `details` (Hugo's) and the callouts of the themes people use (`notice` of Learn and Relearn,
 *   `admonition` of LoveIt and FixIt, `callout` of Hextra, `hint` of hugo-book, `alert` of Docsy),
 *   on lines of their own: a callout (callouts/callout.ts), the kind from their type or first
 *   parameter, the content Markdown.
 * - `comment`…`/comment`: removed with its content, as Hugo removes it.
 * - `youtube`, `vimeo`, `gist`, `x`, `tweet`, `instagram`: Weixin drops embedded players and
 *   frames, so a line `视频：<link>` to the content, with a warning.
 * - `{{</* name *\/>}}`, Hugo's way to write a shortcode as text: the shortcode as text.
 *
 * Any other shortcode is reported (`hugo-shortcode-unknown`) and its markers removed: the content
 * between `{{% x %}}` and `{{% /x %}}` stays; a shortcode with no end tag goes, its parameters
 * shown in the warning. An end tag without its shortcode, a shortcode that needs an end tag
 * without one, or a `{{<` never closed stays as written, with a warning. Shortcodes in code are
 * code: the parser never reads them.
 */
export default function remarkWeixinHugoShortcodes(this: Processor, options: Options = {}) {
  const language = options.language ?? 'zh'
  expectOption(calloutLanguages.includes(language), `one of ${calloutLanguages.join(', ')}`, 'language', language)
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(hugoShortcodesSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(hugoShortcodesFromMarkdown())
  return (tree: Root, file: VFile): undefined => {
    const context: Context = { tree, file, source: String(file.value), language }
    const found: Found[] = []
    collect(tree, found, context)
    if (found.length === 0) return
    const later: Array<() => void> = []
    for (const role of pairShortcodes(found)) {
      if (role.kind === 'pair') later.push(() => transformPair(role.open, role.close, context))
      else if (role.kind === 'unopened') keepWritten(role.tag, `ends a \`{{${role.tag.node.delimiter} ${role.tag.node.name} ${closer(role.tag.node)}}}\` that was not opened before it`, 'hugo-shortcode-unopened', context)
      else renderSingle(role.tag, context, later)
    }
    // Pairs and the shortcodes that rebuild their surroundings (a link around a `ref`, a figure
    // splitting its paragraph) change the tree's shape: after every in-place replacement.
    for (const step of later) step()
  }
}

type Shortcode = HugoShortcode | HugoShortcodeInline

interface Context {
  tree: Root
  file: VFile
  source: string
  language: CalloutLanguage
}

/** A shortcode and the parent it was found in. */
interface Found {
  node: Shortcode
  parent: Parent
}

type Role = { kind: 'pair'; open: Found; close: Found } | { kind: 'single'; tag: Found } | { kind: 'unopened'; tag: Found }

/** Shortcodes that are never opened and closed: an end tag after one is an end tag of nothing. */
const singleNames: ReadonlySet<string> = new Set(['figure', 'ref', 'relref', 'param', 'youtube', 'vimeo', 'gist', 'x', 'tweet', 'instagram'])
const embedNames: ReadonlySet<string> = new Set(['youtube', 'vimeo', 'gist', 'x', 'tweet', 'instagram'])
/** Shortcodes that must have an end tag: without one they stay as written. */
const pairedNames: ReadonlySet<string> = new Set(['highlight', 'comment', 'details'])
/** Theme shortcodes that are callouts. */
const calloutNames: ReadonlySet<string> = new Set(['details', 'notice', 'admonition', 'callout', 'hint', 'alert'])

/** The shortcodes in document order; a `{{<` left as text (never closed) is reported here. */
function collect(parent: Parent, found: Found[], context: Context): void {
  for (const child of parent.children) {
    if (child.type === 'hugoShortcode' || child.type === 'hugoShortcodeInline') found.push({ node: child, parent })
    else if (child.type === 'text') reportUnclosedMarkers(child, context)
    else if (child.type === 'html') reportShortcodesInHtml(child, context)
    else if ('children' in child) collect(child, found, context)
  }
}

/**
 * Pairs each end tag with the nearest open shortcode of its name, as Hugo does. An open one left
 * without its end tag is a shortcode of its own (most are: `figure`, a site's `{{< icon x >}}`).
 */
function pairShortcodes(found: readonly Found[]): Role[] {
  const roles: Role[] = []
  const open: Found[] = []
  for (const item of found) {
    const node = item.node
    if (node.escaped !== undefined || node.selfClosing || singleNames.has(node.name) || (node.content !== undefined && !node.closing)) {
      roles.push({ kind: 'single', tag: item })
    } else if (node.closing) {
      const at = open.findLastIndex((tag) => tag.node.name === node.name)
      if (at === -1) {
        roles.push({ kind: 'unopened', tag: item })
        continue
      }
      for (const left of open.splice(at + 1)) roles.push({ kind: 'single', tag: left })
      roles.push({ kind: 'pair', open: open.pop()!, close: item })
    } else {
      open.push(item)
    }
  }
  for (const left of open) roles.push({ kind: 'single', tag: left })
  // In document order, so that messages come in the order of the text.
  const offsetOf = (role: Role) => (role.kind === 'pair' ? role.open : role.tag).node.position?.start.offset ?? 0
  return roles.sort((a, b) => offsetOf(a) - offsetOf(b))
}

// ---------------------------------------------------------------------------------------------
// Shortcodes of their own

type Rendered = { kind: 'phrasing'; nodes: PhrasingContent[] } | { kind: 'blocks'; nodes: BlockContent[] }

function phrasing(...nodes: PhrasingContent[]): Rendered {
  return { kind: 'phrasing', nodes }
}

function renderSingle(found: Found, context: Context, later: Array<() => void>): void {
  const tag = found.node
  if ((tag.name === 'ref' || tag.name === 'relref') && tag.type === 'hugoShortcodeInline') {
    later.push(() => refLink(tag, context))
    return
  }
  const rendered = render(tag, context)
  if (rendered === undefined) return
  if (tag.type === 'hugoShortcode') {
    replaceNode(found, rendered.kind === 'blocks' ? rendered.nodes : rendered.nodes.length === 0 ? [] : [paragraph(rendered.nodes, tag.position)])
  } else if (rendered.kind === 'phrasing') {
    replaceInline(tag, rendered.nodes, context)
  } else {
    later.push(() => placeBlocksOfInline(tag, rendered.nodes, context))
  }
}

/** What the shortcode shows, or undefined when it was kept as written (with a warning). */
function render(tag: Shortcode, context: Context): Rendered | undefined {
  if (tag.escaped !== undefined) return phrasing(text(tag.escaped.shown, tag))
  const args = splitShortcodeArguments(tag.arguments)
  if (tag.name === 'highlight' && tag.content !== undefined) return highlight(tag, tag.content, args)
  if (pairedNames.has(tag.name)) return unclosed(tag, context)
  switch (tag.name) {
    case 'figure':
      return figure(tag, args, context)
    case 'ref':
    case 'relref':
      return refText(tag, args, context)
    case 'param':
      return param(tag, args, context)
    default:
      return embedNames.has(tag.name) ? embed(tag, args, context) : unknownSingle(tag, context)
  }
}

function unclosed(tag: Shortcode, context: Context): undefined {
  const end = `{{${tag.delimiter} /${tag.name} ${closer(tag)}}}`
  keepWritten({ node: tag, parent: parentOf(context.tree, tag) }, `has no \`${end}\``, 'hugo-shortcode-unclosed', context, tag.name === 'highlight' ? `: the code goes on the lines below it and \`${end}\` on a line of its own` : '')
  return undefined
}

function missing(tag: Shortcode, what: string, context: Context): undefined {
  keepWritten({ node: tag, parent: parentOf(context.tree, tag) }, `needs ${what}`, 'hugo-shortcode-malformed', context)
  return undefined
}

/** A named parameter, else the positional one at `index`. */
function get(args: ShortcodeArguments, name: string, index?: number): string | undefined {
  const value = args.named.get(name) ?? (index === undefined ? undefined : args.positional[index])
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

const lengthValue = /^\d+(?:\.\d+)?(?:px|%)?$/

/**
 * `{{< figure src="a.png" alt="…" title="…" caption="…" attr="…" attrlink="…" link="…" >}}`: the
 * picture (linked when `link` is given), then the caption as Hugo's template lays it out: the
 * title, the caption (Markdown, as Hugo's `markdownify` reads it; HTML in it stays text), the
 * attribution (linked to `attrlink`). Without any of them, the picture alone.
 */
function figure(tag: Shortcode, args: ShortcodeArguments, context: Context): Rendered | undefined {
  const src = get(args, 'src', 0)
  if (src === undefined) return missing(tag, 'a picture: `src="…"`', context)
  const title = get(args, 'title')
  const caption = get(args, 'caption')
  const attr = get(args, 'attr')
  const attrLink = get(args, 'attrlink')
  const captionNodes = caption === undefined ? [] : inlineMarkdown(caption, tag)
  const image: Image = { type: 'image', url: src, title: null, alt: get(args, 'alt') ?? (caption === undefined ? undefined : plainText(captionNodes)) ?? title ?? '' }
  const size: Record<string, string> = {}
  for (const dimension of ['width', 'height']) {
    const value = get(args, dimension)
    if (value !== undefined && lengthValue.test(value)) size[dimension] = value
  }
  if (Object.keys(size).length > 0) image.data = { hProperties: size }
  if (tag.position) image.position = tag.position
  const link = get(args, 'link')
  const picture: PhrasingContent = link === undefined ? image : linkNode(link, [image], tag)
  const lines: PhrasingContent[][] = []
  if (title !== undefined) lines.push([{ type: 'strong', children: [text(title, tag)] }])
  const captionLine: PhrasingContent[] = [...captionNodes]
  if (attr !== undefined) {
    if (captionLine.length > 0) captionLine.push(text(' ', tag))
    captionLine.push(attrLink === undefined ? text(attr, tag) : linkNode(attrLink, [text(attr, tag)], tag))
  }
  if (captionLine.length > 0) lines.push(captionLine)
  if (lines.length === 0) return { kind: 'blocks', nodes: [paragraph([picture], tag.position)] }
  const figcaption: Paragraph = paragraph(lines.flatMap((line, index) => (index === 0 ? line : [{ type: 'break' } as PhrasingContent, ...line])), tag.position)
  figcaption.data = { hName: 'figcaption' }
  // A blockquote (a container every tree utility knows) that becomes `<figure>`; a tight list
  // would unwrap a paragraph of that name.
  const node: Blockquote = { type: 'blockquote', children: [paragraph([picture], tag.position), figcaption], data: { hName: 'figure' } }
  if (tag.position) node.position = tag.position
  return { kind: 'blocks', nodes: [node] }
}

/** A caption's Markdown as phrasing; raw HTML in it is text, as every title from the writer is. */
function inlineMarkdown(markdown: string, tag: Shortcode): PhrasingContent[] {
  const first = fromMarkdown(markdown).children[0]
  if (first?.type !== 'paragraph') return [text(markdown, tag)]
  const place = (node: PhrasingContent): PhrasingContent => {
    if (node.type === 'html') return text(node.value, tag)
    const copy = { ...node } as PhrasingContent
    if (tag.position) copy.position = tag.position
    else delete copy.position
    if ('children' in copy) (copy as Parent).children = (copy.children as PhrasingContent[]).map(place)
    return copy
  }
  return first.children.map(place)
}

function plainText(nodes: readonly PhrasingContent[]): string | undefined {
  const words = nodes.map((node): string => ('value' in node ? node.value : 'children' in node ? plainText(node.children as PhrasingContent[]) ?? '' : '')).join('')
  return words === '' ? undefined : words
}

/**
 * `{{< highlight go "linenos=table,hl_lines=8 15-17" >}}` (or `lang=`, `options=`): a code block
 * in that language. Of Hugo's options only the marked lines mean something in an article.
 */
function highlight(tag: Shortcode, content: string, args: ShortcodeArguments): Rendered {
  const lang = get(args, 'lang', 0) ?? null
  const options = get(args, 'options', 1) ?? ''
  const marked = /(?:^|,)\s*hl_lines\s*=\s*([^,]*)/.exec(options)?.[1]?.trim().replace(/^["[]|["\]]$/g, '')
  const code: Code = { type: 'code', lang, meta: marked ? `hl_lines="${marked.replaceAll('"', '')}"` : null, value: content }
  if (tag.position) code.position = tag.position
  return { kind: 'blocks', nodes: [code] }
}

/** `{{< ref "other.md" >}}` not in a link: the path, as a link rehype-weixin-links reduces to its text (with a warning). */
function refText(tag: Shortcode, args: ShortcodeArguments, context: Context): Rendered | undefined {
  const target = get(args, 'path', 0)
  if (target === undefined) return missing(tag, 'the path of a page', context)
  return phrasing(linkNode(target, [text(target, tag)], tag))
}

/**
 * `[文字]({{< ref "other.md" >}})`: CommonMark reads no link there (a destination has no spaces), so
 * the text before the shortcode ends with `](` and the text after it starts with `)`. Those pieces,
 * from the `[` on, become the link Hugo would have made; anything else is the bare shortcode.
 */
function refLink(tag: HugoShortcodeInline, context: Context): void {
  const args = splitShortcodeArguments(tag.arguments)
  const target = get(args, 'path', 0)
  const parent = parentOf(context.tree, tag)
  if (target === undefined || parent === undefined) {
    if (target === undefined) missing(tag, 'the path of a page', context)
    return
  }
  const siblings = parent.children as PhrasingContent[]
  const at = siblings.indexOf(tag)
  const before = siblings[at - 1]
  const after = siblings[at + 1]
  if (before?.type === 'text' && before.value.endsWith('](') && after?.type === 'text' && after.value.startsWith(')')) {
    // The `[` that opens the label: in the text right before, or in an earlier text of the paragraph.
    let from = at - 1
    let open = before.value.lastIndexOf('[', before.value.length - 3)
    while (open === -1 && from > 0) {
      from--
      const node = siblings[from]!
      open = node.type === 'text' ? node.value.lastIndexOf('[') : -1
    }
    if (open !== -1) {
      const first = siblings[from] as Text
      const label: PhrasingContent[] =
        from === at - 1
          ? [text(before.value.slice(open + 1, -2), tag)]
          : [text(first.value.slice(open + 1), first), ...siblings.slice(from + 1, at - 1), text(before.value.slice(0, -2), before)]
      const start = pointAfter(first.position?.start, first.value.slice(0, open))
      const link = linkNode(target, label.filter((node) => node.type !== 'text' || node.value !== ''), tag)
      if (start && after.position) link.position = { start, end: pointAfter(after.position.start, ')')! }
      const replacement: PhrasingContent[] = []
      if (open > 0) replacement.push({ ...first, value: first.value.slice(0, open) })
      replacement.push(link)
      if (after.value.length > 1) replacement.push({ ...after, value: after.value.slice(1), ...(after.position ? { position: { start: pointAfter(after.position.start, ')')!, end: after.position.end } } : {}) })
      siblings.splice(from, at + 2 - from, ...replacement)
      return
    }
  }
  siblings.splice(at, 1, linkNode(target, [text(target, tag)], tag))
}

/** `{{< param "key" >}}`: the page's front matter value (Hugo also looks in the site's config, which an article does not have). */
function param(tag: Shortcode, args: ShortcodeArguments, context: Context): Rendered | undefined {
  const key = get(args, 'name', 0)
  if (key === undefined) return missing(tag, 'the name of a front matter key', context)
  let value: unknown = context.file.data.frontmatter
  for (const step of key.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      value = undefined
      break
    }
    // Hugo reads front matter keys case-insensitively.
    const entries = Object.entries(value as Record<string, unknown>)
    value = entries.find(([name]) => name.toLowerCase() === step.toLowerCase())?.[1]
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return phrasing(text(String(value), tag))
  warn(context.file, `${shown(tag)}: the front matter has no value \`${key}\` (a site parameter is not known to an article), so it is removed`, {
    ruleId: 'hugo-shortcode-param',
    place: tag,
  })
  return phrasing()
}

const embedLabels: Readonly<Record<CalloutLanguage, Readonly<Record<string, string>>>> = {
  zh: { video: '视频：', post: '帖子：', gist: 'Gist：' },
  en: { video: 'Video: ', post: 'Post: ', gist: 'Gist: ' },
}

/** Weixin keeps no iframe or foreign player: a link to what would have been embedded. */
function embed(tag: Shortcode, args: ShortcodeArguments, context: Context): Rendered | undefined {
  let url: string | undefined
  let label = 'video'
  const id = get(args, 'id', 0)
  switch (tag.name) {
    case 'youtube':
      url = id === undefined ? undefined : `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`
      break
    case 'vimeo':
      url = id === undefined ? undefined : `https://vimeo.com/${encodeURIComponent(id)}`
      break
    case 'instagram':
      label = 'post'
      url = id === undefined ? undefined : `https://www.instagram.com/p/${encodeURIComponent(id)}/`
      break
    case 'gist': {
      label = 'gist'
      const user = get(args, 'user', 0)
      const gist = get(args, 'id', 1)
      url = user === undefined || gist === undefined ? undefined : `https://gist.github.com/${encodeURIComponent(user)}/${encodeURIComponent(gist)}`
      break
    }
    default: {
      label = 'post'
      const user = get(args, 'user', 0)
      const post = get(args, 'id', 1)
      url = user === undefined || post === undefined ? undefined : `https://x.com/${encodeURIComponent(user)}/status/${encodeURIComponent(post)}`
    }
  }
  if (url === undefined) return missing(tag, tag.name === 'gist' || tag.name === 'x' || tag.name === 'tweet' ? 'a user and an id' : 'an id', context)
  warn(context.file, `${shown(tag)}: Weixin does not show embedded ${label === 'video' ? 'players' : 'posts'}, so it is a link to ${url}`, {
    ruleId: 'hugo-shortcode-embed',
    place: tag,
  })
  return phrasing(text(embedLabels[context.language][label]!, tag), linkNode(url, [text(url, tag)], tag))
}

/** A shortcode no one here knows, with no end tag: removed, named in the warning. */
function unknownSingle(tag: Shortcode, context: Context): Rendered {
  warn(context.file, `Unknown Hugo shortcode ${shown(tag)}: Weixin cannot run it, so it is removed`, { ruleId: 'hugo-shortcode-unknown', place: tag })
  return phrasing()
}

// ---------------------------------------------------------------------------------------------
// Pairs

function transformPair(open: Found, close: Found, context: Context): void {
  const { node } = open
  if (node.name === 'highlight') return inlineHighlight(node, close.node, context)
  if (node.name === 'comment' && removeBetween(node, close.node, context, () => [])) return
  const parent = parentOf(context.tree, node)
  const onLinesOfTheirOwn = node.type === 'hugoShortcode' && close.node.type === 'hugoShortcode' && parent !== undefined && parent === parentOf(context.tree, close.node)
  if (calloutNames.has(node.name) && onLinesOfTheirOwn) {
    const { children } = parent
    const from = children.indexOf(node)
    const to = children.indexOf(close.node)
    const content = children.slice(from + 1, to) as Array<BlockContent | DefinitionContent>
    const position = node.position && close.node.position ? { start: node.position.start, end: close.node.position.end } : undefined
    children.splice(from, to - from + 1, buildCallout({ ...calloutOf(node), children: content, language: context.language, position }))
    return
  }
  if (calloutNames.has(node.name) || node.name === 'comment') {
    const what = node.name === 'comment' ? 'the comment cannot be removed' : 'no box is built around the content'
    warn(context.file, `${shown(node)} and its end tag are not on lines of their own in the same block, so ${what}: its tags are removed`, {
      ruleId: 'hugo-shortcode-malformed',
      place: node,
    })
  } else {
    warn(context.file, `Unknown Hugo shortcode ${shown(node)}: Weixin cannot run it, its content is kept and its tags removed`, {
      ruleId: 'hugo-shortcode-unknown',
      place: node,
    })
  }
  for (const marker of [node, close.node]) removeMarker(marker, context)
}

/**
 * The kind and title of a callout shortcode: Hugo's `details summary="…"`, and the themes'
 * `notice tip "标题"`, `notice style="tip" title="…"`, `admonition type=tip title="…"`,
 * `callout type="info"`, `hint warning`, `alert title="…" color="warning"`.
 */
function calloutOf(tag: Shortcode): { kind: CalloutKind; title: string | undefined } {
  const args = splitShortcodeArguments(tag.arguments)
  if (tag.name === 'details') return { kind: 'details', title: get(args, 'summary') ?? get(args, 'title', 0) }
  const named = get(args, 'style') ?? get(args, 'type') ?? get(args, 'color')
  const first = args.positional[0]
  const kindWord = named ?? (first !== undefined && calloutKindOf(first) !== undefined ? first : undefined)
  const kind = (kindWord === undefined ? undefined : calloutKindOf(kindWord)) ?? (tag.name === 'callout' ? 'neutral' : 'note')
  const rest = named === undefined && kindWord !== undefined ? args.positional.slice(1) : args.positional
  const title = get(args, 'title') ?? (rest.length > 0 ? rest.join(' ') : undefined)
  return { kind, title: title === undefined && kind === 'neutral' ? '' : title }
}

/** `{{< highlight go >}}code{{< /highlight >}}` inside a paragraph: inline code of the text between. */
function inlineHighlight(open: Shortcode, close: Shortcode, context: Context): void {
  const from = open.position?.end.offset
  const to = close.position?.start.offset
  const written = from === undefined || to === undefined ? '' : context.source.slice(from, to).trim().replace(/\s*\n\s*/g, ' ')
  const code: PhrasingContent = { type: 'inlineCode', value: written, ...(open.position ? { position: open.position } : {}) }
  if (open.type === 'hugoShortcodeInline' && removeBetween(open, close, context, () => [code])) return
  const end = `{{${open.delimiter} /highlight ${closer(open)}}}`
  warn(context.file, `${shown(open)} and \`${end}\` must each be on a line of their own in the same block, with the code between them: both kept as written`, {
    ruleId: 'hugo-shortcode-malformed',
    place: open,
  })
  for (const tag of [open, close]) keepWritten({ node: tag, parent: parentOf(context.tree, tag) }, '', '', context)
}

/** Replaces both markers and what lies between them (siblings in one parent) by `replacement()`. */
function removeBetween(open: Shortcode, close: Shortcode, context: Context, replacement: () => RootContent[]): boolean {
  const parent = parentOf(context.tree, open)
  if (parent === undefined || parent !== parentOf(context.tree, close)) return false
  const from = parent.children.indexOf(open)
  const to = parent.children.indexOf(close)
  const nodes = replacement()
  ;(parent.children as RootContent[]).splice(from, to - from + 1, ...nodes)
  if (open.type === 'hugoShortcodeInline' && nodes.length === 0) {
    closeGap(parent.children as PhrasingContent[], from)
    dropIfBlank(parent, context)
  }
  return true
}

// ---------------------------------------------------------------------------------------------
// Malformed shortcodes

/** The shortcode as text where it was written, with a warning saying `why` (none when `ruleId` is ''). */
function keepWritten(found: { node: Shortcode; parent: Parent | undefined }, why: string, ruleId: string, context: Context, hint = ''): void {
  const tag = found.node
  if (ruleId !== '') warn(context.file, `${shown(tag)} ${why}: kept as written${hint}`, { ruleId, place: tag })
  const written = text(writtenText(tag, context), tag)
  if (found.parent === undefined) return
  const index = found.parent.children.indexOf(tag)
  if (index === -1) return
  ;(found.parent.children as RootContent[])[index] = tag.type === 'hugoShortcode' ? paragraph([written], tag.position) : written
}

/** A `{{<` or `{{%` that never found its closing `>}}` is text: reported where it was written. */
function reportUnclosedMarkers(node: Text, context: Context): void {
  if (!node.value.includes('{{<') && !node.value.includes('{{%')) return
  const start = node.position?.start
  const end = node.position?.end.offset
  if (start?.offset === undefined || end === undefined) return
  const written = context.source.slice(start.offset, end)
  for (const match of written.matchAll(/\{\{[<%]/g)) {
    if (written.charAt(match.index - 1) === '\\') continue
    warn(context.file, `A \`${match[0]}\` that is not a Hugo shortcode (\`${match[0]} name params ${match[0] === '{{<' ? '>' : '%'}}}\`, closed on its line or the next few): kept as text`, {
      ruleId: 'hugo-shortcode-malformed',
      place: pointAfter(start, written.slice(0, match.index)),
    })
  }
}

/** A block of the author's HTML runs to the next blank line, and Markdown reads nothing inside it. */
function reportShortcodesInHtml(node: Html, context: Context): void {
  if (node.value.startsWith('<!--') || !/\{\{[<%]/.test(node.value)) return
  warn(context.file, 'A Hugo shortcode inside a block of HTML is not read and shows as written: leave a blank line between the HTML and the shortcode', {
    ruleId: 'hugo-shortcode-malformed',
    place: node,
  })
}

function pointAfter(start: Point | undefined, before: string): Point | undefined {
  if (start === undefined) return undefined
  const lines = before.split('\n')
  const offset = start.offset === undefined ? {} : { offset: start.offset + before.length }
  if (lines.length === 1) return { line: start.line, column: start.column + before.length, ...offset }
  return { line: start.line + lines.length - 1, column: lines[lines.length - 1]!.length + 1, ...offset }
}

function writtenText(tag: Shortcode, context: Context): string {
  const start = tag.position?.start.offset
  const end = tag.position?.end.offset
  return start === undefined || end === undefined ? shownTag(tag) : context.source.slice(start, end)
}

/** The shortcode for a message: `{{< name params >}}`, long parameters cut. */
function shown(tag: Shortcode): string {
  return `\`${shownTag(tag)}\``
}

/** The character before a shortcode's closing braces: `>` for `{{<`, `%` for `{{%`. */
function closer(tag: Shortcode): string {
  return tag.delimiter === '<' ? '>' : '%'
}

function shownTag(tag: Shortcode): string {
  if (tag.escaped !== undefined) return tag.escaped.shown
  const args = tag.arguments.replace(/\s+/g, ' ')
  const cut = args.length > 50 ? `${args.slice(0, 49)}…` : args
  return `{{${tag.delimiter} ${tag.closing ? '/' : ''}${tag.name}${cut === '' ? '' : ` ${cut}`} ${tag.selfClosing ? '/' : ''}${closer(tag)}}}`
}

// ---------------------------------------------------------------------------------------------
// Tree surgery

/** A block shortcode replaced by `nodes` in its parent (phase one: parents have not moved). */
function replaceNode(found: Found, nodes: RootContent[]): void {
  const index = found.parent.children.indexOf(found.node)
  if (index !== -1) (found.parent.children as RootContent[]).splice(index, 1, ...nodes)
}

/** An inline shortcode replaced by `nodes`; a paragraph left blank (a shortcode removed from a line of its own) goes too. */
function replaceInline(tag: HugoShortcodeInline, nodes: PhrasingContent[], context: Context): void {
  const parent = parentOf(context.tree, tag)
  if (parent === undefined) return
  const siblings = parent.children as PhrasingContent[]
  const index = siblings.indexOf(tag)
  siblings.splice(index, 1, ...nodes)
  if (nodes.length > 0) return
  closeGap(siblings, index)
  dropIfBlank(parent, context)
}

/**
 * The white space a removed shortcode leaves goes with it: at the start or end of its line, and
 * one of the two spaces it stood between (`关注 {{< icon x >}} 我们`).
 */
function closeGap(siblings: PhrasingContent[], index: number): void {
  const before = siblings[index - 1]
  const after = siblings[index]
  if (after?.type === 'text' && (before === undefined || (before.type === 'text' && before.value.endsWith('\n')))) after.value = after.value.replace(/^[ \t]*\n?/, '')
  else if (before?.type === 'text' && (after === undefined || (after.type === 'text' && after.value.startsWith('\n')))) before.value = before.value.replace(/[ \t]*$/, '')
  else if (before?.type === 'text' && after?.type === 'text' && /[ \t]$/.test(before.value)) after.value = after.value.replace(/^[ \t]+/, '')
}

function removeMarker(marker: Shortcode, context: Context): void {
  if (marker.type === 'hugoShortcodeInline') return replaceInline(marker, [], context)
  const parent = parentOf(context.tree, marker)
  if (parent !== undefined) parent.children.splice(parent.children.indexOf(marker), 1)
}

/** A paragraph that holds only white space now is removed from its parent. */
function dropIfBlank(parent: Parent, context: Context): void {
  if (parent.type !== 'paragraph') return
  const blank = parent.children.every((child) => (child.type === 'text' && child.value.trim() === '') || child.type === 'break')
  if (!blank) return
  const outer = parentOf(context.tree, parent as Paragraph)
  if (outer !== undefined) outer.children.splice(outer.children.indexOf(parent as Paragraph), 1)
}

/**
 * An inline shortcode that gives blocks (a `figure` written inside a paragraph): the paragraph is
 * split around them. In a heading, a link or a table cell no block fits: the picture stays inline.
 */
function placeBlocksOfInline(tag: HugoShortcodeInline, blocks: BlockContent[], context: Context): void {
  const path = pathTo(context.tree, tag)
  const inParagraph = path[path.length - 1]
  const outer = path[path.length - 2]
  if (inParagraph !== undefined && outer !== undefined && inParagraph.parent.type === 'paragraph') {
    const children = inParagraph.parent.children as PhrasingContent[]
    const before = trim(children.slice(0, inParagraph.index), 'end')
    const after = trim(children.slice(inParagraph.index + 1), 'start')
    const replacement: RootContent[] = []
    if (before.length > 0) replacement.push(paragraph(before, spanOf(before)))
    replacement.push(...blocks)
    if (after.length > 0) replacement.push(paragraph(after, spanOf(after)))
    ;(outer.parent.children as RootContent[]).splice(outer.index, 1, ...replacement)
    return
  }
  const inline: PhrasingContent[] = []
  for (const block of blocks) {
    if (block.type === 'code') inline.push({ type: 'inlineCode', value: block.value, ...(tag.position ? { position: tag.position } : {}) })
    else if (block.type === 'paragraph') inline.push(...block.children)
    else if (block.type === 'blockquote' && block.children[0]?.type === 'paragraph') inline.push(...block.children[0].children)
  }
  if (inParagraph !== undefined) (inParagraph.parent.children as PhrasingContent[]).splice(inParagraph.index, 1, ...inline)
}

function trim(nodes: PhrasingContent[], side: 'start' | 'end'): PhrasingContent[] {
  const result = [...nodes]
  for (;;) {
    const at = side === 'end' ? result.length - 1 : 0
    const node = result[at]
    if (node?.type === 'break') result.splice(at, 1)
    else if (node?.type === 'text' && (side === 'end' ? /\s$/ : /^\s/).test(node.value)) {
      const value = side === 'end' ? node.value.trimEnd() : node.value.trimStart()
      if (value === '') result.splice(at, 1)
      else result[at] = { ...node, value }
    } else return result
  }
}
