import { glyphFor, type Weight } from '../svg/noto-sans-sc.js'

/** Text measured in Noto Sans SC: widths at a font size of 1 px, so any size is a multiplication. */
interface Token {
  text: string
  width: number
  /** A space: a place to break, dropped at either end of a line. */
  space: boolean
}

/** Text ready to lay out: its pieces, and the characters left out because the font has no glyph for them. */
export interface MeasuredText {
  tokens: Token[]
  /** The width of any part of the text at size 1 (a line cut inside a piece, an ellipsis). */
  widthOf: (text: string) => number
  missingGlyphs: string[]
}

/** Controls and invisible format characters (joiners, variation selectors): no shape, no width. */
const invisible = /^[\p{Cc}\p{Default_Ignorable_Code_Point}]$/u
/** Closing punctuation never starts a line; opening punctuation never ends one (Chinese line-breaking rules). */
const closing = /^[\p{Pe}\p{Pf}，。、；：！？…‥·・%°’”」』】〕〗〙〛）》〉,.;:!?'"‰℃)\]}—-]+$/u
const opening = /^[\p{Ps}\p{Pi}（《〈「『【〔〖〘〚‘“([{$¥£€#@]+$/u

/**
 * Splits `text` where a line may break: between words (Intl.Segmenter, which knows Chinese words,
 * so 公众号 stays on one line), at spaces, and keeps closing punctuation with the word before it
 * and opening punctuation with the word after. Each piece is measured with the glyph advances
 * the drawing uses (outline-text.ts), through noto-sans-sc.ts. A character without a glyph (an
 * emoji) is left out: a box on a cover looks broken, and the title stays whole in the article.
 */
export async function measureText(text: string, weight: Weight): Promise<MeasuredText> {
  const missing = new Set<string>()
  const advances = new Map<string, number>()
  /** Whether the font has `character`, its advance recorded on the way. */
  const measure = async (character: string): Promise<boolean> => {
    if (!advances.has(character) && !missing.has(character)) {
      const found = await glyphFor(character.codePointAt(0)!, weight)
      if (found === undefined) missing.add(character)
      else advances.set(character, (found.glyph.advanceWidth ?? found.unitsPerEm) / found.unitsPerEm)
    }
    return advances.has(character)
  }
  // A space is where lines break: without a glyph it still gets a quarter em.
  if (!(await measure(' '))) {
    missing.delete(' ')
    advances.set(' ', 0.25)
  }
  let kept = ''
  for (const character of text.replace(/\s+/g, ' ').trim()) {
    if (invisible.test(character)) continue
    if (await measure(character)) kept += character
  }
  // For truncateLines; not a character of the text, so never reported missing.
  if (!(await measure('…'))) missing.delete('…')
  const widthOf = (piece: string) => [...piece].reduce((sum, character) => sum + (advances.get(character) ?? 0), 0)
  const tokens: Token[] = []
  let attachNext = ''
  for (const { segment } of new Intl.Segmenter('zh', { granularity: 'word' }).segment(kept.replace(/ +/g, ' ').trim())) {
    if (segment === ' ') {
      tokens.push({ text: ' ', width: widthOf(' '), space: true })
      continue
    }
    const previous = tokens.at(-1)
    if (closing.test(segment) && previous !== undefined && !previous.space && attachNext === '') {
      previous.text += segment
      previous.width = widthOf(previous.text)
    } else if (opening.test(segment)) {
      attachNext += segment
    } else {
      const piece = attachNext + segment
      attachNext = ''
      tokens.push({ text: piece, width: widthOf(piece), space: false })
    }
  }
  if (attachNext !== '') tokens.push({ text: attachNext, width: widthOf(attachNext), space: false })
  return { tokens, widthOf, missingGlyphs: [...missing] }
}

/** One line of a layout, and its width at size 1. */
export interface Line {
  text: string
  width: number
}

/**
 * Greedy line breaking at `maxWidth` (in units of the font size): each line takes pieces while
 * they fit; a piece wider than a whole line (a long URL) is cut between characters.
 */
export function wrap({ tokens, widthOf }: Pick<MeasuredText, 'tokens' | 'widthOf'>, maxWidth: number): Line[] {
  const lines: Line[] = []
  let text = ''
  let width = 0
  let space: Token | undefined
  const flush = () => {
    if (text !== '') lines.push({ text, width })
    text = ''
    width = 0
    space = undefined
  }
  for (const token of tokens) {
    if (token.space) {
      if (text !== '') space = token
      continue
    }
    const gap = space === undefined ? 0 : space.width
    if (text !== '' && width + gap + token.width <= maxWidth) {
      text += (space?.text ?? '') + token.text
      width += gap + token.width
      space = undefined
      continue
    }
    flush()
    if (token.width <= maxWidth) {
      text = token.text
      width = token.width
      continue
    }
    for (const character of token.text) {
      const each = widthOf(character)
      if (text !== '' && width + each > maxWidth) flush()
      text += character
      width += each
    }
  }
  flush()
  return lines
}

/**
 * The same number of lines as greedy breaking at `maxWidth` gives, as even as they can be: the
 * narrowest width that still needs no more lines (CSS's `text-wrap: balance`), so a title does
 * not end on a line of one character.
 */
export function balancedWrap(text: Pick<MeasuredText, 'tokens' | 'widthOf'>, maxWidth: number): Line[] {
  const greedy = wrap(text, maxWidth)
  if (greedy.length <= 1) return greedy
  let low = 0
  let high = maxWidth
  for (let step = 0; step < 24; step++) {
    const middle = (low + high) / 2
    if (wrap(text, middle).length <= greedy.length) high = middle
    else low = middle
  }
  return wrap(text, high)
}

/** Lines cut to `count`, the last one ending in an ellipsis within `maxWidth` (units of the font size). */
export function truncateLines(lines: readonly Line[], count: number, maxWidth: number, widthOf: MeasuredText['widthOf']): Line[] {
  if (lines.length <= count) return [...lines]
  const kept = lines.slice(0, count)
  const characters = [...kept[count - 1]!.text]
  const withEllipsis = () => `${characters.join('').trimEnd()}…`
  while (characters.length > 0 && widthOf(withEllipsis()) > maxWidth) characters.pop()
  kept[count - 1] = { text: withEllipsis(), width: widthOf(withEllipsis()) }
  return kept
}
