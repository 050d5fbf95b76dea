import { describeValue } from '@mdwx/errors'
import type { Literal, Root, Yaml } from 'mdast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import type { Document } from 'yaml'
import { error } from './messages.js'
import type { ArticleField, ArticleMeta } from './types.js'

/** No options yet: the keys are DESIGN.md's contract, not a setting. */
export interface Options {}

type Expected = 'text' | 'boolean' | 'url' | 'crop'

interface Field {
  /** Keys in order of precedence: the first one present wins. */
  keys: readonly string[]
  expected: Expected
}

// DESIGN.md "Front matter", with the spellings the site generators use (Hexo, Hugo, VitePress,
// Astro, Docusaurus, Jekyll themes) as aliases. A key with a dot or `[0]` reads inside an object or
// a list (`cover.image` of Hugo's PaperMod, `images[0]` of Hugo's own templates). Text fields
// accept numbers (`title: 2024`), as YAML would otherwise refuse a title most authors consider text.
const fields = {
  title: { keys: ['title'], expected: 'text' },
  author: { keys: ['author'], expected: 'text' },
  digest: { keys: ['digest', 'description', 'summary', 'excerpt', 'subtitle'], expected: 'text' },
  cover: { keys: ['cover', 'image', 'thumbnail', 'banner', 'heroImage', 'ogImage', 'top_img', 'cover.image', 'images[0]'], expected: 'text' },
  sourceUrl: { keys: ['source_url', 'canonical', 'original_url'], expected: 'url' },
  comments: { keys: ['comments'], expected: 'boolean' },
  fansOnlyComments: { keys: ['fans_only_comments'], expected: 'boolean' },
  showCover: { keys: ['show_cover'], expected: 'boolean' },
  draft: { keys: ['draft'], expected: 'boolean' },
  publish: { keys: ['publish'], expected: 'boolean' },
  published: { keys: ['published'], expected: 'boolean' },
  weixin: { keys: ['weixin'], expected: 'boolean' },
  math: { keys: ['math'], expected: 'boolean' },
  mermaid: { keys: ['mermaid'], expected: 'boolean' },
  coverCrop235: { keys: ['pic_crop_235_1'], expected: 'crop' },
  coverCrop11: { keys: ['pic_crop_1_1'], expected: 'crop' },
} as const satisfies Record<string, Field>

type FieldName = keyof typeof fields

const expectation: Record<Expected, string> = {
  text: 'text',
  boolean: 'true or false',
  url: 'an http(s) URL',
  crop: 'a crop written `x1_y1_x2_y2` (fractions from 0 to 1, at most 6 decimals, x1 < x2 and y1 < y2, like `0_0.1_1_0.9`)',
}

/** TOML front matter between `+++` lines (Hugo's default), as remark-frontmatter's `'toml'` finds it. */
export interface Toml extends Literal {
  type: 'toml'
}

declare module 'mdast' {
  interface FrontmatterContentMap {
    toml: Toml
  }
  interface RootContentMap {
    toml: Toml
  }
}

/**
 * Reads the front matter (found by remark-frontmatter: YAML between `---` lines, or TOML between
 * `+++` lines as Hugo writes it) into `file.data.frontmatter` and the article fields into
 * `file.data.article`. Both spellings have the same keys and aliases. A key of the wrong type is
 * an error naming the key; the title is completed later by remark-weixin-title. A TOML node is
 * removed once read, so the plugins after this one, which know that a `yaml` node prints
 * nothing, need not learn a second type.
 */
export default function remarkWeixinFrontmatter(_options: Options = {}) {
  return (tree: Root, file: VFile): Promise<Root> | undefined => {
    const node = tree.children[0]
    if (node?.type === 'toml') {
      tree.children.shift()
      return loadToml().then((toml) => {
        record(readToml(toml, node, file), file)
        return tree
      })
    }
    if (node?.type !== 'yaml') return record(undefined, file)
    return loadYaml().then((yaml) => {
      record(readYaml(yaml, node, file), file)
      return tree
    })
  }
}

type YamlModule = typeof import('yaml')
let yamlModule: Promise<YamlModule> | undefined

/** The YAML parser loads when an article first has front matter. */
function loadYaml(): Promise<YamlModule> {
  return (yamlModule ??= import('yaml'))
}

type TomlModule = typeof import('smol-toml')
let tomlModule: Promise<TomlModule> | undefined

/** Likewise the TOML parser, when an article first has TOML front matter. */
function loadToml(): Promise<TomlModule> {
  return (tomlModule ??= import('smol-toml'))
}

function record(data: FrontMatter | undefined, file: VFile): undefined {
  file.data.frontmatter = data?.values ?? {}
  file.data.article = articleFrom(data, file)
  return undefined
}

interface FrontMatter {
  values: Record<string, unknown>
  /** Where each top-level key was written in the Markdown file. */
  places: Map<string, Position>
}

function readYaml(yaml: YamlModule, node: Yaml, file: VFile): FrontMatter | undefined {
  const { isMap } = yaml
  const lineCounter = new yaml.LineCounter()
  const document = yaml.parseDocument(node.value, { lineCounter, prettyErrors: false })
  // The YAML text starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1
  const placeAt = (range: readonly [number, number] | undefined): Position | undefined => {
    if (!range || !node.position) return undefined
    const start = lineCounter.linePos(range[0])
    const end = lineCounter.linePos(range[1])
    return {
      start: { line: firstLine + start.line - 1, column: start.col },
      end: { line: firstLine + end.line - 1, column: end.col },
    }
  }

  const problem = document.errors[0]
  if (problem) {
    const reason = problem.message.split('\n', 1)[0]
    error(file, `Front matter is not valid YAML: ${reason}`, {
      ruleId: 'frontmatter-yaml',
      place: placeAt([problem.pos[0], problem.pos[1]]) ?? node,
    })
    return undefined
  }
  if (document.contents === null) return { values: {}, places: new Map() }
  if (!isMap(document.contents)) {
    error(file, 'Front matter must be a list of `key: value` lines, like `title: Hello`', {
      ruleId: 'frontmatter-yaml',
      place: node,
    })
    return undefined
  }
  let values: Record<string, unknown>
  try {
    values = document.toJS() as Record<string, unknown>
  } catch (cause) {
    // yaml refuses alias bombs (`&a [*b, *b...]`) only here, when it expands them.
    error(file, `Front matter is not valid YAML: ${cause instanceof Error ? cause.message : String(cause)}`, {
      ruleId: 'frontmatter-yaml',
      place: node,
    })
    return undefined
  }
  return { values, places: keyPlaces(yaml, document, placeAt) }
}

function readToml(toml: TomlModule, node: Toml, file: VFile): FrontMatter | undefined {
  // The TOML text starts on the line after the opening `+++`.
  const firstLine = (node.position?.start.line ?? 1) + 1
  let values: Record<string, unknown>
  try {
    // `__proto__` and `constructor` keys are dropped: the values are plain data, never a prototype.
    values = toml.parse(node.value, { unsafeKeyBehaviour: 'drop', maxDepth: 100 })
  } catch (cause) {
    if (!(cause instanceof toml.TomlError)) throw cause
    const reason = cause.message.split('\n', 1)[0]!.replace(/^Invalid TOML document: /, '')
    error(file, `Front matter is not valid TOML: ${reason}`, {
      ruleId: 'frontmatter-toml',
      place: node.position ? { line: firstLine + cause.line - 1, column: cause.column } : node,
    })
    return undefined
  }
  return { values, places: tomlKeyPlaces(node.value, firstLine) }
}

// A top-level `key =` or `key.inner =` line (bare or quoted key), or a `[key…]` / `[[key…]]` table
// header: where each top-level key was written. TOML parsers keep no positions, so the lines are
// read here; a line inside a multi-line string is not a key.
const tomlKeyLine = /^([ \t]*)(?:(\[\[?)[ \t]*)?(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))[ \t]*([=.\]])/
const multilineQuote = /"""|'''/g

function tomlKeyPlaces(text: string, firstLine: number): Map<string, Position> {
  const places = new Map<string, Position>()
  let inString: string | undefined
  let inTable = false
  const lines = text.split(/\r?\n/)
  for (const [index, line] of lines.entries()) {
    const wasInString = inString !== undefined
    for (const [quote] of line.matchAll(multilineQuote)) {
      if (inString === undefined) inString = quote
      else if (inString === quote) inString = undefined
    }
    if (wasInString) continue
    const match = tomlKeyLine.exec(line)
    if (!match) continue
    const header = match[2] !== undefined
    // Keys after a table header belong to that table: only the header names a top-level key.
    if (!header && inTable) continue
    if (header) inTable = true
    const key = match[3] ?? match[4] ?? match[5]!
    const column = match[1]!.length + 1
    const lineNumber = firstLine + index
    // The key and what follows it up to the `=`, `.` or `]`.
    if (!places.has(key)) places.set(key, { start: { line: lineNumber, column }, end: { line: lineNumber, column: column + match[0].length - match[1]!.length - 1 } })
  }
  return places
}

function keyPlaces(
  { isMap, isScalar }: YamlModule,
  document: Document,
  placeAt: (range: readonly [number, number] | undefined) => Position | undefined,
): Map<string, Position> {
  const places = new Map<string, Position>()
  if (!isMap(document.contents)) return places
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key)) continue
    const place = placeAt(pair.key.range ? [pair.key.range[0], pair.key.range[1]] : undefined)
    if (place) places.set(String(pair.key.value), place)
  }
  return places
}

function articleFrom(data: FrontMatter | undefined, file: VFile): ArticleMeta {
  const places: Partial<Record<ArticleField, Position>> = {}
  file.data.articlePlaces = places
  const read = (name: FieldName): string | boolean | undefined => {
    if (!data) return undefined
    const key = presentKey(data.values, fields[name].keys)
    if (key === undefined) return undefined
    // A nested key is reported at its top-level key, the place the YAML parser recorded.
    const place = data.places.get(topLevel(key))
    if (place && (name === 'title' || name === 'author' || name === 'digest')) places[name] = place
    const expected = fields[name].expected
    const written = valueAt(data.values, key)
    const value = checked(written, expected)
    if (value === undefined) {
      const got = describeValue(written)
      error(file, `Front matter key \`${key}\` must be ${expectation[expected]}, got ${got}`, {
        ruleId: 'frontmatter-type',
        place,
      })
    }
    return value
  }
  const text = (name: FieldName): string | undefined => {
    const value = read(name)
    return typeof value === 'string' && value !== '' ? value : undefined
  }
  const flag = (name: FieldName): boolean | undefined => {
    const value = read(name)
    return typeof value === 'boolean' ? value : undefined
  }

  const draft = flag('draft')
  const publish = flag('publish')
  const published = flag('published')
  const weixin = flag('weixin')
  const article: ArticleMeta = {
    title: text('title') ?? '',
    comments: flag('comments') ?? false,
    fansOnlyComments: flag('fansOnlyComments') ?? false,
    showCover: flag('showCover') ?? false,
    skip: draft === true || publish === false || published === false || weixin === false,
  }
  // exactOptionalPropertyTypes: absent fields stay absent rather than `undefined`.
  const optional = {
    author: text('author'),
    digest: text('digest'),
    cover: text('cover'),
    sourceUrl: text('sourceUrl'),
    coverCrop235: text('coverCrop235'),
    coverCrop11: text('coverCrop11'),
  }
  for (const [name, value] of Object.entries(optional)) {
    if (value !== undefined) article[name as keyof typeof optional] = value
  }
  // Per-article switches of the formulas and diagrams (rehype-weixin-math, rehype-weixin-mermaid).
  const switches = { math: flag('math'), mermaid: flag('mermaid') }
  for (const [name, value] of Object.entries(switches)) {
    if (value !== undefined) article[name as keyof typeof switches] = value
  }
  return article
}

/**
 * The first of `keys` that has a value. A key whose value is an object or a list that a later key
 * reads into (`cover: {image: …}` before `cover.image`) gives way to that key.
 */
function presentKey(values: Record<string, unknown>, keys: readonly string[]): string | undefined {
  return keys.find((key) => {
    const value = valueAt(values, key)
    if (value == null) return false
    const isContainer = typeof value === 'object'
    return !(isContainer && keys.some((other) => other.startsWith(`${key}.`) || other.startsWith(`${key}[`)))
  })
}

/** `cover.image` → values.cover.image; `images[0]` → values.images[0]; a plain key as is. */
function valueAt(values: Record<string, unknown>, key: string): unknown {
  let value: unknown = values
  for (const step of key.split(/\.|(?=\[)/)) {
    if (value === null || typeof value !== 'object') return undefined
    const index = /^\[(\d+)\]$/.exec(step)
    if (index) value = Array.isArray(value) ? value[Number(index[1])] : undefined
    else value = Array.isArray(value) ? undefined : (value as Record<string, unknown>)[step]
  }
  return value
}

function topLevel(key: string): string {
  return key.split(/[.[]/, 1)[0]!
}

/** The value as the field's type, or undefined when it has another type. */
function checked(value: unknown, expected: Expected): string | boolean | undefined {
  if (expected === 'boolean') return typeof value === 'boolean' ? value : undefined
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value
  if (typeof text !== 'string') return undefined
  const trimmed = text.trim()
  if (expected === 'url' && !/^https?:\/\/[^\s/]+/i.test(trimmed)) return undefined
  if (expected === 'crop' && !isCrop(trimmed)) return undefined
  return trimmed
}

/** Weixin's cover crop (`pic_crop_235_1`, `pic_crop_1_1`): `x1_y1_x2_y2`, each 0 to 1 with at most six decimals, a box of some size. */
function isCrop(value: string): boolean {
  const parts = value.split('_')
  if (parts.length !== 4 || !parts.every((part) => /^[01](?:\.\d{1,6})?$/.test(part))) return false
  const [x1, y1, x2, y2] = parts.map(Number) as [number, number, number, number]
  return x2 <= 1 && y2 <= 1 && x1 < x2 && y1 < y2
}
