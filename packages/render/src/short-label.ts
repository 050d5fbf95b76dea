/**
 * Weixin shows `alt` nowhere a reader sees and keeps it short; a screen reader reads all of it.
 * A formula's or diagram's source beyond this many characters is cut, with an ellipsis.
 */
export const labelLength = 200

/** The source as one line, cut to `length` characters (code points, default `labelLength`). */
export function shortLabel(source: string, length = labelLength): string {
  const line = source.replace(/\s+/g, ' ').trim()
  const characters = Array.from(line)
  return characters.length <= length ? line : `${characters.slice(0, length - 1).join('')}…`
}
