import { inflateSync } from 'node:zlib'

/**
 * Unpacks a WOFF 1.0 file into the SFNT (OpenType/TrueType) font it wraps, inflating its tables
 * with node:zlib. opentype.js reads WOFF itself, but with tiny-inflate 1.0.3, which fails
 * ("Data error") on a valid deflate stream: when the 3-bit header of a stored (uncompressed)
 * block ends exactly on a byte boundary, it rewinds its bit buffer one byte too few and reads the
 * block's length from the wrong place (foliojs/tiny-inflate#4). The `cmap` table of Noto Sans
 * SC's subset 101 (倚, 凄, 侮, 呻...) is such a stream in both weights, so every character of that
 * file failed, and the whole picture with it. Given the SFNT, opentype.js never inflates.
 *
 * WOFF2 (brotli with transformed `glyf`/`loca` tables) is not read here: every WOFF file of
 * `@fontsource/noto-sans-sc` reads once inflated by zlib.
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength)
  if (woff.byteLength < 44 || view.getUint32(0) !== 0x774f4646 /* wOFF */) throw new Error('not a WOFF file')
  const flavor = view.getUint32(4)
  const numTables = view.getUint16(12)
  if (numTables === 0 || 44 + numTables * 20 > woff.byteLength) throw new Error('the WOFF table directory is truncated')

  const tables: { tag: number; checksum: number; data: Uint8Array }[] = []
  for (let index = 0; index < numTables; index++) {
    const entry = 44 + index * 20
    const offset = view.getUint32(entry + 4)
    const compressedLength = view.getUint32(entry + 8)
    const length = view.getUint32(entry + 12)
    if (offset + compressedLength > woff.byteLength || compressedLength > length) throw new Error(`WOFF table ${tagName(view.getUint32(entry))} is out of bounds`)
    const stored = woff.subarray(offset, offset + compressedLength)
    // A table is compressed exactly when that made it shorter (WOFF 1.0, section 5).
    const data = compressedLength < length ? inflateSync(stored, { maxOutputLength: length }) : stored
    if (data.byteLength !== length) throw new Error(`WOFF table ${tagName(view.getUint32(entry))} inflates to ${data.byteLength} bytes, not ${length}`)
    tables.push({ tag: view.getUint32(entry), checksum: view.getUint32(entry + 16), data })
  }

  // The SFNT: offset table, table records (in the WOFF directory's order, which is by tag), then
  // each table at a 4-byte boundary, zero-padded.
  const headerLength = 12 + numTables * 16
  let total = headerLength
  for (const { data } of tables) total += padded(data.byteLength)
  const sfnt = new Uint8Array(total)
  const out = new DataView(sfnt.buffer)
  const power = 2 ** Math.floor(Math.log2(numTables))
  out.setUint32(0, flavor)
  out.setUint16(4, numTables)
  out.setUint16(6, power * 16)
  out.setUint16(8, Math.log2(power))
  out.setUint16(10, numTables * 16 - power * 16)
  let offset = headerLength
  tables.forEach(({ tag, checksum, data }, index) => {
    const record = 12 + index * 16
    out.setUint32(record, tag)
    out.setUint32(record + 4, checksum)
    out.setUint32(record + 8, offset)
    out.setUint32(record + 12, data.byteLength)
    sfnt.set(data, offset)
    offset += padded(data.byteLength)
  })
  return sfnt
}

function padded(length: number): number {
  return (length + 3) & ~3
}

function tagName(tag: number): string {
  return String.fromCharCode(tag >>> 24, (tag >>> 16) & 0xff, (tag >>> 8) & 0xff, tag & 0xff)
}
