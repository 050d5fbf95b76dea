import { ImageError } from '../errors.js'

/**
 * Removes metadata from a GIF without re-encoding it: comment extensions, and application
 * extensions other than the loop count (XMP, ICC and vendor data ride in those). Re-encoding
 * an animated GIF would cost seconds and usually make it bigger; copying blocks costs nothing.
 */
export interface CleanGif {
  /** The same bytes when nothing had to go, so a clean GIF is passed through byte for byte. */
  data: Uint8Array
  frames: number
  width: number
  height: number
  removedMetadata: boolean
}

const EXTENSION = 0x21
const IMAGE = 0x2c
const TRAILER = 0x3b
const COMMENT = 0xfe
const APPLICATION = 0xff
const LOOP_APPLICATIONS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0'])

export function cleanGif(data: Uint8Array, source: string): CleanGif {
  const damaged = (): ImageError =>
    new ImageError('MDWX_IMAGE_DECODE', source, `${source}: the GIF is truncated or damaged`, {
      hint: 'Download or export the GIF again.',
    })
  if (data.length < 13) throw damaged()
  const width = data[6]! | (data[7]! << 8)
  const height = data[8]! | (data[9]! << 8)
  const flags = data[10]!
  let offset = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0)
  const kept: Array<[number, number]> = [[0, offset]]
  let frames = 0
  let removed = false

  const skipSubBlocks = (from: number): number => {
    let at = from
    for (;;) {
      if (at >= data.length) throw damaged()
      const size = data[at]!
      at += 1 + size
      if (size === 0) return at
    }
  }

  for (;;) {
    if (offset >= data.length) throw damaged()
    const introducer = data[offset]!
    if (introducer === TRAILER) {
      kept.push([offset, offset + 1])
      removed ||= offset + 1 !== data.length
      break
    }
    if (introducer === IMAGE) {
      if (offset + 10 > data.length) throw damaged()
      const local = data[offset + 9]!
      const afterDescriptor = offset + 10 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0)
      const end = skipSubBlocks(afterDescriptor + 1) // +1: the LZW minimum code size
      kept.push([offset, end])
      frames++
      offset = end
      continue
    }
    if (introducer !== EXTENSION || offset + 2 > data.length) throw damaged()
    const label = data[offset + 1]!
    const end = skipSubBlocks(offset + 2)
    const application = label === APPLICATION ? String.fromCharCode(...data.subarray(offset + 3, offset + 14)) : ''
    const isMetadata = label === COMMENT || (label === APPLICATION && !LOOP_APPLICATIONS.has(application))
    if (isMetadata) removed = true
    else kept.push([offset, end])
    offset = end
  }
  if (frames === 0) throw damaged()
  const cleaned = removed ? concat(data, kept) : data
  return { data: cleaned, frames, width, height, removedMetadata: removed }
}

function concat(data: Uint8Array, ranges: Array<[number, number]>): Uint8Array {
  const out = new Uint8Array(ranges.reduce((sum, [start, end]) => sum + end - start, 0))
  let at = 0
  for (const [start, end] of ranges) {
    out.set(data.subarray(start, end), at)
    at += end - start
  }
  return out
}
