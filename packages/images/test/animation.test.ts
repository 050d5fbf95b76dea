import { normalizeImage } from '@mdwx/images'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { gifFile, gifMetadataBlocks, withGifBlocks } from './helpers/pictures.js'

/** Frames that differ: a bar moving across a gradient, `frames` of them. */
async function movingBar(width: number, height: number, frames: number): Promise<Buffer> {
  const strip = Buffer.alloc(width * height * frames * 3)
  for (let f = 0; f < frames; f++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = ((f * height + y) * width + x) * 3
        const onBar = Math.abs(x - ((f + 0.5) * width) / frames) < width / frames / 2
        strip[i] = onBar ? 240 : (x / width) * 200
        strip[i + 1] = onBar ? 40 : (y / height) * 200
        strip[i + 2] = onBar ? 40 : 120
      }
    }
  }
  return sharp(strip, { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .gif({ effort: 1, delay: Array.from({ length: frames }, () => 80), loop: 0 })
    .toBuffer()
}

/** Noise does not compress: about a byte per pixel, so a few frames exceed 10 MB. */
async function noiseGif(width: number, height: number, frames: number): Promise<Buffer> {
  const strip = Buffer.alloc(width * height * frames * 3)
  let seed = 5
  for (let i = 0; i < strip.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    strip[i] = seed >>> 24
  }
  return sharp(strip, { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .gif({ effort: 1, dither: 0, delay: Array.from({ length: frames }, () => 80) })
    .toBuffer()
}

async function frameCount(data: Uint8Array): Promise<number> {
  return (await sharp(data, { animated: true }).metadata()).pages ?? 1
}

describe('animated GIFs', () => {
  it('stay animated for add_material, every frame kept, byte for byte when clean', async () => {
    const gif = await movingBar(320, 180, 12)
    const out = await normalizeImage(gif, { filename: 'loop.gif' })
    expect(out).toMatchObject({ format: 'gif', api: 'material', width: 320, height: 180, encodes: 0 })
    expect(await frameCount(out.data)).toBe(12)
    expect(Buffer.from(out.data).equals(gif)).toBe(true)
  })

  it('lose comments and XMP without being re-encoded', async () => {
    const clean = await movingBar(320, 180, 6)
    const tagged = withGifBlocks(clean, gifMetadataBlocks())
    const out = await normalizeImage(tagged, { filename: 'tagged.gif' })
    expect(out.encodes).toBe(0)
    expect(Buffer.from(out.data).equals(clean)).toBe(true)
    const text = Buffer.from(out.data).toString('latin1')
    expect(text).not.toContain('Alice')
    expect(text).not.toContain('XMP DataXMP')
    expect(text).toContain('NETSCAPE2.0') // the loop count stays
    expect(out.warnings).toEqual(['comments and application data removed from the GIF'])
  })

  it('wider than maxWidth: reduced in one encode, still animated', async () => {
    const gif = await movingBar(480, 270, 8)
    const out = await normalizeImage(gif, { filename: 'wide.gif', maxWidth: 240 })
    expect(out).toMatchObject({ format: 'gif', api: 'material', width: 240, height: 135, encodes: 1 })
    expect(await frameCount(out.data)).toBe(8)
    expect(out.warnings).toEqual(["animation reduced to fit Weixin's 10000000 bytes: 480 → 240 px wide"])
  })

  it('over 10 MB: reduced until it fits, still animated, with a warning', async () => {
    const gif = await noiseGif(1100, 940, 10)
    expect(gif.length).toBeGreaterThan(10_000_000)
    const out = await normalizeImage(gif, { filename: 'huge.gif' })
    expect(out).toMatchObject({ format: 'gif', api: 'material' })
    expect(out.bytes).toBeLessThanOrEqual(10_000_000)
    expect(out.width).toBeLessThan(1100)
    expect(out.encodes).toBeLessThanOrEqual(2)
    expect(await frameCount(out.data)).toBeGreaterThanOrEqual(5)
    expect(out.warnings[0]).toMatch(/^animation reduced to fit Weixin's 10000000 bytes: 1100 → \d+ px wide/)
  }, 120_000)

  it("gif: 'still' keeps the first frame as PNG for uploadimg", async () => {
    const gif = await movingBar(320, 180, 6)
    const out = await normalizeImage(gif, { filename: 'loop.gif', gif: 'still' })
    expect(out).toMatchObject({ format: 'png', api: 'uploadimg', width: 320, height: 180 })
    expect(await frameCount(out.data)).toBe(1)
    const first = await sharp(gif).png().raw().toBuffer()
    const still = await sharp(out.data).removeAlpha().raw().toBuffer()
    expect(still.equals(await sharp(first, { raw: { width: 320, height: 180, channels: (first.length / 320 / 180) as 3 | 4 } }).removeAlpha().raw().toBuffer())).toBe(true)
  })

  it('too many pixels to re-encode: becomes a still picture, with a warning', async () => {
    // 2,000 × 2,000 frames (wider than 1920, so it must be re-encoded) times 101 frames: 404 MP.
    const gif = gifFile(2000, 2000, 101)
    const out = await normalizeImage(gif, { filename: 'endless.gif' })
    expect(out).toMatchObject({ api: 'uploadimg', width: 1920, height: 1920 })
    expect(out.format === 'png' || out.format === 'jpeg').toBe(true)
    expect(out.warnings[0]).toMatch(/^kept the first frame as a still picture: the animation has 101 frames of 2000×2000/)
  })

  it('animated WebP becomes an animated GIF', async () => {
    const gif = await movingBar(320, 180, 5)
    const webp = await sharp(gif, { animated: true }).webp().toBuffer()
    const out = await normalizeImage(webp, { filename: 'loop.webp' })
    expect(out).toMatchObject({ format: 'gif', api: 'material', width: 320, height: 180, encodes: 1 })
    expect(await frameCount(out.data)).toBe(5)
  })
})
