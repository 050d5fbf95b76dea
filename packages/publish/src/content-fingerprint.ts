import { createHash } from 'node:crypto'

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/**
 * What identifies an article's content once Weixin has stored it: the hash of its text, without
 * markup and whitespace. The backend rewrites markup (drops scripts and foreign pictures, unwraps
 * links, may turn `src` into `data-src` or `&nbsp;` into U+00A0) but keeps the words, so the
 * article a lost answer created is recognised in draft/batchget by this and its title.
 */
export function contentFingerprint(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => decodeEntity(name) ?? entity)
    .replace(/\s+/g, '')
  return createHash('sha256').update(text).digest('hex').slice(0, 32)
}

function decodeEntity(name: string): string | undefined {
  if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()]
  const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10)
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined
}
