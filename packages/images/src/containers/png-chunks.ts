/**
 * Lists a PNG's chunks, to decide whether it can be passed through untouched: text chunks
 * (tEXt, zTXt, iTXt), eXIf, iCCP, tIME, APNG animation chunks and anything after IEND all
 * count as content we must not forward.
 */
const PASSABLE = new Set(['IHDR', 'PLTE', 'tRNS', 'sRGB', 'pHYs', 'IDAT', 'IEND'])

export interface PngLayout {
  metadataFree: boolean
  /** The chunk list is complete: it reaches IEND exactly at the end of the file. */
  endsCleanly: boolean
}

export function pngLayout(data: Uint8Array): PngLayout {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  let metadataFree = true
  let offset = 8
  while (offset + 12 <= data.length) {
    const length = view.getUint32(offset)
    const type = String.fromCharCode(...data.subarray(offset + 4, offset + 8))
    if (!PASSABLE.has(type)) metadataFree = false
    offset += 12 + length
    if (type === 'IEND') return { metadataFree, endsCleanly: offset === data.length }
  }
  return { metadataFree, endsCleanly: false }
}
