/**
 * Runs in the page: the Weixin app's dark-mode treatment of an article's inline colours, as far
 * as it can be reproduced. The app keeps hue and saturation and moves lightness: text colours
 * too dark to read on #191919 are lightened (black body text becomes the app's light grey),
 * light backgrounds are darkened to greys just above the page's, and colours that already suit a
 * dark page (a dark code block, light text on it) are kept. Only colours written inline under
 * `root` are touched, as the app only rewrites those; gradients, SVG paint and pictures are kept.
 */
export function applyDarkScheme(rootSelector: string): void {
  const root = document.querySelector(rootSelector)
  if (!root) return
  const textProperties = ['color', 'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color', 'text-decoration-color', 'outline-color']
  const backgroundProperties = ['background-color']

  const parse = (value: string): [number, number, number, number] | undefined => {
    const match = /^rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+%?))?\)$/.exec(value.trim())
    if (!match) return undefined
    const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? Number(match[4].slice(0, -1)) / 100 : Number(match[4])
    return [Number(match[1]) / 255, Number(match[2]) / 255, Number(match[3]) / 255, alpha]
  }
  const toHsl = (r: number, g: number, b: number): [number, number, number] => {
    const max = Math.max(r, g, b)
    const min = Math.min(r, g, b)
    const l = (max + min) / 2
    if (max === min) return [0, 0, l]
    const d = max - min
    const s = l > 0.5 ? d / (2 - max - min) : d / (max + min)
    const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4
    return [h * 60, s, l]
  }
  const css = (h: number, s: number, l: number, a: number) => `hsla(${h.toFixed(1)}, ${(s * 100).toFixed(1)}%, ${(l * 100).toFixed(1)}%, ${a})`
  // Perceived brightness (ITU-R BT.601 weights), 0 black to 1 white.
  const brightness = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b

  const darkText = (value: string): string | undefined => {
    const rgba = parse(value)
    if (!rgba || rgba[3] === 0) return undefined
    const [r, g, b, a] = rgba
    if (brightness(r, g, b) >= 0.6) return undefined
    const [h, s, l] = toHsl(r, g, b)
    // Lightness mirrored, kept between a readable 0.6 and the app's body text (about 0.8).
    return css(h, s, Math.min(0.8, Math.max(0.6, 1 - l)), a)
  }
  const darkBackground = (value: string): string | undefined => {
    const rgba = parse(value)
    if (!rgba || rgba[3] === 0) return undefined
    const [r, g, b, a] = rgba
    if (brightness(r, g, b) <= 0.4) return undefined
    const [h, s, l] = toHsl(r, g, b)
    // White lands on the page's own #191919 (lightness 0.1); tinted backgrounds a little above it.
    return css(h, s, 0.1 + (1 - l) * 0.4, a)
  }

  for (const element of Array.from(root.querySelectorAll<HTMLElement>('[style]'))) {
    const computed = getComputedStyle(element)
    const changes: Array<[string, string]> = []
    for (const property of textProperties) {
      if (element.style.getPropertyValue(property) === '') continue
      const value = darkText(computed.getPropertyValue(property))
      if (value) changes.push([property, value])
    }
    for (const property of backgroundProperties) {
      if (element.style.getPropertyValue(property) === '') continue
      const value = darkBackground(computed.getPropertyValue(property))
      if (value) changes.push([property, value])
    }
    for (const [property, value] of changes) element.style.setProperty(property, value)
  }
}
