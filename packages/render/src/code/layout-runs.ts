import type { Run } from './code-runs.js'

const nbsp = '\u00a0'

/**
 * Whitespace made explicit, then as few runs as possible:
 * - tabs expanded to the next tab stop;
 * - a space that the app would collapse or wrap at (indentation, runs, line ends) becomes U+00A0;
 *   a single space between two words stays a plain space: it survives as it is, and copying the
 *   code out of the article gives back real spaces there;
 * - whitespace takes the style of a neighbour when that lets two runs merge, since a colour is
 *   invisible on a space;
 * - neighbouring runs of the same style are merged.
 */
export function layoutRuns(runs: readonly Run[], tabSize: number): Run[] {
  const expanded = expandTabs(runs, tabSize)
  const text = keepSpaces(expanded.map((run) => run.text).join(''))
  let offset = 0
  const converted = expanded.map((run) => {
    const part = text.slice(offset, offset + run.text.length)
    offset += run.text.length
    return { style: run.style, text: part }
  })
  return mergeRuns(absorbWhitespace(converted))
}

function expandTabs(runs: readonly Run[], tabSize: number): Run[] {
  let column = 0
  return runs.map((run) => {
    if (!/[\t\r]/.test(run.text)) {
      const lastBreak = run.text.lastIndexOf('\n')
      column = lastBreak === -1 ? column + run.text.length : run.text.length - lastBreak - 1
      return run
    }
    let text = ''
    for (const char of run.text) {
      if (char === '\t') {
        const width = tabSize - (column % tabSize)
        text += ' '.repeat(width)
        column += width
      } else if (char === '\n') {
        text += char
        column = 0
      } else if (char !== '\r') {
        text += char
        column++
      }
    }
    return { style: run.style, text }
  })
}

// Spaces the app would collapse or wrap at: runs, and a single space at a line's start or end.
// A single space between two characters of a line stays a plain space.
const collapsible = / {2,}|(?<=^|\n) | (?=\n|$)/g

/** Length-preserving: each space stays at its offset, as a space or as U+00A0. */
function keepSpaces(text: string): string {
  return text.replace(collapsible, (spaces) => nbsp.repeat(spaces.length))
}

const whitespaceOnly = /^[\s\u00a0]*$/
// Properties that draw nothing on a space: a space may take any such style.
const drawsNothingOnSpace = /^(?:(?:color|font-style|font-weight):[^;]*;?)*$/
const invisibility = new Map<string, boolean>()

function invisibleOnSpace(style: string): boolean {
  let invisible = invisibility.get(style)
  if (invisible === undefined) {
    invisible = drawsNothingOnSpace.test(style)
    if (invisibility.size < 10_000) invisibility.set(style, invisible)
  }
  return invisible
}

function absorbWhitespace(runs: Run[]): Run[] {
  for (let index = 0; index < runs.length; index++) {
    const run = runs[index]!
    if (!whitespaceOnly.test(run.text) || !invisibleOnSpace(run.style)) continue
    const before = runs[index - 1]?.style
    const after = runs[index + 1]?.style
    const candidates = [before, after].filter((style): style is string => style !== undefined && invisibleOnSpace(style))
    if (candidates.length === 0) continue
    if (before !== undefined && before === after) run.style = before
    else if (candidates.includes('')) run.style = ''
    else run.style = candidates[0]!
  }
  return runs
}

function mergeRuns(runs: readonly Run[]): Run[] {
  const merged: Run[] = []
  for (const run of runs) {
    if (!run.text) continue
    const last = merged[merged.length - 1]
    if (last && last.style === run.style) last.text += run.text
    else merged.push({ style: run.style, text: run.text })
  }
  return merged
}
