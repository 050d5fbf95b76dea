/** The parameters of a shortcode, as Hugo hands them to its template (`.Get 0`, `.Get "src"`). */
export interface ShortcodeArguments {
  positional: string[]
  named: Map<string, string>
}

/**
 * Splits `go "linenos=table,hl_lines=8 15-17"` or `src="a.png" title=标题 caption=`多行``
 * as Hugo's shortcode lexer does: white space separates parameters; a value is a `"…"` string
 * (backslash escapes inside), a `` `…` `` raw string (kept as written, line breaks and all), or
 * a run of other characters; `name=value` is a named parameter. Hugo refuses a shortcode that
 * mixes both kinds; here both are kept, the template's reading decides.
 */
export function splitShortcodeArguments(text: string): ShortcodeArguments {
  const result: ShortcodeArguments = { positional: [], named: new Map() }
  let index = 0
  const skipSpace = (): void => {
    while (index < text.length && /\s/.test(text.charAt(index))) index++
  }
  for (skipSpace(); index < text.length; skipSpace()) {
    const key = /^([A-Za-z_][\w-]*)[ \t]*=[ \t]*/.exec(text.slice(index))
    if (key) index += key[0].length
    const value = readValue()
    if (key) result.named.set(key[1]!, value)
    else result.positional.push(value)
  }
  return result

  function readValue(): string {
    const quote = text.charAt(index)
    if (quote === '"' || quote === '`') {
      const close = closingQuote(text, index)
      if (close !== -1) {
        const inside = text.slice(index + 1, close)
        index = close + 1
        return quote === '"' ? inside.replace(/\\(.)/g, '$1') : inside
      }
    }
    const start = index
    while (index < text.length && !/\s/.test(text.charAt(index))) index++
    return text.slice(start, index)
  }
}

function closingQuote(text: string, open: number): number {
  const quote = text.charAt(open)
  for (let index = open + 1; index < text.length; index++) {
    const char = text.charAt(index)
    if (char === '\\' && quote === '"') index++
    else if (char === quote) return index
  }
  return -1
}
