import { factorySpace } from 'micromark-factory-space'
import { asciiAlpha, asciiAlphanumeric, markdownLineEnding, markdownSpace } from 'micromark-util-character'
import { codes, constants, types } from 'micromark-util-symbol'
import type { Code, Construct, Effects, Extension, ParseContext, State, Token, TokenizeContext, Tokenizer } from 'micromark-util-types'

/**
 * Colon containers for micromark, as VitePress/VuePress (markdown-it-container) and Docusaurus
 * write them:
 *
 * ```markdown
 * ::: tip 标题            :::tip 标题             :::note[标题]
 * 内容（任意 Markdown）    …                      …
 * :::                     :::                     :::
 * ```
 *
 * A fence of three or more colons, a name (ASCII letters, digits, `-`, `_`), then either a title
 * (the rest of the line, parsed as inline Markdown) or Docusaurus's bracketed label, optionally
 * followed by `{attributes}`. The content is a document of its own: paragraphs, lists, quotes,
 * code, tables, other containers. A line of at least as many colons as the opening fence, and
 * nothing else, closes it (but see nesting below); without one it runs to the end of its parent
 * (the document, the list item or quote it is in), as markdown-it-container does. An opening
 * fence may interrupt a paragraph. A fence line that closes nothing is tokenized too
 * (`colonFenceUnmatched`), so that the plugin can report and drop it rather than leave colons in
 * the text.
 *
 * Written here rather than taken from remark-directive (micromark-extension-directive): that
 * syntax is Docusaurus's only. It wants the name right after the colons, so VitePress's
 * `::: tip` (a space first) is not a container there, and it also parses `:name` text and
 * `::name` leaf directives, which misread ordinary colons in prose (`触发 vite:afterUpdate 事件`,
 * `访问 localhost:port`) that the pages this package renders are full of. This construct only
 * reads a line that starts with three colons.
 *
 * Two choices differ from markdown-it-container, both so that what the writer meant is what
 * renders:
 * - a colon line inside a fenced code block in the container is code, not a closer (a guide
 *   that shows how to write a container puts `:::` lines in code);
 * - a closer closes the innermost open container with as many colons as it has, else the
 *   innermost it is long enough for, not always the outermost: `::: details` around `::: tip`
 *   with plain `:::` closers nests as it reads, and in `:::: details` around a `::: tip` whose
 *   `:::` was forgotten, the `::::` still closes the details (the tip ends with it).
 * Both are decided while the outer container's lines go by, before its content is parsed, so
 * they come from a light reading of each line (see `LineTracker`), not from the parse itself.
 */

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    colonContainer: 'colonContainer'
    /** The opening line: sequence, name, title or label. */
    colonContainerFence: 'colonContainerFence'
    colonContainerSequence: 'colonContainerSequence'
    colonContainerName: 'colonContainerName'
    /** The title, VitePress's rest of the line or the inside of Docusaurus's `[label]`: holds a text chunk. */
    colonContainerTitle: 'colonContainerTitle'
    colonContainerLabel: 'colonContainerLabel'
    colonContainerLabelMarker: 'colonContainerLabelMarker'
    /** `{#id .class key=value}` after a label: presentation that has no meaning in an article. */
    colonContainerAttributes: 'colonContainerAttributes'
    colonContainerContent: 'colonContainerContent'
    colonContainerClosingFence: 'colonContainerClosingFence'
    /** A line of colons only that closes no open container. */
    colonFenceUnmatched: 'colonFenceUnmatched'
  }
  interface Token {
    /**
     * On a `colonContainer` token with no closing fence: the line of a code fence inside it that
     * was still open at its end (so the colon lines after it were read as code).
     */
    _colonContainerOpenCodeFence?: number | undefined
    /** On a `colonContainer` token: nested too deep, it holds nothing (see `maximumDepth`). */
    _colonContainerTooDeep?: boolean | undefined
  }
}

/** The micromark syntax extension: colon containers, and lone colon fences, in flow. */
export function colonContainerSyntax(): Extension {
  return { flow: { [codes.colon]: [colonContainer, colonFenceUnmatched] } }
}

const colonContainer: Construct = { name: 'colonContainer', tokenize: tokenizeColonContainer, concrete: true }
const colonFenceUnmatched: Construct = { name: 'colonFenceUnmatched', tokenize: tokenizeUnmatchedFence }
const nonLazyLine: Construct = { tokenize: tokenizeNonLazyLine, partial: true }
const label: Construct = { tokenize: tokenizeLabel, partial: true }

const minimumFence = 3

/**
 * Containers nested deeper than this hold nothing: their opening line is all they are, and what
 * follows stays in the container around them. Each level's content is parsed again as a
 * document of its own, so the cost grows with the depth times the lines: a page of a thousand
 * unclosed `::: tip` lines took seconds a level. No page nests containers more than a few deep;
 * markdown-it's CommonMark preset stops nesting blocks at 20 too.
 */
export const maximumDepth = 20

/**
 * Where the containers of one parse lie (start and end offsets), recorded as each ends. A
 * container's content is parsed after the container itself, so when a container starts, every
 * container around it is recorded: its depth is how many ranges hold its start.
 */
const containerRanges = new WeakMap<ParseContext, Array<[number, number]>>()

function depthAt(parser: ParseContext, offset: number): number {
  let depth = 0
  for (const [start, end] of containerRanges.get(parser) ?? []) if (start < offset && offset < end) depth++
  return depth
}

function recordRange(parser: ParseContext, start: number, end: number): void {
  let ranges = containerRanges.get(parser)
  if (!ranges) containerRanges.set(parser, (ranges = []))
  ranges.push([start, end])
}

function tokenizeColonContainer(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  const tail = self.events[self.events.length - 1]
  // Indentation of the opening fence: removed from the content lines as far as they have it, as
  // a fenced code block does, so an indented container holds the same document as an unindented one.
  const initialSize = tail && tail[1].type === types.linePrefix ? tail[2].sliceSerialize(tail[1], true).length : 0
  const closingFence: Construct = { tokenize: tokenizeClosingFence, partial: true }
  const lines = new LineTracker()
  let sizeOpen = 0
  let container: Token | undefined
  let content: Token | undefined
  let previousChunk: Token | undefined
  let line = ''
  let closerIndentLimit = 0

  return start

  function start(code: Code): State | undefined {
    container = effects.enter('colonContainer')
    effects.enter('colonContainerFence')
    effects.enter('colonContainerSequence')
    return sequenceOpen(code)
  }

  function sequenceOpen(code: Code): State | undefined {
    if (code === codes.colon) {
      effects.consume(code)
      sizeOpen++
      return sequenceOpen
    }
    if (sizeOpen < minimumFence) return nok(code)
    effects.exit('colonContainerSequence')
    return markdownSpace(code) ? factorySpace(effects, beforeName, types.whitespace)(code) : beforeName(code)
  }

  function beforeName(code: Code): State | undefined {
    // Colons only: a closing fence, not an opening one (colonFenceUnmatched takes it).
    if (code === codes.eof || markdownLineEnding(code)) return nok(code)
    if (!asciiAlpha(code)) return titleStart(code)
    effects.enter('colonContainerName')
    return name(code)
  }

  function name(code: Code): State | undefined {
    if (asciiAlphanumeric(code) || code === codes.dash || code === codes.underscore) {
      effects.consume(code)
      return name
    }
    effects.exit('colonContainerName')
    if (code === codes.leftSquareBracket) return effects.attempt(label, openAfter, titleStart)(code)
    return markdownSpace(code) ? factorySpace(effects, titleStart, types.whitespace)(code) : titleStart(code)
  }

  /** VitePress's title: the rest of the line, as inline Markdown. */
  function titleStart(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return openAfter(code)
    effects.enter('colonContainerTitle')
    effects.enter(types.chunkText, { contentType: constants.contentTypeText })
    return title(code)
  }

  function title(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      effects.exit(types.chunkText)
      effects.exit('colonContainerTitle')
      return openAfter(code)
    }
    effects.consume(code)
    return title
  }

  function openAfter(code: Code): State | undefined {
    effects.exit('colonContainerFence')
    // Only asked whether a container starts here (to interrupt a paragraph): it does. Nothing
    // is recorded for a question.
    if (self.interrupt) return ok(code)
    if (code === codes.eof) return end(code)
    if (depthAt(self.parser, container!.start.offset) >= maximumDepth) {
      container!._colonContainerTooDeep = true
      return end(code)
    }
    return effects.attempt(nonLazyLine, lineStart, end)(code)
  }

  function lineStart(code: Code): State | undefined {
    if (code === codes.eof) return end(code)
    closerIndentLimit = Math.min(lines.closerIndentLimit(initialSize), constants.tabSize)
    if (closerIndentLimit > 0) return effects.attempt(closingFence, closed, lineContent)(code)
    return lineContent(code)
  }

  function lineContent(code: Code): State | undefined {
    // Entered at the first content line, so a container with none has no empty token.
    content ??= effects.enter('colonContainerContent')
    return initialSize > 0 && markdownSpace(code) ? factorySpace(effects, chunkStart, types.linePrefix, initialSize + 1)(code) : chunkStart(code)
  }

  function chunkStart(code: Code): State | undefined {
    if (code === codes.eof) return end(code)
    // Each line is a chunk of one document, parsed after this construct is done.
    const chunk = effects.enter(types.chunkDocument, { contentType: constants.contentTypeDocument, previous: previousChunk })
    if (previousChunk) previousChunk.next = chunk
    previousChunk = chunk
    line = ''
    return chunkInside(code)
  }

  function chunkInside(code: Code): State | undefined {
    if (code === codes.eof) {
      exitChunk()
      return end(code)
    }
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, chunkLineEnding, lastChunkEnd)(code)
    // A tab is a horizontal tab code followed by virtual spaces up to the next tab stop: each
    // counts as one column, so the tracker sees the indentation markdown sees.
    line += code === codes.horizontalTab || code === codes.virtualSpace ? ' ' : String.fromCharCode(code)
    effects.consume(code)
    return chunkInside
  }

  function chunkLineEnding(code: Code): State | undefined {
    effects.consume(code)
    exitChunk()
    return lineStart
  }

  /** The next line is not in this container's parent (a lazy line): the parent ends, and so does this. */
  function lastChunkEnd(code: Code): State | undefined {
    exitChunk()
    return end(code)
  }

  function exitChunk(): void {
    const chunk = effects.exit(types.chunkDocument)
    // Whether a line is lazy is decided again when the content is parsed as a document.
    self.parser.lazy[chunk.start.line] = false
    lines.read(line, chunk.start.line)
  }

  /** Without a closing fence: at the end of the document or of the parent. */
  function end(code: Code): State | undefined {
    if (content) effects.exit('colonContainerContent')
    container!._colonContainerOpenCodeFence = lines.openCodeFenceLine()
    return exitContainer(code)
  }

  function closed(code: Code): State | undefined {
    if (content) effects.exit('colonContainerContent')
    return exitContainer(code)
  }

  function exitContainer(code: Code): State | undefined {
    const token = effects.exit('colonContainer')
    recordRange(self.parser, token.start.offset, token.end.offset)
    return ok(code)
  }

  function tokenizeClosingFence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    let size = 0
    return start

    function start(code: Code): State | undefined {
      // Up to three spaces (four would be indented code), or fewer (see LineTracker).
      return markdownSpace(code) ? factorySpace(effects, sequenceStart, types.linePrefix, closerIndentLimit)(code) : sequenceStart(code)
    }

    function sequenceStart(code: Code): State | undefined {
      if (code !== codes.colon) return nok(code)
      effects.enter('colonContainerClosingFence')
      effects.enter('colonContainerSequence')
      return sequence(code)
    }

    function sequence(code: Code): State | undefined {
      if (code === codes.colon) {
        effects.consume(code)
        size++
        return sequence
      }
      if (!lines.closes(size, sizeOpen)) return nok(code)
      effects.exit('colonContainerSequence')
      return markdownSpace(code) ? factorySpace(effects, after, types.whitespace)(code) : after(code)
    }

    function after(code: Code): State | undefined {
      if (code !== codes.eof && !markdownLineEnding(code)) return nok(code)
      effects.exit('colonContainerClosingFence')
      return ok(code)
    }
  }
}

/** Docusaurus's `[title]` right after the name, then optional `{attributes}`, then the line's end. */
function tokenizeLabel(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let depth = 0
  return start

  function start(code: Code): State | undefined {
    effects.enter('colonContainerLabel')
    marker(code)
    return inside
  }

  function marker(code: Code): void {
    effects.enter('colonContainerLabelMarker')
    effects.consume(code)
    effects.exit('colonContainerLabelMarker')
  }

  function inside(code: Code): State | undefined {
    if (code === codes.rightSquareBracket) return close(code)
    effects.enter('colonContainerTitle')
    effects.enter(types.chunkText, { contentType: constants.contentTypeText })
    return text(code)
  }

  function text(code: Code): State | undefined {
    // A label is one line: a bracket left open makes the whole rest of the line the title instead.
    if (code === codes.eof || markdownLineEnding(code)) return nok(code)
    if (code === codes.rightSquareBracket && depth === 0) {
      effects.exit(types.chunkText)
      effects.exit('colonContainerTitle')
      return close(code)
    }
    if (code === codes.leftSquareBracket) depth++
    else if (code === codes.rightSquareBracket) depth--
    effects.consume(code)
    return code === codes.backslash ? escaped : text
  }

  /** After `\`: the next character is the writer's, never the label's end (`[a \] b]`). */
  function escaped(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return text(code)
    effects.consume(code)
    return text
  }

  function close(code: Code): State | undefined {
    marker(code)
    effects.exit('colonContainerLabel')
    return afterLabel
  }

  function afterLabel(code: Code): State | undefined {
    if (markdownSpace(code)) return factorySpace(effects, attributesStart, types.whitespace)(code)
    return attributesStart(code)
  }

  function attributesStart(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return lineEnd(code)
    effects.enter('colonContainerAttributes')
    effects.consume(code)
    return attributes
  }

  function attributes(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code)
    effects.consume(code)
    if (code !== codes.rightCurlyBrace) return attributes
    effects.exit('colonContainerAttributes')
    return afterAttributes
  }

  function afterAttributes(code: Code): State | undefined {
    return markdownSpace(code) ? factorySpace(effects, lineEnd, types.whitespace)(code) : lineEnd(code)
  }

  function lineEnd(code: Code): State | undefined {
    return code === codes.eof || markdownLineEnding(code) ? ok(code) : nok(code)
  }
}

/** A line of three or more colons and nothing else that no open container takes as its closer. */
function tokenizeUnmatchedFence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0
  return start

  function start(code: Code): State | undefined {
    effects.enter('colonFenceUnmatched')
    effects.enter('colonContainerSequence')
    return sequence(code)
  }

  function sequence(code: Code): State | undefined {
    if (code === codes.colon) {
      effects.consume(code)
      size++
      return sequence
    }
    if (size < minimumFence) return nok(code)
    effects.exit('colonContainerSequence')
    return markdownSpace(code) ? factorySpace(effects, after, types.whitespace)(code) : after(code)
  }

  function after(code: Code): State | undefined {
    if (code !== codes.eof && !markdownLineEnding(code)) return nok(code)
    effects.exit('colonFenceUnmatched')
    return ok(code)
  }
}

/** At a line ending: whether the next line still belongs to the parent (is not a lazy line). */
function tokenizeNonLazyLine(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this
  return start

  function start(code: Code): State | undefined {
    effects.enter(types.lineEnding)
    effects.consume(code)
    effects.exit(types.lineEnding)
    return lineStart
  }

  function lineStart(code: Code): State | undefined {
    return self.parser.lazy[self.now().line] ? nok(code) : ok(code)
  }
}

// A line as the tracker reads it: indentation, list markers, then a run of fence characters.
const fenceLine = /^( *)((?:(?:[-+*]|\d{1,9}[.)]) +)*)(`{3,}|~{3,}|:{3,})(.*)$/

interface CodeFence {
  marker: string
  size: number
  /** Column of the fence characters: the content column of the list item it may be in. */
  column: number
  line: number
}

/**
 * What a container needs to know of its content lines before that content is parsed: whether a
 * colon line there can be its own closer. It cannot inside a fenced code block, nor when it
 * closes a container opened in the content (see `closes`). A light reading of each line, not a
 * parse:
 * - a code fence opens on a line of three or more backticks or tildes (a backtick fence's info
 *   has no backtick), indented up to three spaces, perhaps after list markers (`- ```js`); it
 *   closes on a line of at least as many of the same character, or where a line is indented less
 *   than the fence (the list item holding it has ended, which ends the code too);
 * - a container opens on a line of three or more colons followed by anything, perhaps after list
 *   markers, and closes on a line of colons only (`closes`).
 * Raw HTML is not followed: VitePress pages end a container right after `</details>`, which an
 * HTML block would take in. Lines in a quote (`> `) are skipped: they can close nothing here.
 */
class LineTracker {
  private fence: CodeFence | undefined
  private readonly open: number[] = []

  /**
   * Below what indentation the next line may close the container this tracks (0: it may not).
   * Inside a code fence in a list item, a line indented less than the fence ends the item, and
   * the fence with it, so it may be the closer. `initialSize` is the indentation the container's
   * lines lose before the tracker reads them; the closer is matched on the line as written.
   */
  closerIndentLimit(initialSize: number): number {
    if (this.fence === undefined) return Number.POSITIVE_INFINITY
    return this.fence.column === 0 ? 0 : this.fence.column + initialSize
  }

  /** The line of a code fence still open, if any. */
  openCodeFenceLine(): number | undefined {
    return this.fence?.line
  }

  /**
   * Whether a closing line of `size` colons closes the container this tracks, opened with
   * `ownSize`. A closer closes the innermost open container with exactly as many colons (closers
   * are written like their openers: `::::` after `:::: details` … `::: tip` closes the details,
   * and the tip, left open, ends with it); failing that, the innermost it is long enough for.
   * Every container in a nest applies this one rule to the lines it sees, so they agree on it.
   */
  closes(size: number, ownSize: number): boolean {
    if (this.open.includes(size)) return false
    if (ownSize === size) return true
    return ownSize < size && !this.open.some((open) => open <= size)
  }

  /** How many of the open containers inside stay open after a closing line of `size` colons (see `closes`). */
  private closedBy(size: number): number {
    const exact = this.open.lastIndexOf(size)
    if (exact !== -1) return exact
    for (let index = this.open.length - 1; index >= 0; index--) if (this.open[index]! <= size) return index
    return this.open.length
  }

  read(text: string, lineNumber: number): void {
    const fence = this.fence
    if (fence !== undefined) {
      if (text.trim() === '') return
      const indent = text.length - text.trimStart().length
      if (fence.column === 0 || indent >= fence.column) {
        const match = fenceLine.exec(text)
        if (match && match[2] === '' && indent <= fence.column + 3 && match[3]!.startsWith(fence.marker) && match[3]!.length >= fence.size && match[4]!.trim() === '') {
          this.fence = undefined
        }
        return
      }
      this.fence = undefined
    }
    const match = fenceLine.exec(text)
    if (!match || match[1]!.length > 3) return
    const [, indent, markers, run, rest] = match as unknown as [string, string, string, string, string]
    if (run.startsWith(':')) {
      if (rest.trim() !== '') this.open.push(run.length)
      else if (markers === '') this.open.length = this.closedBy(run.length)
      return
    }
    if (run.startsWith('`') && rest.includes('`')) return
    this.fence = { marker: run.charAt(0), size: run.length, column: indent.length + markers.length, line: lineNumber }
  }
}
