import sharp from 'sharp'
import { GlyphText, photoPixels, seededRandom, svgDocument } from '../images/synthetic.js'

/** The kinds of picture a blog post carries, each as an author would have saved it. */
export type PictureKind = 'camera-photo' | 'edited-photo' | 'screenshot' | 'retina-screenshot' | 'diagram'

export const pictureKinds: Record<PictureKind, { extension: 'jpg' | 'png'; what: string }> = {
  'camera-photo': { extension: 'jpg', what: 'JPEG q92 straight from a phone, 1600–2048 px wide (1.7–3.1 MP), EXIF with camera and GPS' },
  'edited-photo': { extension: 'jpg', what: 'JPEG q82 exported by an editor, 1200–1600 px wide (1.1–1.9 MP), no metadata' },
  screenshot: { extension: 'png', what: 'PNG 1280–1600 px wide: window chrome, sidebar, text, a code block' },
  'retina-screenshot': { extension: 'png', what: 'PNG 2560×1600 (a 2× display): the same, twice the pixels' },
  diagram: { extension: 'png', what: 'PNG 1200×800: boxes, arrows and labels on a gradient' },
}

/**
 * Photos are crops of a few large photo-like fields (shifted, mirrored, re-toned), so each one is
 * distinct pixel for pixel and keeps full-resolution detail without drawing 300 fields from
 * scratch (one takes over a second in JavaScript).
 */
export class PhotoSource {
  static readonly width = 3000
  static readonly height = 2250
  private constructor(private readonly fields: Buffer[]) {}

  static async create(count: number, seed: number): Promise<PhotoSource> {
    const fields: Buffer[] = []
    for (let index = 0; index < count; index++) fields.push(await photoPixels(PhotoSource.width, PhotoSource.height, seed + index, 14))
    return new PhotoSource(fields)
  }

  async photo(kind: 'camera-photo' | 'edited-photo', seed: number): Promise<Buffer> {
    const random = seededRandom(seed)
    const field = this.fields[Math.floor(random() * this.fields.length)]!
    const [minWidth, maxWidth] = kind === 'camera-photo' ? [1600, 2048] : [1200, 1600]
    const width = Math.round(minWidth + random() * (maxWidth - minWidth))
    const height = Math.round(width * (random() < 0.5 ? 3 / 4 : 2 / 3))
    const image = sharp(field, { raw: { width: PhotoSource.width, height: PhotoSource.height, channels: 3 } })
      .extract({
        left: Math.floor(random() * (PhotoSource.width - width)),
        top: Math.floor(random() * (PhotoSource.height - height)),
        width,
        height,
      })
      .flop(random() < 0.5)
      .modulate({ brightness: 0.85 + random() * 0.3, saturation: 0.7 + random() * 0.6, hue: Math.floor(random() * 360) })
    if (kind === 'edited-photo') return image.jpeg({ quality: 82 }).toBuffer()
    return image
      .withExif({
        IFD0: { Make: 'Phone', Model: `Bench ${seed % 7}` },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: `${30 + (seed % 10)}/1 12/1 ${seed % 60}/1`, GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 50/1' },
      })
      .jpeg({ quality: 92 })
      .toBuffer()
  }
}

/** A desktop window: title bar, sidebar, paragraphs of glyph text, a dark code block, a button. */
export async function screenshot(kind: 'screenshot' | 'retina-screenshot', seed: number): Promise<Buffer> {
  const random = seededRandom(seed)
  const scale = kind === 'retina-screenshot' ? 2 : 1
  const width = kind === 'retina-screenshot' ? 1280 : Math.round(1280 + random() * 320)
  const height = Math.round(width * 0.625)
  const text = new GlyphText(random, 40)
  const hue = Math.floor(random() * 360)
  let body = `<rect width="${width}" height="${height}" fill="#ffffff"/><rect width="${width}" height="36" fill="hsl(${hue},12%,20%)"/>`
  body += `<rect y="36" width="220" height="${height}" fill="hsl(${hue},20%,96%)"/>`
  for (let y = 70; y < height - 20; y += 30) body += text.line(20, y, 120 + random() * 70, 13, '#4b5563')
  let y = 70
  while (y < height - 80) {
    const block = random()
    if (block < 0.2) {
      const lines = 4 + Math.floor(random() * 6)
      body += `<rect x="250" y="${y}" width="${width - 290}" height="${lines * 22 + 16}" rx="6" fill="#1e1e2e"/>`
      for (let line = 0; line < lines; line++) {
        body += text.line(270 + 24 * Math.floor(random() * 3), y + 12 + line * 22, 200 + random() * 500, 13, ['#cdd6f4', '#f38ba8', '#a6e3a1', '#89b4fa'][line % 4]!)
      }
      y += lines * 22 + 40
    } else if (block < 0.27) {
      body += `<rect x="250" y="${y}" width="120" height="34" rx="8" fill="hsl(${hue},70%,45%)"/>${text.line(266, y + 10, 80, 14, '#ffffff')}`
      y += 56
    } else {
      const lines = 2 + Math.floor(random() * 4)
      for (let line = 0; line < lines; line++) body += text.line(250, y + line * 24, (width - 300) * (line === lines - 1 ? 0.3 + random() * 0.5 : 1), 15, '#111827')
      y += lines * 24 + 18
    }
  }
  const svg = svgDocument(width * scale, height * scale, text.defs, `<g transform="scale(${scale})">${body}</g>`)
  return sharp(svg).removeAlpha().png().toBuffer()
}

/** Boxes joined by arrows, with labels, on a soft gradient: what a technical post explains with. */
export async function diagram(seed: number): Promise<Buffer> {
  const random = seededRandom(seed)
  const text = new GlyphText(random, 40)
  const width = 1200
  const height = 800
  const hue = Math.floor(random() * 360)
  const columns = 2 + Math.floor(random() * 3)
  const rows = 2 + Math.floor(random() * 2)
  let body = `<rect width="${width}" height="${height}" fill="url(#bg)"/>`
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      if (random() < 0.15) continue
      const x = 60 + column * ((width - 120) / columns)
      const y = 80 + row * ((height - 160) / rows)
      const boxWidth = (width - 120) / columns - 90
      body += `<rect x="${x}" y="${y}" width="${boxWidth}" height="120" rx="14" fill="#ffffff" stroke="hsl(${hue},65%,50%)" stroke-width="3"/>`
      body += text.line(x + 18, y + 30, boxWidth - 40, 22, '#1f2937') + text.line(x + 18, y + 72, (boxWidth - 40) * 0.7, 16, '#6b7280')
      if (column < columns - 1) body += `<path d="M${x + boxWidth + 8} ${y + 60} h64" stroke="#111827" stroke-width="4" marker-end="url(#arrow)"/>`
    }
  }
  const defs =
    text.defs +
    `<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},60%,97%)"/><stop offset="1" stop-color="hsl(${hue},50%,88%)"/></linearGradient>` +
    '<marker id="arrow" markerWidth="10" markerHeight="10" refX="6" refY="5" orient="auto"><path d="M0 0L10 5L0 10z" fill="#111827"/></marker>'
  return sharp(svgDocument(width, height, defs, body)).removeAlpha().png().toBuffer()
}
