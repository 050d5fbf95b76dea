import sharp from 'sharp'

/**
 * What the strategy is measured against, on the same input in the same run:
 * - the floor: one decode and one encode, to the output format mdwx chose, at the same width
 *   (JPEG at quality 80; PNG full colour with the same settings; an animated GIF decoded and
 *   encoded once). No strategy can do less work and still produce that output;
 * - the naive loop peers use: JPEG at quality 90, down by 10 until under the limit, resizing
 *   (by 20 %) only once quality has bottomed out at 10.
 */
export async function floorEncode(data: Buffer, format: 'jpeg' | 'png' | 'gif', maxWidth: number): Promise<Buffer> {
  const resize = { width: maxWidth, withoutEnlargement: true }
  if (format === 'gif') return sharp(data, { animated: true }).resize(resize).gif().toBuffer()
  const image = sharp(data, { autoOrient: true }).resize(resize)
  return (format === 'png' ? image.png() : image.jpeg({ quality: 80 })).toBuffer()
}

export interface NaiveResult {
  data: Buffer
  encodes: number
}

export async function naiveQualityLoop(data: Buffer, maxBytes: number): Promise<NaiveResult> {
  let quality = 90
  let width: number | undefined
  for (let encodes = 1; ; encodes++) {
    const image = sharp(data, { autoOrient: true })
    if (width !== undefined) image.resize({ width })
    const { data: out, info } = await image.flatten({ background: '#ffffff' }).jpeg({ quality }).toBuffer({ resolveWithObject: true })
    if (out.length < maxBytes) return { data: out, encodes }
    if (quality > 10) quality -= 10
    else width = Math.round(info.width * 0.8)
  }
}
