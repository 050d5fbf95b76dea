import { apply, isAxisAligned, type Affine } from './affine.js'

/**
 * SVG path data moved through a transform and written back as short as it reads the same.
 *
 * MathJax without a font cache writes every glyph as its own `<path>` inside nested `<g
 * transform>` groups. Weixin keeps neither ids nor `<use>`, so the glyphs must stay inline; but
 * the groups, the transforms and most of the digits can go: the coordinates are moved into the
 * formula's own space, rounded to a grid of 1/250 em (compact-svg's `grid`, a sixteenth of a pixel
 * at phone sizes) and written as relative moves, which need fewer digits than absolute ones.
 */

/** One command with absolute coordinates; `H`/`V` are kept as such, `A` is refused. */
interface Segment {
  command: 'M' | 'L' | 'H' | 'V' | 'C' | 'S' | 'Q' | 'T' | 'Z'
  values: number[]
}

const arity: Record<string, number> = { M: 2, L: 2, H: 1, V: 1, C: 6, S: 4, Q: 4, T: 2, Z: 0 }
const tokenPattern = /[MLHVCSQTZAmlhvcsqtza]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g

/** Thrown for path data this module does not handle (arcs, errors): the caller keeps the element whole. */
export class UnsupportedPath extends Error {}

/** Parses path data into absolute segments. */
export function parsePath(d: string): Segment[] {
  const tokens = d.match(tokenPattern) ?? []
  const segments: Segment[] = []
  let index = 0
  let command = ''
  let x = 0
  let y = 0
  let startX = 0
  let startY = 0
  while (index < tokens.length) {
    const token = tokens[index]!
    if (/[a-z]/i.test(token)) {
      command = token
      index++
    } else if (command === '') {
      throw new UnsupportedPath(`path data starts with a number: ${d.slice(0, 20)}`)
    }
    const upper = command.toUpperCase()
    if (upper === 'A') throw new UnsupportedPath('arcs are not merged')
    const count = arity[upper]!
    const relative = command !== upper
    const values = tokens.slice(index, index + count).map(Number)
    if (values.length < count || values.some((value) => !Number.isFinite(value))) throw new UnsupportedPath(`bad path data near ${token}`)
    index += count
    if (upper === 'Z') {
      segments.push({ command: 'Z', values: [] })
      x = startX
      y = startY
      // A letter after Z is required; stop a bare number from looping forever.
      command = ''
      continue
    }
    const absolute = values.map((value, position) => {
      if (!relative) return value
      if (upper === 'H') return value + x
      if (upper === 'V') return value + y
      return value + (position % 2 === 0 ? x : y)
    })
    segments.push({ command: upper as Segment['command'], values: absolute })
    if (upper === 'H') x = absolute[0]!
    else if (upper === 'V') y = absolute[0]!
    else {
      x = absolute[count - 2]!
      y = absolute[count - 1]!
    }
    if (upper === 'M') {
      startX = x
      startY = y
      // Numbers after a moveto are implicit linetos.
      command = relative ? 'l' : 'L'
    }
  }
  return segments
}

/** Absolute segments of a rectangle, as `<rect>` draws it. */
export function rectPath(x: number, y: number, width: number, height: number): Segment[] {
  return [
    { command: 'M', values: [x, y] },
    { command: 'H', values: [x + width] },
    { command: 'V', values: [y + height] },
    { command: 'H', values: [x] },
    { command: 'Z', values: [] },
  ]
}

/** Absolute segments of a straight line, as `<line>` draws it. */
export function linePath(x1: number, y1: number, x2: number, y2: number): Segment[] {
  return [
    { command: 'M', values: [x1, y1] },
    { command: 'L', values: [x2, y2] },
  ]
}

/** Moves every point through `m`; `H`/`V` become `L` when `m` rotates or skews. */
export function transformPath(segments: readonly Segment[], m: Affine): Segment[] {
  const aligned = isAxisAligned(m)
  const result: Segment[] = []
  let x = 0
  let y = 0
  for (const { command, values } of segments) {
    if (command === 'Z') {
      result.push({ command, values: [] })
      continue
    }
    if (command === 'H' || command === 'V') {
      const [nx, ny] = command === 'H' ? [values[0]!, y] : [x, values[0]!]
      const [tx, ty] = apply(m, nx, ny)
      if (aligned) result.push(command === 'H' ? { command: 'H', values: [tx] } : { command: 'V', values: [ty] })
      else result.push({ command: 'L', values: [tx, ty] })
      x = nx
      y = ny
      continue
    }
    const moved: number[] = []
    for (let index = 0; index < values.length; index += 2) moved.push(...apply(m, values[index]!, values[index + 1]!))
    result.push({ command, values: moved })
    x = values[values.length - 2]!
    y = values[values.length - 1]!
  }
  return result
}

/**
 * Writes absolute segments as relative path data, every coordinate rounded to a whole unit.
 * Relative steps are taken between rounded points, so rounding never accumulates. `pen` is
 * where this data continues another path's (0,0 for a path of its own); it is moved to the end.
 */
export function writePath(segments: readonly Segment[], pen: { x: number; y: number } = { x: 0, y: 0 }): string {
  let out = ''
  let previous = ''
  let x = pen.x
  let y = pen.y
  let startX = x
  let startY = y
  for (const { command, values } of segments) {
    if (command === 'Z') {
      out += 'z'
      previous = 'z'
      x = startX
      y = startY
      continue
    }
    const rounded = values.map(Math.round)
    const numbers: number[] = []
    if (command === 'H') numbers.push(rounded[0]! - x)
    else if (command === 'V') numbers.push(rounded[0]! - y)
    else for (let index = 0; index < rounded.length; index += 2) numbers.push(rounded[index]! - x, rounded[index + 1]! - y)
    let letter = command.toLowerCase()
    // A straight line along an axis is shorter as h or v.
    if (letter === 'l' && numbers[0] === 0) numbers.splice(0, 1), (letter = 'v')
    else if (letter === 'l' && numbers[1] === 0) numbers.splice(1, 1), (letter = 'h')
    const body = numbers.map((value, index) => (index > 0 && value >= 0 ? ' ' : '') + String(value === 0 ? 0 : value)).join('')
    // A repeated command may leave its letter out; that saves a character only before a minus.
    out += letter === previous && letter !== 'm' && numbers[0]! < 0 ? body : letter + body
    previous = letter
    if (command === 'H') x = rounded[0]!
    else if (command === 'V') y = rounded[0]!
    else {
      x = rounded[rounded.length - 2]!
      y = rounded[rounded.length - 1]!
    }
    if (command === 'M') {
      startX = x
      startY = y
    }
  }
  pen.x = x
  pen.y = y
  return out
}
