/**
 * Weixin shows `alt` nowhere a reader sees and keeps it short; a screen reader reads all of it.
 * A formula's or diagram's source beyond this many characters is cut, with an ellipsis.
 */
export const labelLength = 200

/** The source as one line, cut to `labelLength` characters (code points). */
export function shortLabel(source: string): string {
  const line = source.replace(/\s+/g, ' ').trim()
  const characters = Array.from(line)
  return characters.length <= labelLength ? line : `${characters.slice(0, labelLength - 1).join('')}…`
}
