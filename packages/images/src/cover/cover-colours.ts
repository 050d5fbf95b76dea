/** A colour as red, green and blue from 0 to 255. */
export interface Rgb {
  r: number
  g: number
  b: number
}

/** The default theme's teal: the cover's colour when the theme names none that can be read. */
export const FALLBACK_COVER_COLOUR = '#0f7b6c'

/**
 * A CSS colour as a theme writes it (`#0f7b6c`, `#f80`, `rgb(15 123 108)`, `rgb(15, 123, 108, .5)`),
 * or undefined for anything else (a name, `hsl()`, a `var()`): the caller then uses its fallback.
 * Alpha is ignored: the cover is opaque.
 */
export function parseColour(text: string): Rgb | undefined {
  const value = text.trim().toLowerCase()
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(value)?.[1]
  if (hex !== undefined) {
    const full = hex.length <= 4 ? [...hex].map((digit) => digit + digit).join('') : hex
    return { r: Number.parseInt(full.slice(0, 2), 16), g: Number.parseInt(full.slice(2, 4), 16), b: Number.parseInt(full.slice(4, 6), 16) }
  }
  const rgb = /^rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)(?:\s*[,/]\s*[\d.]+%?)?\s*\)$/.exec(value)
  if (rgb === null) return undefined
  const [r, g, b] = rgb.slice(1, 4).map((part) => (part.endsWith('%') ? (Number.parseFloat(part) * 255) / 100 : Number.parseFloat(part)))
  if (![r, g, b].every((channel) => Number.isFinite(channel) && channel! >= 0 && channel! <= 255)) return undefined
  return { r: r!, g: g!, b: b! }
}

export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((channel) => Math.round(Math.min(255, Math.max(0, channel))).toString(16).padStart(2, '0')).join('')}`
}

/** `colour` moved towards `to` by `amount` (0: unchanged, 1: `to`). */
export function mix(colour: Rgb, to: Rgb, amount: number): Rgb {
  return { r: colour.r + (to.r - colour.r) * amount, g: colour.g + (to.g - colour.g) * amount, b: colour.b + (to.b - colour.b) * amount }
}

export const WHITE: Rgb = { r: 255, g: 255, b: 255 }
export const BLACK: Rgb = { r: 0, g: 0, b: 0 }

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance({ r, g, b }: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/** WCAG contrast ratio of two colours: 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/** WCAG's contrast for text. */
const READABLE = 4.5

/** A cover's colours: a gradient from `light` (top left) to `dark` (bottom right), and the text's colour. */
export interface CoverPalette {
  light: Rgb
  dark: Rgb
  ink: Rgb
}

/**
 * Colours that keep the theme's colour and make the text readable on all of the gradient (WCAG
 * contrast 4.5): white text on a deep colour (most accents: teal, blue, red); on a light one (a
 * yellow, a sky blue) a very dark shade of the same hue, so the cover stays bright rather than
 * muddy; failing both (a middle grey), the colour deepened step by step until white reads.
 */
export function coverPalette(colour: Rgb): CoverPalette {
  const gradient = (base: Rgb, darken: number) => ({ light: mix(base, WHITE, 0.14), dark: mix(base, BLACK, darken) })
  const deep = gradient(colour, 0.22)
  if (contrast(WHITE, deep.light) >= READABLE) return { ...deep, ink: WHITE }
  const bright = gradient(colour, 0.08)
  const darkInk = mix(colour, BLACK, 0.85)
  if (contrast(darkInk, bright.dark) >= READABLE) return { ...bright, ink: darkInk }
  let base = colour
  for (let step = 0; step < 30 && contrast(WHITE, gradient(base, 0.22).light) < READABLE; step++) base = mix(base, BLACK, 0.08)
  return { ...gradient(base, 0.22), ink: WHITE }
}
