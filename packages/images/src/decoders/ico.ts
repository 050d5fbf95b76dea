import { ImageError } from '../errors.js'
import { decodeDib } from './bmp.js'
import type { RawImage } from './raw-image.js'

/** An ICO holds several pictures of the same icon; the largest one is the one worth showing. */
export type IcoEntry = { kind: 'png'; data: Uint8Array } | { kind: 'bmp'; image: RawImage }

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47]

export function largestIcoEntry(file: Uint8Array, source: string, maxPixels: number): IcoEntry {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
  const count = view.getUint16(4, true)
  let best: { area: number; bpp: number; offset: number; size: number } | undefined
  for (let i = 0; i < count; i++) {
    const entry = 6 + i * 16
    if (entry + 16 > file.length) break
    // A stored width or height of 0 means 256.
    const width = file[entry]! || 256
    const height = file[entry + 1]! || 256
    const bpp = view.getUint16(entry + 6, true)
    const size = view.getUint32(entry + 8, true)
    const offset = view.getUint32(entry + 12, true)
    if (offset + size > file.length || size === 0) continue
    const area = width * height
    if (best === undefined || area > best.area || (area === best.area && bpp > best.bpp)) best = { area, bpp, offset, size }
  }
  if (best === undefined) {
    throw new ImageError('MDWX_IMAGE_DECODE', source, `${source}: the ICO file holds no readable picture`, {
      hint: 'The icon is damaged: export it again, or use a PNG instead.',
    })
  }
  const data = file.subarray(best.offset, best.offset + best.size)
  if (PNG_SIGNATURE.every((b, i) => data[i] === b)) return { kind: 'png', data }
  return { kind: 'bmp', image: decodeDib(data, { source, maxPixels, icon: true }) }
}
