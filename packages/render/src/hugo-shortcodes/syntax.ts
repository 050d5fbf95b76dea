import { factorySpace } from 'micromark-factory-space'
import { asciiAlphanumeric, markdownLineEnding, markdownSpace } from 'micromark-util-character'
import { codes, types } from 'micromark-util-symbol'
import type { Code, Construct, Effects, Extension, State, TokenizeContext, Tokenizer, TokenType } from 'micromark-util-types'

/**
 * Hugo's shortcodes (`{{< name params >}}`, `{{% name params %}}`) for micromark. No unified
 * extension reads them: micromark-extension-directive reads `:::name`, the Hexo construct of
 * this package reads `{% %}`, and Hugo itself replaces shortcodes with placeholders before its
 * Markdown renderer runs, which a syntax tree cannot do. So the constructs are written here:
 *
 * - in flow, one shortcode on a line (or on several: Hugo's docs write `{{< figure` with one
 *   parameter a line and `>}}` alone on the last), after indentation and inside lists and quotes.
 *   `{{< highlight >}}` takes the lines up to its `{{< /highlight >}}` like a fenced code block
 *   takes its lines, so its code is never read as Markdown; without that end tag it is no block
 *   and the line is read as a paragraph. Other paired shortcodes stay markers: the remark plugin
 *   pairs `{{% notice %}}` with `{{% /notice %}}` in the tree, their content is Markdown.
 * - in text, a shortcode inside a paragraph (`见 {{< ref "other.md" >}}`), also across the
 *   paragraph's lines.
 *
 * A shortcode is `{{<` (or `{{%`), optional white space, an optional `/` (an end tag), a name
 * (letters, digits, `_`, `-`, `.`, `/` for a shortcode in a subfolder), then parameters up to
 * `>}}` (or `%}}`, the same delimiter), `/>}}` closing a self-closing one. Quoted parameters
 * (`"…"`, with backslash escapes) and raw ones (`` `…` ``) may hold the closing characters.
 * `{{</* figure *\/>}}` is Hugo's way to write a shortcode as text: taken whole, so the plugin can
 * show it without the comment marks.
 * Shortcodes that only make sense inside text (`ref`, `relref`, `param`) are never a block; any
 * other on a line of its own breaks a paragraph, so that `{{% notice %}}` and `{{% /notice %}}`
 * written right above and below their text are lines of their own, as their writers mean them.
 */

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** A shortcode on lines of its own, with the code and end tag of `highlight`. */
    hugoShortcodeFlow: 'hugoShortcodeFlow'
    /** A shortcode in text. */
    hugoShortcodeText: 'hugoShortcodeText'
    /** `{{< name params >}}`, as written. */
    hugoShortcodeTag: 'hugoShortcodeTag'
    /** The characters of a tag on one line (a tag over several lines has line endings between them). */
    hugoShortcodeTagData: 'hugoShortcodeTagData'
    /** The end tag of a raw-content shortcode: `{{< /highlight >}}`. */
    hugoShortcodeEnd: 'hugoShortcodeEnd'
    /** Raw content, one piece of a line at a time. */
    hugoShortcodeValue: 'hugoShortcodeValue'
  }
}

/** Shortcodes whose content is code: taken raw up to their end tag. */
export const rawShortcodeNames: ReadonlySet<string> = new Set(['highlight'])

/** Shortcodes that give text or a link: they belong in a paragraph. */
export const inlineShortcodeNames: ReadonlySet<string> = new Set(['ref', 'relref', 'param'])

export function hugoShortcodesSyntax(): Extension {
  const flow: Construct = { name: 'hugoShortcodeFlow', tokenize: tokenizeFlow, concrete: true }
  const text: Construct = { name: 'hugoShortcodeText', tokenize: tokenizeText }
  return { flow: { [codes.leftCurlyBrace]: flow }, text: { [codes.leftCurlyBrace]: text } }
}

/** What the tag factory learnt of the tag: its name as soon as it is read. */
interface TagShape {
  name: string
  /** `{{< /name >}}`. */
  closing: boolean
  /** `{{</* … *\/>}}`. */
  escaped: boolean
  /** `{{< name />}}`. */
  selfClosing: boolean
}

/**
 * Where a search for the end of a tag gave up, per tokenizer (its events list stands for it) and
 * delimiter, when it gave up at a point no tag can go past (the end of the paragraph or document,
 * a blank line, a lazy line) having seen no closing characters on the way (`>}}`, even quoted). A
 * tag starting before that point would read the same characters to the same point and give up
 * too: without this, a paragraph of many unclosed `{{<` would be read to its end once for each.
 */
const tagsEndedInVain = new WeakMap<object, Map<Code, number>>()

/**
 * `{{< … >}}` as one token of `type`. `accept` sees the name as soon as it is read and may refuse
 * it. `lines` says whether the tag may go on over line endings: in flow (the next line must not be
 * lazy, which would end the quote or list the tag is in), in text, or not (an end tag; a tag that
 * would break a paragraph, which is decided from its first line, as for a fenced code block).
 * Quoted parameters may go on over line endings too: a quote left open makes a tag that never
 * closes, which is reported as text, rather than a tag that closes somewhere unexpected.
 */
function factoryTag(
  context: TokenizeContext,
  effects: Effects,
  ok: State,
  nok: State,
  type: TokenType,
  shape: TagShape,
  accept: (shape: TagShape) => boolean,
  lines: 'flow' | 'text' | 'one',
): State {
  // The character before the closing braces: `>` for `{{<`, `%` for `{{%`.
  let delimiter: Code = codes.eof
  // Where reading goes on after a `>` or `}` that did not close the tag.
  let resume: (code: Code) => State | undefined = inParameters
  // The last two characters read, and whether the closing characters were read anywhere.
  let previous: Code = codes.eof
  let beforePrevious: Code = codes.eof
  let closerSeen = false
  return start

  function take(code: Code, next: State): State | undefined {
    if (code === codes.rightCurlyBrace && previous === codes.rightCurlyBrace && beforePrevious === delimiter) closerSeen = true
    beforePrevious = previous
    previous = code
    effects.consume(code)
    return next
  }

  /** Gives up at a point no tag goes past (see `tagsEndedInVain`). */
  function end(code: Code): State | undefined {
    if (lines !== 'one' && !closerSeen) {
      let byDelimiter = tagsEndedInVain.get(context.events)
      if (!byDelimiter) tagsEndedInVain.set(context.events, (byDelimiter = new Map()))
      byDelimiter.set(delimiter, Math.max(byDelimiter.get(delimiter) ?? 0, context.now().offset))
    }
    return nok(code)
  }

  /** A line ending inside the tag, then the next line, which must not be blank (nor lazy, in flow). */
  function lineEnding(code: Code, next: State): State | undefined {
    if (lines === 'one') return nok(code)
    effects.exit('hugoShortcodeTagData')
    effects.enter(types.lineEnding)
    effects.consume(code)
    effects.exit(types.lineEnding)
    return (code: Code) => {
      if (code === codes.eof || markdownLineEnding(code) || (lines === 'flow' && context.parser.lazy[context.now().line])) return end(code)
      effects.enter('hugoShortcodeTagData')
      return next(code)
    }
  }

  function start(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code)
    effects.enter(type)
    effects.enter('hugoShortcodeTagData')
    effects.consume(code)
    return secondBrace
  }

  function secondBrace(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code)
    effects.consume(code)
    return opening
  }

  function opening(code: Code): State | undefined {
    if (code !== codes.lessThan && code !== codes.percentSign) return nok(code)
    delimiter = code === codes.lessThan ? codes.greaterThan : code
    const gaveUpAt = tagsEndedInVain.get(context.events)?.get(delimiter)
    if (lines !== 'one' && gaveUpAt !== undefined && context.now().offset < gaveUpAt) return nok(code)
    effects.consume(code)
    return beforeName
  }

  function beforeName(code: Code): State | undefined {
    if (code === codes.eof) return end(code)
    if (markdownSpace(code)) return take(code, beforeName)
    if (markdownLineEnding(code)) return lineEnding(code, beforeName)
    if (code === codes.slash && !shape.closing) return take(code, afterSlash)
    if (isNameCode(code)) return inName(code)
    return nok(code)
  }

  function afterSlash(code: Code): State | undefined {
    if (code === codes.asterisk) {
      shape.escaped = true
      resume = inComment
      return take(code, inComment)
    }
    shape.closing = true
    return beforeName(code)
  }

  function inName(code: Code): State | undefined {
    if (isNameCode(code) || code === codes.slash) {
      shape.name += String.fromCharCode(code!)
      return take(code, inName)
    }
    // `{{< x/>}}`: the slash closes the tag, it is not part of the name.
    if (shape.name.endsWith('/') && code === delimiter) {
      shape.name = shape.name.slice(0, -1)
      shape.selfClosing = true
    }
    if (shape.name === '' || !accept(shape)) return nok(code)
    if (markdownSpace(code) || markdownLineEnding(code) || code === delimiter || code === codes.slash) return inParameters(code)
    return nok(code)
  }

  function inParameters(code: Code): State | undefined {
    if (code === codes.eof) return end(code)
    if (markdownLineEnding(code)) return lineEnding(code, inParameters)
    if (code === codes.quotationMark) return take(code, inQuoted)
    if (code === codes.graveAccent) return take(code, inRaw)
    if (code === delimiter) return take(code, afterDelimiter)
    return take(code, inParameters)
  }

  function inQuoted(code: Code): State | undefined {
    if (code === codes.eof) return end(code)
    if (markdownLineEnding(code)) return lineEnding(code, inQuoted)
    if (code === codes.backslash) return take(code, escapedInQuoted)
    if (code === codes.quotationMark) return take(code, inParameters)
    return take(code, inQuoted)
  }

  function escapedInQuoted(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return inQuoted(code)
    return take(code, inQuoted)
  }

  function inRaw(code: Code): State | undefined {
    if (code === codes.eof) return end(code)
    if (markdownLineEnding(code)) return lineEnding(code, inRaw)
    if (code === codes.graveAccent) return take(code, inParameters)
    return take(code, inRaw)
  }

  function inComment(code: Code): State | undefined {
    if (code === codes.eof) return end(code)
    if (markdownLineEnding(code)) return lineEnding(code, inComment)
    if (code === codes.asterisk) return take(code, afterStar)
    return take(code, inComment)
  }

  function afterStar(code: Code): State | undefined {
    if (code === codes.slash) return take(code, afterCommentEnd)
    return inComment(code)
  }

  function afterCommentEnd(code: Code): State | undefined {
    if (markdownSpace(code)) return take(code, afterCommentEnd)
    if (code === delimiter) return take(code, afterDelimiter)
    return inComment(code)
  }

  function afterDelimiter(code: Code): State | undefined {
    if (code !== codes.rightCurlyBrace) return resume(code)
    return take(code, afterFirstBrace)
  }

  function afterFirstBrace(code: Code): State | undefined {
    if (code !== codes.rightCurlyBrace) return resume(code)
    take(code, ok)
    effects.exit('hugoShortcodeTagData')
    effects.exit(type)
    return ok
  }
}

function isNameCode(code: Code): boolean {
  return asciiAlphanumeric(code) || code === codes.underscore || code === codes.dash || code === codes.dot
}

/**
 * Where the search for a raw-content shortcode's end tag gave up, per tokenizer (its events list
 * stands for it) and name: a later shortcode of that name starting before that point would search
 * the same lines and give up too. Without this, a document of many unclosed `{{< highlight >}}`
 * would be searched to its end once per shortcode.
 */
const searchedInVain = new WeakMap<object, Map<string, number>>()

function gaveUpAfter(context: TokenizeContext, name: string): boolean {
  const offset = searchedInVain.get(context.events)?.get(name)
  return offset !== undefined && context.now().offset < offset
}

function giveUp(context: TokenizeContext, name: string): void {
  let byName = searchedInVain.get(context.events)
  if (!byName) searchedInVain.set(context.events, (byName = new Map()))
  byName.set(name, Math.max(byName.get(name) ?? 0, context.now().offset))
}

/**
 * The lines of a raw-content shortcode up to a line that is its end tag (`{{< /highlight >}}`,
 * either delimiter). Each line loses the indentation of the opening tag, as a fenced code
 * block's lines do, and a lazy line (not in the opening tag's quote or list) ends the search:
 * no end tag, no block.
 */
function factoryRawContent(context: TokenizeContext, effects: Effects, ok: State, nok: State, name: string, prefix: number): State {
  const end: Construct = { tokenize: tokenizeEnd, partial: true }
  return start

  function start(code: Code): State | undefined {
    if (gaveUpAfter(context, name)) return nok(code)
    return afterLine(code)
  }

  function fail(code: Code): State | undefined {
    giveUp(context, name)
    return nok(code)
  }

  /** At the end of the opening tag's line, or of a line of code. */
  function afterLine(code: Code): State | undefined {
    if (code === codes.eof || !markdownLineEnding(code)) return fail(code)
    effects.enter(types.lineEnding)
    effects.consume(code)
    effects.exit(types.lineEnding)
    return lineStart
  }

  function lineStart(code: Code): State | undefined {
    if (context.parser.lazy[context.now().line]) return fail(code)
    return prefix > 0 && markdownSpace(code) ? factorySpace(effects, lineAfterPrefix, types.linePrefix, prefix + 1)(code) : lineAfterPrefix(code)
  }

  function lineAfterPrefix(code: Code): State | undefined {
    return effects.attempt(end, ok, lineValue)(code)
  }

  function lineValue(code: Code): State | undefined {
    if (code === codes.eof) return fail(code)
    if (markdownLineEnding(code)) return afterLine(code)
    effects.enter('hugoShortcodeValue')
    return value(code)
  }

  function value(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      effects.exit('hugoShortcodeValue')
      return afterLine(code)
    }
    effects.consume(code)
    return value
  }

  function tokenizeEnd(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const shape: TagShape = { name: '', closing: false, escaped: false, selfClosing: false }
    const self = this
    return (code: Code) => (markdownSpace(code) ? factorySpace(effects, tag, types.whitespace)(code) : tag(code))

    function tag(code: Code): State | undefined {
      return factoryTag(self, effects, afterEnd, nok, 'hugoShortcodeEnd', shape, (found) => found.closing && found.name === name, 'one')(code)
    }

    function afterEnd(code: Code): State | undefined {
      if (markdownSpace(code)) return factorySpace(effects, atLineEnd, types.whitespace)(code)
      return atLineEnd(code)
    }

    function atLineEnd(code: Code): State | undefined {
      return code === codes.eof || markdownLineEnding(code) ? ok(code) : nok(code)
    }
  }
}

const tokenizeFlow: Tokenizer = function (effects, ok, nok) {
  const self = this
  const shape: TagShape = { name: '', closing: false, escaped: false, selfClosing: false }
  let prefix = 0
  return start

  function start(code: Code): State | undefined {
    const tail = self.events[self.events.length - 1]
    prefix = tail && tail[1].type === types.linePrefix ? tail[2].sliceSerialize(tail[1], true).length : 0
    effects.enter('hugoShortcodeFlow')
    return factoryTag(self, effects, afterTag, nok, 'hugoShortcodeTag', shape, accept, self.interrupt ? 'one' : 'flow')(code)
  }

  function accept(found: TagShape): boolean {
    return !inlineShortcodeNames.has(found.name)
  }

  function afterTag(code: Code): State | undefined {
    if (markdownSpace(code)) return factorySpace(effects, atLineEnd, types.whitespace)(code)
    return atLineEnd(code)
  }

  function atLineEnd(code: Code): State | undefined {
    if (code !== codes.eof && !markdownLineEnding(code)) return nok(code)
    // When breaking a paragraph, the opening line is enough (as for a fenced code block); the
    // block itself is then tried again, and looks for the end tag.
    if (!rawShortcodeNames.has(shape.name) || shape.closing || shape.escaped || shape.selfClosing || self.interrupt) return done(code)
    return factoryRawContent(self, effects, done, nok, shape.name, prefix)(code)
  }

  function done(code: Code): State | undefined {
    effects.exit('hugoShortcodeFlow')
    return ok(code)
  }
}

const tokenizeText: Tokenizer = function (effects, ok, nok) {
  const self = this
  const shape: TagShape = { name: '', closing: false, escaped: false, selfClosing: false }
  return start

  function start(code: Code): State | undefined {
    effects.enter('hugoShortcodeText')
    return factoryTag(self, effects, done, nok, 'hugoShortcodeTag', shape, () => true, 'text')(code)
  }

  function done(code: Code): State | undefined {
    effects.exit('hugoShortcodeText')
    return ok(code)
  }
}
