import sharp from 'sharp'
import type { NormalizedImage } from '@mdwx/images'

/** Weixin's limits, checked on the output bytes themselves rather than on what mdwx reports. */
const UPLOADIMG_MAX_BYTES = 1024 * 1024
const MATERIAL_MAX_BYTES = 10 * 1024 * 1024

function magic(data: Uint8Array): 'jpeg' | 'png' | 'gif' | 'other' {
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg'
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'png'
  if (String.fromCharCode(...data.subarray(0, 4)) === 'GIF8') return 'gif'
  return 'other'
}

/** uploadimg: JPG/PNG under 1 MB; add_material: GIF up to 10 MB. */
export function weixinAccepts(image: NormalizedImage): boolean {
  const kind = magic(image.data)
  if (image.api === 'uploadimg') return (kind === 'jpeg' || kind === 'png') && image.data.length < UPLOADIMG_MAX_BYTES
  return kind === 'gif' && image.data.length <= MATERIAL_MAX_BYTES
}

/** No EXIF, XMP, IPTC or ICC profile left in the output (what sharp can see). */
export async function metadataFree(data: Uint8Array): Promise<boolean> {
  const metadata = await sharp(data).metadata()
  return !metadata.exif && !metadata.xmp && !metadata.iptc && !metadata.icc && (metadata.orientation ?? 1) === 1
}
