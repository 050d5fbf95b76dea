import { expectOption } from '@mdwx/errors'
import type { BlockContent, Blockquote, DefinitionContent, Html, Link, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast'
import type { Point, Position } from 'unist'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import { buildCallout, calloutKindOf, calloutLanguages, type CalloutKind, type CalloutLanguage } from './callouts/callout.js'
import { codeTitle } from './code/code-title.js'
import { hexoTagsFromMarkdown, type HexoTag, type HexoTagInline } from './hexo-tags/from-markdown.js'
import { inlineTagNames, hexoTagsSyntax, rawTagNames } from './hexo-tags/syntax.js'
import { joinArguments, splitTagArguments, type TagArgument } from './hexo-tags/tag-arguments.js'
import { info, warn } from './messages.js'
import { parentOf, pathTo, spanOf } from './mdast-paths.js'
import { html, linkNode, paragraph, text } from './mdast-nodes.js'

/** What the publisher knows of another post of the site: its title, and its Weixin article. */
export interface PostLinkTarget {
  title: string
  /** The address of the post's Weixin article, once published. */
  url?: string
}

/**
 * Finds the post a `{% post_link slug %}` names (the slug as written, without a `#fragment`),
 * or undefined when no post has that slug.
 */
export type PostLinkResolver = (slug: string, file: VFile) => PostLinkTarget | undefined

export interface Options {
  /** Language of the titles notes get when the writer gave none, and of embed labels. Default `'zh'`. */
  language?: CalloutLanguage
  /**
   * Title and Weixin address of the post a `{% post_link %}` / `{% post_path %}` names. Without
   * it (or when it returns undefined) the tag shows its text or slug, with a `hexo-post-link` warning.
   */
  resolvePostLink?: PostLinkResolver | undefined
}

/**
 * Hexo's tag plugins (`{% … %}`, Nunjucks syntax) as what a Weixin article can show. Hexo runs
 * them before Markdown, so without this they reach the reader as literal `{% note %}` text. No
 * existing unified extension parses them: hexo-tags/syntax.ts is a micromark extension for the
 * tags (a block tag on its own line, a tag inside text, raw-content tags taking their lines like
 * a fenced code block), hexo-tags/from-markdown.ts turns its tokens into `hexoTag` (block) and
 * `hexoTagInline` (phrasing) nodes, and this plugin replaces every one of those nodes:
 *
 * - `note [class] [title]`…`endnote` (Hexo's docs, NexT, Butterfly): a callout (callouts/callout.ts);
 *   the content is Markdown. Classes and Butterfly's colours choose the kind; Butterfly's style
 *   words and icons (`simple`, `flat`, `no-icon`, `'fas fa-bullhorn'`…) are ignored.
 * - `blockquote`/`quote [author[, source]] [link] [link title]`…`endblockquote`: a quote whose last
 *   line is `— author, source`, the source linked when a link is given.
 * - `codeblock`/`code [title] [lang:x] [url] [link text]`…`endcodeblock`: a code block, raw, with
 *   its caption (codeTitle); Hexo's `mark:` option is passed on in the code's meta.
 * - `highlight lang`…`endhighlight` (Jekyll's Liquid tag, the same syntax): a code block in that language.
 * - `raw`…`endraw`: the content as the author's raw HTML (sanitized like any other).
 * - `asset_img`, `asset_path`, `asset_link` (the post's asset folder, `hello/` for `hello.md`),
 *   `img`: images, paths and links. `post_link`, `post_path`: the other post's title, linked to
 *   its Weixin article when `resolvePostLink` knows it. `link`, `url_for`, `full_url_for`: links
 *   (a site-relative path keeps only its text later, rehype-weixin-links says so).
 * - `iframe`, `youtube`, `vimeo`, `video`, `jsfiddle`, `gist`: Weixin drops embedded frames and
 *   players, so a line `视频：<link>` to the content, with an info message.
 *
 * Any other tag is reported (`hexo-tag-unknown`) and its markers removed: the content between
 * `{% x %}` and `{% endx %}` stays, and a tag with no end tag leaves its arguments as text. A tag
 * without its end tag, an end tag without its tag, or a `{%` never closed stays as written, with
 * a warning. Tags in code are code: the parser never reads them (but inline code loses the
 * `{% raw %}` and `{% endraw %}` around its text, as in Hexo).
 *
 * Pairing opening and end tags happens here, in the tree: an opening tag inside a paragraph
 * splits it, and an end tag may sit deeper than its opening tag (Hexo's docs indent an
 * `{% endnote %}` into the list that ends the note): what lies between them goes into the block.
 */
export default function remarkWeixinHexoTags(this: Processor, options: Options = {}) {
  const language = options.language ?? 'zh'
  const resolvePostLink = options.resolvePostLink
  expectOption(calloutLanguages.includes(language), `one of ${calloutLanguages.join(', ')}`, 'language', language)
  expectOption(resolvePostLink === undefined || typeof resolvePostLink === 'function', 'a function', 'resolvePostLink', resolvePostLink)
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(hexoTagsSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(hexoTagsFromMarkdown())
  return (tree: Root, file: VFile): undefined => {
    const context: Context = { tree, file, source: String(file.value), language, resolvePostLink }
    const tags: Found[] = []
    collect(tree, undefined, tags, context)
    if (tags.length === 0) return
    const roles = pairTags(tags)
    const later: Array<() => void> = []
    for (const role of roles) {
      if (role.kind === 'pair') later.push(() => transformPair(role.open, role.close, context))
      else if (role.kind === 'unknownPair') removeMarkers(role.open, role.close, context)
      else if (role.kind === 'unclosed' || role.kind === 'unopened') keepWritten(role.tag, role.kind, context)
      else renderSingle(role.tag, context, later)
    }
    // Pairs (innermost first: they were found at their end tags) and the few inline tags that
    // give blocks change the tree's shape: after every in-place replacement.
    for (const step of later) step()
  }
}

type Tag = HexoTag | HexoTagInline

interface Context {
  tree: Root
  file: VFile
  source: string
  language: CalloutLanguage
  resolvePostLink: PostLinkResolver | undefined
}

/** A tag and where it was found: its parent, and for an inline tag the parent's parent. */
interface Found {
  node: Tag
  parent: Parent
  grandparent: Parent | undefined
}

type Role =
  | { kind: 'pair'; open: Found; close: Found }
  | { kind: 'unknownPair'; open: Found; close: Found }
  | { kind: 'single'; tag: Found }
  | { kind: 'unclosed'; tag: Found }
  | { kind: 'unopened'; tag: Found }

/** Tags whose content is Markdown, which this plugin builds a block around. */
const pairedNames: ReadonlySet<string> = new Set(['note', 'blockquote', 'quote'])
const embedNames: ReadonlySet<string> = new Set(['iframe', 'youtube', 'vimeo', 'video', 'jsfiddle', 'gist'])
const knownNames: ReadonlySet<string> = new Set([...pairedNames, ...rawTagNames, ...inlineTagNames, ...embedNames])

/**
 * `{% raw %}…{% endraw %}` inside inline code. Hexo runs tags before Markdown and spares only
 * fenced code, so in `` `{% raw %}{% post_link a %}{% endraw %}` `` (how its docs show a tag) the
 * reader sees `{% post_link a %}`. Every other tag in code stays as written.
 */
const rawInCode = /\{%[ \t]*raw[ \t]*%\}([\s\S]*?)\{%[ \t]*endraw[ \t]*%\}/g

/** The tags in document order; a `{%` left as text (never closed on its line) is reported here. */
function collect(parent: Parent, grandparent: Parent | undefined, tags: Found[], context: Context): void {
  for (const child of parent.children) {
    if (child.type === 'hexoTag' || child.type === 'hexoTagInline') tags.push({ node: child, parent, grandparent })
    else if (child.type === 'text') reportUnclosedMarkers(child, context)
    else if (child.type === 'inlineCode') child.value = child.value.replace(rawInCode, '$1')
    else if (child.type === 'html') reportTagsInHtml(child, context)
    else if ('children' in child) collect(child, parent, tags, context)
  }
}

/**
 * Pairs each end tag with the nearest open tag of its name, as Nunjucks does. Tags of the
 * Markdown-content kind left open are unclosed; other tags left open are tags of their own.
 * An `end…` tag is an end tag when its name is one this plugin knows or one opened before it.
 */
function pairTags(tags: readonly Found[]): Role[] {
  const roles: Role[] = []
  const open: Found[] = []
  const leave = (found: Found): void => {
    roles.push(pairedNames.has(found.node.name) ? { kind: 'unclosed', tag: found } : { kind: 'single', tag: found })
  }
  for (const found of tags) {
    const name = found.node.name
    const ended = name.length > 3 && name.startsWith('end') ? name.slice(3) : undefined
    if (ended !== undefined && (knownNames.has(ended) || open.some((tag) => tag.node.name === ended))) {
      const at = open.findLastIndex((tag) => tag.node.name === ended)
      if (at === -1) {
        roles.push({ kind: 'unopened', tag: found })
        continue
      }
      for (const left of open.splice(at + 1)) leave(left)
      const opening = open.pop()!
      roles.push(pairedNames.has(ended) ? { kind: 'pair', open: opening, close: found } : { kind: 'unknownPair', open: opening, close: found })
    } else if (pairedNames.has(name) || !knownNames.has(name)) {
      open.push(found)
    } else {
      roles.push({ kind: 'single', tag: found })
    }
  }
  for (const left of open) leave(left)
  return roles
}

// ---------------------------------------------------------------------------------------------
// Tags of their own

type Rendered = { kind: 'phrasing'; nodes: PhrasingContent[] } | { kind: 'blocks'; nodes: BlockContent[] }

function phrasing(...nodes: PhrasingContent[]): Rendered {
  return { kind: 'phrasing', nodes }
}

function renderSingle(found: Found, context: Context, later: Array<() => void>): void {
  const tag = found.node
  if (tag.strayClosing) {
    warn(context.file, `\`%}\` written twice after ${shown(tag)}: the second one is removed`, { ruleId: 'hexo-tag-malformed', place: tag })
  }
  const rendered = render(tag, context, tag.type === 'hexoTagInline')
  if (rendered === undefined) return keepWritten(found, 'malformed', context)
  if (tag.type === 'hexoTag') {
    replaceNode(found, rendered.kind === 'blocks' ? rendered.nodes : rendered.nodes.length === 0 ? [] : [paragraph(rendered.nodes, tag.position)])
  } else if (rendered.kind === 'phrasing') {
    replaceInline(found, rendered.nodes)
  } else {
    later.push(() => placeBlocksOfInline(tag, rendered.nodes, context))
  }
}

/** What the tag shows, or undefined when its arguments are missing (it then stays as written). */
function render(tag: Tag, context: Context, inline: boolean): Rendered | undefined {
  const args = splitTagArguments(tag.arguments)
  switch (tag.name) {
    case 'codeblock':
    case 'code':
      return tag.content === undefined ? unclosedRaw(tag, context) : codeBlock(tag, tag.content, args, context)
    case 'highlight':
      return tag.content === undefined ? unclosedRaw(tag, context) : highlight(tag, tag.content, args)
    case 'raw':
      if (tag.content === undefined) return unclosedRaw(tag, context)
      return inline ? phrasing(html(tag.content, tag)) : { kind: 'blocks', nodes: [html(tag.content, tag)] }
    case 'post_link':
    case 'post_path':
      return postLink(tag, args, context)
    case 'asset_img':
    case 'img':
    case 'image':
      return image(tag, args, context)
    case 'asset_path':
      return args[0] === undefined ? missing(tag, 'the name of a file in the post’s asset folder', context) : phrasing(text(assetPath(args[0].value, context), tag))
    case 'asset_link':
      return assetLink(tag, args, context)
    case 'link':
      return link(tag, args, context)
    case 'url_for':
    case 'full_url_for':
      return urlFor(tag, args, context)
    default:
      return embedNames.has(tag.name) ? embed(tag, args, context) : unknownSingle(tag, args, context)
  }
}

function unclosedRaw(tag: Tag, context: Context): undefined {
  warn(context.file, `${shown(tag)} has no \`{% end${tag.name} %}\`: kept as written. Its content must end with \`{% end${tag.name} %}\``, {
    ruleId: 'hexo-tag-unclosed',
    place: tag,
  })
  return undefined
}

function missing(tag: Tag, what: string, context: Context): undefined {
  warn(context.file, `${shown(tag)} needs ${what}: kept as written`, { ruleId: 'hexo-tag-malformed', place: tag })
  return undefined
}

const codeOptions = /^(?:line_number|line_threshold|highlight|first_line|wrap|mark):/i

/**
 * `{% codeblock [title] [lang:x] [url] [link text] [option:value…] %}`: Hexo's caption is the
 * words before an http(s) URL, the link text the words after it (`link` when there are none).
 */
function codeBlock(tag: Tag, content: string, args: readonly TagArgument[], context: Context): Rendered {
  let lang: string | undefined
  const marks: string[] = []
  const words: TagArgument[] = []
  for (const argument of args) {
    const language = /^lang:(.+)$/i.exec(argument.value)
    if (language && !argument.quoted) lang = language[1]
    else if (codeOptions.test(argument.value) && !argument.quoted) {
      if (/^mark:/i.test(argument.value)) marks.push(argument.value)
    } else words.push(argument)
  }
  const urlAt = words.findIndex((word) => !word.quoted && /^https?:\/\//i.test(word.value))
  const caption = joinArguments(urlAt === -1 ? words : words.slice(0, urlAt))
  const nodes: BlockContent[] = []
  if (urlAt !== -1) {
    const url = words[urlAt]!.value
    const linkText = joinArguments(words.slice(urlAt + 1)) || 'link'
    const linked = linkNode(url, [text(linkText, tag)], tag)
    nodes.push(captionParagraph(caption === '' ? [linked] : [text(`${caption} `, tag), linked], tag, context))
  } else if (caption !== '') {
    nodes.push(captionParagraph(caption, tag, context))
  }
  const code: BlockContent = { type: 'code', lang: lang ?? null, meta: marks.length > 0 ? marks.join(' ') : null, value: content }
  if (tag.position) code.position = tag.position
  nodes.push(code)
  return { kind: 'blocks', nodes }
}

/**
 * Jekyll's `{% highlight ruby [linenos] %}`…`{% endhighlight %}`: a code block in that language
 * (Jekyll's options are display ones: line numbers).
 */
function highlight(tag: Tag, content: string, args: readonly TagArgument[]): Rendered {
  const lang = args[0] === undefined || args[0].value === 'linenos' ? null : args[0].value
  const code: BlockContent = { type: 'code', lang, meta: null, value: content }
  if (tag.position) code.position = tag.position
  return { kind: 'blocks', nodes: [code] }
}

function captionParagraph(content: string | PhrasingContent[], tag: Tag, context: Context): Paragraph {
  const title = codeTitle(content, tag.position)
  // A tight list unwraps its items' paragraphs, class and all: a section keeps the caption's look.
  const parent = parentOf(context.tree, tag)
  if (parent?.type === 'listItem') title.data = { ...title.data, hName: 'section' }
  return title
}

/**
 * `{% post_link slug [text] [escape] %}` and `{% post_path slug %}`: the text, else the post's
 * title, linked to its Weixin article when there is one. `escape` is read and ignored: a title is
 * always text here, never HTML.
 */
function postLink(tag: Tag, args: readonly TagArgument[], context: Context): Rendered | undefined {
  const [first, ...rest] = args
  if (first === undefined) return missing(tag, 'the slug of a post', context)
  const last = rest[rest.length - 1]
  const words = last && !last.quoted && (last.value === 'true' || last.value === 'false') ? rest.slice(0, -1) : rest
  const given = words.length > 0 ? joinArguments(words) : undefined
  const slug = first.value.split('#')[0] ?? first.value
  const target = context.resolvePostLink?.(slug, context.file)
  if (target === undefined) {
    const why = context.resolvePostLink === undefined ? 'no post list was given to look it up in' : 'no post has this slug'
    warn(context.file, `${shown(tag)}: ${why}, so the link shows ${given === undefined ? 'the slug' : 'its text'} without a link`, {
      ruleId: 'hexo-post-link',
      place: tag,
    })
    return phrasing(text(given ?? slug, tag))
  }
  const label = given ?? target.title
  return phrasing(target.url === undefined ? text(label, tag) : linkNode(target.url, [text(label, tag)], tag))
}

/** The post's asset folder is named after the post's file and sits next to it (Hexo's `post_asset_folder`). */
function assetPath(name: string, context: Context): string {
  if (/^(?:[a-z][a-z\d+.-]*:|\/)/i.test(name)) return name
  const folder = context.file.stem
  return folder === undefined || folder === '' ? name : `${folder}/${name}`
}

const fileName = /\.[A-Za-z\d]{1,8}$/
const lengthValue = /^\d+(?:\.\d+)?(?:px|%)?$/

/**
 * `{% asset_img [class…] name [width] [height] [title [alt]] %}` and `{% img [class…] src … %}`:
 * the first argument that looks like a file (or, for `img`, a path or URL) is the source, the
 * ones before it are classes (nothing to Weixin). The title and alt are `"title" "alt"`, or, as
 * Hexo reads them, one string `'"title text" "alt text"'`, or the words that are left.
 */
function image(tag: Tag, args: readonly TagArgument[], context: Context): Rendered | undefined {
  const asset = tag.name === 'asset_img'
  const isSource = (value: string): boolean =>
    fileName.test(value) || value.includes('/') || (!asset && /^(?:[a-z][a-z\d+.-]*:|\.)/i.test(value))
  let at = args.findIndex((argument) => isSource(argument.value))
  if (at === -1) at = 0
  const source = args[at]
  if (source === undefined || source.value === '') return missing(tag, 'an image', context)
  let rest = args.slice(at + 1)
  const size: Record<string, string> = {}
  for (const dimension of ['width', 'height']) {
    const value = rest[0]
    if (value === undefined || value.quoted || !lengthValue.test(value.value)) break
    size[dimension] = value.value
    rest = rest.slice(1)
  }
  const { title, alt } = titleAndAlt(rest)
  const url = asset ? assetPath(source.value, context) : source.value
  const node: PhrasingContent = { type: 'image', url, title: title ?? null, alt: alt ?? title ?? '' }
  if (Object.keys(size).length > 0) node.data = { hProperties: size }
  if (tag.position) node.position = tag.position
  return phrasing(node)
}

function titleAndAlt(rest: readonly TagArgument[]): { title?: string; alt?: string } {
  if (rest.length === 0) return {}
  if (rest.length === 2 && rest.every((argument) => argument.quoted)) return { title: rest[0]!.value, alt: rest[1]!.value }
  // Hexo's reading of what is left: a title, then maybe a quoted alt.
  const match = /^["']?([^"']+)?["']?\s*["']?([^"']+)?["']?/.exec(joinArguments(rest))
  const title = match?.[1]?.trim()
  const alt = match?.[2]?.trim()
  return { ...(title ? { title } : {}), ...(alt ? { alt } : {}) }
}

/** `{% asset_link name [title] [escape] %}`: a link to the file (relative: it keeps only its text later, with a warning). */
function assetLink(tag: Tag, args: readonly TagArgument[], context: Context): Rendered | undefined {
  const [first, ...rest] = args
  if (first === undefined) return missing(tag, 'the name of a file in the post’s asset folder', context)
  const last = rest[rest.length - 1]
  const words = last && !last.quoted && (last.value === 'true' || last.value === 'false') ? rest.slice(0, -1) : rest
  const label = words.length > 0 ? joinArguments(words) : first.value
  return phrasing(linkNode(assetPath(first.value, context), [text(label, tag)], tag))
}

const looksLikeUrl = /^(?:[a-z][a-z\d+.-]*:|www\.|\/\/)/i

/** `{% link text url [external] [title] %}`: the URL is the first argument that looks like one, else the last. */
function link(tag: Tag, args: readonly TagArgument[], context: Context): Rendered | undefined {
  if (args.length === 0) return missing(tag, 'a text and a URL', context)
  let at = args.findIndex((argument) => looksLikeUrl.test(argument.value))
  if (at === -1) at = args.length - 1
  const url = args[at]!.value
  const label = at === 0 ? url : joinArguments(args.slice(0, at))
  let rest = args.slice(at + 1)
  if (rest[0] && !rest[0].quoted && (rest[0].value === 'true' || rest[0].value === 'false')) rest = rest.slice(1)
  const node = linkNode(/^www\./i.test(url) ? `http://${url}` : url, [text(label, tag)], tag)
  if (rest.length > 0) node.title = joinArguments(rest)
  return phrasing(node)
}

/**
 * `{% url_for text path %}` and `{% full_url_for text path %}`: a link with the path as written.
 * The site's root and URL are the generator's settings, which an article does not have; a full
 * URL stays a link (a numbered reference), a site path keeps its text (rehype-weixin-links).
 */
function urlFor(tag: Tag, args: readonly TagArgument[], context: Context): Rendered | undefined {
  const [first, second] = args
  if (first === undefined) return missing(tag, 'a text and a path', context)
  const path = second ?? first
  return phrasing(linkNode(path.value, [text(first.value, tag)], tag))
}

const embedLabels: Readonly<Record<CalloutLanguage, Readonly<Record<string, string>>>> = {
  zh: { video: '视频：', playlist: '播放列表：', page: '网页：', jsfiddle: 'JSFiddle：', gist: 'Gist：' },
  en: { video: 'Video: ', playlist: 'Playlist: ', page: 'Page: ', jsfiddle: 'JSFiddle: ', gist: 'Gist: ' },
}

/** Weixin keeps no iframe or foreign player: a link to what would have been embedded. */
function embed(tag: Tag, args: readonly TagArgument[], context: Context): Rendered | undefined {
  const id = args[0]?.value
  if (id === undefined || id === '') return missing(tag, tag.name === 'iframe' || tag.name === 'video' ? 'a URL' : 'an id', context)
  const given = looksLikeUrl.test(id)
  let url = id
  let label = 'video'
  if (tag.name === 'youtube') {
    const playlist = args[1]?.value === 'playlist'
    if (playlist) label = 'playlist'
    if (!given) url = playlist ? `https://www.youtube.com/playlist?list=${encodePath(id)}` : `https://www.youtube.com/watch?v=${encodePath(id)}`
  } else if (tag.name === 'vimeo') {
    if (!given) url = `https://vimeo.com/${encodePath(id)}`
  } else if (tag.name === 'jsfiddle') {
    label = 'jsfiddle'
    if (!given) url = `https://jsfiddle.net/${encodePath(id)}/`
  } else if (tag.name === 'gist') {
    label = 'gist'
    if (!given) url = `https://gist.github.com/${encodePath(id)}`
  } else if (tag.name === 'iframe') {
    label = 'page'
  }
  info(context.file, `${shown(tag)}: Weixin does not show embedded ${label === 'page' ? 'pages' : 'players'}, so it is a link to ${url}`, {
    ruleId: 'hexo-tag-embed',
    place: tag,
  })
  return phrasing(text(embedLabels[context.language][label]!, tag), linkNode(url, [text(url, tag)], tag))
}

function encodePath(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/')
}

/** A tag no one here knows, with no end tag: its arguments stay as text, the markers go. */
function unknownSingle(tag: Tag, args: readonly TagArgument[], context: Context): Rendered {
  const words = joinArguments(args)
  warn(context.file, `Unknown Hexo tag ${shown(tag)}: Weixin cannot run it, ${words === '' ? 'it is removed' : 'its arguments are kept as text'}`, {
    ruleId: 'hexo-tag-unknown',
    place: tag,
  })
  return words === '' ? phrasing() : phrasing(text(words, tag))
}

// ---------------------------------------------------------------------------------------------
// Pairs

/** `{% x %}`…`{% endx %}` of a tag no one here knows: both markers go, the content stays. */
function removeMarkers(open: Found, close: Found, context: Context): void {
  warn(context.file, `Unknown Hexo tag ${shown(open.node)}: Weixin cannot run it, its content is kept and its tags removed`, {
    ruleId: 'hexo-tag-unknown',
    place: open.node,
  })
  for (const found of [open, close]) {
    if (found.node.type === 'hexoTag') replaceNode(found, [])
    else replaceInline(found, [])
  }
}

function transformPair(openFound: Found, closeFound: Found, context: Context): void {
  const open = openFound.node
  const close = closeFound.node
  if (open.strayClosing) {
    warn(context.file, `\`%}\` written twice after ${shown(open)}: the second one is removed`, { ruleId: 'hexo-tag-malformed', place: open })
  }
  // Most pairs are two lines of the same block: no search of the tree needed.
  if (open.type === 'hexoTag' && close.type === 'hexoTag' && openFound.parent === closeFound.parent) {
    const { children } = openFound.parent
    const from = children.indexOf(open)
    const to = children.indexOf(close)
    if (from !== -1 && to > from) {
      children.splice(from, to - from + 1, build(open, children.slice(from + 1, to) as Array<BlockContent | DefinitionContent>, spanOfPair(open, close), context))
      return
    }
  }
  const opening = toFlow(context.tree, open)
  const ending = toFlow(context.tree, close)
  if (opening === undefined || ending === undefined) return misnested(open, close, opening, ending, context, 'a heading, link or table cell')
  const openPath = pathTo(context.tree, opening)
  const closePath = pathTo(context.tree, ending)
  let depth = 0
  while (depth < openPath.length && depth < closePath.length && openPath[depth]!.parent === closePath[depth]!.parent) depth++
  // The opening tag must be a child of the block that holds both; the end tag may sit deeper.
  if (depth !== openPath.length || depth === 0) return misnested(open, close, opening, ending, context, 'another list or quote than its end tag')
  const { parent, index: from } = openPath[depth - 1]!
  const to = closePath[depth - 1]!.index
  let content: RootContent[]
  if (depth === closePath.length) {
    content = parent.children.slice(from + 1, to)
  } else {
    const inner = closePath[closePath.length - 1]!
    inner.parent.children.splice(inner.index, 1)
    content = parent.children.slice(from + 1, to + 1)
  }
  parent.children.splice(from, to - from + 1, build(open, content as Array<BlockContent | DefinitionContent>, spanOfPair(open, close), context))
}

function spanOfPair(open: Tag, close: Tag): Position | undefined {
  return open.position && close.position ? { start: open.position.start, end: close.position.end } : undefined
}

function misnested(open: Tag, close: Tag, opening: Tag | undefined, ending: Tag | undefined, context: Context, where: string): void {
  warn(context.file, `${shown(open)} is in ${where}: its block cannot be built, so both tags are kept as written`, {
    ruleId: 'hexo-tag-misnested',
    place: open,
  })
  for (const node of [opening ?? open, ending ?? close]) {
    const path = pathTo(context.tree, node)
    const last = path[path.length - 1]
    if (last === undefined) continue
    const written = text(writtenText(node, context), node)
    last.parent.children[last.index] = node.type === 'hexoTag' ? paragraph([written], node.position) : written
  }
}

function build(open: Tag, content: Array<BlockContent | DefinitionContent>, position: Position | undefined, context: Context): BlockContent {
  const args = splitTagArguments(open.arguments)
  if (open.name === 'note') {
    const { kind, title } = noteKindAndTitle(open, args, context)
    return buildCallout({ kind, title, children: content, language: context.language, position })
  }
  const quote: Blockquote = { type: 'blockquote', children: content }
  const footer = quoteFooter(args, open)
  if (footer !== undefined) quote.children.push(footer)
  if (position) quote.position = position
  return quote
}

// Butterfly's colour names, which calloutKindOf does not know.
const colourKinds: ReadonlyMap<string, CalloutKind> = new Map([
  ['blue', 'info'], ['green', 'tip'], ['orange', 'warning'], ['red', 'danger'], ['purple', 'important'], ['pink', 'important'],
])
const styleWords = new Set(['simple', 'modern', 'flat', 'disabled', 'no-icon', 'icon-padding'])
const iconWord = /^(?:fa[a-z]?|fa-[\w-]+|iconfont|icon-[\w-]+)$/

function kindOf(word: string): CalloutKind | undefined {
  return calloutKindOf(word) ?? colourKinds.get(word.toLowerCase())
}

function isStyle(argument: TagArgument): boolean {
  const words = argument.value.split(/\s+/).filter(Boolean)
  return words.length > 0 && words.every((word) => styleWords.has(word.toLowerCase()) || iconWord.test(word))
}

/**
 * `{% note [class] [title…] %}`: the first word names the kind when it is a class (NexT's
 * default/primary/success/info/warning/danger, Hexo's warn, Butterfly's colours); style words and
 * icons at either end are dropped; the rest is the title. A first word no one uses as a class
 * gives the neutral look and is the title when nothing else is.
 */
function noteKindAndTitle(open: Tag, args: readonly TagArgument[], context: Context): { kind: CalloutKind; title: string | undefined } {
  let rest = [...args]
  let kind: CalloutKind | undefined
  let unknownClass: string | undefined
  const first = rest[0]
  if (first !== undefined && !isStyle(first)) {
    kind = kindOf(first.value)
    if (kind !== undefined || !first.quoted) {
      if (kind === undefined) unknownClass = first.value
      rest = rest.slice(1)
    }
  }
  while (rest[0] !== undefined && isStyle(rest[0])) rest = rest.slice(1)
  while (rest.length > 0 && isStyle(rest[rest.length - 1]!)) rest = rest.slice(0, -1)
  const title = rest.length > 0 ? joinArguments(rest) : undefined
  if (unknownClass !== undefined) {
    info(context.file, `Unknown note class \`${unknownClass}\`: shown as a plain callout. Known classes: default, primary, success, info, warning, danger, tip`, {
      ruleId: 'callout-unknown',
      place: open,
    })
    return { kind: 'neutral', title: title ?? unknownClass }
  }
  return { kind: kind ?? calloutKindOf('default') ?? 'note', title }
}

/**
 * The last line of `{% blockquote author[, source] [link] [link title] %}`, as Hexo reads the
 * arguments: `— author, source`, the source linked when there is an http(s) link (titled with
 * the link title, else the link shortened).
 */
function quoteFooter(args: readonly TagArgument[], open: Tag): Paragraph | undefined {
  const all = joinArguments(args).trim()
  if (all === '') return undefined
  let author = all
  let source: PhrasingContent | undefined
  const cited = /^(?:(\S.*?)\s+)?(https?:\/\/\S+)(?:\s+(.+))?$/i.exec(all)
  if (cited) {
    author = cited[1] ?? ''
    const url = cited[2]!
    source = linkNode(url, [text(cited[3] ?? shortUrl(url), open)], open)
  } else {
    const comma = all.indexOf(',')
    if (comma !== -1) {
      author = all.slice(0, comma).trim()
      const title = all.slice(comma + 1).trim()
      if (title !== '') source = text(title, open)
    }
  }
  const children: PhrasingContent[] = [text(`— ${author}`, open)]
  if (source !== undefined) children.push(text(author === '' ? '' : ', ', open), source)
  return paragraph(children.filter((child) => child.type !== 'text' || child.value !== ''), open.position)
}

/** `https://twitter.com/devdocs/status/35609…` → `twitter.com/devdocs/status/35609…`, at most 40 characters. */
function shortUrl(url: string): string {
  const bare = url.replace(/^https?:\/\//i, '').replace(/\/(?:index\.html?)?$/i, '')
  return bare.length > 40 ? `${bare.slice(0, 39)}…` : bare
}

// ---------------------------------------------------------------------------------------------
// Malformed tags

function keepWritten(found: Found, why: 'unclosed' | 'unopened' | 'malformed', context: Context): void {
  const tag = found.node
  if (why === 'unclosed') {
    warn(context.file, `${shown(tag)} has no \`{% end${tag.name} %}\`: kept as written`, { ruleId: 'hexo-tag-unclosed', place: tag })
  } else if (why === 'unopened') {
    warn(context.file, `${shown(tag)} ends a \`{% ${tag.name.slice(3)} %}\` that was not opened before it: kept as written`, {
      ruleId: 'hexo-tag-unopened',
      place: tag,
    })
  }
  const written = text(writtenText(tag, context), tag)
  if (tag.type === 'hexoTag') replaceNode(found, [paragraph([written], tag.position)])
  else replaceInline(found, [written])
}

/** A `{%` that never found its `%}` on its line is text: reported where it was written. */
function reportUnclosedMarkers(node: Text, context: Context): void {
  if (!node.value.includes('{%')) return
  const start = node.position?.start
  const end = node.position?.end.offset
  if (start?.offset === undefined || end === undefined) return
  const written = context.source.slice(start.offset, end)
  let at = written.indexOf('{%')
  while (at !== -1) {
    // `\{%` is the writer asking for the characters; `{{%` is a Hugo shortcode's.
    if (written.charAt(at - 1) !== '\\' && written.charAt(at - 1) !== '{') {
      warn(context.file, 'A `{%` that is not a Hexo tag (`{% name arguments %}` on one line): kept as text', {
        ruleId: 'hexo-tag-malformed',
        place: pointAfter(start, written.slice(0, at)),
      })
    }
    at = written.indexOf('{%', at + 2)
  }
}

/**
 * A block of the author's HTML runs to the next blank line, and Markdown reads nothing inside it:
 * a tag there shows as written. Hexo, which runs tags before Markdown, would have run it.
 */
function reportTagsInHtml(node: Html, context: Context): void {
  if (node.value.startsWith('<!--') || !/\{%[ \t]*[A-Za-z_]/.test(node.value)) return
  warn(context.file, 'A Hexo tag inside a block of HTML is not read and shows as written: leave a blank line between the HTML and the tag', {
    ruleId: 'hexo-tag-malformed',
    place: node,
  })
}

function pointAfter(start: Point, before: string): Point {
  const lines = before.split('\n')
  const offset = start.offset === undefined ? {} : { offset: start.offset + before.length }
  if (lines.length === 1) return { line: start.line, column: start.column + before.length, ...offset }
  return { line: start.line + lines.length - 1, column: lines[lines.length - 1]!.length + 1, ...offset }
}

function writtenText(tag: Tag, context: Context): string {
  const start = tag.position?.start.offset
  const end = tag.position?.end.offset
  return start === undefined || end === undefined ? shownTag(tag) : context.source.slice(start, end)
}

/** The tag for a message: `{% name arguments %}`, long arguments cut. */
function shown(tag: Tag): string {
  return `\`${shownTag(tag)}\``
}

function shownTag(tag: Tag): string {
  const args = tag.arguments.length > 50 ? `${tag.arguments.slice(0, 49)}…` : tag.arguments
  return `{% ${tag.name}${args === '' ? '' : ` ${args}`} %}`
}

// ---------------------------------------------------------------------------------------------
// Tree surgery

/** A block tag replaced by `nodes` in its parent (phase one: parents have not moved). */
function replaceNode(found: Found, nodes: RootContent[]): void {
  const index = found.parent.children.indexOf(found.node)
  if (index !== -1) found.parent.children.splice(index, 1, ...nodes)
}

/**
 * An inline tag replaced by `nodes`; a paragraph left with only white space (a tag removed
 * from a line of its own) goes too, and the white space a removed tag leaves at either end of
 * its paragraph is trimmed.
 */
function replaceInline(found: Found, nodes: PhrasingContent[]): void {
  const siblings = found.parent.children as PhrasingContent[]
  const index = siblings.indexOf(found.node as HexoTagInline)
  if (index === -1) return
  siblings.splice(index, 1, ...nodes)
  if (nodes.length > 0 || found.parent.type !== 'paragraph') return
  const before = siblings[index - 1]
  const after = siblings[index]
  if (after?.type === 'text' && (before === undefined || /\n$/.test(before.type === 'text' ? before.value : ''))) after.value = after.value.replace(/^[ \t]*\n?/, '')
  if (before?.type === 'text' && after === undefined) before.value = before.value.replace(/\s+$/, '')
  const blank = siblings.every((child) => (child.type === 'text' && child.value.trim() === '') || child.type === 'break')
  if (blank && found.grandparent !== undefined) {
    const at = found.grandparent.children.indexOf(found.parent as Paragraph)
    if (at !== -1) found.grandparent.children.splice(at, 1)
  }
}

/** An inline tag that gives blocks (a `codeblock` written inside a paragraph): the paragraph is split around them. */
function placeBlocksOfInline(tag: HexoTagInline, blocks: BlockContent[], context: Context): void {
  const flow = toFlow(context.tree, tag)
  if (flow !== undefined) {
    const path = pathTo(context.tree, flow)
    const last = path[path.length - 1]
    if (last !== undefined) last.parent.children.splice(last.index, 1, ...blocks)
    return
  }
  // In a heading, a link or a table cell no block fits: code stays inline.
  const path = pathTo(context.tree, tag)
  const last = path[path.length - 1]
  const code = blocks.find((block) => block.type === 'code')
  if (last !== undefined) last.parent.children[last.index] = code ? { type: 'inlineCode', value: code.value, ...(tag.position ? { position: tag.position } : {}) } : text('', tag)
}

/**
 * The tag as a block: a block tag as is; an inline tag splits its paragraph into the text
 * before it, the tag, and the text after it. Undefined when the tag is not directly in a paragraph.
 */
function toFlow(tree: Root, tag: Tag): HexoTag | undefined {
  if (tag.type === 'hexoTag') return tag
  const path = pathTo(tree, tag)
  const inParagraph = path[path.length - 1]
  const outer = path[path.length - 2]
  if (inParagraph === undefined || outer === undefined || inParagraph.parent.type !== 'paragraph') return undefined
  const paragraphNode = inParagraph.parent as Paragraph
  const before = trimEnd(paragraphNode.children.slice(0, inParagraph.index))
  const after = trimStart(paragraphNode.children.slice(inParagraph.index + 1))
  const flow: HexoTag = { ...tag, type: 'hexoTag' }
  const replacement: RootContent[] = []
  if (before.length > 0) replacement.push(paragraph(before, spanOf(before)))
  replacement.push(flow)
  if (after.length > 0) replacement.push(paragraph(after, spanOf(after)))
  outer.parent.children.splice(outer.index, 1, ...replacement)
  return flow
}

function trimEnd(nodes: PhrasingContent[]): PhrasingContent[] {
  const result = [...nodes]
  for (;;) {
    const last = result[result.length - 1]
    if (last?.type === 'break') result.pop()
    else if (last?.type === 'text' && /\s$/.test(last.value)) {
      const value = last.value.replace(/\s+$/, '')
      if (value === '') result.pop()
      else result[result.length - 1] = { ...last, value }
    } else return result
  }
}

function trimStart(nodes: PhrasingContent[]): PhrasingContent[] {
  const result = [...nodes]
  for (;;) {
    const first = result[0]
    if (first?.type === 'break') result.shift()
    else if (first?.type === 'text' && /^\s/.test(first.value)) {
      const value = first.value.replace(/^\s+/, '')
      if (value === '') result.shift()
      else result[0] = { ...first, value }
    } else return result
  }
}
