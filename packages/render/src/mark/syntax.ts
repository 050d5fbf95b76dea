import { splice } from 'micromark-util-chunked'
import { classifyCharacter } from 'micromark-util-classify-character'
import { resolveAll } from 'micromark-util-resolve-all'
import { codes, constants, types } from 'micromark-util-symbol'
import type { Code, Construct, Event, Extension, Resolver, State, Token, TokenizeContext, Tokenizer } from 'micromark-util-types'

/**
 * `==highlighted==` text for micromark, with the rules GFM gives `~~strikethrough~~`: a run of
 * exactly two `=` opens when it is left-flanking and closes when it is right-flanking (so
 * `x == y`, with spaces around, stays text), an opener pairs with the nearest closer after it
 * in the same paragraph, nothing inside code spans, autolinks or raw HTML counts, and a `\=`
 * is a literal `=`. Runs of one or of three or more `=` are text.
 *
 * Written here rather than taken from npm: the two micromark extensions for `==` there are
 * `micromark-extension-mark` (built for micromark 3, whose utilities this package does not use,
 * with no types published and a few hundred downloads) and `micromark-extension-highlight-mark`
 * (which imports the `uvu` test runner at run time, pins its mdast part to one exact version,
 * and has no maintainer activity since its one release). A construct is about a hundred lines.
 */

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    mark: 'mark'
    markSequence: 'markSequence'
    /** A `==` run not yet known to open or close anything; what is left unpaired becomes data. */
    markSequencePending: 'markSequencePending'
  }
}

/** The micromark syntax extension: `==` in text, in the attention family. */
export function markSyntax(): Extension {
  const construct: Construct = { name: 'mark', tokenize: tokenizeMarkSequence, resolveAll: resolveMarks }
  return {
    text: { [codes.equalsTo]: construct },
    // Spans (links, emphasis) resolve their content with these: marks inside them pair there.
    insideSpan: { null: [construct] },
    // `**==a==**`: a `=` next to a `*` or `_` counts as punctuation that lets emphasis open and
    // close there, as `~` does for strikethrough.
    attentionMarkers: { null: [codes.equalsTo] },
  }
}

const tokenizeMarkSequence: Tokenizer = function (this: TokenizeContext, effects, ok, nok): State {
  const previous = this.previous
  const lastEvent = this.events[this.events.length - 1]
  const before = classifyCharacter(previous)
  let size = 0
  return start

  function start(code: Code): State | undefined {
    // Only at the start of a run of `=`: the rest of a run is never a sequence of its own. An
    // escaped `\=` before does not belong to the run.
    if (previous === codes.equalsTo && lastEvent?.[1].type !== types.characterEscape) return nok(code)
    effects.enter('markSequencePending')
    return sequence(code)
  }

  function sequence(code: Code): State | undefined {
    if (code === codes.equalsTo) {
      if (size === 2) return nok(code)
      effects.consume(code)
      size++
      return sequence
    }
    if (size !== 2) return nok(code)
    const token = effects.exit('markSequencePending')
    const after = classifyCharacter(code)
    // classifyCharacter: undefined for a word character, 1 for whitespace (and the line's ends),
    // 2 for punctuation. GFM strikethrough's flanking rules.
    token._open = after === undefined || (after === constants.characterGroupPunctuation && before !== undefined)
    token._close = before === undefined || (before === constants.characterGroupPunctuation && after !== undefined)
    return ok(code)
  }
}

/**
 * Pairs each closing run with the nearest opening run before it, left to right, and wraps what
 * is between in a `mark` token; the runs left unpaired are data (the text as written).
 */
const resolveMarks: Resolver = function (events, context) {
  for (let index = 0; index < events.length; index++) {
    const closer = events[index]!
    if (closer[0] !== 'enter' || closer[1].type !== 'markSequencePending' || !closer[1]._close) continue
    let open = index
    while (open-- > 0) {
      const opener = events[open]!
      if (opener[0] === 'exit' && opener[1].type === 'markSequencePending' && opener[1]._open) break
    }
    if (open < 0) continue
    const replacement = wrapInMark(events, open - 1, index, context)
    splice(events, open - 1, index - open + 3, replacement)
    // Continue after the closing run: its exit is the last but one event of the replacement.
    index = open - 1 + replacement.length - 2
  }
  for (const event of events) if (event[1].type === 'markSequencePending') event[1].type = types.data
  return events
}

/**
 * The events of one mark: `openEnter` is the enter event of the opening run, `closeEnter` that of
 * the closing run; the events between them are resolved as span content.
 */
function wrapInMark(events: Event[], openEnter: number, closeEnter: number, context: TokenizeContext): Event[] {
  const opening = events[openEnter]![1]
  const closing = events[closeEnter]![1]
  opening.type = 'markSequence'
  closing.type = 'markSequence'
  const mark: Token = { type: 'mark', start: { ...opening.start }, end: { ...closing.end } }
  const between = events.slice(openEnter + 2, closeEnter)
  const insideSpan = context.parser.constructs.insideSpan.null
  const content = insideSpan ? resolveAll(insideSpan, between, context) : between
  const result: Event[] = [
    ['enter', mark, context],
    ['enter', opening, context],
    ['exit', opening, context],
  ]
  splice(result, result.length, 0, content)
  splice(result, result.length, 0, [
    ['enter', closing, context],
    ['exit', closing, context],
    ['exit', mark, context],
  ])
  return result
}
