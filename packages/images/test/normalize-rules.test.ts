import { ImageError, normalizeImage, type NormalizedImage } from '@mdwx/images'
import sharp from 'sharp'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
// The encoder is internal; that none of its failures escapes uncoded is tested on it directly.
import { encodePixels } from '../src/normalize/encode-spec.js'
import { blocks, blocksRaw, photo, photoRaw, withJpegSegment, withPngChunk } from './helpers/pictures.js'

/** What a reader of the output can still find: nothing but pixels is the goal. */
async function expectNoMetadata(out: NormalizedImage, secrets: string[] = []): Promise<void> {
  const metadata = await sharp(out.data).metadata()
  expect(metadata.exif).toBeUndefined()
  expect(metadata.xmp).toBeUndefined()
  expect(metadata.iptc).toBeUndefined()
  expect(metadata.icc).toBeUndefined() // no profile at all: sRGB by definition
  expect(metadata.hasProfile).toBe(false)
  expect(metadata.comments ?? []).toEqual([])
  expect(metadata.orientation ?? 1).toBe(1)
  const text = Buffer.from(out.data).toString('latin1')
  for (const secret of secrets) expect(text).not.toContain(secret)
}

/** Mean R, G, B over a region (sharp's stats() would describe the whole image, not the region). */
async function meanColour(data: Uint8Array, region: { left: number; top: number; width: number; height: number }): Promise<number[]> {
  const pixels = await sharp(data).extract(region).removeAlpha().raw().toBuffer()
  const sums = [0, 0, 0]
  for (let i = 0; i < pixels.length; i++) sums[i % 3]! += pixels[i]!
  return sums.map((sum) => sum / (pixels.length / 3))
}

describe('orientation, colour and depth', () => {
  it('applies EXIF orientation: a sideways phone photo comes out upright', async () => {
    // Stored 400×200 with red on the left and blue on the right; orientation 6 means "rotate
    // 90° clockwise to display", which puts the left half on top.
    const stored = Buffer.alloc(400 * 200 * 3)
    for (let i = 0; i < 400 * 200; i++) stored.set((i % 400) < 200 ? [220, 20, 20] : [20, 20, 220], i * 3)
    const input = await sharp(stored, { raw: { width: 400, height: 200, channels: 3 } }).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer()
    const out = await normalizeImage(input, { filename: 'sideways.jpg' })
    expect(out).toMatchObject({ width: 200, height: 400 })
    const [topRed, , topBlue] = await meanColour(out.data, { left: 0, top: 0, width: 200, height: 190 })
    const [bottomRed, , bottomBlue] = await meanColour(out.data, { left: 0, top: 210, width: 200, height: 190 })
    expect(topRed!).toBeGreaterThan(180)
    expect(topBlue!).toBeLessThan(60)
    expect(bottomBlue!).toBeGreaterThan(180)
    expect(bottomRed!).toBeLessThan(60)
    await expectNoMetadata(out)
  })

  it('converts CMYK to sRGB', async () => {
    const cmyk = await blocks(320, 240).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer()
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk')
    const out = await normalizeImage(cmyk, { filename: 'print.jpg' })
    const metadata = await sharp(out.data).metadata()
    expect(metadata.space).toBe('srgb')
    expect(metadata.channels).toBe(3)
    await expectNoMetadata(out)
  })

  it('honours an embedded ICC profile: a Display P3 red arrives as sRGB red', async () => {
    const red = sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 255, g: 0, b: 0 } } })
    const p3 = await red.withIccProfile('p3').png().toBuffer()
    const [storedRed, storedGreen] = (await sharp(p3, { ignoreIcc: true }).stats()).channels.map((c) => c.mean)
    expect(storedRed!).toBeLessThan(245) // the P3 numbers differ from sRGB's
    expect(storedGreen!).toBeGreaterThan(20)
    const out = await normalizeImage(p3, { filename: 'p3.png' })
    const [r, g, b] = await meanColour(out.data, { left: 0, top: 0, width: 256, height: 256 })
    expect(r!).toBeGreaterThan(245)
    expect(g!).toBeLessThan(12)
    expect(b!).toBeLessThan(12)
    await expectNoMetadata(out)
  })

  it('reduces 16-bit to 8-bit', async () => {
    const sixteen = await blocks(320, 240).toColourspace('rgb16').png().toBuffer()
    expect((await sharp(sixteen).metadata()).depth).toBe('ushort')
    const out = await normalizeImage(sixteen, { filename: 'deep.png' })
    expect(out.encodes).toBeGreaterThan(0)
    expect((await sharp(out.data).metadata()).depth).toBe('uchar')
  })
})

describe('metadata is removed', () => {
  it('EXIF with GPS, XMP, IPTC, ICC and comments leave a JPEG', async () => {
    let input: Buffer = await photo(800, 600)
      .withMetadata()
      .withExif({ IFD0: { Artist: 'Alice Example' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 27/1' } })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>xmp-secret</rdf:Description></rdf:RDF></x:xmpmeta>')
      .jpeg({ quality: 90 })
      .toBuffer()
    input = withJpegSegment(input, 0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), Buffer.from('8BIM\x04\x04\0\0\0\0\0\x10\x1c\x02\x78\0\x0ciptc-caption', 'latin1')]))
    input = withJpegSegment(input, 0xfe, Buffer.from('comment-secret', 'latin1'))
    const before = await sharp(input).metadata()
    expect(before.exif).toBeDefined()
    expect(before.xmp).toBeDefined()
    expect(before.icc).toBeDefined()
    const out = await normalizeImage(input, { filename: 'holiday.jpg' })
    await expectNoMetadata(out, ['Alice Example', 'xmp-secret', 'iptc-caption', 'comment-secret', 'GPS'])
  })

  it('text chunks, EXIF and XMP leave a PNG', async () => {
    const withExif = await blocks(320, 240)
      .withExif({ IFD0: { Artist: 'Alice Example' } })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/">xmp-secret</x:xmpmeta>')
      .png()
      .toBuffer()
    const text = Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.from('png-secret', 'latin1')])
    const input = withPngChunk(withExif, 'tEXt', text)
    expect((await sharp(input).metadata()).comments?.length).toBeGreaterThan(0)
    const out = await normalizeImage(input, { filename: 'diagram.png' })
    expect(out.format).toBe('png')
    await expectNoMetadata(out, ['Alice Example', 'xmp-secret', 'png-secret'])
  })
})

describe('pass-through', () => {
  it('a JPEG that meets every rule is returned byte for byte, with no encode', async () => {
    const input = await photo(800, 600).jpeg({ quality: 80 }).toBuffer()
    const out = await normalizeImage(input, { filename: 'ready.jpg' })
    expect(out.encodes).toBe(0)
    expect(Buffer.from(out.data).equals(input)).toBe(true)
    expect(out).toMatchObject({ format: 'jpeg', width: 800, height: 600, api: 'uploadimg', bytes: input.length })
  })

  it('a PNG that meets every rule is returned byte for byte', async () => {
    const input = await blocks(640, 480, 4).png().toBuffer()
    const out = await normalizeImage(input, { filename: 'ready.png' })
    expect(out.encodes).toBe(0)
    expect(Buffer.from(out.data).equals(input)).toBe(true)
  })

  it.each([
    ['an EXIF block', async () => photo(800, 600).withExif({ IFD0: { Artist: 'A' } }).jpeg({ quality: 80 }).toBuffer()],
    ['an ICC profile', async () => photo(800, 600).withMetadata().jpeg({ quality: 80 }).toBuffer()],
    ['a comment', async () => withJpegSegment(await photo(800, 600).jpeg({ quality: 80 }).toBuffer(), 0xfe, Buffer.from('hi'))],
    ['bytes after the image', async () => Buffer.concat([await photo(800, 600).jpeg({ quality: 80 }).toBuffer(), Buffer.from('appended video')])],
    ['an orientation', async () => photo(800, 600).withMetadata({ orientation: 3 }).jpeg({ quality: 80 }).toBuffer()],
    ['CMYK colour', async () => photo(800, 600).toColourspace('cmyk').jpeg({ quality: 80 }).toBuffer()],
    ['too wide', async () => photo(2400, 300).jpeg({ quality: 60 }).toBuffer()],
    ['too many bytes', async () => photo(1600, 1200, 3, 120).jpeg({ quality: 100 }).toBuffer()],
  ])('a JPEG with %s is re-encoded', async (_what, make) => {
    const input = await make()
    const out = await normalizeImage(input, { filename: 'photo.jpg' })
    expect(out.encodes).toBeGreaterThan(0)
    expect(Buffer.from(out.data).equals(input)).toBe(false)
    expect(out.bytes).toBeLessThanOrEqual(1_000_000)
    expect(out.width).toBeLessThanOrEqual(1920)
    await expectNoMetadata(out)
  })
})

describe('size and shape', () => {
  it('never enlarges, and reduces wider pictures to maxWidth', async () => {
    const small = await normalizeImage(await photo(300, 200).png().toBuffer(), { filename: 'small.png' })
    expect(small).toMatchObject({ width: 300, height: 200 })
    const wide = await normalizeImage(await photo(1000, 500).png().toBuffer(), { filename: 'wide.png', maxWidth: 500 })
    expect(wide).toMatchObject({ width: 500, height: 250 })
  })

  it('keeps a long screenshot at full height', async () => {
    const tall = await blocks(400, 6000).png().toBuffer()
    const out = await normalizeImage(tall, { filename: 'long.png' })
    expect(out).toMatchObject({ width: 400, height: 6000, format: 'png' })
  })

  it('photos become JPEG in one encode at quality 80 when that fits', async () => {
    const input = await photo(2400, 1600, 5, 30).png().toBuffer()
    const out = await normalizeImage(input, { filename: 'photo.png' })
    expect(out).toMatchObject({ format: 'jpeg', width: 1920, height: 1280, encodes: 1 })
    const reference = await sharp(input).resize({ width: 1920 }).jpeg({ quality: 80 }).toBuffer()
    expect(Math.abs(out.bytes - reference.length) / reference.length).toBeLessThan(0.02)
  })

  it('fits a tight maxBytes by lowering quality before width, in at most three encodes', async () => {
    const input = await photo(1600, 1200, 9, 80).jpeg({ quality: 95 }).toBuffer()
    const atQ80 = (await sharp(input).jpeg({ quality: 80 }).toBuffer()).length
    const out = await normalizeImage(input, { filename: 'noisy.jpg', maxBytes: Math.round(atQ80 * 0.8) })
    expect(out.bytes).toBeLessThanOrEqual(Math.round(atQ80 * 0.8))
    expect(out.width).toBe(1600) // quality was enough: no pixels lost
    expect(out.encodes).toBeLessThanOrEqual(3)
    expect(out.warnings).toEqual([])
  })

  it('reduces the width only when quality 50 does not fit, and says so', async () => {
    const input = await photo(1600, 1200, 9, 80).jpeg({ quality: 95 }).toBuffer()
    const out = await normalizeImage(input, { filename: 'noisy.jpg', maxBytes: 60_000 })
    expect(out.bytes).toBeLessThanOrEqual(60_000)
    expect(out.width).toBeLessThan(1600)
    expect(out.encodes).toBeLessThanOrEqual(3)
    expect(out.warnings).toEqual([expect.stringMatching(/^reduced to \d+ px wide to fit in 60000 bytes$/)])
  })
})

describe('pictures longer than a JPEG can hold (65,500 px)', () => {
  it('a tall photo (100×70,000, no alpha, noisy) becomes a JPEG at most 65,500 px tall and under maxBytes, and says so', async () => {
    const input = await photo(100, 70_000, 3, 40).png().toBuffer()
    const out = await normalizeImage(input, { filename: 'tall-photo.png' })
    expect(out.format).toBe('jpeg')
    expect(out.height).toBeLessThanOrEqual(65_500)
    expect(out.height).toBeGreaterThan(60_000) // reduced to the limit, not further: it fits in 1 MB
    expect(out.bytes).toBeLessThanOrEqual(1_000_000)
    expect(await sharp(out.data).metadata()).toMatchObject({ format: 'jpeg', width: out.width, height: out.height })
    expect(out.warnings).toEqual([expect.stringMatching(/^reduced to \d+×65500 px: a JPEG holds at most 65500 px on a side/)])
  })

  it('a tall photo under the limit (100×60,000) keeps its height', async () => {
    const out = await normalizeImage(await photo(100, 60_000, 3, 40).png().toBuffer(), { filename: 'long-photo.png' })
    expect(out).toMatchObject({ format: 'jpeg', width: 100, height: 60_000, warnings: [] })
    expect(out.bytes).toBeLessThanOrEqual(1_000_000)
  })

  it('a tall photo reduced further to fit a small maxBytes stays within both limits', async () => {
    const out = await normalizeImage(await photo(100, 70_000, 3, 40).png().toBuffer(), { filename: 'tall-photo.png', maxBytes: 100_000 })
    expect(out.format).toBe('jpeg')
    expect(out.height).toBeLessThan(65_500)
    expect(out.bytes).toBeLessThanOrEqual(100_000)
    expect(out.warnings).toEqual([expect.stringMatching(/^reduced to \d+×\d+ px to fit JPEG's 65500 px limit and 100000 bytes$/)])
  })

  it('a tall graphic that fits as PNG stays PNG at full height', async () => {
    const input = withPngChunk(await blocks(100, 70_000).png().toBuffer(), 'tEXt', Buffer.from('Comment\0made by hand', 'latin1'))
    const out = await normalizeImage(input, { filename: 'tall-diagram.png' })
    expect(out).toMatchObject({ format: 'png', width: 100, height: 70_000, warnings: [] })
    expect(out.encodes).toBeGreaterThan(0)
  })

  it('a wide photo (70,000×20 with maxWidth 70,000) becomes a JPEG at most 65,500 px wide', async () => {
    const out = await normalizeImage(await photo(70_000, 20, 3, 40).png().toBuffer(), { filename: 'panorama.png', maxWidth: 70_000 })
    expect(out.format).toBe('jpeg')
    expect(out.width).toBeLessThanOrEqual(65_500)
    expect(out.bytes).toBeLessThanOrEqual(1_000_000)
  })

  it('a failure inside the encoder is a coded ImageError naming the file, never a raw sharp error', async () => {
    const context = { source: 'strip.png', background: '#ffffff', dropAlpha: false }
    const tall = { data: photoRaw(10, 70_000), width: 10, height: 70_000, channels: 3 as const }
    const tooTall = encodePixels(tall, { kind: 'jpeg', quality: 80, scale: 1 }, context)
    await expect(tooTall).rejects.toBeInstanceOf(ImageError)
    await expect(tooTall).rejects.toMatchObject({ code: 'MDWX_IMAGE_TOO_LARGE', source: 'strip.png', message: expect.stringContaining('strip.png'), hint: expect.stringMatching(/Split the picture/) })
    const short = { data: Buffer.alloc(10), width: 10, height: 10, channels: 3 as const }
    const broken = encodePixels(short, { kind: 'png', scale: 1 }, context)
    await expect(broken).rejects.toBeInstanceOf(ImageError)
    await expect(broken).rejects.toMatchObject({ code: 'MDWX_IMAGE_DECODE', source: 'strip.png', message: expect.stringContaining('strip.png') })
  })
})

describe('transparency', () => {
  const alphaPhoto = (): Buffer => {
    const rgb = photoRaw(600, 400, 7, 24)
    const rgba = Buffer.alloc(600 * 400 * 4)
    for (let i = 0; i < 600 * 400; i++) {
      rgba.set(rgb.subarray(i * 3, i * 3 + 3), i * 4)
      rgba[i * 4 + 3] = Math.hypot((i % 600) - 300, Math.floor(i / 600) - 200) < 180 ? 255 : 0
    }
    return rgba
  }

  it('keeps alpha as full-colour PNG when it fits', async () => {
    const input = await blocks(640, 480, 4).withMetadata().png().toBuffer()
    const out = await normalizeImage(input, { filename: 'logo.png' })
    expect(out.format).toBe('png')
    expect((await sharp(out.data).metadata()).hasAlpha).toBe(true)
  })

  it('quantises to a palette PNG, alpha kept, when full colour does not fit', async () => {
    const input = await sharp(alphaPhoto(), { raw: { width: 600, height: 400, channels: 4 } }).png().toBuffer()
    expect(input.length).toBeGreaterThan(300_000)
    const out = await normalizeImage(input, { filename: 'cutout.png', maxBytes: 300_000 })
    const metadata = await sharp(out.data).metadata()
    expect(out.format).toBe('png')
    expect(metadata.isPalette).toBe(true)
    expect(metadata.hasAlpha).toBe(true)
    expect(out.bytes).toBeLessThanOrEqual(300_000)
  })

  it('flattens onto the background colour as JPEG only when the palette does not fit either, with a warning', async () => {
    const input = await sharp(alphaPhoto(), { raw: { width: 600, height: 400, channels: 4 } }).png().toBuffer()
    const out = await normalizeImage(input, { filename: 'cutout.png', maxBytes: 40_000, background: '#00ff00' })
    expect(out.format).toBe('jpeg')
    expect(out.bytes).toBeLessThanOrEqual(40_000)
    expect(out.warnings[0]).toMatch(/transparency flattened onto #00ff00/)
    const [r, g, b] = await meanColour(out.data, { left: 0, top: 0, width: 40, height: 40 })
    expect(g!).toBeGreaterThan(230)
    expect(r!).toBeLessThan(25)
    expect(b!).toBeLessThan(25)
  })

  it('drops an alpha channel that is fully opaque', async () => {
    const opaque = Buffer.from(blocksRaw(320, 240, 4).map((value, index) => (index % 4 === 3 ? 255 : value)))
    const input = await sharp(opaque, { raw: { width: 320, height: 240, channels: 4 } }).withMetadata().png().toBuffer()
    const out = await normalizeImage(input, { filename: 'flat.png' })
    expect((await sharp(out.data).metadata()).hasAlpha).toBe(false)
  })
})

describe('determinism and hashing', () => {
  it.each([
    ['a photo (JPEG)', () => photo(1200, 900, 2, 60).jpeg({ quality: 95 }).toBuffer(), {}],
    ['a graphic (PNG)', () => blocks(1200, 900, 4).png({ compressionLevel: 1 }).withMetadata().toBuffer(), {}],
    ['a palette PNG', () => photo(600, 400, 7, 24).ensureAlpha(0.5).png().toBuffer(), { maxBytes: 300_000 }],
  ] as const)('%s: same bytes and options give identical output', async (_what, make, options) => {
    const input = await make()
    const first = await normalizeImage(input, options)
    const second = await normalizeImage(Buffer.from(input), options)
    expect(Buffer.from(second.data).equals(Buffer.from(first.data))).toBe(true)
    expect(second.sourceHash).toBe(first.sourceHash)
  })

  it('sourceHash is the SHA-256 of the source bytes', async () => {
    const input = await photo(320, 240).png().toBuffer()
    const out = await normalizeImage(input)
    expect(out.sourceHash).toBe(createHash('sha256').update(input).digest('hex'))
  })

  it('different options give different output for the same source', async () => {
    const input = await photo(1200, 900).jpeg({ quality: 95 }).toBuffer()
    const a = await normalizeImage(input, { maxWidth: 1000 })
    const b = await normalizeImage(input, { maxWidth: 600 })
    expect(a.sourceHash).toBe(b.sourceHash)
    expect([a.width, b.width]).toEqual([1000, 600])
  })
})

describe('options are validated where they are given', () => {
  it.each([
    [{ maxWidth: 0 }, 'Expected a positive integer for maxWidth, got 0'],
    [{ maxWidth: 10.5 }, 'Expected a positive integer for maxWidth, got 10.5'],
    [{ maxBytes: 100 }, 'Expected an integer of at least 4096 for maxBytes, got 100'],
    [{ gif: 'loop' }, "Expected one of 'animate', 'still' for gif, got \"loop\""],
    [{ background: 'white' }, "Expected a hex colour such as '#ffffff' for background, got \"white\""],
    [{ filename: '' }, 'Expected a non-empty string for filename, got ""'],
  ])('%o', async (options, message) => {
    await expect(normalizeImage(Buffer.from([1]), options as never)).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION', message })
  })

  it('data must be bytes', async () => {
    await expect(normalizeImage('picture.png' as never)).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION', message: 'Expected image bytes (a Uint8Array or Buffer) for data, got "picture.png"' })
  })
})
