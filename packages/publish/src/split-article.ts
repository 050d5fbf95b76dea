import { expectOption, expectPositiveInteger } from '@mdwx/errors'
import { createWeixinProcessor } from '@mdwx/render'

// `split: auto` (DESIGN.md "Front matter"): an article whose content can never fit one Weixin
// article (under 20,000 characters) becomes a push of parts. This module only cuts the Markdown;
// publish gives the parts their titles, cover and place in a push.
//
// The cuts are made between the top-level blocks of the mdast that the renderer's own parser
// reads (createWeixinProcessor().parse), so code, tables, lists, quotes, GitHub alerts, `::: tip`
// containers and `$$` formulas are never cut: each is one node. Hexo's `{% note %}…{% endnote %}`,
// Hugo's `{{< notice >}}…{{< /notice >}}` and raw HTML elements written over several blocks
// (`<details>`, blank line, Markdown, `</details>`) are paired by their plugins after parsing, so
// here they are paired again, the way those plugins pair them (an end tag closes the nearest open
// tag of its name): no cut falls between a pair. A heading is never the last block of a part.

export interface SplitOptions {
  /** The article's title (front matter or first heading): parts are titled from it. */
  title: string
  /** Each part's content must measure under this many characters. Default 19,000: a margin under Weixin's 20,000. */
  maxCharacters?: number
  /** Each part's content must measure under this many UTF-8 bytes. Default 1,000,000 (Weixin's 1 MB). */
  maxBytes?: number
  /** At most this many parts. Default 8: one push. */
  maxParts?: number
  /**
   * Each part's title: `{title}`, `{n}` and `{total}` are replaced. Default `{title}（{n}/{total}）`
   * (`{title} ({n}/{total})` in English). The whole title fits 32 characters (Weixin's draft
   * API): the `{title}` part is shortened, ending in `…`, when needed.
   */
  titlePattern?: string
  /**
   * The line each part starts with, saying which part it is (`{n}`, `{total}`; Markdown).
   * Default `本文分 {total} 篇，这是第 {n} 篇。` (`This article is in {total} parts; this is part {n}.`
   * in English). `''`: no such line.
   */
  partLine?: string
  /** Language of the default title pattern and part line. Default `'zh'`. */
  language?: 'zh' | 'en'
}

/** One part of a split article. */
export interface ArticlePart {
  /** 1 for the first part, as in its title. */
  index: number
  total: number
  title: string
  /** The part as Markdown: the article's front matter, the part line, its blocks as written. */
  markdown: string
}

/** Why an article cannot be split: `failure` reads after "path: " (`--split` would make 11 parts…). */
export interface SplitFailure {
  failure: string
  /** How many parts the article needs when that is more than `maxParts`. */
  partsNeeded?: number
  /** The line of the block that cannot fit any part, when that is the reason. */
  line?: number
}

export type SplitResult = { parts: ArticlePart[] } | SplitFailure

/** Renders a candidate part exactly as publish would and returns its content's size. */
export type MeasureContent = (markdown: string) => Promise<{ characters: number; bytes: number }>

/** Weixin's draft API warns over 32 characters of title (rehype-weixin-limits). */
const MAX_TITLE = 32
const defaults = {
  zh: { titlePattern: '{title}（{n}/{total}）', partLine: '本文分 {total} 篇，这是第 {n} 篇。' },
  en: { titlePattern: '{title} ({n}/{total})', partLine: 'This article is in {total} parts; this is part {n}.' },
} as const

type Processor = ReturnType<typeof createWeixinProcessor>
type Root = ReturnType<Processor['parse']>
type Content = Root['children'][number]
type AnyNode = Root | Content

let processor: Processor | undefined

/**
 * Cuts `markdown` into the fewest parts whose content each measures under `maxCharacters`,
 * cutting between top-level blocks: at the article's section headings (H2, or whatever level its
 * sections are) when possible; a section too long for one part is cut at its subheadings, and a
 * subsection too long at its blocks. Among the cuts that give the fewest parts, those at higher
 * headings win, then the most even sizes. An article that already fits is one part, unchanged.
 *
 * `measure` is called as little as it can be (each call is a full render): each section once, then
 * each chosen part once to confirm it; estimates are the sum of the sections' sizes, calibrated by
 * the confirmed parts.
 */
export async function splitArticle(markdown: string, measure: MeasureContent, options: SplitOptions): Promise<SplitResult> {
  const settings = resolveOptions(options)
  expectOption(typeof measure === 'function', 'a function', 'measure', measure)
  const document = readDocument(markdown)
  return new Splitter(document, measure, settings).split()
}

interface Settings {
  title: string
  maxCharacters: number
  maxBytes: number
  maxParts: number
  titlePattern: string
  partLine: string
}

function resolveOptions(options: SplitOptions): Settings {
  expectOption(options !== null && typeof options === 'object', 'an object', 'options', options)
  const language = options.language ?? 'zh'
  expectOption(language === 'zh' || language === 'en', "'zh' or 'en'", 'language', language)
  expectOption(typeof options.title === 'string', 'a string', 'title', options.title)
  const maxCharacters = options.maxCharacters ?? 19_000
  const maxBytes = options.maxBytes ?? 1_000_000
  const maxParts = options.maxParts ?? 8
  expectPositiveInteger(maxCharacters, 'maxCharacters')
  expectPositiveInteger(maxBytes, 'maxBytes')
  expectPositiveInteger(maxParts, 'maxParts')
  const titlePattern = options.titlePattern ?? defaults[language].titlePattern
  const partLine = options.partLine ?? defaults[language].partLine
  expectOption(typeof titlePattern === 'string' && titlePattern !== '', 'a non-empty string', 'titlePattern', titlePattern)
  expectOption(typeof partLine === 'string', 'a string', 'partLine', partLine)
  return { title: options.title, maxCharacters, maxBytes, maxParts, titlePattern, partLine: partLine.trim() }
}

/**
 * A part's title: the pattern with `{title}`, `{n}` and `{total}` filled in, the `{title}`
 * shortened with `…` so that the whole is at most `maxLength` characters (UTF-16 code units, the
 * stricter of Weixin's counts). Only the article's own title is shortened: a pattern longer than
 * that by itself stays as given (render then warns of the long title).
 */
export function partTitle(title: string, n: number, total: number, pattern: string = defaults.zh.titlePattern, maxLength = MAX_TITLE): string {
  const pieces = pattern.replaceAll('{n}', String(n)).replaceAll('{total}', String(total)).split('{title}')
  const uses = pieces.length - 1
  if (uses === 0) return pieces[0]!
  const room = Math.floor((maxLength - pieces.join('').length) / uses)
  // Joined, not replaced: a `$&` in a title is text.
  return pieces.join(title.length <= room ? title : shortened(title, room))
}

/** `title` cut to at most `length` code units, the last one `…`; whole characters only. */
function shortened(title: string, length: number): string {
  if (length <= 0) return ''
  let kept = ''
  for (const character of title) {
    if (kept.length + character.length > length - 1) break
    kept += character
  }
  return `${kept.trimEnd()}…`
}

/** The line a part starts with: `{n}` and `{total}` filled in. */
function filledPartLine(pattern: string, n: number, total: number): string {
  return pattern.replaceAll('{n}', String(n)).replaceAll('{total}', String(total))
}

// ---------------------------------------------------------------------------------------------
// The document: its top-level blocks, as items of source text

type ItemKind =
  /** A block of the article's flow: cuts fall between these. */
  | 'flow'
  /** A link or footnote definition (the first one of its label): it goes with the parts that use it. */
  | 'definition'
  /** `<!-- more -->`: it stays in the first part. */
  | 'excerpt'

interface Item {
  kind: ItemKind
  node: Content
  /** From the start of the block's first line to the start of the next item: blank lines stay with the block before them. */
  text: string
  line: number
  /** For a definition: `link:<label>` or `note:<label>`. */
  key?: string
  /** The definitions this block uses (`[text][ref]`, `![][ref]`, `[^1]`), as keys. */
  uses: Set<string>
  /** Heading depth for a heading, else 7: the lower, the better a cut before it. */
  rank: number
}

/** A definition found inside another block (a list, a quote): copied to the parts that use it. */
interface NestedDefinition {
  key: string
  text: string
  item: number
}

interface Document {
  source: string
  /** The front matter block as written, with the BOM before it; '' without one. */
  frontMatter: string
  items: Item[]
  /** Definitions by key: the index of their item, or where they are nested. */
  definitions: Map<string, number | NestedDefinition>
  /** What each definition uses in turn (a footnote citing another, a link inside a note). */
  definitionUses: Map<string, Set<string>>
  /** Every definition the article cites, directly or through another definition. */
  cited: Set<string>
  /**
   * For each boundary before item k: whether a cut may fall there (a flow item that follows a
   * non-heading flow item, outside any pair of tags).
   */
  cuttable: boolean[]
}

const excerptMarker = /^<!--\s*(?:more|truncate)\s*-->$/i
const mdxTruncate = /^\{\s*\/\*\s*truncate\s*\*\/\s*\}$/

function readDocument(source: string): Document {
  processor ??= createWeixinProcessor()
  const tree = processor.parse(source)
  let frontMatter = ''
  const nodes: Content[] = []
  for (const node of tree.children) {
    if ((node.type === 'yaml' || node.type === 'toml') && nodes.length === 0 && frontMatter === '') frontMatter = source.slice(0, endOf(node))
    else nodes.push(node)
  }

  const definitions = new Map<string, number | NestedDefinition>()
  const definitionUses = new Map<string, Set<string>>()
  const items: Item[] = []
  let excerptSeen = false
  nodes.forEach((node, index) => {
    const start = Math.max(lineStart(source, startOf(node)), index === 0 ? frontMatter.length : endOf(nodes[index - 1]!))
    const end = index + 1 < nodes.length ? Math.max(lineStart(source, startOf(nodes[index + 1]!)), endOf(node)) : source.length
    const uses = new Set<string>()
    const key = definitionKey(node)
    let kind: ItemKind = 'flow'
    if (key !== undefined && !definitions.has(key)) {
      kind = 'definition'
      definitions.set(key, items.length)
    } else if (!excerptSeen && isExcerptMarker(node, source)) {
      kind = 'excerpt'
      excerptSeen = true
    }
    const item: Item = { kind, node, text: source.slice(start, end), line: node.position?.start.line ?? 1, uses, rank: node.type === 'heading' ? node.depth : 7 }
    if (key !== undefined) item.key = key
    collectUses(node, kind === 'definition' ? (definitionUses.get(key!) ?? setOf(definitionUses, key!)) : uses, items.length, source, definitions, definitionUses, true)
    items.push(item)
  })

  const cited = closure(
    items.filter((item) => item.kind === 'flow').flatMap((item) => [...item.uses]),
    definitionUses,
  )
  return { source, frontMatter, items, definitions, definitionUses, cited, cuttable: cutPoints(items) }
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  const set = new Set<string>()
  map.set(key, set)
  return set
}

function startOf(node: AnyNode): number {
  return node.position?.start.offset ?? 0
}

function endOf(node: AnyNode): number {
  return node.position?.end.offset ?? 0
}

function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1
}

function definitionKey(node: AnyNode): string | undefined {
  if (node.type === 'definition') return `link:${node.identifier}`
  if (node.type === 'footnoteDefinition') return `note:${node.identifier}`
  return undefined
}

function isExcerptMarker(node: Content, source: string): boolean {
  if (node.type === 'html') return excerptMarker.test(node.value.trim())
  return node.type === 'paragraph' && mdxTruncate.test(source.slice(startOf(node), endOf(node)).trim())
}

/**
 * Records what `node` uses into `uses`, and the definitions nested in it (the first of each label
 * wins, as in Markdown) with what they use in turn.
 */
function collectUses(node: AnyNode, uses: Set<string>, item: number, source: string, definitions: Map<string, number | NestedDefinition>, definitionUses: Map<string, Set<string>>, top: boolean): void {
  if (node.type === 'linkReference' || node.type === 'imageReference') uses.add(`link:${node.identifier}`)
  else if (node.type === 'footnoteReference') uses.add(`note:${node.identifier}`)
  if (!top) {
    const key = definitionKey(node)
    if (key !== undefined && !definitions.has(key)) {
      definitions.set(key, { key, text: nestedDefinitionText(node, source), item })
      const own = setOf(definitionUses, key)
      if ('children' in node) for (const child of node.children) collectUses(child, own, item, source, definitions, definitionUses, false)
      // The block that holds it uses what it uses, as it is rendered there.
      for (const used of own) uses.add(used)
      return
    }
  }
  if ('children' in node) for (const child of node.children) collectUses(child, uses, item, source, definitions, definitionUses, false)
}

/**
 * A definition nested in a list or quote, to copy into another part: a link definition is written
 * again from its fields (its source lines carry the container's markers), a footnote as written.
 */
function nestedDefinitionText(node: AnyNode, source: string): string {
  if (node.type === 'definition') {
    const title = node.title === null || node.title === undefined ? '' : ` ${JSON.stringify(node.title)}`
    return `[${node.label ?? node.identifier}]: <${node.url}>${title}`
  }
  return source.slice(startOf(node), endOf(node))
}

/** `keys` and every definition they use, through definitions that use others. */
function closure(keys: Iterable<string>, definitionUses: Map<string, Set<string>>): Set<string> {
  const found = new Set<string>()
  const pending = [...keys]
  while (pending.length > 0) {
    const key = pending.pop()!
    if (found.has(key)) continue
    found.add(key)
    for (const used of definitionUses.get(key) ?? []) pending.push(used)
  }
  return found
}

const voidElements: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'])
const htmlTag = /<(\/?)([A-Za-z][\w.:-]*)(?:\s[^>]*?)?(\/?)>/g
const htmlIgnored = /<!--[\s\S]*?-->|<(script|style|textarea|pre)\b[\s\S]*?<\/\1\s*>/gi

interface Marker {
  item: number
  name: string
  open: boolean
}

/**
 * Where cuts may fall. Not after a heading (it would end a part), and not between an opening tag
 * and its end tag: Hexo's `{% note %}`/`{% endnote %}`, Hugo's `{{< x >}}`/`{{< /x >}}` and raw
 * HTML elements, each end tag paired with the nearest open tag of its name (as the Hexo and Hugo
 * plugins and HTML do); an open tag never closed is a tag of its own.
 */
function cutPoints(items: readonly Item[]): boolean[] {
  const cuttable = items.map(() => false)
  const markers: Marker[] = []
  items.forEach((item, index) => {
    if (item.kind === 'flow') collectMarkers(item.node, index, markers)
  })
  let previous: Item | undefined
  items.forEach((item, index) => {
    if (item.kind !== 'flow') return
    cuttable[index] = previous !== undefined && previous.node.type !== 'heading'
    previous = item
  })
  const open: Marker[] = []
  for (const marker of markers) {
    if (marker.open) {
      open.push(marker)
      continue
    }
    const at = open.findLastIndex((candidate) => candidate.name === marker.name)
    if (at === -1) continue
    const opening = open[at]!
    open.length = at
    for (let index = opening.item + 1; index <= marker.item; index++) cuttable[index] = false
  }
  return cuttable
}

function collectMarkers(node: AnyNode, item: number, markers: Marker[]): void {
  if (node.type === 'hexoTag' || node.type === 'hexoTagInline') {
    const name = node.name
    if (name.length > 3 && name.startsWith('end')) markers.push({ item, name: `{%${name.slice(3)}`, open: false })
    else if (node.content === undefined) markers.push({ item, name: `{%${name}`, open: true })
  } else if (node.type === 'hugoShortcode' || node.type === 'hugoShortcodeInline') {
    if (node.escaped === undefined && !node.selfClosing && (node.closing || node.content === undefined)) {
      markers.push({ item, name: `{{${node.name}`, open: !node.closing })
    }
  } else if (node.type === 'html') {
    for (const [, slash, name, selfClosing] of node.value.replace(htmlIgnored, '').matchAll(htmlTag)) {
      const lower = name!.toLowerCase()
      if (voidElements.has(lower) || selfClosing === '/') continue
      markers.push({ item, name: `<${lower}`, open: slash === '' })
    }
  }
  if ('children' in node) for (const child of node.children) collectMarkers(child, item, markers)
}

// ---------------------------------------------------------------------------------------------
// Units: the stretches of items that parts are made of

/** Items `from` to `to` (exclusive): a section, a subsection or a block. */
interface Unit {
  from: number
  to: number
  /** Its content's size rendered alone, less the article's frame (`frame`). */
  size: number
}

interface Plan {
  /** Indexes into the units where each part starts, the first 0. */
  starts: number[]
}

interface Size {
  characters: number
  bytes: number
}

/** The rank of a cut: 8 per level, so one cut a level lower outweighs seven cuts above it. */
function cutCost(rank: number): number {
  return 8 ** rank
}

class Splitter {
  private readonly sizes = new Map<string, Promise<Size>>()
  /** Exact sizes of parts measured, by item range `from:to`. */
  private readonly known = new Map<string, Size>()
  /** Item ranges measured over the limit: any part that contains one is over too. */
  private readonly over: Array<{ from: number; to: number }> = []
  /**
   * What joining two units into one part saves, beyond the frame: each unit measured alone has
   * its own end matter (the references and notes lists with their headings), a part only one.
   * The smallest saving seen in a measured part, so that estimates stay on the safe side; 0
   * before any part of several units is measured.
   */
  private joinSaving: number | undefined
  private measures = 0

  constructor(
    private readonly document: Document,
    private readonly measureContent: MeasureContent,
    private readonly settings: Settings,
  ) {}

  async split(): Promise<SplitResult> {
    const { items } = this.document
    if (!items.some((item) => item.kind === 'flow')) return this.whole()
    // The frame: what an article costs with no content (the root element), and with the part line.
    const sample = filledPartLine(this.settings.partLine, this.settings.maxParts, this.settings.maxParts)
    const [one, two, lineOnly] = await Promise.all([
      this.measure(this.withFrontMatter('x')),
      this.measure(this.withFrontMatter('x\n\nx')),
      sample === '' ? undefined : this.measure(this.withFrontMatter(sample)),
    ])
    const frame = 2 * one.characters - two.characters
    const base = lineOnly?.characters ?? frame

    const sections = await this.refine([{ from: 0, to: items.length, size: 0 }], frame, base, true)
    if (!Array.isArray(sections)) return sections
    const total = sections.reduce((sum, unit) => sum + unit.size, 0)
    // An article that may fit one part is measured whole (the sum counts each section's end matter).
    if (frame + total < this.settings.maxCharacters * 1.15 && this.fits(await this.measure(this.document.source))) return this.whole()
    const refined = await this.refine(sections, frame, base, false)
    if (!Array.isArray(refined)) return refined
    let units = refined

    let best: Plan | undefined
    for (;;) {
      const plan = this.plan(units, base)
      if (plan === undefined) {
        // A unit measured alone over the limit: cut it finer, or it is a block that cannot fit.
        const tooLong = units.findIndex((unit) => this.isOver(unit.from, unit.to))
        if (tooLong === -1) throw new Error('split-article: no plan, yet every unit fits alone')
        const finer = await this.refine([units[tooLong]!], frame, base, false, true)
        if (!Array.isArray(finer)) return finer
        units = [...units.slice(0, tooLong), ...finer, ...units.slice(tooLong + 1)]
        continue
      }
      if (best !== undefined && plan.starts.length >= best.starts.length) break
      const ranges = this.ranges(units, plan)
      const sizes = await Promise.all(ranges.map(([from, to]) => this.measurePart(from, to)))
      ranges.forEach(([from, to], index) => this.calibrate(units, from, to, base, sizes[index]!))
      if (sizes.every((size) => this.fits(size))) best = plan
      // Every round measures a part not measured before (a plan whose parts were all measured
      // and fit ends the loop), so this ends; the budget only bounds a renderer whose sizes the
      // estimates never approach.
      if (this.measures > 40 + 4 * units.length) break
    }
    best ??= await this.exactGreedy(units)
    if (best === undefined) return { failure: `the article could not be cut into parts under ${format(this.settings.maxCharacters)} characters` }
    const ranges = this.ranges(units, best)
    if (ranges.length > this.settings.maxParts) {
      return { failure: `\`--split\` would make ${ranges.length} parts, more than the ${this.settings.maxParts} of one push`, partsNeeded: ranges.length }
    }
    return {
      parts: ranges.map(([from, to], index) => ({
        index: index + 1,
        total: ranges.length,
        title: partTitle(this.settings.title, index + 1, ranges.length, this.settings.titlePattern),
        markdown: this.partText(from, to, index + 1, ranges.length),
      })),
    }
  }

  private whole(): SplitResult {
    return { parts: [{ index: 1, total: 1, title: this.settings.title, markdown: this.document.source }] }
  }

  private withFrontMatter(body: string): string {
    return this.document.frontMatter === '' ? body : `${this.document.frontMatter}\n\n${body}`
  }

  private async measure(markdown: string): Promise<Size> {
    let size = this.sizes.get(markdown)
    if (size === undefined) {
      this.measures++
      size = this.measureContent(markdown).then(({ characters, bytes }) => ({ characters, bytes }))
      this.sizes.set(markdown, size)
    }
    return size
  }

  private fits(size: Size): boolean {
    return size.characters < this.settings.maxCharacters && size.bytes < this.settings.maxBytes
  }

  /**
   * Measures items `from` to `to` as a part, and remembers its size. The part line says part
   * `maxParts` of `maxParts`: the widest it can be, so a range is measured once whatever its
   * place (digits for digits, the rendered size is the same).
   */
  private async measurePart(from: number, to: number): Promise<Size> {
    const size = await this.measure(this.partText(from, to, this.settings.maxParts, this.settings.maxParts))
    this.known.set(`${from}:${to}`, size)
    if (!this.fits(size)) this.over.push({ from, to })
    return size
  }

  /** Learns from a measured part how much joining its units saved. */
  private calibrate(units: readonly Unit[], from: number, to: number, base: number, size: Size): void {
    const inside = units.filter((unit) => unit.from >= from && unit.to <= to)
    if (inside.length < 2) return
    const estimate = base + inside.reduce((sum, unit) => sum + unit.size, 0)
    const saving = (estimate - size.characters) / (inside.length - 1)
    this.joinSaving = Math.min(this.joinSaving ?? saving, saving)
  }

  private isOver(from: number, to: number): boolean {
    return this.over.some((range) => range.from >= from && range.to <= to)
  }

  /**
   * Replaces each unit too long for one part by its subsections (cut at the highest heading
   * level inside it, or at its blocks when it has no heading), measured, until every unit may fit.
   * `all`: cut every unit once, whatever its size (the article into its sections). `confirmed`:
   * the units were measured over the limit as parts. A block that cannot be cut and does not fit
   * is the failure.
   */
  private async refine(units: readonly Unit[], frame: number, base: number, all: boolean, confirmed = false): Promise<Unit[] | SplitFailure> {
    const result: Unit[] = []
    for (const unit of units) {
      const fitsAlone = !confirmed && !all && base + unit.size < this.settings.maxCharacters
      if (fitsAlone) {
        result.push(unit)
        continue
      }
      const children = this.children(unit)
      if (children === undefined) {
        if (all) {
          result.push({ ...unit, size: (await this.measure(this.pieceText(unit.from, unit.to))).characters - frame })
          continue
        }
        const size = confirmed ? this.known.get(`${unit.from}:${unit.to}`) : await this.measurePart(unit.from, unit.to)
        if (size !== undefined && this.fits(size)) {
          result.push(unit)
          continue
        }
        return this.blockTooLong(unit, size)
      }
      const sizes = await Promise.all(children.map(([from, to]) => this.measure(this.pieceText(from, to))))
      const measured = children.map(([from, to], index) => ({ from, to, size: sizes[index]!.characters - frame }))
      if (all) result.push(...measured)
      else {
        const finer = await this.refine(measured, frame, base, false)
        if (!Array.isArray(finer)) return finer
        result.push(...finer)
      }
    }
    return result
  }

  /** The unit cut at the highest-ranked cut points inside it, or undefined when it has none. */
  private children(unit: Unit): Array<[number, number]> | undefined {
    const { cuttable, items } = this.document
    let best = Infinity
    for (let index = unit.from + 1; index < unit.to; index++) if (cuttable[index]) best = Math.min(best, items[index]!.rank)
    if (best === Infinity) return undefined
    const children: Array<[number, number]> = []
    let from = unit.from
    for (let index = unit.from + 1; index < unit.to; index++) {
      if (cuttable[index] && items[index]!.rank === best) {
        children.push([from, index])
        from = index
      }
    }
    children.push([from, unit.to])
    return children
  }

  private blockTooLong(unit: Unit, size: Size | undefined): SplitFailure {
    const { items } = this.document
    const blocks = items.slice(unit.from, unit.to).filter((item) => item.kind === 'flow')
    const measured = size === undefined ? '' : ` (${format(size.characters)} characters; each part must be under ${format(this.settings.maxCharacters)})`
    return { failure: `a single ${describe(blocks)} at line ${blocks[0]!.line} is over the limit${measured}`, line: blocks[0]!.line }
  }

  /**
   * The fewest parts, by the units' sizes (or a part's measured size, where it was measured):
   * among plans with as many parts, the one whose cuts are at the highest headings, then the one
   * whose largest part is smallest. Exact by dynamic programming over where each part starts.
   */
  private plan(units: readonly Unit[], base: number): Plan | undefined {
    const count = units.length
    type Best = { parts: number; cost: number; largest: number; previous: number }
    const best: Array<Best | undefined> = [{ parts: 0, cost: 0, largest: 0, previous: -1 }]
    const prefix = [0]
    for (const unit of units) prefix.push(prefix.at(-1)! + unit.size)
    for (let end = 1; end <= count; end++) {
      let chosen: Best | undefined
      for (let start = end - 1; start >= 0; start--) {
        const before = best[start]
        if (before === undefined) continue
        const from = units[start]!.from
        const to = units[end - 1]!.to
        const known = this.known.get(`${from}:${to}`)
        const size = known?.characters ?? base + prefix[end]! - prefix[start]! - (end - start - 1) * (this.joinSaving ?? 0)
        // Longer stretches only grow (a unit adds more than joining saves): none of them fits.
        if (size >= 2 * this.settings.maxCharacters) break
        if (known !== undefined ? !this.fits(known) : size >= this.settings.maxCharacters || this.isOver(from, to)) continue
        const candidate: Best = {
          parts: before.parts + 1,
          cost: before.cost + (start === 0 ? 0 : cutCost(this.document.items[from]!.rank)),
          largest: Math.max(before.largest, size),
          previous: start,
        }
        if (chosen === undefined || better(candidate, chosen)) chosen = candidate
      }
      best.push(chosen)
    }
    if (best[count] === undefined) return undefined
    const starts: number[] = []
    for (let at = count; at > 0; at = best[at]!.previous) starts.unshift(best[at]!.previous)
    return { starts }
  }

  private ranges(units: readonly Unit[], plan: Plan): Array<[number, number]> {
    return plan.starts.map((start, index) => [units[start]!.from, index + 1 < plan.starts.length ? units[plan.starts[index + 1]!]!.from : units.at(-1)!.to])
  }

  /**
   * The fewest parts by measuring alone: each part as many units as fit (found by doubling, then
   * halving), which is the fewest for these cut points. Used only when the estimates never
   * settle; undefined when a unit does not fit by itself.
   */
  private async exactGreedy(units: readonly Unit[]): Promise<Plan | undefined> {
    const starts: number[] = []
    let start = 0
    while (start < units.length) {
      starts.push(start)
      const fits = async (end: number) => this.fits(await this.measurePart(units[start]!.from, units[end - 1]!.to))
      if (!(await fits(start + 1))) return undefined
      let low = start + 1
      let high = start + 2
      while (high <= units.length && (await fits(high))) {
        low = high
        high = start + 2 * (high - start)
      }
      high = Math.min(high, units.length + 1)
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2)
        if (await fits(middle)) low = middle
        else high = middle
      }
      start = low
    }
    return { starts }
  }

  /** Items `from` to `to` as Markdown for measuring alone: as a part, without the part line. */
  private pieceText(from: number, to: number): string {
    return this.assemble(from, to, undefined)
  }

  private partText(from: number, to: number, n: number, total: number): string {
    return this.assemble(from, to, this.settings.partLine === '' ? undefined : filledPartLine(this.settings.partLine, n, total))
  }

  /**
   * Items `from` to `to` as written, with the front matter before them and the part line at the
   * top (after a leading `#` title heading, which publish reads as the title). A definition goes
   * with the parts that use it: kept where it is written when its part uses it, or when no part
   * does (nothing the writer wrote vanishes), and added at the end of every other part that uses
   * it. The excerpt marker stays in the first part (added at its end when written later).
   */
  private assemble(from: number, to: number, partLine: string | undefined): string {
    const { items, definitions, definitionUses, cited } = this.document
    const first = from === 0
    const uses: string[] = []
    for (let index = from; index < to; index++) if (items[index]!.kind === 'flow') uses.push(...items[index]!.uses)
    const needed = closure(uses, definitionUses)

    const kept: Item[] = []
    for (let index = from; index < to; index++) {
      const item = items[index]!
      if (item.kind === 'excerpt' && !first) continue
      if (item.kind === 'definition' && !needed.has(item.key!) && cited.has(item.key!)) continue
      kept.push(item)
    }
    let lineAt = 0
    if (first) {
      const leading = kept.findIndex((item) => isContent(item))
      lineAt = leading === -1 ? 0 : kept[leading]!.node.type === 'heading' && (kept[leading]!.node as { depth: number }).depth === 1 ? leading + 1 : leading
    }
    let body = ''
    kept.forEach((item, index) => {
      if (index === lineAt && partLine !== undefined) body = `${separated(body)}${partLine}\n\n`
      body += item.text
    })
    if (lineAt === kept.length && partLine !== undefined) body = `${separated(body)}${partLine}\n\n`

    const added: string[] = []
    for (const [key, place] of definitions) {
      if (!needed.has(key)) continue
      if (typeof place === 'number' ? place < from || place >= to : place.item < from || place.item >= to) {
        added.push(typeof place === 'number' ? items[place]!.text.trim() : place.text)
      }
    }
    if (first) {
      const marker = items.findIndex((item) => item.kind === 'excerpt')
      if (marker >= to) added.push(items[marker]!.text.trim())
    }
    for (const text of added) body = `${separated(body)}${text}\n`
    return this.withFrontMatter(body.replace(/^\s*\n/, ''))
  }
}

/** As remark-weixin-title reads it: nodes that print nothing do not come before the title heading. */
function isContent(item: Item): boolean {
  const node = item.node
  if (item.kind === 'definition' || item.kind === 'excerpt' || node.type === 'definition') return false
  return !(node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value))
}

/** `text` ending in a blank line (when not empty), so what follows starts a block. */
function separated(text: string): string {
  return text === '' ? '' : text.replace(/\n*$/, '\n\n')
}

function better(a: { parts: number; cost: number; largest: number }, b: { parts: number; cost: number; largest: number }): boolean {
  if (a.parts !== b.parts) return a.parts < b.parts
  if (a.cost !== b.cost) return a.cost < b.cost
  return a.largest < b.largest
}

/**
 * What a stretch of blocks that cannot be cut is, for the failure message: a block, or the
 * blocks between a pair of tags (its heading aside).
 */
function describe(blocks: readonly Item[]): string {
  const content = blocks.filter((item) => item.node.type !== 'heading')
  const main = content[0] ?? blocks[0]!
  const node = main.node
  if (content.length > 1) {
    if (node.type === 'hexoTag') return `\`{% ${node.name} %}\` block`
    if (node.type === 'hugoShortcode') return `\`{{${node.delimiter} ${node.name} ${node.delimiter === '<' ? '>' : '%'}}}\` block`
    if (node.type === 'html') return 'HTML element'
    return 'group of blocks'
  }
  // As a string: the `math` node's type is declared by mdast-util-math, which the renderer's
  // published types do not bring along.
  const type: string = node.type
  switch (type) {
    case 'code':
      return 'code block'
    case 'table':
      return 'table'
    case 'list':
      return 'list'
    case 'math':
      return 'formula'
    case 'colonContainer':
      return 'callout'
    case 'blockquote':
      return /^\s*>[\s>]*\[!/.test(main.text) ? 'callout' : 'quote'
    case 'html':
      return 'HTML block'
    case 'paragraph':
      return 'paragraph'
    case 'heading':
      return 'heading'
    default:
      return 'block'
  }
}

function format(count: number): string {
  return count.toLocaleString('en-US')
}
