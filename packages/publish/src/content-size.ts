/**
 * Characters and UTF-8 bytes of the exact content. Characters are UTF-16 code units, the stricter
 * of the counts Weixin may use (see weixin-limits.ts), so `check` reports the number its limit
 * error quotes.
 */
export function contentSize(html: string): { characters: number; bytes: number } {
  return { characters: html.length, bytes: Buffer.byteLength(html, 'utf8') }
}
