/** Small helpers for the diagrams mdwx draws itself (draw-pie.ts, draw-mindmap.ts, draw-gantt.ts). */

export function escapeXml(content: string): string {
  return content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** A width estimate for layout: CJK characters are square, others about 0.6 em. */
export function textWidth(content: string, size: number): number {
  let total = 0
  for (const character of content) total += character.codePointAt(0)! > 0x2e80 ? size : size * 0.6
  return total
}

/** One decimal: enough for a picture drawn at 2×. */
export function round1(n: number): string {
  return String(Math.round(n * 10) / 10)
}

export interface TextOptions {
  size: number
  weight?: number
  anchor?: 'middle'
  fill?: string
}

export function svgText(x: number, y: number, content: string, options: TextOptions): string {
  const anchor = options.anchor ? ` text-anchor="${options.anchor}"` : ''
  const weight = options.weight ? ` font-weight="${options.weight}"` : ''
  return `<text x="${round1(x)}" y="${round1(y)}" font-size="${options.size}" font-family="sans-serif"${weight}${anchor} fill="${options.fill ?? '#27272A'}">${escapeXml(content)}</text>`
}

/** A standalone SVG of this size on white, the way beautiful-mermaid's diagrams look. */
export function svgDocument(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`
}

export const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac']
