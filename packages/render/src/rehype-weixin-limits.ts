import { expectPositiveInteger, MdwxError } from '@mdwx/errors'
import type { Root } from 'hast'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import { error, warn } from './messages.js'
import type { ArticleField } from './types.js'
import type { DrawnPart } from './weight-of-parts.js'
import { drawnParts, heaviestParts } from './weight-of-parts.js'

export interface Options {
  /** The article fails at this many characters (code points) of HTML. Default 20,000 (Weixin's limit). */
  maxCharacters?: number
  /** The article fails at this many UTF-8 bytes of HTML. Default 1,000,000 (Weixin's 1 MB). */
  maxBytes?: number
}

/** Weixin's field limits, in characters (WEIXIN-API.md "Articles"). */
const titleWarning = 32
const fieldLimits: Record<ArticleField, number> = { title: 64, author: 16, digest: 128 }
const fieldNames: Record<ArticleField, string> = { title: 'Title', author: 'Author', digest: 'Digest' }

/**
 * Checks what Weixin would refuse with 45002/45003/45004/45110, before anything is uploaded:
 * the length of the exact HTML that would be sent (so it must come after rehype-stringify: it
 * wraps the compiler), and the lengths of the title, author and digest. An article over a limit
 * gets an error naming the count, the limit, and for the content the parts that weigh most.
 */
export default function rehypeWeixinLimits(this: Processor, options: Options = {}) {
  const maxCharacters = options.maxCharacters ?? 20_000
  const maxBytes = options.maxBytes ?? 1_000_000
  expectPositiveInteger(maxCharacters, 'maxCharacters')
  expectPositiveInteger(maxBytes, 'maxBytes')

  const compile = this.compiler
  if (compile === undefined) {
    throw new MdwxError('MDWX_PLUGIN_ORDER', 'rehype-weixin-limits found no compiler to measure', {
      hint: 'Use it after rehype-stringify: it measures the HTML that rehype-stringify writes',
    })
  }
  this.compiler = (tree, file) => {
    const result = compile(tree, file)
    if (typeof result === 'string') checkContent(result, tree as Root, file, { maxCharacters, maxBytes })
    return result
  }

  return (_tree: Root, file: VFile): undefined => {
    checkFields(file)
  }
}

function checkFields(file: VFile): void {
  const article = file.data.article
  if (!article) return
  for (const field of ['title', 'author', 'digest'] as const) {
    const value = article[field]
    if (value === undefined) continue
    const length = countCodePoints(value)
    const place = file.data.articlePlaces?.[field]
    const ruleId = `${field}-too-long`
    if (length > fieldLimits[field]) {
      error(file, `${fieldNames[field]} is ${length} characters; Weixin accepts at most ${fieldLimits[field]}: shorten it`, {
        ruleId,
        place,
      })
    } else if (field === 'title' && length > titleWarning) {
      warn(file, `Title is ${length} characters; Weixin's draft API accepts at most ${titleWarning} (older accounts ${fieldLimits.title}): shorten it`, {
        ruleId,
        place,
      })
    }
  }
}

function checkContent(html: string, tree: Root, file: VFile, limits: Required<Options>): void {
  const { characters, bytes } = measure(html)
  // renderMarkdown reads it to turn formulas into pictures (math: 'auto') when the article is over.
  file.data.contentLength = { characters, bytes, ...limits }
  if (characters >= limits.maxCharacters) {
    error(file, overLimit('characters', characters, limits.maxCharacters, tree), { ruleId: 'content-too-long' })
  }
  if (bytes >= limits.maxBytes) {
    error(file, overLimit('bytes', bytes, limits.maxBytes, tree), { ruleId: 'content-too-large' })
  }
}

function overLimit(unit: 'characters' | 'bytes', count: number, limit: number, tree: Root): string {
  const weigh = unit === 'characters' ? countCodePoints : utf8Length
  const parts = heaviestParts(tree, 3, weigh)
    .map(({ label, weight }) => `${label} ${format(weight)}`)
    .join(', ')
  const drawn = drawnParts(tree, weigh)
  const heavyDrawn = drawn
    .slice()
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 3)
    .map(({ label, weight }) => `${label} ${format(weight)}`)
    .join(', ')
  return (
    `The article's HTML is ${format(count)} ${unit}; Weixin accepts under ${format(limit)}. ` +
    `Heaviest parts: ${parts}${heavyDrawn === '' ? '' : `; heaviest formulas and diagrams: ${heavyDrawn}`}. ` +
    `Shorten them or split the article${asPictures(count, limit, drawn)}`
  )
}

/**
 * When inline SVG formulas are what pushes the article over, the count with each one as a
 * picture instead (its `<img>` with an uploaded URL of typical length): offered when that fits.
 */
function asPictures(count: number, limit: number, drawn: readonly DrawnPart[]): string {
  const formulas = drawn.filter((part) => part.inlineFormula)
  if (formulas.length === 0) return ''
  const estimate = formulas.reduce((total, part) => total - part.weight + part.asPicture, count)
  if (estimate >= limit) return ''
  return `, or render the ${formulas.length} formulas as pictures (mdwx --math=image, render option math: 'image'): about ${format(estimate)} characters`
}

function format(count: number): string {
  return count.toLocaleString('en-US')
}

/** Code points, counted without allocating (a string of 20,000 characters is measured per article). */
function countCodePoints(text: string): number {
  return measure(text).characters
}

function utf8Length(text: string): number {
  return measure(text).bytes
}

/** Code points and UTF-8 bytes in one pass. A lone surrogate is one character, written as 3 bytes. */
function measure(text: string): { characters: number; bytes: number } {
  let characters = 0
  let bytes = 0
  const length = text.length
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index)
    characters++
    if (code < 0x80) {
      bytes += 1
    } else if (code < 0x800) {
      bytes += 2
    } else if (code >= 0xd800 && code < 0xdc00 && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4
      index++
    } else {
      bytes += 3
    }
  }
  return { characters, bytes }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code < 0xe000
}
