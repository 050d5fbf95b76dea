import { drawGantt, parseGantt } from './draw-gantt.js'
import { drawMindmap, parseMindmap } from './draw-mindmap.js'
import { drawPie, parsePie } from './draw-pie.js'
import { resolveCssVariables } from './resolve-css-variables.js'

type RenderSvg = (source: string, options?: { bg?: string; fg?: string }) => string

export type MermaidDrawing =
  | { svg: string; width: number }
  | { problem: string; ruleId: 'diagram-invalid' | 'diagram-unsupported' }

/**
 * Mermaid's diagram kinds nothing here draws: beautiful-mermaid 1.1 draws flowchart (graph),
 * sequence, class, state, ER and xychart, draw-pie.ts, draw-mindmap.ts and draw-gantt.ts the pie chart, the mindmap and the Gantt chart. Named so the warning says
 * what is missing, not that the author wrote something wrong.
 */
const undrawnKinds = [
  'journey', 'gitGraph', 'timeline', 'quadrantChart', 'requirementDiagram',
  'C4Context', 'C4Container', 'C4Component', 'C4Dynamic', 'C4Deployment', 'sankey-beta', 'sankey', 'block-beta',
  'packet-beta', 'kanban', 'architecture-beta', 'radar-beta', 'treemap-beta', 'zenuml',
]

type OwnDrawing = (source: string) => { svg: string; width: number } | { problem: string }

/** Parsed and drawn by its draw-*.ts file, which beautiful-mermaid cannot do (named in warnings). */
const ownDrawings: ReadonlyArray<{ kind: string; anyCase?: true; name: string; draw: OwnDrawing }> = [
  { kind: 'gantt', name: 'Gantt chart', draw: (source) => drawParsed(parseGantt(source), drawGantt) },
  { kind: 'mindmap', name: 'mindmap', draw: (source) => drawParsed(parseMindmap(source), drawMindmap) },
  { kind: 'pie', anyCase: true, name: 'pie chart', draw: (source) => drawParsed(parsePie(source), drawPie) },
]

function drawParsed<T extends object>(parsed: T | { problem: string }, draw: (chart: T) => { svg: string; width: number }) {
  return 'problem' in parsed ? parsed : draw(parsed as T)
}

let loading: Promise<RenderSvg> | undefined

/**
 * beautiful-mermaid and its layout engine (elkjs, about a second to load) load the first time
 * an article has a diagram it draws; pie, mindmap and Gantt charts do not need it.
 */
function loadBeautifulMermaid(): Promise<RenderSvg> {
  return (loading ??= import('beautiful-mermaid').then((module) => module.renderMermaidSVG as RenderSvg))
}

/** One diagram as SVG that draws the same in any rasteriser, with its width in px. */
export async function drawMermaid(source: string): Promise<MermaidDrawing> {
  const kind = firstWord(source)
  if (undrawnKinds.some((name) => name.toLowerCase() === kind.toLowerCase())) {
    return {
      problem: `mdwx cannot draw ${kind} diagrams (it draws flowchart, sequence, class, state, ER, xychart, pie, mindmap and gantt); draw this one as a picture`,
      ruleId: 'diagram-unsupported',
    }
  }
  const own = ownDrawings.find((drawing) => drawing.kind === (drawing.anyCase ? kind.toLowerCase() : kind))
  if (own) {
    const parsed = own.draw(source)
    if ('problem' in parsed) return { problem: `Mermaid could not read this ${own.name} (${parsed.problem})`, ruleId: 'diagram-invalid' }
    return { svg: atTwiceTheSize(parsed.svg), width: parsed.width }
  }
  const render = await loadBeautifulMermaid()
  let svg: string
  try {
    svg = render(source, { bg: '#FFFFFF', fg: '#27272A' })
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    return { problem: `Mermaid could not read this diagram (${reason})`, ruleId: 'diagram-invalid' }
  }
  const width = Number(/<svg\b[^>]*\bwidth="([\d.]+)"/.exec(svg)?.[1])
  const coloured = resolveCssVariables(svg)
  if (coloured === undefined) return { problem: 'beautiful-mermaid drew it with a colour it did not define', ruleId: 'diagram-invalid' }
  return { svg: atTwiceTheSize(onWhite(coloured)), width: Number.isFinite(width) ? Math.round(width) : 600 }
}

/**
 * beautiful-mermaid paints its background as CSS on the root, which rasterisers ignore: the
 * picture came out transparent, and its dark lines vanished on the app's dark background (which
 * does not recolour pictures). A white rectangle under the drawing, as the pie, mindmap and Gantt
 * charts have, keeps every diagram readable in both modes.
 */
function onWhite(svg: string): string {
  const root = /^<svg\b[^>]*>/.exec(svg)
  const box = root && /\bviewBox="([-\d.]+)[\s,]+([-\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)"/.exec(root[0])
  if (!root || !box) return svg
  const [, x, y, width, height] = box
  const rect = `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="#FFFFFF"/>`
  return root[0] + rect + svg.slice(root[0].length)
}

/**
 * The root's width and height doubled (the viewBox stays): rasterised, the picture has the
 * pixels of a phone's 2× screen, and the `<img>` shows it at the 1× width.
 */
function atTwiceTheSize(svg: string): string {
  return svg.replace(/^(<svg\b[^>]*)>/, (root) =>
    root.replace(/\s(width|height)="([\d.]+)"/g, (_, name: string, value: string) => ` ${name}="${Math.round(Number(value) * 2 * 100) / 100}"`),
  )
}

/** The diagram kind: the first word of the first line that is not a comment or front matter. */
function firstWord(source: string): string {
  for (const line of source.split('\n')) {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('%%')) continue
    return /^[\w-]+/.exec(trimmed)?.[0] ?? ''
  }
  return ''
}
