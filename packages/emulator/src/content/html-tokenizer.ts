export interface HtmlAttribute {
  /** As written (case kept: SVG attributes like viewBox are case-sensitive when serialised). */
  name: string
  /** Entity-decoded value; `undefined` for a bare attribute like `<input disabled>`. */
  value: string | undefined
}

export type HtmlToken =
  | { kind: 'text'; raw: string }
  | { kind: 'start'; name: string; attributes: HtmlAttribute[]; selfClosing: boolean; raw: string }
  | { kind: 'end'; name: string }
  | { kind: 'comment' }
  /** The unparsed content of a raw-text element (script, style, textarea, title...). */
  | { kind: 'rawtext'; raw: string }

/** Elements whose content is not markup: it runs to the matching end tag. */
export const rawTextElements: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes'])

/**
 * A small HTML tokenizer: enough for what renderers and editors produce, and total on garbage
 * (anything that is not a well-formed tag is text; it never throws).
 */
export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = []
  let position = 0
  let textStart = 0
  const flushText = (end: number): void => {
    if (end > textStart) tokens.push({ kind: 'text', raw: html.slice(textStart, end) })
  }
  while (position < html.length) {
    const lt = html.indexOf('<', position)
    if (lt === -1) break
    const next = html[lt + 1] ?? ''
    let consumed: { token: HtmlToken; end: number } | undefined
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4)
      consumed = { token: { kind: 'comment' }, end: close === -1 ? html.length : close + 3 }
    } else if (next === '!' || next === '?') {
      const close = html.indexOf('>', lt)
      consumed = { token: { kind: 'comment' }, end: close === -1 ? html.length : close + 1 }
    } else if (next === '/' && /[A-Za-z]/.test(html[lt + 2] ?? '')) {
      consumed = readEndTag(html, lt)
    } else if (/[A-Za-z]/.test(next)) {
      consumed = readStartTag(html, lt)
    }
    if (consumed === undefined) {
      position = lt + 1 // a lone "<" is text
      continue
    }
    flushText(lt)
    tokens.push(consumed.token)
    position = consumed.end
    textStart = position
    if (consumed.token.kind === 'start' && rawTextElements.has(consumed.token.name.toLowerCase())) {
      const name = consumed.token.name.toLowerCase()
      const close = findEndTag(html, name, position)
      tokens.push({ kind: 'rawtext', raw: html.slice(position, close) })
      position = close
      textStart = position
    }
  }
  flushText(html.length)
  return tokens
}

function findEndTag(html: string, name: string, from: number): number {
  const lower = html.toLowerCase()
  let at = from
  for (;;) {
    const found = lower.indexOf(`</${name}`, at)
    if (found === -1) return html.length
    const after = lower[found + name.length + 2] ?? ''
    if (after === '' || after === '>' || after === '/' || /\s/.test(after)) return found
    at = found + 1
  }
}

function readEndTag(html: string, lt: number): { token: HtmlToken; end: number } | undefined {
  const match = /^<\/([A-Za-z][A-Za-z0-9:-]*)(?:[\s/][^>]*)?>/.exec(html.slice(lt, lt + 1024))
  if (!match) return undefined
  return { token: { kind: 'end', name: match[1] ?? '' }, end: lt + match[0].length }
}

function readStartTag(html: string, lt: number): { token: HtmlToken; end: number } | undefined {
  let position = lt + 1
  while (position < html.length && !/[\s/>]/.test(html[position] ?? '')) position++
  const name = html.slice(lt + 1, position)
  // Stricter than the HTML spec on purpose: "a<b</p>" is text, not an element named "b<".
  if (!/^[A-Za-z][A-Za-z0-9:-]*$/.test(name)) return undefined
  const attributes: HtmlAttribute[] = []
  for (;;) {
    while (/[\s/]/.test(html[position] ?? '') && !html.startsWith('/>', position)) position++
    if (position >= html.length) return undefined // unterminated tag: the caller keeps it as text
    if (html.startsWith('/>', position)) return { token: { kind: 'start', name, attributes, selfClosing: true, raw: html.slice(lt, position + 2) }, end: position + 2 }
    if (html[position] === '>') return { token: { kind: 'start', name, attributes, selfClosing: false, raw: html.slice(lt, position + 1) }, end: position + 1 }
    const nameStart = position
    position++ // an attribute name may start with any character, even "="
    while (position < html.length && !/[\s/>=]/.test(html[position] ?? '')) position++
    const attributeName = html.slice(nameStart, position)
    while (/\s/.test(html[position] ?? '')) position++
    if (html[position] !== '=') {
      attributes.push({ name: attributeName, value: undefined })
      continue
    }
    position++
    while (/\s/.test(html[position] ?? '')) position++
    const quote = html[position]
    let rawValue: string
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, position + 1)
      if (close === -1) return undefined
      rawValue = html.slice(position + 1, close)
      position = close + 1
    } else {
      const valueStart = position
      while (position < html.length && !/[\s>]/.test(html[position] ?? '')) position++
      rawValue = html.slice(valueStart, position)
    }
    attributes.push({ name: attributeName, value: decodeEntities(rawValue) })
  }
}

const namedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '\u00a9',
  reg: '\u00ae',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  laquo: '\u00ab',
  raquo: '\u00bb',
  ldquo: '\u201c',
  rdquo: '\u201d',
  lsquo: '\u2018',
  rsquo: '\u2019',
  middot: '\u00b7',
  times: '\u00d7',
}

/** Decodes character references in an attribute value; unknown ones stay as written. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10)
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd'
    }
    return namedEntities[body] ?? whole
  })
}
