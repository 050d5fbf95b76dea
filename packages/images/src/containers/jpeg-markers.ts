/**
 * Walks a JPEG's marker segments up to the scan and checks the end of the file, to decide
 * whether it can be passed through untouched. sharp's metadata sees EXIF, ICC, XMP and IPTC,
 * but not comments (COM), other APPn blocks (Ducky, Photoshop, maker data) or bytes appended
 * after the image (phones append whole videos to "motion photos").
 */
export interface JpegLayout {
  /** Only JFIF (APP0) and the segments needed to decode: no APP1–APP15, no COM. */
  metadataFree: boolean
  /** The file ends with the End Of Image marker and nothing after it. */
  endsCleanly: boolean
}

const SOS = 0xda
const APP0 = 0xe0
const APP15 = 0xef
const COM = 0xfe

export function jpegLayout(data: Uint8Array): JpegLayout {
  let metadataFree = true
  let offset = 2
  while (offset + 4 <= data.length) {
    if (data[offset] !== 0xff) return { metadataFree: false, endsCleanly: false }
    const marker = data[offset + 1]!
    if (marker === 0xff) {
      offset++ // fill byte
      continue
    }
    if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      offset += 2 // markers without a length
      continue
    }
    const length = (data[offset + 2]! << 8) | data[offset + 3]!
    if ((marker > APP0 && marker <= APP15) || marker === COM) metadataFree = false
    if (marker === SOS) break
    offset += 2 + length
  }
  const endsCleanly = data.length >= 4 && data[data.length - 2] === 0xff && data[data.length - 1] === 0xd9
  return { metadataFree, endsCleanly }
}
