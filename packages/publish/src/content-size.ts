/** Characters as Weixin counts them (code points) and UTF-8 bytes of the exact content. */
export function contentSize(html: string): { characters: number; bytes: number } {
  let characters = 0
  for (let i = 0; i < html.length; i++) {
    const code = html.charCodeAt(i)
    // A surrogate pair is one character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < html.length) i++
    characters++
  }
  return { characters, bytes: Buffer.byteLength(html, 'utf8') }
}
