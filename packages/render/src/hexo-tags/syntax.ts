import { factorySpace } from 'micromark-factory-space'
import { asciiAlpha, asciiAlphanumeric, markdownLineEnding, markdownSpace } from 'micromark-util-character'
import { codes, types } from 'micromark-util-symbol'
import type { Code, Construct, Effects, Extension, State, TokenizeContext, Tokenizer, TokenType } from 'micromark-util-types'

/**
 * Hexo's tag plugins (`{% name arguments %}`) for micromark. No unified extension parses them:
 * the collective's micromark-extension-directive reads `:::name`, none found on npm reads
 * `{% %}`, and the Nunjucks and Liquid parsers are template engines that know nothing of
 * Markdown (Hexo itself runs Nunjucks over the text before Markdown, which a syntax tree cannot
 * do). So the constructs are written here:
 *
 * - in flow, a line that is one tag (`{% note info 标题 %}`, `{% endnote %}`), after indentation
 *   and inside lists and quotes. A tag that names Markdown content (`note`, `blockquote`) stays a
 *   marker here; the remark plugin pairs opening and end tags in the tree. The raw-content tags
 *   (`codeblock`, `code`, `raw`) take the lines up to their end tag like a fenced code block
 *   takes its lines, so their content is never read as Markdown or as tags. A raw-content tag
 *   whose end tag is not found in its container is no block: the line is read as a paragraph.
 * - in text, a tag inside a paragraph (`见 {% post_link hello %}。`), also a raw-content tag with
 *   its content and end tag on the same line (or lines of the same paragraph).
 *
 * A tag is `{%`, optional spaces, a name (a letter or `_`, then letters, digits, `_`, `-`),
 * then anything up to the first `%}` on the same line. A `%}` written twice
 * (`{% note warn %} %}`) is taken with the tag, so the plugin can report it. Tags that only make
 * sense inside text (`post_link`, `asset_img`…) are never a block, so a line holding one stays in
 * its paragraph; a tag no one knows starts a block only where a paragraph could start, it does
 * not break a paragraph as the known block tags do.
 */

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    /** A tag on a line of its own, with the content and end tag of a raw-content tag. */
    hexoTagFlow: 'hexoTagFlow'
    /** A tag in text, with the content and end tag of a raw-content tag when they follow. */
    hexoTagText: 'hexoTagText'
    /** `{% name arguments %}`. */
    hexoTagOpening: 'hexoTagOpening'
    /** The end tag of a raw-content tag: `{% endcodeblock %}`. */
    hexoTagEnd: 'hexoTagEnd'
    /** A `%}` written again right after a tag's own. */
    hexoTagStray: 'hexoTagStray'
    /** Raw content, one piece of a line at a time. */
    hexoTagValue: 'hexoTagValue'
  }
}

/**
 * Tags whose content is raw: code (Hexo's `codeblock`, Jekyll's `highlight`: the same Liquid-like
 * syntax), or the author's HTML. Their content is never parsed.
 */
export const rawTagNames: ReadonlySet<string> = new Set(['codeblock', 'code', 'highlight', 'raw'])

/** Tags that give text, a link or an image: they belong in a paragraph. */
export const inlineTagNames: ReadonlySet<string> = new Set([
  'post_link', 'post_path', 'asset_path', 'asset_link', 'asset_img', 'img', 'image', 'link', 'url_for', 'full_url_for',
])

/** Known tags that make a block of their own (with their end tags): they break a paragraph. */
const blockTagNames: ReadonlySet<string> = new Set([
  'note', 'blockquote', 'quote', 'pullquote', 'iframe', 'youtube', 'vimeo', 'video', 'jsfiddle', 'gist',
  ...rawTagNames,
])

function breaksParagraph(name: string): boolean {
  return blockTagNames.has(name) || (name.startsWith('end') && blockTagNames.has(name.slice(3)))
}

export function hexoTagsSyntax(): Extension {
  const flow: Construct = { name: 'hexoTagFlow', tokenize: tokenizeFlow, concrete: true }
  const text: Construct = { name: 'hexoTagText', tokenize: tokenizeText }
  return { flow: { [codes.leftCurlyBrace]: flow }, text: { [codes.leftCurlyBrace]: text } }
}

/**
 * `{% name arguments %}` as one token of `type`, on one line. `accept` sees the name as soon as
 * it is read and may refuse it (a flow tag that belongs in text, an end tag of another name).
 */
function factoryTag(effects: Effects, ok: State, nok: State, type: TokenType, accept: (name: string) => boolean): State {
  let name = ''
  return start

  function start(code: Code): State | undefined {
    if (code !== codes.leftCurlyBrace) return nok(code)
    effects.enter(type)
    effects.consume(code)
    return percent
  }

  function percent(code: Code): State | undefined {
    if (code !== codes.percentSign) return nok(code)
    effects.consume(code)
    return beforeName
  }

  function beforeName(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code)
      return beforeName
    }
    if (!asciiAlpha(code) && code !== codes.underscore) return nok(code)
    return inName(code)
  }

  function inName(code: Code): State | undefined {
    if (asciiAlphanumeric(code) || code === codes.underscore || code === codes.dash) {
      name += String.fromCharCode(code!)
      effects.consume(code)
      return inName
    }
    if (!accept(name)) return nok(code)
    return markdownSpace(code) || code === codes.percentSign ? inArguments(code) : nok(code)
  }

  function inArguments(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) return nok(code)
    effects.consume(code)
    return code === codes.percentSign ? afterPercent : inArguments
  }

  function afterPercent(code: Code): State | undefined {
    if (code !== codes.rightCurlyBrace) return inArguments(code)
    effects.consume(code)
    effects.exit(type)
    return ok
  }
}

/** `[ \t]*%}`: one more closing marker after a tag's own. */
const tokenizeStray: Tokenizer = function (effects, ok, nok) {
  return start

  function start(code: Code): State | undefined {
    effects.enter('hexoTagStray')
    return before(code)
  }

  function before(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code)
      return before
    }
    if (code !== codes.percentSign) return nok(code)
    effects.consume(code)
    return brace
  }

  function brace(code: Code): State | undefined {
    if (code !== codes.rightCurlyBrace) return nok(code)
    effects.consume(code)
    effects.exit('hexoTagStray')
    return ok
  }
}

const stray: Construct = { tokenize: tokenizeStray, partial: true }

/**
 * Where the search for `{% end<name> %}` gave up, per tokenizer (its events list stands for it)
 * and name. A later raw-content tag of that name starting before that point would search the
 * same lines and give up too: without this, a document of many unclosed `{% raw %}` would be
 * searched to its end once per tag.
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
 * The content of a raw-content tag and its end tag `{% end<name> %}`: the end tag may follow
 * content on its line. In flow (`atLineEnd`), only an end tag that ends its line counts, each
 * line loses the indentation of the opening tag (as a fenced code block's lines do), and a lazy
 * line (not in the opening tag's quote or list) ends the search: no end tag, no block.
 */
function factoryRawContent(
  context: TokenizeContext,
  effects: Effects,
  ok: State,
  nok: State,
  name: string,
  flow: { prefix: number } | undefined,
): State {
  const end: Construct = { tokenize: tokenizeEnd, partial: true }
  return start

  function start(code: Code): State | undefined {
    return gaveUpAfter(context, name) ? nok(code) : body(code)
  }

  function fail(code: Code): State | undefined {
    giveUp(context, name)
    return nok(code)
  }

  function body(code: Code): State | undefined {
    if (code === codes.eof) return fail(code)
    if (markdownLineEnding(code)) {
      effects.enter(types.lineEnding)
      effects.consume(code)
      effects.exit(types.lineEnding)
      return lineStart
    }
    if (code === codes.leftCurlyBrace) return effects.attempt(end, ok, valueStart)(code)
    return valueStart(code)
  }

  function lineStart(code: Code): State | undefined {
    if (flow === undefined) return body(code)
    if (context.parser.lazy[context.now().line]) return fail(code)
    return flow.prefix > 0 && markdownSpace(code) ? factorySpace(effects, body, types.linePrefix, flow.prefix + 1)(code) : body(code)
  }

  function valueStart(code: Code): State | undefined {
    effects.enter('hexoTagValue')
    effects.consume(code)
    return value
  }

  function value(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code) || code === codes.leftCurlyBrace) {
      effects.exit('hexoTagValue')
      return body(code)
    }
    effects.consume(code)
    return value
  }

  function tokenizeEnd(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    return factoryTag(effects, afterEnd, nok, 'hexoTagEnd', (found) => found === `end${name}`)

    function afterEnd(code: Code): State | undefined {
      if (flow === undefined) return ok(code)
      return markdownSpace(code) ? factorySpace(effects, atLineEnd, types.whitespace)(code) : atLineEnd(code)
    }

    function atLineEnd(code: Code): State | undefined {
      return code === codes.eof || markdownLineEnding(code) ? ok(code) : nok(code)
    }
  }
}

const tokenizeFlow: Tokenizer = function (effects, ok, nok) {
  const self = this
  let name = ''
  let prefix = 0
  return start

  function start(code: Code): State | undefined {
    const tail = self.events[self.events.length - 1]
    prefix = tail && tail[1].type === types.linePrefix ? tail[2].sliceSerialize(tail[1], true).length : 0
    effects.enter('hexoTagFlow')
    return factoryTag(effects, afterTag, nok, 'hexoTagOpening', (found) => {
      name = found
      return !inlineTagNames.has(found) && (!self.interrupt || breaksParagraph(found))
    })(code)
  }

  function afterTag(code: Code): State | undefined {
    if (markdownSpace(code)) return factorySpace(effects, afterTag, types.whitespace)(code)
    if (code === codes.percentSign) return effects.attempt(stray, afterTag, nok)(code)
    if (code !== codes.eof && !markdownLineEnding(code)) return nok(code)
    // When breaking a paragraph, the opening line is enough (as for a fenced code block); the
    // block itself is then tried again, and looks for the end tag.
    if (!rawTagNames.has(name) || self.interrupt) return done(code)
    return factoryRawContent(self, effects, done, nok, name, { prefix })(code)
  }

  function done(code: Code): State | undefined {
    effects.exit('hexoTagFlow')
    return ok(code)
  }
}

const tokenizeText: Tokenizer = function (effects, ok, nok) {
  const self = this
  let name = ''
  const rawContent: Construct = {
    partial: true,
    tokenize: (effects, ok, nok) => factoryRawContent(self, effects, ok, nok, name, undefined),
  }
  return start

  function start(code: Code): State | undefined {
    // `{{% x %}}` is a Hugo shortcode (remark-weixin-hugo-shortcodes), not a tag inside braces.
    if (self.previous === codes.leftCurlyBrace) return nok(code)
    effects.enter('hexoTagText')
    return factoryTag(effects, afterTag, nok, 'hexoTagOpening', (found) => {
      name = found
      return true
    })(code)
  }

  function afterTag(code: Code): State | undefined {
    // A raw-content tag without its end tag is still a tag: the plugin reports it.
    if (rawTagNames.has(name)) return effects.attempt(rawContent, done, done)(code)
    return effects.attempt(stray, afterTag, done)(code)
  }

  function done(code: Code): State | undefined {
    effects.exit('hexoTagText')
    return ok(code)
  }
}
