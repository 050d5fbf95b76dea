import type { Element, ElementContent } from 'hast'

/**
 * A TeX formula that text shows exactly, as text: `x^2`, `a_i`, `e^{-x}`, `n \le m`,
 * `\alpha + \beta`, `f(x)`, `\sin^2 x`. About 30 characters of HTML where MathJax's SVG takes
 * 300 to 1,000, and text the reader's phone sets in its own font, colour and size.
 *
 * Drawn as TeX draws it: letters and lowercase Greek italic (`<i>`, which every browser slants),
 * digits, uppercase Greek, operators and function names (`\log`) upright; scripts as `<sup>` and
 * `<sub>` (a script inside a script, no deeper); the minus sign −, ×, ·, ≤, ≠, →...; around a
 * binary operator or relation a thin space, none inside scripts (where TeX sets none either),
 * a thin space after a comma and around a function name. Where TeX may break an inline formula
 * (after a relation or binary operator) the space is a breaking thin space (U+2009); every
 * other space is a narrow no-break space (U+202F), so `f(x) =` never ends a line on `f`.
 *
 * Everything else is left to MathJax (undefined): fractions, roots, sums and other big operators,
 * matrices, `\text`, accents, `\left…\right`, a base with both a sub- and a superscript (TeX stacks
 * them, text cannot), anything over `maxLength` characters, any character or command not listed
 * here, and any TeX that is not well formed (so that MathJax reports it). Hand-written: this is
 * a recogniser of a few dozen commands, not a TeX parser, and no library offers one that small.
 */
export function textFormula(tex: string): ElementContent[] | undefined {
  const source = tex.trim()
  if (source === '' || [...source].length > maxLength) return undefined
  const parser = new Parser(source)
  const atoms = parser.list(0)
  if (atoms === undefined || !parser.atEnd() || atoms.every((atom) => atom.kind === 'space')) return undefined
  return write(atoms, 0)
}

/** Longer formulas are left to MathJax, which sets them better than a line of text would. */
export const maxLength = 40

/** TeX's atom classes (The TeXbook, chapter 17), as far as spacing needs them. */
type AtomClass = 'ord' | 'op' | 'bin' | 'rel' | 'open' | 'close' | 'punct'

interface Atom {
  /** `'space'`: an explicit space (`\,`, `~`), which spacing looks through. */
  kind: AtomClass | 'space'
  text: string
  italic: boolean
  /** `\max`, `\lim`: TeX sets their scripts above and below in display, so none is accepted. */
  limits?: boolean
  sup?: Atom[]
  sub?: Atom[]
  /** `'`, `''`: the primes, set as ′ and ″ right after the base. */
  primes?: number
}

const lowerGreek: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π',
  varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'ϕ',
  varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
}

const upperGreek: Record<string, string> = {
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
}

/** Upright symbols of class ord. */
const ordinary: Record<string, string> = {
  infty: '∞', ldots: '…', dots: '…', cdots: '⋯', partial: '∂', nabla: '∇', ell: 'ℓ', hbar: 'ℏ',
  emptyset: '∅', varnothing: '∅', forall: '∀', exists: '∃', neg: '¬', lnot: '¬', prime: '′',
  angle: '∠', triangle: '△', '%': '%', vert: '|', Vert: '‖', '|': '‖',
}

const binary: Record<string, string> = {
  times: '×', cdot: '·', pm: '±', mp: '∓', div: '÷', ast: '∗', star: '⋆', circ: '∘', bullet: '∙',
  oplus: '⊕', otimes: '⊗', cup: '∪', cap: '∩', setminus: '∖', wedge: '∧', vee: '∨', land: '∧', lor: '∨',
}

const relation: Record<string, string> = {
  le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', approx: '≈', equiv: '≡', sim: '∼',
  simeq: '≃', cong: '≅', propto: '∝', ll: '≪', gg: '≫', in: '∈', notin: '∉', ni: '∋', subset: '⊂',
  supset: '⊃', subseteq: '⊆', supseteq: '⊇', to: '→', rightarrow: '→', leftarrow: '←', gets: '←',
  leftrightarrow: '↔', Rightarrow: '⇒', Leftarrow: '⇐', Leftrightarrow: '⇔', mapsto: '↦', perp: '⊥',
  parallel: '∥', mid: '∣',
}

const opening: Record<string, string> = { '{': '{', lbrace: '{', langle: '⟨', lfloor: '⌊', lceil: '⌈', lvert: '|', lVert: '‖' }
const closing: Record<string, string> = { '}': '}', rbrace: '}', rangle: '⟩', rfloor: '⌋', rceil: '⌉', rvert: '|', rVert: '‖' }

/** Function names TeX sets upright with their scripts at the side (`\log_2 n`, `\sin^2 x`). */
const functions = new Set([
  'log', 'ln', 'lg', 'exp', 'sin', 'cos', 'tan', 'cot', 'sec', 'csc', 'sinh', 'cosh', 'tanh', 'coth',
  'arcsin', 'arccos', 'arctan', 'arg', 'dim', 'ker', 'deg', 'hom',
])

/** Function names whose scripts TeX may set above and below: accepted only without scripts. */
const limitFunctions = new Set(['max', 'min', 'lim', 'sup', 'inf', 'det', 'gcd', 'Pr'])

/** The explicit spaces, by the width TeX gives them. */
const spaces: Record<string, string> = { ',': '\u202f', ':': '\u2005', ';': '\u2004', quad: '\u2003', qquad: '\u2003\u2003', ' ': ' ' }

const characters: Record<string, [AtomClass, string]> = {
  '+': ['bin', '+'], '-': ['bin', '−'], '*': ['bin', '∗'], '/': ['ord', '/'], '|': ['ord', '|'],
  '=': ['rel', '='], '<': ['rel', '<'], '>': ['rel', '>'], ':': ['rel', ':'],
  ',': ['punct', ','], ';': ['punct', ';'],
  '(': ['open', '('], '[': ['open', '['], ')': ['close', ')'], ']': ['close', ']'],
  '!': ['close', '!'], '?': ['close', '?'],
}

/** The upright commands by their class (lowercase Greek, italic, is looked up first). */
const commandTables: [Atom['kind'], Record<string, string>][] = [
  ['ord', upperGreek], ['ord', ordinary], ['bin', binary], ['rel', relation], ['open', opening], ['close', closing], ['space', spaces],
]

/** A table's own entry only: `\constructor` must not find every object's constructor. */
function own<Value>(table: Record<string, Value>, key: string): Value | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

/** Scripts inside scripts are accepted; a third level is left to MathJax. */
const maxDepth = 2

class Parser {
  private index = 0

  constructor(private readonly source: string) {}

  atEnd(): boolean {
    this.skipSpace()
    return this.index >= this.source.length
  }

  /** Atoms up to the end or a closing brace (not consumed); undefined when anything is not accepted. */
  list(depth: number): Atom[] | undefined {
    const atoms: Atom[] = []
    while (!this.atEnd()) {
      const character = this.source[this.index]!
      if (character === '}') break
      if (character === '^' || character === '_') {
        if (!this.script(atoms.at(-1), character, depth)) return undefined
        continue
      }
      if (character === "'") {
        const base = atoms.at(-1)
        // A prime after a script is TeX's "double exponent"; on nothing, an empty base: MathJax's.
        if (base === undefined || base.kind === 'space' || base.sup || base.sub) return undefined
        base.primes = (base.primes ?? 0) + 1
        this.index++
        continue
      }
      const atom = this.atom()
      if (atom === undefined) return undefined
      atoms.push(atom)
    }
    return atoms
  }

  /** `^x`, `_{…}` on the atom before: one of each at most, and never both (TeX stacks them). */
  private script(base: Atom | undefined, marker: string, depth: number): boolean {
    if (base === undefined || depth + 1 > maxDepth) return false
    if (base.kind !== 'ord' && base.kind !== 'close' && !(base.kind === 'op' && !base.limits)) return false
    if (base.sup || base.sub || base.primes) return false
    this.index++
    this.skipSpace()
    let script: Atom[] | undefined
    if (this.source[this.index] === '{') {
      this.index++
      script = this.list(depth + 1)
      this.skipSpace()
      if (this.source[this.index] !== '}') return false
      this.index++
    } else {
      // One token: `x^10` is x¹0 in TeX.
      const atom = this.atom(true)
      script = atom === undefined ? undefined : [atom]
    }
    if (script === undefined || script.length === 0) return false
    if (marker === '^') base.sup = script
    else base.sub = script
    return true
  }

  /** One letter, digit run (one digit when `single`), symbol or command. */
  private atom(single = false): Atom | undefined {
    const character = this.source[this.index]
    if (character === undefined) return undefined
    if (/[a-zA-Z]/.test(character)) {
      this.index++
      return { kind: 'ord', text: character, italic: true }
    }
    if (/[0-9.]/.test(character)) {
      const digits = single ? character : /^[0-9.]+/.exec(this.source.slice(this.index))![0]
      this.index += digits.length
      return { kind: 'ord', text: digits, italic: false }
    }
    if (character === '~') {
      this.index++
      return { kind: 'space', text: '\u00a0', italic: false }
    }
    if (character === '\\') return this.command()
    const known = own(characters, character)
    if (known === undefined) return undefined
    this.index++
    return { kind: known[0], text: known[1], italic: false }
  }

  private command(): Atom | undefined {
    const name = /^\\([a-zA-Z]+|[^a-zA-Z])/.exec(this.source.slice(this.index))?.[1]
    if (name === undefined) return undefined
    this.index += name.length + 1
    const greek = own(lowerGreek, name)
    if (greek !== undefined) return { kind: 'ord', text: greek, italic: true }
    for (const [kind, table] of commandTables) {
      const text = own(table, name)
      if (text !== undefined) return { kind, text, italic: false }
    }
    if (functions.has(name)) return { kind: 'op', text: name, italic: false }
    if (limitFunctions.has(name)) return { kind: 'op', text: name, italic: false, limits: true }
    return undefined
  }

  private skipSpace(): void {
    while (/\s/.test(this.source[this.index] ?? '')) this.index++
  }
}

type Space = 'none' | 'thin' | 'medium' | 'thick'

/**
 * TeX's spacing between atoms (The TeXbook, chapter 18): `scripted` marks the spaces TeX sets
 * only in text and display style, not in scripts.
 */
function spaceBetween(left: AtomClass, right: AtomClass): { space: Space; scripted: boolean } {
  const table: Partial<Record<AtomClass, Partial<Record<AtomClass, [Space, boolean]>>>> = {
    ord: { op: ['thin', false], bin: ['medium', true], rel: ['thick', true] },
    op: { ord: ['thin', false], op: ['thin', false], rel: ['thick', true] },
    bin: { ord: ['medium', true], op: ['medium', true], open: ['medium', true] },
    rel: { ord: ['thick', true], op: ['thick', true], open: ['thick', true] },
    close: { op: ['thin', false], bin: ['medium', true], rel: ['thick', true] },
    punct: { ord: ['thin', true], op: ['thin', true], rel: ['thin', true], open: ['thin', true], close: ['thin', true], punct: ['thin', true] },
  }
  const [space, scripted] = table[left]?.[right] ?? ['none', false]
  return { space, scripted }
}

/**
 * A binary operator with nothing to operate on is an ordinary symbol (TeX's rules 5 and 6):
 * `-x`, `(-1)`, `= -1`, `x^{-1}` get no space around the minus.
 */
function settleBinaries(atoms: readonly Atom[]): AtomClass[] {
  const solid = atoms.filter((atom): atom is Atom & { kind: AtomClass } => atom.kind !== 'space')
  const classes = solid.map((atom) => atom.kind)
  for (let index = 0; index < classes.length; index++) {
    if (classes[index] !== 'bin') continue
    const before = classes[index - 1]
    const after = classes[index + 1]
    if (before === undefined || ['bin', 'op', 'rel', 'open', 'punct'].includes(before)) classes[index] = 'ord'
    else if (after === undefined || ['rel', 'close', 'punct'].includes(after)) classes[index] = 'ord'
  }
  // The classes of the solid atoms, in the order of `atoms` (spaces keep their own).
  let next = 0
  return atoms.map((atom) => (atom.kind === 'space' ? 'ord' : classes[next++]!))
}

function write(atoms: readonly Atom[], depth: number): ElementContent[] {
  const classes = settleBinaries(atoms)
  const nodes: ElementContent[] = []
  let previous: AtomClass | undefined
  for (const [index, atom] of atoms.entries()) {
    if (atom.kind === 'space') {
      appendText(nodes, atom.text)
      continue
    }
    const current = classes[index]!
    if (previous !== undefined) {
      const { space, scripted } = spaceBetween(previous, current)
      if (space !== 'none' && !(scripted && depth > 0)) {
        // TeX may break a line after a relation or binary operator of the formula's top level.
        const breaks = depth === 0 && (previous === 'rel' || previous === 'bin')
        appendText(nodes, breaks ? '\u2009' : '\u202f')
      }
    }
    writeAtom(nodes, atom, depth)
    previous = current
  }
  return nodes
}

function writeAtom(nodes: ElementContent[], atom: Atom, depth: number): void {
  if (atom.italic) {
    const last = nodes.at(-1)
    // Letters in a row share one <i>: `mc` is <i>mc</i>, not two.
    if (last?.type === 'element' && last.tagName === 'i') appendText(last.children, atom.text)
    else nodes.push(element('i', [{ type: 'text', value: atom.text }]))
  } else {
    appendText(nodes, atom.text)
  }
  if (atom.primes) appendText(nodes, atom.primes === 2 ? '″' : atom.primes === 3 ? '‴' : '′'.repeat(atom.primes))
  if (atom.sup) nodes.push(element('sup', write(atom.sup, depth + 1)))
  if (atom.sub) nodes.push(element('sub', write(atom.sub, depth + 1)))
}

function appendText(nodes: ElementContent[], value: string): void {
  const last = nodes.at(-1)
  if (last?.type === 'text') last.value += value
  else nodes.push({ type: 'text', value })
}

function element(tagName: string, children: ElementContent[]): Element {
  return { type: 'element', tagName, properties: {}, children }
}
