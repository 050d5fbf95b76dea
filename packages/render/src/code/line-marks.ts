import type { Element, ElementContent } from 'hast'

/** How a line of a code block is marked: highlighted, added, or removed. */
export type LineMark = 'mark' | 'ins' | 'del'

/** Marked lines of a block, by line number (1 for the first). */
export type LineMarks = ReadonlyMap<number, LineMark>

/**
 * The class of the span each marked line is wrapped in, which the themes style (a tint behind
 * the whole line) and rehype-weixin-code lays out as a line of its own.
 */
export const lineClasses: Readonly<Record<LineMark, string>> = {
  mark: 'mdwx-code-mark',
  ins: 'mdwx-code-ins',
  del: 'mdwx-code-del',
}

const wrapperClasses = new Set(Object.values(lineClasses))

/**
 * How marked lines travel from the mdast `code` node (remark-weixin-code-meta) to the rehype
 * plugins: as classes on the `<code>` element, `mdwx-lines-1-3-4-5` (marked), `mdwx-lines-ins-2`,
 * `mdwx-lines-del-7`. A class is the one carrier that survives both steps in between:
 * rehype-sanitize keeps `mdwx-*` classes on `code` (and nothing else of the kind), and a block
 * whose document has raw HTML is re-parsed through parse5, which keeps attributes but drops hast
 * `data` (where mdast-util-to-hast puts the fence's `meta`). One number per line, not ranges: the
 * class never reaches the output (rehype-weixin-clean removes it) and the lines are bounded by the
 * block's own.
 */
export function lineMarkClasses(marks: LineMarks): string[] {
  const byKind: Record<LineMark, number[]> = { mark: [], ins: [], del: [] }
  for (const [line, kind] of [...marks].sort(([a], [b]) => a - b)) byKind[kind].push(line)
  const classes: string[] = []
  if (byKind.mark.length > 0) classes.push(`mdwx-lines-${byKind.mark.join('-')}`)
  if (byKind.ins.length > 0) classes.push(`mdwx-lines-ins-${byKind.ins.join('-')}`)
  if (byKind.del.length > 0) classes.push(`mdwx-lines-del-${byKind.del.join('-')}`)
  return classes
}

const markClass = /^mdwx-lines-(?:(ins|del)-)?(\d+(?:-\d+)*)$/

/** The marked lines a `<code>` element's classes carry, or undefined when it has none. */
export function lineMarksOf(code: Element): Map<number, LineMark> | undefined {
  const classes = code.properties['className']
  if (!Array.isArray(classes)) return undefined
  let marks: Map<number, LineMark> | undefined
  for (const name of classes) {
    const match = typeof name === 'string' ? markClass.exec(name) : null
    if (!match) continue
    const kind: LineMark = match[1] === 'ins' ? 'ins' : match[1] === 'del' ? 'del' : 'mark'
    marks ??= new Map()
    for (const line of match[2]!.split('-')) marks.set(Number(line), kind)
  }
  return marks
}

/** A span that wraps one marked line (see `wrapMarkedLines`). */
export function isLineWrapper(node: Element): boolean {
  if (node.tagName !== 'span') return false
  const classes = node.properties['className']
  return Array.isArray(classes) && classes.some((name) => typeof name === 'string' && wrapperClasses.has(name))
}

/**
 * Wraps each marked line of a `<code>` in a `span.mdwx-code-<mark|ins|del>` holding exactly that
 * line (its newline stays outside), splitting token spans that cross a line's edge. Runs after
 * highlighting, whose tokens it keeps, and before the theme, which styles the wrappers. Lines the
 * block does not have are ignored (the remark plugin reports them; a raw `<code>` may claim any).
 */
export function wrapMarkedLines(code: Element, marks: LineMarks): void {
  const lines = splitLines(code.children)
  const children: ElementContent[] = []
  lines.forEach((line, index) => {
    if (index > 0) children.push({ type: 'text', value: '\n' })
    const kind = marks.get(index + 1)
    // The empty line after the block's final newline is no line of the code.
    if (kind === undefined || (index === lines.length - 1 && line.length === 0)) children.push(...line)
    else children.push({ type: 'element', tagName: 'span', properties: { className: [lineClasses[kind]] }, children: line })
  })
  code.children = children
}

/** Content split at its newlines (text `\n` and `<br>`); an element across lines becomes one copy per line. */
function splitLines(nodes: readonly ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]]
  const current = (): ElementContent[] => lines[lines.length - 1]!
  for (const node of nodes) {
    if (node.type === 'text') {
      node.value.split('\n').forEach((part, index) => {
        if (index > 0) lines.push([])
        if (part !== '') current().push({ type: 'text', value: part })
      })
    } else if (node.type === 'element' && node.tagName === 'br') {
      lines.push([])
    } else if (node.type === 'element') {
      splitLines(node.children).forEach((part, index) => {
        if (index > 0) lines.push([])
        // Each copy gets its own properties: later plugins change an element's in place.
        if (part.length > 0) current().push({ ...node, properties: copyProperties(node.properties), children: part })
      })
    } else {
      current().push(node)
    }
  }
  return lines
}

function copyProperties(properties: Element['properties']): Element['properties'] {
  const copy = { ...properties }
  const classes = copy['className']
  if (Array.isArray(classes)) copy['className'] = [...classes]
  return copy
}
