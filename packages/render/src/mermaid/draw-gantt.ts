import { palette, round1, svgDocument, svgText, textWidth } from './svg-text.js'

/**
 * Mermaid's Gantt chart, which beautiful-mermaid does not draw, drawn here: sections, tasks as
 * bars on a date axis, `done`, `active`, `crit` and `milestone` tags, ids and `after id`.
 * The syntax of mermaid.js with dates as `dateFormat YYYY-MM-DD` (the default) or
 * `YYYY-MM-DD HH:mm`, durations in `ms`, `s`, `m`, `h`, `d`, `w`. `excludes`, `axisFormat`,
 * `tickInterval`, `todayMarker`, `click` and `until` are not read: a chart that needs them is
 * drawn without (weekends are not skipped).
 */
interface Task {
  name: string
  section: number
  start: number
  end: number
  tags: Set<string>
}

export interface GanttChart {
  title: string | undefined
  sections: string[]
  tasks: Task[]
}

const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }
const tagNames = new Set(['done', 'active', 'crit', 'milestone'])

function parseDate(text: string, format: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(text.trim())
  if (!match || (format.includes('HH') !== (match[4] !== undefined) && match[4] !== undefined)) return undefined
  const [, y, mo, d, h = '0', mi = '0'] = match
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi))
}

function parseDuration(text: string): number | undefined {
  const match = /^([\d.]+)\s*(ms|s|m|h|d|w)$/.exec(text.trim())
  return match ? Number(match[1]) * units[match[2]!]! : undefined
}

export function parseGantt(source: string): GanttChart | { problem: string } {
  const lines = source.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('%%'))
  if (!/^gantt$/i.test(lines[0] ?? '')) return { problem: 'a Gantt chart starts with `gantt`' }
  const chart: GanttChart = { title: undefined, sections: [], tasks: [] }
  const byId = new Map<string, Task>()
  let format = 'YYYY-MM-DD'
  for (const line of lines.slice(1)) {
    const keyword = /^(title|dateFormat|section|axisFormat|excludes|includes|tickInterval|todayMarker|weekday|click|accTitle|accDescr|inclusiveEndDates|topAxis|displayMode)\b:?\s*(.*)$/.exec(line)
    if (keyword) {
      const [, name, value = ''] = keyword
      if (name === 'title') chart.title = value
      else if (name === 'dateFormat') {
        if (!/^YYYY-MM-DD( HH:mm)?$/.test(value)) return { problem: `dateFormat ${value}: only YYYY-MM-DD and YYYY-MM-DD HH:mm are read` }
        format = value
      } else if (name === 'section') chart.sections.push(value)
      continue
    }
    const task = /^(.+?)\s*:\s*(.+)$/.exec(line)
    if (!task) return { problem: `expected \`name : metadata\`, got \`${line}\`` }
    const items = task[2]!.split(',').map((item) => item.trim())
    const tags = new Set<string>()
    while (items.length > 0 && tagNames.has(items[0]!)) tags.add(items.shift()!)
    const id = items.length === 3 ? items.shift() : undefined
    const previous = chart.tasks[chart.tasks.length - 1]
    let start: number | undefined
    if (items.length >= 2) {
      const written = items.shift()!
      const after = /^after\s+(.+)$/.exec(written)
      if (after) {
        const ends = after[1]!.split(/\s+/).map((name) => byId.get(name)?.end)
        if (ends.some((end) => end === undefined)) return { problem: `\`${written}\` names a task not defined before it` }
        start = Math.max(...(ends as number[]))
      } else start = parseDate(written, format)
    } else start = previous?.end
    if (start === undefined) return { problem: `no start for \`${line}\`: give a date (${format}) or \`after id\`` }
    const endWritten = items[0] ?? ''
    const duration = parseDuration(endWritten)
    const end = duration === undefined ? parseDate(endWritten, format) : start + duration
    if (end === undefined || end < start) return { problem: `\`${endWritten}\` is neither a duration (3d, 2w, 12h) nor a date after the start` }
    const entry: Task = { name: task[1]!, section: Math.max(0, chart.sections.length - 1), start, end, tags }
    if (id !== undefined) byId.set(id, entry)
    chart.tasks.push(entry)
  }
  if (chart.tasks.length === 0) return { problem: 'the Gantt chart has no tasks' }
  if (chart.sections.length === 0) chart.sections.push('')
  return chart
}

const rowHeight = 28
const chartWidth = 480
const day = 86_400_000
const steps = [3_600_000, 6 * 3_600_000, day, 2 * day, 7 * day, 14 * day, 30 * day, 91 * day, 182 * day, 365 * day]

/** The chart as SVG at its 1× size. */
export function drawGantt(chart: GanttChart): { svg: string; width: number } {
  const from = Math.min(...chart.tasks.map((task) => task.start))
  const to = Math.max(...chart.tasks.map((task) => task.end), from + 3_600_000)
  const labelWidth = Math.max(...chart.tasks.map((task) => textWidth(task.name, 13)), ...chart.sections.map((name) => textWidth(name, 13))) + 24
  const top = (chart.title === undefined ? 16 : 52) + 24
  const rows: ({ section: string } | { task: Task })[] = []
  chart.sections.forEach((section, index) => {
    if (section !== '') rows.push({ section })
    for (const task of chart.tasks) if (task.section === index) rows.push({ task })
  })
  const width = Math.round(labelWidth + chartWidth + 24)
  const height = Math.round(top + rows.length * rowHeight + 16)
  const x = (time: number) => labelWidth + ((time - from) / (to - from)) * chartWidth
  const parts: string[] = []
  if (chart.title !== undefined) parts.push(svgText(width / 2, 32, chart.title, { size: 18, weight: 600, anchor: 'middle' }))
  const step = steps.find((candidate) => (to - from) / candidate <= 8) ?? steps[steps.length - 1]!
  for (let tick = Math.ceil(from / step) * step; tick <= to; tick += step) {
    const date = new Date(tick)
    const label = step < day ? `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}` : `${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
    parts.push(`<path d="M${round1(x(tick))} ${top - 6}V${height - 16}" stroke="#e5e5e5" stroke-width="1"/>`)
    parts.push(svgText(x(tick), top - 12, label, { size: 11, anchor: 'middle', fill: '#7d7d7f' }))
  }
  rows.forEach((row, index) => {
    const y = top + index * rowHeight
    if ('section' in row) {
      parts.push(svgText(8, y + 19, row.section, { size: 13, weight: 600 }))
      return
    }
    const { task } = row
    const colour = task.tags.has('crit') ? '#e15759' : task.tags.has('done') ? '#bab0ac' : palette[task.section % palette.length]!
    parts.push(svgText(16, y + 19, task.name, { size: 13 }))
    if (task.tags.has('milestone')) {
      const [cx, cy] = [x(task.start), y + rowHeight / 2]
      parts.push(`<path d="M${round1(cx)} ${round1(cy - 9)}l9 9-9 9-9-9z" fill="${colour}"/>`)
    } else {
      const barWidth = Math.max(2, x(task.end) - x(task.start))
      const fill = task.tags.has('active') ? '#ffffff' : colour
      parts.push(`<rect x="${round1(x(task.start))}" y="${y + 5}" width="${round1(barWidth)}" height="${rowHeight - 10}" rx="3" fill="${fill}" stroke="${colour}" stroke-width="1.5"/>`)
    }
  })
  return { svg: svgDocument(width, height, parts.join('')), width }
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
