/** The code points of a CSS unicode-range (`U+4E00-4E05,U+4E07`), ascending as written; parts that are not ranges are skipped. */
export function codePointsOf(unicodeRange: string): number[] {
  const codePoints: number[] = []
  for (const part of unicodeRange.split(',')) {
    const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-').map((hex) => Number.parseInt(hex, 16))
    if (from === undefined || to === undefined || !Number.isFinite(from) || !Number.isFinite(to)) continue
    for (let codePoint = from; codePoint <= to; codePoint++) codePoints.push(codePoint)
  }
  return codePoints
}
