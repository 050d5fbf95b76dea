import { math } from 'micromark-extension-math'
import { asciiDigit, markdownLineEnding, markdownLineEndingOrSpace, markdownSpace, unicodeWhitespace } from 'micromark-util-character'
import { codes, types } from 'micromark-util-symbol'
import type { Code, Construct, Extension, Resolver, State, Tokenizer } from 'micromark-util-types'

/**
 * TeX math in text with Pandoc's dollar rule (its `tex_math_dollars`), for micromark; `$$`
 * fenced blocks stay micromark-extension-math's flow construct. The tokens are
 * micromark-extension-math's (`mathText`, `mathTextSequence`, `mathTextData`,
 * `mathTextPadding`), so mdast-util-math builds the same `inlineMath` nodes from them.
 *
 * micromark-extension-math's own text construct does not fit: it pairs dollars the way code
 * spans pair backticks (a run of n `$` closes at the next run of n) and knows no Pandoc rule, so
 * `价格在 $5 到 $10 之间` is a formula there. Undoing such pairs after the parse cannot give back
 * what they swallowed: the Markdown between two prices stays literal (`$5 **粗** $10` loses its
 * bold) and a real formula after a price is lost (`花了 $5，公式 $x$` pairs `$5，公式 $`). Pandoc
 * decides at each `$` from what is around it, which is a tokenizer's work.
 *
 * `$…$`, as Pandoc parses it (checked against pandoc 2.17):
 * - the opening `$` has a non-space character right after it (`$ x$` is text);
 * - the formula ends at the first `$` not taken by a backslash; that `$` must have a non-space
 *   character right before it (`$x $` is text; a line ending is a space) and no digit right
 *   after it (`$x$5` is text). If it fails, this `$` opens nothing and the next `$` is tried, so
 *   prices stay text and what is between them stays Markdown (`$5 **粗** $10`);
 * - a backslash takes the next character with it (`$a\$b$` is the formula `a\$b`), and
 *   `\text{…}` with balanced braces may hold dollars (`$\text{共 $5}$`);
 * - a formula may run over a line break inside its paragraph, never across a blank line (that
 *   ends the paragraph, so the formula has no closing `$`);
 * - `\$` outside a formula is a dollar: CommonMark's escape, which this construct never sees.
 * Pandoc's code lets an ideographic space (U+3000) stand right before the closing `$`; its
 * manual says a non-space character must, and so does this (`$x　$` is text).
 *
 * One rule Pandoc does not have, for Chinese: a `$…$` formula holds no Chinese sentence
 * punctuation (，。；：！？、) outside `\text{…}`. Chinese puts no space before a closing `$`,
 * so Pandoc's rule alone pairs the dollars of prices across a sentence (`$10 之间，这不是公式；$`
 * is a formula there); TeX has no use for those characters outside text.
 *
 * `$$…$$` in text (display math in Pandoc; a paragraph of only that becomes display math in
 * remark-weixin-math, elsewhere it stays an inline formula as before) ends at the first `$$`,
 * backslash or not, as in Pandoc. White space inside its dollars is padding; one with nothing
 * else inside (`$$ $$`) is text, where Pandoc makes an empty formula that would show nothing.
 *
 * Inside a formula nothing is unescaped: `\,` reaches TeX as written.
 */

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** Spaces or tabs inside a formula: padding at its ends, formula text between. */
    mathTextSpace: 'mathTextSpace'
  }
}

/** The syntax extension: Pandoc's `$…$` and `$$…$$` in text, `$$` fences in flow. */
export function dollarMath(): Extension {
  return {
    flow: math().flow,
    text: { [codes.dollarSign]: mathTextConstruct },
  }
}

/** ，。；：！？、 (full-width comma, full stop, semicolon, colon, exclamation and question marks, enumeration comma). */
const chineseSentencePunctuation = new Set([0xff0c, 0x3002, 0xff1b, 0xff1a, 0xff01, 0xff1f, 0x3001])

const tokenizeMathText: Tokenizer = function (effects, ok, nok) {
  let size = 0
  // Whether the last thing inside was white space (a line ending too): no closing `$` after it.
  let afterSpace = false
  // Whether there is anything but white space inside (`$$ $$` is no formula).
  let filled = false
  return start

  function start(code: Code): State | undefined {
    effects.enter('mathText')
    effects.enter('mathTextSequence')
    return opening(code)
  }

  function opening(code: Code): State | undefined {
    // A third `$` is inside a `$$` formula (`$$$x$$` is `$x`, as in Pandoc).
    if (code === codes.dollarSign && size < 2) {
      effects.consume(code)
      size++
      return opening
    }
    effects.exit('mathTextSequence')
    // No white space (Unicode's) right after a single opening `$`.
    if (size === 1 && (code === codes.eof || markdownLineEndingOrSpace(code) || unicodeWhitespace(code))) return nok(code)
    return inside(code)
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof) return nok(code)
    if (code === codes.dollarSign) return size === 1 ? singleClose(code) : doubleClose(code)
    if (markdownLineEnding(code)) {
      effects.enter(types.lineEnding)
      effects.consume(code)
      effects.exit(types.lineEnding)
      afterSpace = true
      return inside
    }
    if (markdownSpace(code)) {
      effects.enter('mathTextSpace')
      return space(code)
    }
    filled = true
    afterSpace = false
    effects.enter('mathTextData')
    if (code === codes.backslash && size === 1) {
      effects.consume(code)
      effects.exit('mathTextData')
      return escaped
    }
    return data(code)
  }

  function singleClose(code: Code): State | undefined {
    if (afterSpace) return nok(code)
    effects.enter('mathTextSequence')
    effects.consume(code)
    effects.exit('mathTextSequence')
    return afterSingleClose
  }

  function afterSingleClose(code: Code): State | undefined {
    // A digit right after it makes it no closing `$` (`$5 and $6`): then this `$` opens nothing.
    if (asciiDigit(code)) return nok(code)
    effects.exit('mathText')
    return ok(code)
  }

  /** One `$` inside `$$…$$` is formula text; two close it. */
  function doubleClose(code: Code): State | undefined {
    const token = effects.enter('mathTextSequence')
    effects.consume(code)
    return (next: Code): State | undefined => {
      if (next === codes.dollarSign) {
        if (!filled) return nok(next)
        effects.consume(next)
        effects.exit('mathTextSequence')
        effects.exit('mathText')
        return ok
      }
      token.type = 'mathTextData'
      effects.exit('mathTextData')
      filled = true
      afterSpace = false
      return inside(next)
    }
  }

  function space(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code)
      return space
    }
    effects.exit('mathTextSpace')
    afterSpace = true
    return inside(code)
  }

  function data(code: Code): State | undefined {
    if (code === codes.eof || code === codes.dollarSign || (code === codes.backslash && size === 1) || markdownLineEndingOrSpace(code)) {
      effects.exit('mathTextData')
      return inside(code)
    }
    if (size === 1 && code !== null && chineseSentencePunctuation.has(code)) return nok(code)
    // Other white space (an ideographic space) is data, but no closing `$` may follow it.
    afterSpace = unicodeWhitespace(code)
    effects.consume(code)
    return data
  }

  /** After a backslash in `$…$`: the next character belongs to it, whatever it is. */
  function escaped(code: Code): State | undefined {
    if (code === codes.eof) return nok(code)
    // A line ending stays a line ending (the formula goes on on the next line).
    if (markdownLineEnding(code)) return inside(code)
    if (code === codes.lowercaseT) return effects.attempt(textArgumentConstruct, inside, escapedCharacter)(code)
    return escapedCharacter(code)
  }

  function escapedCharacter(code: Code): State | undefined {
    effects.enter('mathTextData')
    effects.consume(code)
    effects.exit('mathTextData')
    return inside
  }
}

// Pandoc looks for the closing brace of `\text{` up to the end of the paragraph; this looks no
// further than this many characters, so a paragraph of unclosed `\text{` takes linear time,
// not quadratic. A real `\text{…}` is a few words.
const maxTextArgument = 256

/** `text{…}` right after a backslash, braces balanced (a backslash takes the next character). */
const tokenizeTextArgument: Tokenizer = function (effects, ok, nok) {
  const name = [codes.lowercaseT, codes.lowercaseE, codes.lowercaseX, codes.lowercaseT]
  let index = 0
  let depth = 0
  let length = 0
  return start

  function start(code: Code): State | undefined {
    effects.enter('mathTextData')
    return command(code)
  }

  function command(code: Code): State | undefined {
    if (index < name.length) {
      if (code !== name[index]) return nok(code)
      effects.consume(code)
      index++
      return command
    }
    return code === codes.leftCurlyBrace ? argument(code) : nok(code)
  }

  function argument(code: Code): State | undefined {
    if (code === codes.eof || length++ === maxTextArgument) return nok(code)
    if (markdownLineEnding(code)) {
      effects.exit('mathTextData')
      effects.enter(types.lineEnding)
      effects.consume(code)
      effects.exit(types.lineEnding)
      // A paragraph has no blank line: something follows the line ending.
      effects.enter('mathTextData')
      return argument
    }
    effects.consume(code)
    if (code === codes.backslash) return escapedInArgument
    if (code === codes.leftCurlyBrace) depth++
    else if (code === codes.rightCurlyBrace && --depth === 0) {
      effects.exit('mathTextData')
      return ok
    }
    return argument
  }

  function escapedInArgument(code: Code): State | undefined {
    if (code === codes.eof) return nok(code)
    if (markdownLineEnding(code)) return argument(code)
    effects.consume(code)
    return argument
  }
}

/**
 * White space at the ends of a formula (only `$$ x $$` has any) is padding, which
 * mdast-util-math leaves out of the value; between, it is formula text. Line endings between
 * stay line endings, which mdast-util-from-markdown puts in the value.
 */
const resolvePadding: Resolver = function (events) {
  // The enter and exit events of mathText and of its opening sequence, those of the inside
  // (pairs, none nested), those of the closing sequence, mathText's exit.
  const first = 3
  const end = events.length - 3
  const isBlank = (index: number) => {
    const type = events[index]![1].type
    return type === 'mathTextSpace' || type === types.lineEnding
  }
  let head = first
  while (head < end && isBlank(head)) head += 2
  let tail = end - 2
  while (tail > head && isBlank(tail)) tail -= 2
  for (let index = first; index < end; index += 2) {
    const token = events[index]![1]
    if (index < head || index > tail) token.type = 'mathTextPadding'
    else if (token.type === 'mathTextSpace') token.type = 'mathTextData'
  }
  return events
}

const mathTextConstruct: Construct = { name: 'mathText', tokenize: tokenizeMathText, resolve: resolvePadding }

/** `\text{…}` after its backslash: a partial construct, so unbalanced braces fall back to `\t`. */
const textArgumentConstruct: Construct = { tokenize: tokenizeTextArgument, partial: true }
