import type { Element, Root } from 'hast'
import type { CompiledSheet, Compound, Nth, Rule, Selector } from './sheet.js'

/** An element and where it sits: enough to check combinators and structural pseudo-classes. */
export interface Frame {
  readonly node: Element
  readonly parent: Element | Root
  readonly index: number
}

/**
 * The rules that apply to the last element of `path` (the article's root section first), most
 * important last: by specificity, then source order. Only rules indexed under the element's tag,
 * its classes, `:root` or `*` are checked.
 */
export function matchRules(sheet: CompiledSheet, path: readonly Frame[]): Rule[] {
  const depth = path.length - 1
  const frame = path[depth]!
  const matched: Rule[] = []
  collect(sheet.byTag.get(frame.node.tagName), path, frame, depth, matched)
  const classes = frame.node.properties['className']
  if (Array.isArray(classes)) {
    for (const name of classes) collect(sheet.byClass.get(String(name)), path, frame, depth, matched)
  }
  if (depth === 0) collect(sheet.root, path, frame, depth, matched)
  collect(sheet.universal, path, frame, depth, matched)
  if (matched.length > 1) matched.sort(byCascadeOrder)
  return matched
}

function byCascadeOrder(left: Rule, right: Rule): number {
  return left.selector.specificity - right.selector.specificity || left.order - right.order
}

function collect(rules: readonly Rule[] | undefined, path: readonly Frame[], frame: Frame, depth: number, into: Rule[]): void {
  if (!rules) return
  for (const rule of rules) {
    // A rule indexed under two of the element's classes is checked (and kept) once.
    if (matchesAt(rule.selector, 0, frame, depth, path) && !into.includes(rule)) into.push(rule)
  }
}

/**
 * Does `selector.compounds[at]` (and everything left of it) match `frame`, whose ancestors are
 * `path[0..depth - 1]`?
 */
function matchesAt(selector: Selector, at: number, frame: Frame, depth: number, path: readonly Frame[]): boolean {
  if (!matchesCompound(selector.compounds[at]!, frame, depth)) return false
  if (at === selector.compounds.length - 1) return true
  const next = at + 1
  switch (selector.combinators[at]) {
    case '>':
      return depth > 0 && matchesAt(selector, next, path[depth - 1]!, depth - 1, path)
    case ' ':
      for (let ancestor = depth - 1; ancestor >= 0; ancestor--) {
        if (matchesAt(selector, next, path[ancestor]!, ancestor, path)) return true
      }
      return false
    case '+': {
      const previous = previousElement(frame.parent, frame.index)
      return previous !== undefined && matchesAt(selector, next, previous, depth, path)
    }
    case '~': {
      for (let sibling = previousElement(frame.parent, frame.index); sibling; sibling = previousElement(sibling.parent, sibling.index)) {
        if (matchesAt(selector, next, sibling, depth, path)) return true
      }
      return false
    }
    default:
      return false
  }
}

function matchesCompound(compound: Compound, frame: Frame, depth: number): boolean {
  const node = frame.node
  if (compound.tag !== undefined && compound.tag !== node.tagName) return false
  if (compound.root && depth !== 0) return false
  if (compound.classes.length > 0) {
    const classes = node.properties['className']
    if (!Array.isArray(classes)) return false
    for (const name of compound.classes) if (!classes.includes(name)) return false
  }
  for (const nth of compound.nth) if (!matchesNth(nth, frame)) return false
  return true
}

function matchesNth(nth: Nth, frame: Frame): boolean {
  const siblings = frame.parent.children
  const step = nth.fromEnd ? 1 : -1
  let position = 1
  for (let index = frame.index + step; index >= 0 && index < siblings.length; index += step) {
    const sibling = siblings[index]!
    if (sibling.type === 'element' && (!nth.ofType || sibling.tagName === frame.node.tagName)) position++
  }
  if (nth.a === 0) return position === nth.b
  const steps = (position - nth.b) / nth.a
  return Number.isInteger(steps) && steps >= 0
}

function previousElement(parent: Element | Root, index: number): Frame | undefined {
  for (let sibling = index - 1; sibling >= 0; sibling--) {
    const node = parent.children[sibling]!
    if (node.type === 'element') return { node, parent, index: sibling }
  }
  return undefined
}
