import { decodeEntities, tokenizeHtml } from './html-tokenizer.js'

/** The visible text of an HTML fragment, whitespace collapsed: for digests and plain-text posts. */
export function textOf(html: string): string {
  let text = ''
  for (const token of tokenizeHtml(html)) {
    if (token.kind === 'text') text += decodeEntities(token.raw)
    else if (token.kind === 'start' && /^(?:br|p|section|div|li|h[1-6])$/i.test(token.name)) text += ' '
  }
  return text.replace(/\s+/g, ' ').trim()
}
