import { generate, type CssNode, type Selector as CssSelector } from 'css-tree'
import { specificityOf, type Combinator, type Compound, type Nth, type PseudoElement, type Selector } from './sheet.js'

/** A selector the engine supports, or the reason it cannot apply to a published article. */
export type ParsedSelector = { selector: Selector } | { refused: string }

// Structural pseudo-classes hold in a finished article as they do in a browser: they depend only
// on the tree. Everything else (:hover, :focus, :visited...) depends on a person or a browser.
const structural: Readonly<Record<string, readonly Nth[]>> = {
  'first-child': [{ a: 0, b: 1, fromEnd: false, ofType: false }],
  'last-child': [{ a: 0, b: 1, fromEnd: true, ofType: false }],
  'only-child': [
    { a: 0, b: 1, fromEnd: false, ofType: false },
    { a: 0, b: 1, fromEnd: true, ofType: false },
  ],
  'first-of-type': [{ a: 0, b: 1, fromEnd: false, ofType: true }],
  'last-of-type': [{ a: 0, b: 1, fromEnd: true, ofType: true }],
}

const nthFunctions: Readonly<Record<string, Pick<Nth, 'fromEnd' | 'ofType'>>> = {
  'nth-child': { fromEnd: false, ofType: false },
  'nth-last-child': { fromEnd: true, ofType: false },
  'nth-of-type': { fromEnd: false, ofType: true },
  'nth-last-of-type': { fromEnd: true, ofType: true },
}

const pseudoElements = new Set<string>(['before', 'after', 'marker'])
const voidElements = new Set(['img', 'br', 'hr', 'input', 'wbr'])

interface CompoundBuilder {
  tag: string | undefined
  classes: string[]
  nth: Nth[]
  root: boolean
}

export function parseSelector(node: CssSelector): ParsedSelector {
  const text = generate(node)
  const compounds: CompoundBuilder[] = [emptyCompound()]
  const combinators: Combinator[] = []
  let pseudoElement: PseudoElement | undefined
  let classCount = 0
  let typeCount = 0

  for (const part of node.children) {
    const current = compounds[compounds.length - 1]!
    if (pseudoElement !== undefined && part.type !== 'PseudoElementSelector') {
      return { refused: `\`${text}\`: nothing may follow a pseudo-element` }
    }
    switch (part.type) {
      case 'TypeSelector': {
        const name = part.name.toLowerCase()
        if (name === '*') break
        if (name.includes('|')) return { refused: `\`${text}\`: namespaces are not supported` }
        typeCount++
        if (name === 'html' || name === 'body') current.root = true
        else current.tag = name
        break
      }
      case 'ClassSelector':
        classCount++
        current.classes.push(part.name)
        break
      case 'PseudoClassSelector': {
        classCount++
        const name = part.name.toLowerCase()
        if (name === 'root') {
          current.root = true
          break
        }
        const nth = structural[name] ?? parseNthFunction(name, part.children?.first ?? null)
        if (!nth) return { refused: `\`${text}\`: \`:${name}\` cannot apply to a published article` }
        current.nth.push(...nth)
        break
      }
      case 'PseudoElementSelector': {
        const name = part.name.toLowerCase()
        if (!pseudoElements.has(name) || pseudoElement !== undefined) {
          return { refused: `\`${text}\`: \`::${name}\` cannot be turned into inline styles` }
        }
        typeCount++
        pseudoElement = name as PseudoElement
        break
      }
      case 'Combinator': {
        const combinator = part.name.trim() === '' ? ' ' : part.name.trim()
        if (combinator !== ' ' && combinator !== '>' && combinator !== '+' && combinator !== '~') {
          return { refused: `\`${text}\`: the \`${combinator}\` combinator is not supported` }
        }
        combinators.push(combinator)
        compounds.push(emptyCompound())
        break
      }
      case 'IdSelector':
        return { refused: `\`${text}\`: Weixin removes \`id\`, so id selectors never match` }
      case 'AttributeSelector':
        return { refused: `\`${text}\`: attribute selectors are not supported` }
      default:
        return { refused: `\`${text}\`: \`${generate(part)}\` is not supported` }
    }
  }

  const rightmost = compounds[compounds.length - 1]!
  if (pseudoElement === 'before' || pseudoElement === 'after') {
    if (rightmost.tag !== undefined && voidElements.has(rightmost.tag)) {
      return { refused: `\`${text}\`: \`<${rightmost.tag}>\` has no content to put \`::${pseudoElement}\` in` }
    }
  }
  if (pseudoElement === 'marker' && rightmost.tag !== undefined && rightmost.tag !== 'li') {
    return { refused: `\`${text}\`: only list items (\`li\`) have markers` }
  }

  return {
    selector: {
      compounds: compounds.reverse(),
      combinators: combinators.reverse(),
      specificity: specificityOf(classCount, typeCount),
      pseudoElement,
      text,
    },
  }
}

function emptyCompound(): CompoundBuilder {
  return { tag: undefined, classes: [], nth: [], root: false }
}

/** `:nth-child(2n+1)`, `:nth-last-of-type(odd)`... without the `of S` form. */
function parseNthFunction(name: string, argument: CssNode | null): Nth[] | undefined {
  const kind = nthFunctions[name]
  if (!kind || argument?.type !== 'Nth' || argument.selector) return undefined
  const formula = argument.nth
  if (formula.type === 'Identifier') {
    const keyword = formula.name.toLowerCase()
    if (keyword === 'odd') return [{ a: 2, b: 1, ...kind }]
    if (keyword === 'even') return [{ a: 2, b: 0, ...kind }]
    return undefined
  }
  return [{ a: toInteger(formula.a, 0), b: toInteger(formula.b, 0), ...kind }]
}

function toInteger(text: string | null, fallback: number): number {
  if (text === null) return fallback
  if (text === '+' || text === '') return 1
  if (text === '-') return -1
  const value = Number.parseInt(text, 10)
  return Number.isNaN(value) ? fallback : value
}
