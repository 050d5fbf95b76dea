import { palette, round1, svgDocument, svgText, textWidth } from './svg-text.js'

/**
 * Mermaid's pie chart, which beautiful-mermaid does not draw, drawn here: the syntax of
 * mermaid.js (`pie [showData]`, an optional `title`, `"label" : value` lines, `%%` comments,
 * `accTitle`/`accDescr`), slices largest first clockwise from the top as mermaid.js draws them,
 * a percentage in each slice of 5% or more, and a legend. Plain SVG: no style sheet, no
 * variables, no fonts but the generic sans-serif (rasterised text becomes outlines).
 */
export interface PieChart {
  title: string | undefined
  showData: boolean
  slices: { label: string; value: number }[]
}


/** The chart, or a reason it cannot be read. */
export function parsePie(source: string): PieChart | { problem: string } {
  const lines = source.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('%%'))
  const header = /^pie(?:\s+(showData))?(?:\s+title\s+(.+))?$/i.exec(lines[0] ?? '')
  if (!header) return { problem: 'a pie chart starts with `pie`' }
  const chart: PieChart = { title: header[2]?.trim(), showData: header[1] !== undefined, slices: [] }
  for (const line of lines.slice(1)) {
    const title = /^title\s+(.+)$/i.exec(line)
    if (title) {
      chart.title = title[1]!.trim()
      continue
    }
    if (/^acc(?:Title|Descr)\b/.test(line)) continue
    const slice = /^"([^"]*)"\s*:\s*([\d.]+)$/.exec(line)
    if (!slice || !Number.isFinite(Number(slice[2]))) return { problem: `expected \`"label" : value\` (a positive number), got \`${line}\`` }
    chart.slices.push({ label: slice[1]!, value: Number(slice[2]) })
  }
  if (chart.slices.length === 0 || chart.slices.every((slice) => slice.value === 0)) return { problem: 'a pie chart needs a slice with a value above 0' }
  return chart
}

const radius = 110
const rowHeight = 22

/** The chart as SVG at its 1× size; `width` is its width in px. */
export function drawPie(chart: PieChart): { svg: string; width: number } {
  const slices = [...chart.slices].sort((a, b) => b.value - a.value)
  const total = slices.reduce((sum, slice) => sum + slice.value, 0)
  const top = chart.title === undefined ? 20 : 56
  const legendWidth = Math.max(...slices.map((slice) => textWidth(legendText(slice, total, chart.showData), 14))) + 40
  const svgWidth = Math.round(2 * radius + 60 + legendWidth)
  const height = Math.round(top + Math.max(2 * radius, slices.length * rowHeight) + 20)
  const [cx, cy] = [radius + 20, top + radius]
  const parts: string[] = []
  if (chart.title !== undefined) parts.push(svgText(svgWidth / 2, 32, chart.title, { size: 18, weight: 600, anchor: 'middle' }))
  let angle = -Math.PI / 2
  slices.forEach((slice, index) => {
    const share = slice.value / total
    const end = angle + share * 2 * Math.PI
    const colour = palette[index % palette.length]!
    if (share >= 0.9999) parts.push(`<circle cx="${cx}" cy="${cy}" r="${radius}" fill="${colour}" stroke="#ffffff" stroke-width="2"/>`)
    else if (share > 0) {
      const [x1, y1, x2, y2] = [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle), cx + radius * Math.cos(end), cy + radius * Math.sin(end)]
      parts.push(`<path d="M${cx} ${cy}L${round1(x1)} ${round1(y1)}A${radius} ${radius} 0 ${share > 0.5 ? 1 : 0} 1 ${round1(x2)} ${round1(y2)}Z" fill="${colour}" stroke="#ffffff" stroke-width="2"/>`)
    }
    if (share >= 0.05) {
      const middle = (angle + end) / 2
      parts.push(svgText(cx + radius * 0.65 * Math.cos(middle), cy + radius * 0.65 * Math.sin(middle) + 5, `${(share * 100).toFixed(0)}%`, { size: 14, weight: 600, anchor: 'middle', fill: '#ffffff' }))
    }
    const y = top + index * rowHeight
    parts.push(`<rect x="${2 * radius + 50}" y="${y}" width="14" height="14" fill="${colour}"/>`)
    parts.push(svgText(2 * radius + 72, y + 12, legendText(slice, total, chart.showData), { size: 14 }))
    angle = end
  })
  return { svg: svgDocument(svgWidth, height, parts.join('')), width: svgWidth }
}

function legendText(slice: { label: string; value: number }, total: number, showData: boolean): string {
  return showData ? `${slice.label} [${slice.value}]` : `${slice.label} ${((slice.value / total) * 100).toFixed(1)}%`
}
