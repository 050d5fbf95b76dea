import { palette, round1, svgDocument, svgText, textWidth } from './svg-text.js'

/**
 * Mermaid's mindmap, which beautiful-mermaid does not draw, drawn here as a tree from left to
 * right: the root, then each level in a column, a node centred on its leaves, curved links, one
 * colour per main branch. The syntax of mermaid.js: one node a line, nesting by indentation, a
 * node's text in any of its shapes (`id((text))`, `[text]`, `(text)`, `{{text}}`, `))text((`,
 * `)text(`, or bare), `` "`markdown`" `` strings as their text; `::icon(…)` lines and `:::class`
 * are ignored (a picture has neither icons nor classes).
 */
export interface MindNode {
  text: string
  children: MindNode[]
}

const shapes = [/^[^\s([{)]*\(\((.*)\)\)$/, /^[^\s([{)]*\)\)(.*)\(\($/, /^[^\s([{)]*\{\{(.*)\}\}$/, /^[^\s([{)]*\[(.*)\]$/, /^[^\s([{)]*\((.*)\)$/, /^[^\s([{)]*\)(.*)\($/]

function nodeText(written: string): string {
  const line = written.replace(/:::.*$/, '').trim()
  for (const shape of shapes) {
    const match = shape.exec(line)
    if (match) return unquote(match[1]!.trim())
  }
  return unquote(line)
}

function unquote(text: string): string {
  const quoted = /^"`?([\s\S]*?)`?"$/.exec(text)
  return (quoted ? quoted[1]! : text).replace(/<br\s*\/?>/gi, ' ').replace(/\*\*|__|\*|_/g, '')
}

export function parseMindmap(source: string): MindNode | { problem: string } {
  const lines = source.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('%%'))
  if (!/^\s*mindmap\s*$/.test(lines[0] ?? '')) return { problem: 'a mindmap starts with `mindmap` on a line of its own' }
  const stack: { indent: number; node: MindNode }[] = []
  let root: MindNode | undefined
  for (const line of lines.slice(1)) {
    if (/^\s*::icon\(/.test(line)) continue
    const indent = line.replace(/\t/g, '    ').search(/\S/)
    const node: MindNode = { text: nodeText(line), children: [] }
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop()
    const parent = stack[stack.length - 1]
    if (parent) parent.node.children.push(node)
    else if (root) return { problem: `a mindmap has one root; \`${line.trim()}\` is a second one (indent it under the root)` }
    else root = node
    stack.push({ indent, node })
  }
  return root ?? { problem: 'the mindmap has no nodes' }
}

const rowHeight = 40
const fontSize = 14
const gap = 48
const padding = 12

interface Placed {
  node: MindNode
  depth: number
  y: number
  colour: string
}

/** The mindmap as SVG at its 1× size. */
export function drawMindmap(root: MindNode): { svg: string; width: number } {
  const placed: Placed[] = []
  const columns: number[] = []
  let row = 0
  const place = (node: MindNode, depth: number, colour: string): number => {
    columns[depth] = Math.max(columns[depth] ?? 0, textWidth(node.text, fontSize) + 2 * padding)
    let y: number
    if (node.children.length === 0) y = row++ * rowHeight + rowHeight / 2
    else {
      const ys = node.children.map((child, index) => place(child, depth + 1, depth === 0 ? palette[index % palette.length]! : colour))
      y = (ys[0]! + ys[ys.length - 1]!) / 2
    }
    placed.push({ node, depth, y, colour })
    return y
  }
  place(root, 0, '#27272A')
  const left = columns.map((_, depth) => 20 + columns.slice(0, depth).reduce((sum, w) => sum + w + gap, 0))
  const width = Math.round(left[left.length - 1]! + columns[columns.length - 1]! + 20)
  const height = Math.round(row * rowHeight + 20)
  const byNode = new Map(placed.map((entry) => [entry.node, entry]))
  const links: string[] = []
  const boxes: string[] = []
  for (const { node, depth, y, colour } of placed) {
    const x = left[depth]!
    const boxWidth = textWidth(node.text, fontSize) + 2 * padding
    for (const child of node.children) {
      const target = byNode.get(child)!
      const [x1, y1, x2, y2] = [x + boxWidth, y + 10, left[depth + 1]!, target.y + 10]
      const bend = (x2 - x1) / 2
      links.push(`<path d="M${round1(x1)} ${round1(y1)}C${round1(x1 + bend)} ${round1(y1)} ${round1(x2 - bend)} ${round1(y2)} ${round1(x2)} ${round1(y2)}" fill="none" stroke="${target.colour}" stroke-width="2"/>`)
    }
    const isRoot = depth === 0
    boxes.push(`<rect x="${round1(x)}" y="${round1(y - 4)}" width="${round1(boxWidth)}" height="28" rx="${isRoot ? 14 : 6}" fill="${isRoot ? '#27272A' : '#ffffff'}" stroke="${colour}" stroke-width="${isRoot ? 0 : 1.5}"/>`)
    boxes.push(svgText(x + boxWidth / 2, y + 15, node.text, { size: fontSize, anchor: 'middle', fill: isRoot ? '#ffffff' : '#27272A', ...(isRoot ? { weight: 600 } : {}) }))
  }
  return { svg: svgDocument(width, height, links.join('') + boxes.join('')), width }
}

