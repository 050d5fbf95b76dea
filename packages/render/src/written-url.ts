/**
 * remark-rehype writes a Markdown link or image destination through micromark's `normalizeUri`,
 * which percent-encodes non-ASCII characters, spaces and a few ASCII symbols: `图片.png` becomes
 * `%E5%9B%BE%E7%89%87.png`. Whoever resolves the image needs the path as the author wrote it, so
 * this undoes exactly those encodings and leaves every other `%XX` (such as `%2F`) alone.
 */

/** ASCII characters `normalizeUri` encodes. */
const encodedAscii = new Set([...' "%<>[\\]^`{|}'])

export function writtenUrl(url: string): string {
  if (!url.includes('%')) return url
  return url.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodeRun)
}

/** Decodes one run of `%XX` escapes: UTF-8 sequences and the encoded ASCII set. */
function decodeRun(run: string): string {
  const escapes = run.match(/%[0-9A-Fa-f]{2}/g) ?? []
  let result = ''
  let index = 0
  while (index < escapes.length) {
    const escape = escapes[index]!
    const byte = Number.parseInt(escape.slice(1), 16)
    if (byte < 0x80) {
      const char = String.fromCharCode(byte)
      result += encodedAscii.has(char) ? char : escape
      index++
      continue
    }
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
    const sequence = escapes.slice(index, index + length).join('')
    result += decodeOrKeep(sequence)
    index += length
  }
  return result
}

function decodeOrKeep(sequence: string): string {
  try {
    return decodeURIComponent(sequence)
  } catch {
    return sequence
  }
}
