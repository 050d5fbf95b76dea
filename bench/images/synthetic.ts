import sharp from 'sharp'

/** Deterministic pseudo-random numbers (mulberry32): the same seed draws the same set anywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Random values on a coarse grid, smoothly interpolated to full size: one octave of texture. */
async function smoothField(width: number, height: number, gridWidth: number, gridHeight: number, channels: 1 | 3, random: () => number): Promise<Buffer> {
  const grid = Buffer.alloc(gridWidth * gridHeight * channels)
  for (let i = 0; i < grid.length; i++) grid[i] = Math.floor(random() * 256)
  return sharp(grid, { raw: { width: gridWidth, height: gridHeight, channels } })
    .resize(width, height, { kernel: 'cubic', fit: 'fill' })
    .raw()
    .toBuffer()
}

/**
 * RGB pixels with the statistics of a photo rather than a flat colour: a low-frequency colour
 * field (light and hue), luminance detail in octaves whose amplitude falls with frequency as in
 * natural images, and sensor grain (`grain` 10–20 for a daylight photo, 80+ for high ISO).
 */
export async function photoPixels(width: number, height: number, seed: number, grain: number): Promise<Buffer> {
  const random = seededRandom(seed)
  const colour = await smoothField(width, height, 6, 4, 3, random)
  const octaves: Array<{ field: Buffer; amplitude: number }> = []
  for (const [cell, amplitude] of [[200, 70], [60, 40], [18, 26], [5, 16], [1.6, 9]] as const) {
    const field = await smoothField(width, height, Math.max(2, Math.round(width / cell)), Math.max(2, Math.round(height / cell)), 1, random)
    octaves.push({ field, amplitude })
  }
  const out = Buffer.alloc(width * height * 3)
  for (let p = 0, i = 0; p < width * height; p++) {
    let light = (random() - 0.5) * grain
    for (const { field, amplitude } of octaves) light += ((field[p]! - 128) / 128) * amplitude
    for (let c = 0; c < 3; c++, i++) {
      const value = colour[i]! * 0.7 + 40 + light + (random() - 0.5) * grain * 0.3
      out[i] = value < 0 ? 0 : value > 255 ? 255 : value
    }
  }
  return out
}

export async function photoPng(width: number, height: number, seed: number, grain: number): Promise<Buffer> {
  return sharp(await photoPixels(width, height, seed, grain), { raw: { width, height, channels: 3 } }).png().toBuffer()
}

/**
 * Text without fonts (installed fonts differ between machines): a fixed alphabet of glyphs made
 * of random strokes, placed with <use>. librsvg anti-aliases them like real text.
 */
export class GlyphText {
  readonly defs: string
  private readonly random: () => number
  private readonly count: number

  constructor(random: () => number, count = 70) {
    this.random = random
    this.count = count
    let defs = ''
    for (let g = 0; g < count; g++) {
      let d = ''
      const strokes = 1 + Math.floor(random() * 3)
      for (let s = 0; s < strokes; s++) {
        const point = (): string => `${(random() * 0.5).toFixed(2)} ${(0.25 + random() * 0.75).toFixed(2)}`
        d += random() < 0.5 ? `M${point()}L${point()}` : `M${point()}Q${point()} ${point()}`
      }
      defs += `<path id="g${g}" d="${d}" fill="none" stroke-width="0.09" stroke-linecap="round"/>`
    }
    this.defs = defs
  }

  /** One line of words `width` px long at font size `size`. */
  line(x: number, y: number, width: number, size: number, colour: string): string {
    let svg = `<g stroke="${colour}" transform="translate(${x} ${y}) scale(${size})">`
    let at = 0
    const end = width / size
    while (at < end - 1) {
      const letters = 1 + Math.floor(this.random() * 7)
      for (let c = 0; c < letters && at < end; c++) {
        svg += `<use href="#g${Math.floor(this.random() * this.count)}" x="${at.toFixed(2)}"/>`
        at += 0.6
      }
      at += 0.35
    }
    return `${svg}</g>`
  }
}

export function svgDocument(width: number, height: number, defs: string, body: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs>${defs}</defs>${body}</svg>`)
}
