import rehypeSanitize from 'rehype-sanitize'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { Root as HastRoot } from 'hast'
import { emptyArticle } from './article-meta.js'
import type { CalloutLanguage } from './callouts/callout.js'
import { literalsChangeParse } from './autolink-literals.js'
import { everySyntax, syntaxKey, syntaxOf, type DocumentSyntax } from './document-syntax.js'
import { error } from './messages.js'
import rehypeWeixinClean from './rehype-weixin-clean.js'
import rehypeWeixinCode from './rehype-weixin-code.js'
import rehypeWeixinFootnotes from './rehype-weixin-footnotes.js'
import rehypeWeixinHighlight from './rehype-weixin-highlight.js'
import rehypeWeixinImages from './rehype-weixin-images.js'
import rehypeWeixinLimits from './rehype-weixin-limits.js'
import rehypeWeixinLinks from './rehype-weixin-links.js'
import rehypeWeixinLists from './rehype-weixin-lists.js'
import rehypeWeixinMath from './rehype-weixin-math.js'
import rehypeWeixinMermaid from './rehype-weixin-mermaid.js'
import rehypeWeixinComponents from './rehype-weixin-components.js'
import rehypeWeixinRaw from './rehype-weixin-raw.js'
import rehypeWeixinStringify from './rehype-weixin-stringify.js'
import rehypeWeixinStyleGuard from './rehype-weixin-style-guard.js'
import rehypeWeixinTables from './rehype-weixin-tables.js'
import rehypeWeixinTheme from './rehype-weixin-theme.js'
import rehypeWeixinUrlGuard from './rehype-weixin-url-guard.js'
import remarkWeixinAlerts from './remark-weixin-alerts.js'
import remarkWeixinCodeMeta from './remark-weixin-code-meta.js'
import remarkWeixinContainers from './remark-weixin-containers.js'
import remarkWeixinExcerpt from './remark-weixin-excerpt.js'
import remarkWeixinFrontmatter from './remark-weixin-frontmatter.js'
import remarkWeixinGfm from './remark-weixin-gfm.js'
import remarkWeixinHexoTags, { type PostLinkResolver } from './remark-weixin-hexo-tags.js'
import remarkWeixinHugoShortcodes from './remark-weixin-hugo-shortcodes.js'
import remarkWeixinMath from './remark-weixin-math.js'
import remarkWeixinMdx from './remark-weixin-mdx.js'
import remarkWeixinTitle, { articleName } from './remark-weixin-title.js'
import remarkWeixinEmoji from './remark-weixin-emoji.js'
import remarkWeixinHeadingAttributes from './remark-weixin-heading-attributes.js'
import remarkWeixinMark from './remark-weixin-mark.js'
import remarkWeixinToc, { type Options as TocOptions } from './remark-weixin-toc.js'
import { resolveTheme, type Theme } from './theme.js'
import type { ArticleMeta, ImageRef, ImageResolver } from './types.js'
import { weixinSchema } from './weixin-schema.js'
import { formulasToPicture } from './weight-of-parts.js'

export interface RenderOptions {
  /** A built-in theme's name or a compiled theme (`compileTheme`). Default `'default'`. */
  theme?: Theme | string
  /** Where each image's `src` comes from; by default images keep the `src` as written. */
  resolveImage?: ImageResolver
  /** Heading of the list of external links at the end. Default `参考链接`. */
  referencesTitle?: string
  /** Heading of the footnotes section. Default `注释`. */
  notesTitle?: string
  /** Syntax highlighting of fenced code. Default true. */
  highlight?: boolean
  /**
   * TeX formulas (`$…$`, `$$…$$`, the `math` fence). `'auto'` (default): styled text where text
   * is exact (`x^2`, `a_i`), inline SVG otherwise; when the article is over Weixin's limit, the
   * heaviest SVG formulas become pictures uploaded through `resolveImage`, one by one, until it
   * fits (a `math-pictures` info message names them). `'svg'`: text or SVG, never a picture.
   * `'image'`: every formula a picture. `false`: left as text and code.
   */
  math?: 'auto' | 'svg' | 'image' | false
  /** Mermaid fences drawn as pictures (rehype-weixin-mermaid). Default true; false keeps them as code. */
  mermaid?: boolean
  /** Language of the titles callouts get when the writer gave none: `'zh'` (default: 提示, 警告…) or `'en'`. */
  calloutLanguage?: CalloutLanguage
  /**
   * Title and Weixin address of the post a Hexo `{% post_link slug %}` names; without it (or when
   * it returns undefined) the tag shows its text or slug, with a `hexo-post-link` warning.
   */
  resolvePostLink?: PostLinkResolver
  /** The contents list a `[[toc]]` marker becomes: its heading levels and title (remark-weixin-toc). */
  toc?: TocOptions
}

export interface RenderResult {
  /** Exactly the `content` that would be sent to Weixin. Empty when rendering was aborted. */
  html: string
  article: ArticleMeta
  images: ImageRef[]
  /** Warnings and errors; an article with a `fatal` message cannot be published. */
  messages: VFileMessage[]
}

/**
 * The whole pipeline of DESIGN.md "The flow of one article", in order. Exported so a static-site
 * generator can run the same steps, and so each step's place is written down once.
 */
export function createWeixinProcessor(options: RenderOptions = {}) {
  return buildProcessor(options, everySyntax)
}

/** The pipeline with only the syntax extensions a document may use (document-syntax.ts). */
function buildProcessor(options: RenderOptions, syntax: DocumentSyntax) {
  const theme = resolveTheme(options.theme)
  const { autolinkLiterals, tables, strikethrough } = syntax
  const math = options.math ?? 'auto'
  const callouts = options.calloutLanguage === undefined ? {} : { language: options.calloutLanguage }
  return unified()
    .use(remarkParse)
    .use(syntax.frontmatter ? [[remarkFrontmatter, ['yaml', 'toml']]] : [])
    .use(remarkWeixinGfm, { autolinkLiterals, tables, strikethrough })
    // First: the page's code (MDX import/export, VitePress <script>) is not part of the body
    // that the excerpt, the title and the rest read.
    .use(syntax.mdx ? [remarkWeixinMdx] : [])
    .use(remarkWeixinFrontmatter)
    // After front matter, whose digest wins over the excerpt's.
    .use(syntax.excerpt ? [remarkWeixinExcerpt] : [])
    // Not for an article whose front matter says `math: false` (document-syntax.ts): its dollars
    // are the text written.
    .use(syntax.math && math !== false ? [remarkWeixinMath] : [])
    // The site dialects, each only for a document that may use it.
    .use(syntax.alerts ? [[remarkWeixinAlerts, callouts]] : [])
    .use(syntax.containers ? [[remarkWeixinContainers, callouts]] : [])
    .use(syntax.hexoTags ? [[remarkWeixinHexoTags, { ...callouts, resolvePostLink: options.resolvePostLink }]] : [])
    // After front matter, whose keys `{{< param >}}` reads; before code meta, which reads the
    // marked lines `{{< highlight >}}` passes on.
    .use(syntax.hugoShortcodes ? [[remarkWeixinHugoShortcodes, callouts]] : [])
    // These four give the same tree in any order (the contents list reads headings without their
    // attribute blocks either way, and skips the title heading whether or not it is removed yet).
    .use(syntax.mark ? [remarkWeixinMark] : [])
    .use(syntax.headingAttributes ? [remarkWeixinHeadingAttributes] : [])
    .use(syntax.toc ? [[remarkWeixinToc, options.toc ?? {}]] : [])
    .use(syntax.emoji ? [remarkWeixinEmoji] : [])
    // Fences' languages, marked lines and captions (`js{1,3-5}`, `[vite.config.js]`).
    .use(syntax.codeMeta ? [remarkWeixinCodeMeta] : [])
    .use(remarkWeixinTitle)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeWeixinRaw)
    // Right after the parsed HTML, before the sanitizer unwraps components without their text.
    .use(syntax.components ? [rehypeWeixinComponents] : [])
    .use(rehypeWeixinUrlGuard)
    .use(rehypeSanitize, weixinSchema)
    .use(rehypeWeixinStyleGuard)
    // After the sanitizer, which would unwrap the SVG; before images, which upload the formulas drawn as pictures.
    .use(math === false ? [] : [[rehypeWeixinMath, { output: math }]])
    .use(rehypeWeixinMermaid, options.mermaid === undefined ? {} : { enabled: options.mermaid })
    // Notes before links: links inside notes are numbered in reading order, references come last.
    .use(rehypeWeixinFootnotes, options.notesTitle === undefined ? {} : { title: options.notesTitle })
    .use(rehypeWeixinLinks, options.referencesTitle === undefined ? {} : { title: options.referencesTitle })
    .use(rehypeWeixinImages, options.resolveImage === undefined ? {} : { resolveImage: options.resolveImage })
    .use(rehypeWeixinHighlight, options.highlight === undefined ? { theme } : { enabled: options.highlight, theme })
    .use(rehypeWeixinTheme, { theme })
    .use(rehypeWeixinCode)
    .use(rehypeWeixinLists)
    .use(rehypeWeixinTables)
    .use(rehypeWeixinClean)
    .use(rehypeWeixinStringify)
    .use(rehypeWeixinLimits)
    .freeze()
}

type WeixinProcessor = ReturnType<typeof createWeixinProcessor>

// Building a processor resolves the theme and attaches every plugin: do it once per options
// object and syntax, not once per article (a site build renders hundreds with the same options).
// One processor per options object and combination of optional syntax that documents show: a
// handful in a real site, though each flag of document-syntax.ts doubles the bound.
const processorCache = new WeakMap<RenderOptions, Map<string, WeixinProcessor>>()
const defaultOptions: RenderOptions = {}

function processorFor(options: RenderOptions = defaultOptions, syntax: DocumentSyntax): WeixinProcessor {
  let bySyntax = processorCache.get(options)
  if (!bySyntax) processorCache.set(options, (bySyntax = new Map()))
  const key = syntaxKey(syntax)
  let processor = bySyntax.get(key)
  if (!processor) bySyntax.set(key, (processor = buildProcessor(options, syntax)))
  return processor
}

/**
 * Parses with only the syntax extensions the document may use, which gives the tree the full
 * syntax would, faster. Whether bare URLs need GFM's autolink literals shows in the tree parsed
 * without them; the rare document where they do is parsed again with them.
 */
function parseWithLeastSyntax(file: VFile, options: RenderOptions | undefined) {
  const markdown = file.toString()
  const syntax = syntaxOf(markdown, file.extname)
  let processor = processorFor(options, syntax)
  let tree = processor.parse(file)
  if (!syntax.autolinkLiterals && literalsChangeParse(markdown, tree)) {
    processor = processorFor(options, { ...syntax, autolinkLiterals: true })
    tree = processor.parse(file)
  }
  return { processor, tree }
}

/** Markdown in, Weixin-safe HTML and the article's fields out. Never throws for a document problem. */
export async function renderMarkdown(markdown: string | VFile, options?: RenderOptions): Promise<RenderResult> {
  const file = typeof markdown === 'string' ? new VFile({ value: markdown }) : markdown
  let html = ''
  try {
    html = await renderFitting(file, options)
  } catch (cause) {
    // The syntax tree utilities (mdast-util-to-hast, hast-util-from-parse5, the serialiser) and
    // this package's walks recurse once per level of nesting: quotes, lists or HTML elements
    // thousands of levels deep overflow the stack. That is the document's problem, so it is
    // reported as one; anything else is a bug in a plugin, which must not pass for one.
    if (!isStackOverflow(cause)) throw cause
    error(
      file,
      'The article is nested too deeply to render (quotes, lists or HTML elements thousands of levels inside one another): flatten the nesting',
      { ruleId: 'nesting-too-deep' },
    )
  }
  return {
    html,
    // Unset when rendering stopped before the title was read.
    article: file.data.article ?? emptyArticle(articleName(file)),
    images: file.data.images ?? [],
    messages: file.messages,
  }
}

/** One run of the pipeline: the HTML, and the tree it was written from. */
async function renderOnce(file: VFile, options: RenderOptions | undefined): Promise<{ html: string; tree: HastRoot }> {
  const { processor, tree } = parseWithLeastSyntax(file, options)
  const transformed = await processor.run(tree, file)
  return { html: String(processor.stringify(transformed, file)), tree: transformed }
}

/** Renders at most this many times in all: an estimate short twice is one formula off. */
const maxRenders = 4

/**
 * `math: 'auto'`: renders with every formula as text or SVG; when that is over Weixin's limit,
 * renders again with the heaviest SVG formulas as pictures (weight-of-parts.ts chooses them from
 * the SVG's measured weight), adding more while the result is still over (the weights of the
 * pictures are estimates). Each run starts from the file as it was given (messages, data), with
 * the choice in `file.data.formulaPictures`; the same VFile is used, since resolvers may be keyed
 * on it. The pictures go through `resolveImage` like any, so the HTML is measured with the URLs
 * the caller's resolver gives. Without a resolver a picture would stay its `data:` URI, longer
 * than its SVG, so nothing is tried; a run that comes out no shorter is undone.
 */
async function renderFitting(file: VFile, options: RenderOptions | undefined): Promise<string> {
  const given = snapshot(file)
  let best = await renderOnce(file, options)
  if ((options?.math ?? 'auto') !== 'auto' || options?.resolveImage === undefined) return best.html
  const pictures = new Set<number>()
  for (let renders = 1; renders < maxRenders; renders++) {
    const over = overLimit(file)
    if (over === undefined) break
    const more = formulasToPicture(best.tree, over)
    if (more.length === 0) break
    const kept = snapshot(file)
    for (const formula of more) pictures.add(formula)
    restore(file, given)
    file.data.formulaPictures = new Set(pictures)
    const next = await renderOnce(file, options)
    if ([...next.html].length >= [...best.html].length) {
      restore(file, kept)
      break
    }
    best = next
  }
  return best.html
}

/** By how much the last run's content was over its limits, or undefined when it fits. */
function overLimit(file: VFile): { characters: number; bytes: number } | undefined {
  const length = file.data.contentLength
  if (length === undefined) return undefined
  const over = { characters: length.characters - length.maxCharacters + 1, bytes: length.bytes - length.maxBytes + 1 }
  return over.characters > 0 || over.bytes > 0 ? over : undefined
}

interface Snapshot {
  messages: VFileMessage[]
  data: VFile['data']
}

function snapshot(file: VFile): Snapshot {
  return { messages: [...file.messages], data: { ...file.data } }
}

/** The file's messages and data as they were (both kept as the same objects, which callers may hold). */
function restore(file: VFile, state: Snapshot): void {
  file.messages.splice(0, file.messages.length, ...state.messages)
  for (const key of Object.keys(file.data) as (keyof VFile['data'])[]) delete file.data[key]
  Object.assign(file.data, state.data)
}

function isStackOverflow(value: unknown): boolean {
  return value instanceof RangeError && value.message.includes('call stack')
}
