import type { Link, Root, Text } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { SKIP, visit } from 'unist-util-visit'

/** No options: the names are gemoji's, GitHub's list. */
export interface Options {}

type EmojiNames = ReadonlyMap<string, string>
let emojiNames: Promise<EmojiNames> | undefined

/**
 * gemoji's 1,900 names load when an article first holds something shaped like a shortcode, as a
 * Map: a plain object would answer `:constructor:` from its prototype.
 */
function loadEmojiNames(): Promise<EmojiNames> {
  return (emojiNames ??= import('gemoji').then(({ gemoji }) => new Map(gemoji.flatMap(({ emoji, names }) => names.map((name) => [name, emoji] as const)))))
}

// gemoji's names are lower-case letters, digits, `_`, `+` and `-` (`+1`, `t-rex`, `8ball`).
const nameCharacters = /[a-z0-9_+-]+/y
// A shortcode stands alone: `10:30:45`, `vite:client:connect` and `a:b:c` have a letter or a
// digit against a colon, `std::ok::x` another colon. Only ASCII counts as a letter here, so
// that `完成:tada:` (Chinese is written without spaces) is an emoji.
const wordCharacter = /[A-Za-z0-9_]/
// Inside one run of non-space characters that holds a URL, a shortcode is part of the URL.
const urlLike = /[a-z][a-z0-9+.-]*:\/\/|^www\./i

/**
 * GitHub's emoji shortcodes (`:tada:`, `:+1:`, `:white_check_mark:`) as the emoji, from gemoji,
 * the unified collective's copy of GitHub's list. Only names gemoji knows change: `:client:`
 * and anything else stay as written. A shortcode needs a colon with no ASCII letter, digit,
 * `_` or other colon against it on the outside (another shortcode may follow at once), so
 * times (`10:30:45`), namespaced names (`vite:client:connect`) and paths (`std::ok::x`) stay
 * text; so do shortcodes in code, in raw HTML, in URLs (in a bare URL written as text, or as
 * the text of a link that is its own URL) and in image alt text.
 * Runs after the parse, on text nodes: a text without a `:` is passed over at the cost of one
 * search, and each candidate costs one Map lookup.
 */
export default function remarkWeixinEmoji(_options: Options = {}) {
  return (tree: Root): Promise<Root> | undefined => {
    const texts: Text[] = []
    visit(tree, (node, _index, parent) => {
      if (node.type === 'link' && isBareUrl(node)) return SKIP
      if (node.type === 'text' && parent !== undefined && node.value.includes(':')) texts.push(node)
      return undefined
    })
    if (texts.length === 0) return undefined
    return loadEmojiNames().then((names) => {
      for (const text of texts) text.value = replaceShortcodes(text.value, names)
      return tree
    })
  }
}

/** A link whose text is its own URL (an autolink, a bare URL): its shortcodes are the URL's. */
function isBareUrl(link: Link): boolean {
  const text = toString(link)
  return text === link.url || `mailto:${text}` === link.url || `http://${text}` === link.url
}

/** `value` with each shortcode gemoji knows replaced by its emoji. */
function replaceShortcodes(value: string, names: EmojiNames): string {
  let result = ''
  let copied = 0
  let colon = value.indexOf(':')
  while (colon !== -1) {
    const found = shortcodeAt(value, colon, colon === copied && copied > 0, names)
    if (found === undefined) {
      colon = value.indexOf(':', colon + 1)
      continue
    }
    result += value.slice(copied, colon) + found.emoji
    copied = found.end
    colon = value.indexOf(':', found.end)
  }
  return copied === 0 ? value : result + value.slice(copied)
}

/**
 * The emoji of the shortcode whose opening colon is at `colon`, and the offset after it.
 * `afterShortcode`: right after another one (`:+1::+1:`), where a colon before is no objection.
 */
function shortcodeAt(value: string, colon: number, afterShortcode: boolean, names: EmojiNames): { emoji: string; end: number } | undefined {
  const before = value.charAt(colon - 1)
  if (wordCharacter.test(before) || (before === ':' && !afterShortcode)) return undefined
  const found = nameAt(value, colon, names)
  if (found === undefined) return undefined
  const after = value.charAt(found.end)
  // `std::ok::x` is a path, not `:ok:`; `:+1::+1:` is two shortcodes.
  if (wordCharacter.test(after) || (after === ':' && nameAt(value, found.end, names) === undefined)) return undefined
  return inUrl(value, colon) ? undefined : found
}

/** The known name between the colon at `colon` and the next one, and the offset after that. */
function nameAt(value: string, colon: number, names: EmojiNames): { emoji: string; end: number } | undefined {
  nameCharacters.lastIndex = colon + 1
  const name = nameCharacters.exec(value)?.[0]
  if (name === undefined) return undefined
  const close = colon + 1 + name.length
  const emoji = value.charAt(close) === ':' ? names.get(name) : undefined
  return emoji === undefined ? undefined : { emoji, end: close + 1 }
}

function inUrl(value: string, offset: number): boolean {
  let start = offset
  while (start > 0 && !/\s/.test(value.charAt(start - 1))) start--
  let end = offset
  while (end < value.length && !/\s/.test(value.charAt(end))) end++
  return urlLike.test(value.slice(start, end))
}
