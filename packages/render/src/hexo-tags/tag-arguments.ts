/** One argument of a Hexo tag, as Hexo hands it to the tag's function. */
export interface TagArgument {
  /** The text, without its quotes and with `\"`-style escapes resolved. */
  value: string
  /** Whether any part of it was quoted: `"two words"` is one argument, and never a keyword. */
  quoted: boolean
}

const escapes: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r' }

/**
 * The arguments of `{% name arguments %}`, split the way Hexo splits them: Nunjucks lexes the
 * tag, and Hexo joins the pieces between two runs of whitespace into one argument. So spaces
 * separate arguments, a quoted string (`"…"` or `'…'`, with backslash escapes inside) keeps its
 * spaces, and pieces written next to each other are one argument (`a"b c"` is `ab c`). Where
 * Nunjucks would fail on a quote that is never closed (`Don't`), the quote is kept as a
 * character: a writer's apostrophe is not an error worth losing the tag for.
 */
export function splitTagArguments(text: string): TagArgument[] {
  const result: TagArgument[] = []
  let value = ''
  let quoted = false
  let inArgument = false
  let index = 0
  while (index < text.length) {
    const char = text.charAt(index)
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      if (inArgument) result.push({ value, quoted })
      value = ''
      quoted = false
      inArgument = false
      index++
      continue
    }
    inArgument = true
    if (char === '"' || char === "'") {
      const close = closingQuote(text, index)
      if (close !== -1) {
        value += unescape(text.slice(index + 1, close))
        quoted = true
        index = close + 1
        continue
      }
    }
    value += char
    index++
  }
  if (inArgument) result.push({ value, quoted })
  return result
}

/** The arguments as one string, one space between them: how Hexo reads a title of several words. */
export function joinArguments(args: readonly TagArgument[]): string {
  return args.map((argument) => argument.value).join(' ')
}

function closingQuote(text: string, open: number): number {
  const quote = text.charAt(open)
  for (let index = open + 1; index < text.length; index++) {
    const char = text.charAt(index)
    if (char === '\\') index++
    else if (char === quote) return index
  }
  return -1
}

function unescape(inside: string): string {
  return inside.replace(/\\([\s\S])/g, (_, char: string) => escapes[char] ?? char)
}
