import sharp, { type OverlayOptions, type Sharp } from 'sharp'
import { GlyphText, photoPixels, photoPng, seededRandom, svgDocument } from './synthetic.js'

export interface BenchImage {
  name: string
  /** What it stands for, as printed under the table. */
  what: string
  data: Buffer
}

/** The benchmark set of the images issue, generated the same way on every machine. */
export async function generateImageSet(): Promise<BenchImage[]> {
  return [
    { name: 'photo-12mp', what: '4000×3000 phone photo, JPEG q92, EXIF with GPS, rotated (orientation 6)', data: await phonePhoto() },
    { name: 'noisy-photo', what: '1920×1280 high-ISO photo, JPEG q95 (noise makes q80 too big)', data: await noisyPhoto() },
    { name: 'screenshot', what: '2000×1500 desktop screenshot: UI, text, code, an embedded photo; PNG', data: await desktopScreenshot() },
    { name: 'long-screenshot', what: '1080×16000 phone chat screenshot with photos; PNG', data: await phoneScreenshot() },
    { name: 'alpha-png', what: '2400×1800 transparent illustration with soft shadows; PNG', data: await alphaIllustration() },
    { name: 'animated-gif', what: '640×360, 30 frames; GIF', data: await animatedGif() },
    { name: 'webp', what: '3000×2000 photo; lossy WebP q85', data: await encodedPhoto(3000, 2000, 31, (image) => image.webp({ quality: 85 })) },
    { name: 'avif', what: '2400×1600 photo; AVIF q60', data: await encodedPhoto(2400, 1600, 41, (image) => image.avif({ quality: 60 })) },
    { name: 'svg', what: '1600×1000 diagram: boxes, gradients, glyph text; SVG', data: diagramSvg() },
    { name: 'compliant-jpeg', what: '1280×853 JPEG q80 without metadata (passes through)', data: await encodedPhoto(1280, 853, 51, (image) => image.jpeg({ quality: 80 })) },
  ]
}

async function phonePhoto(): Promise<Buffer> {
  const pixels = await photoPixels(4000, 3000, 11, 14)
  return sharp(pixels, { raw: { width: 4000, height: 3000, channels: 3 } })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'Phone', Model: 'Bench' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 27/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 50/1' } })
    .jpeg({ quality: 92 })
    .toBuffer()
}

async function noisyPhoto(): Promise<Buffer> {
  return sharp(await photoPixels(1920, 1280, 21, 90), { raw: { width: 1920, height: 1280, channels: 3 } }).jpeg({ quality: 95 }).toBuffer()
}

async function encodedPhoto(width: number, height: number, seed: number, encode: (image: Sharp) => Sharp): Promise<Buffer> {
  return encode(sharp(await photoPixels(width, height, seed, 14), { raw: { width, height, channels: 3 } })).toBuffer()
}

async function desktopScreenshot(): Promise<Buffer> {
  const width = 2000
  const height = 1500
  const random = seededRandom(5)
  const text = new GlyphText(random)
  let body = `<rect width="${width}" height="${height}" fill="#ffffff"/><rect width="${width}" height="48" fill="#2b2f36"/><rect y="48" width="280" height="${height}" fill="#f3f4f6"/>`
  for (let i = 0; i < 38; i++) body += text.line(24, 90 + i * 36, 200, 15, '#4b5563')
  let y = 90
  while (y < height - 60) {
    const kind = random()
    if (kind < 0.15) {
      const blockHeight = 24 * (4 + Math.floor(random() * 8))
      body += `<rect x="320" y="${y}" width="${width - 360}" height="${blockHeight}" rx="6" fill="#1e1e2e"/>`
      const colours = ['#cdd6f4', '#f38ba8', '#a6e3a1', '#89b4fa']
      for (let line = 0; line < blockHeight / 24 - 1; line++) {
        body += text.line(340 + 30 * Math.floor(random() * 3), y + 16 + line * 24, 300 + random() * 700, 14, colours[line % 4]!)
      }
      y += blockHeight + 24
    } else if (kind < 0.22) {
      body += `<rect x="320" y="${y}" width="140" height="40" rx="8" fill="#2563eb"/>${text.line(340, y + 12, 100, 15, '#ffffff')}`
      y += 64
    } else {
      const lines = 2 + Math.floor(random() * 5)
      for (let line = 0; line < lines; line++) body += text.line(320, y + line * 26, (width - 380) * (line === lines - 1 ? 0.5 : 1), 16, '#111827')
      y += lines * 26 + 20
    }
  }
  const photo = await photoPng(560, 360, 6, 12)
  return sharp(svgDocument(width, height, text.defs, body)).composite([{ input: photo, left: width - 620, top: 120 }]).removeAlpha().png().toBuffer()
}

async function phoneScreenshot(): Promise<Buffer> {
  const width = 1080
  const height = 16000
  const random = seededRandom(6)
  const text = new GlyphText(random)
  let body = `<rect width="${width}" height="${height}" fill="#ededed"/><rect width="${width}" height="140" fill="#f7f7f7"/>`
  const photos: Array<{ top: number; seed: number }> = []
  let y = 200
  while (y < height - 200) {
    if (random() < 0.06 && y < height - 900) {
      photos.push({ top: Math.round(y), seed: Math.floor(random() * 1e6) })
      y += 640
      continue
    }
    const mine = random() < 0.4
    const lines = 1 + Math.floor(random() * 4)
    const bubbleWidth = lines > 1 ? 760 : 200 + random() * 560
    const bubbleX = mine ? width - 150 - bubbleWidth : 150
    body += `<rect x="${mine ? width - 120 : 20}" y="${y}" width="100" height="100" rx="12" fill="${mine ? '#7aa5d2' : '#d6a36b'}"/>`
    body += `<rect x="${bubbleX}" y="${y}" width="${bubbleWidth}" height="${lines * 60 + 40}" rx="14" fill="${mine ? '#95ec69' : '#ffffff'}"/>`
    for (let line = 0; line < lines; line++) body += text.line(bubbleX + 28, y + 22 + line * 60, bubbleWidth - 60, 40, '#191919')
    y += lines * 60 + 80
  }
  const composites: OverlayOptions[] = []
  for (const photo of photos) composites.push({ input: await photoPng(800, 600, photo.seed, 10), left: 150, top: photo.top })
  return sharp(svgDocument(width, height, text.defs, body)).composite(composites).removeAlpha().png().toBuffer()
}

function illustrationSvg(width: number, height: number, seed: number): Buffer {
  const random = seededRandom(seed)
  const gradients = [0, 1, 2, 3]
    .map(
      (i) =>
        `<linearGradient id="c${i}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${i * 90},70%,60%)"/>` +
        `<stop offset="1" stop-color="hsl(${i * 90 + 40},70%,40%)" stop-opacity="0.85"/></linearGradient>`,
    )
    .join('')
  const shadow = '<filter id="s" x="-20%" y="-20%" width="140%" height="140%"><feDropShadow dx="12" dy="16" stdDeviation="14" flood-opacity="0.35"/></filter>'
  let body = ''
  for (let i = 0; i < 14; i++) {
    body += `<circle cx="${(random() * width).toFixed(1)}" cy="${(random() * height).toFixed(1)}" r="${(80 + random() * 300).toFixed(1)}" fill="url(#c${i % 4})" filter="url(#s)"/>`
  }
  return svgDocument(width, height, gradients + shadow, body)
}

async function alphaIllustration(): Promise<Buffer> {
  return sharp(illustrationSvg(2400, 1800, 7)).png().toBuffer()
}

function diagramSvg(): Buffer {
  const random = seededRandom(8)
  const text = new GlyphText(random)
  let body = '<rect width="1600" height="1000" fill="url(#bg)"/>'
  for (let row = 0; row < 3; row++) {
    for (let column = 0; column < 4; column++) {
      const x = 80 + column * 380
      const y = 100 + row * 300
      body += `<rect x="${x}" y="${y}" width="280" height="160" rx="18" fill="#ffffff" stroke="#3b82f6" stroke-width="4"/>`
      body += text.line(x + 24, y + 40, 230, 28, '#1f2937') + text.line(x + 24, y + 90, 180, 22, '#6b7280')
      if (column < 3) body += `<path d="M${x + 290} ${y + 80} h80" stroke="#111827" stroke-width="5" marker-end="url(#arrow)"/>`
    }
  }
  const defs =
    text.defs +
    '<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#eff6ff"/><stop offset="1" stop-color="#dbeafe"/></linearGradient>' +
    '<marker id="arrow" markerWidth="10" markerHeight="10" refX="6" refY="5" orient="auto"><path d="M0 0L10 5L0 10z" fill="#111827"/></marker>'
  return svgDocument(1600, 1000, defs, body)
}

/** Shapes moving over a gradient; the frames differ, so no frame can be skipped for free. */
async function animatedGif(): Promise<Buffer> {
  const width = 640
  const height = 360
  const frames = 30
  const strip = Buffer.alloc(width * height * frames * 3)
  for (let f = 0; f < frames; f++) {
    const phase = (f / frames) * 2 * Math.PI
    const balls = [0, 1, 2].map((b) => ({ x: width / 2 + Math.cos(phase + b * 2.1) * 200, y: height / 2 + Math.sin(phase * 2 + b) * 100, r: 40 + b * 12 }))
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = ((f * height + y) * width + x) * 3
        let r = (x / width) * 200 + 30
        let g = (y / height) * 160 + 40
        let b = 180 - (x / width) * 120
        for (const [index, ball] of balls.entries()) {
          if ((x - ball.x) ** 2 + (y - ball.y) ** 2 < ball.r ** 2) {
            r = [250, 40, 250][index]!
            g = [200, 220, 80][index]!
            b = [40, 120, 200][index]!
          }
        }
        strip[i] = r
        strip[i + 1] = g
        strip[i + 2] = b
      }
    }
  }
  return sharp(strip, { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .gif({ delay: Array.from({ length: frames }, () => 60), loop: 0 })
    .toBuffer()
}
