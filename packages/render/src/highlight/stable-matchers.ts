import type { Language } from 'highlight.js'
import { forEachMode } from './mode-tree.js'

/**
 * What highlight.js 11 keeps on a compiled mode (its private API, checked by `stabilizeMatchers`):
 * a `ResumableMultiRegex` that scans for the mode's rules, built lazily for each rule it may
 * resume from.
 */
interface Matcher {
  /** `[regex, { rule, type, position }]` for each rule, in order. */
  rules: Array<[unknown, Record<string, unknown>]>
  /** Built scanners, by the rule they start from. */
  multiRegexes: unknown[]
  /** Where the next scan resumes: rules before it were tried at this position and ignored. */
  regexIndex: number
  getMatcher(index: number): unknown
}

/**
 * Makes a compiled language highlight the same text the same way whatever it highlighted before,
 * and returns a reset to call before each use.
 *
 * highlight.js keeps state in a compiled language between calls. The real leak: the scanner a
 * mode builds to resume after an ignored match (`.catch` after a dot is not the keyword `catch`)
 * renumbers the rule objects it shares with the mode's main scanner, so from then on every match
 * of that main scanner reports a wrong rule position and later resumptions skip the wrong rules:
 * after one block resumed in a mode, the next block's `.catch(` came out as a keyword. Each
 * scanner here gets its own copies of the rule objects, so positions stay right. The other state,
 * where a mode's scan resumes (`regexIndex`), is left non-zero when a block ends inside a nested
 * mode; highlight.js resets it before use, and the returned function resets it anyway, so no
 * state is carried from one block to the next.
 */
export function stabilizeMatchers(language: Language): () => void {
  const matchers = compiledMatchers(language)
  for (const matcher of matchers) ownRuleCopies(matcher)
  return () => {
    for (const matcher of matchers) matcher.regexIndex = 0
  }
}

/** Every matcher of a compiled language: its modes, their `contains`, variants and `starts`. */
function compiledMatchers(language: Language): Matcher[] {
  const matchers: Matcher[] = []
  forEachMode(language, ['contains', 'cachedVariants', 'starts'], (mode) => {
    if (mode['matcher'] !== undefined) matchers.push(asMatcher(mode['matcher']))
  })
  if (matchers.length === 0) throw internalsChanged('a compiled language has no matcher')
  return matchers
}

function asMatcher(value: unknown): Matcher {
  const matcher = value as Partial<Matcher>
  if (!Array.isArray(matcher.rules) || !Array.isArray(matcher.multiRegexes) || typeof matcher.regexIndex !== 'number' || typeof matcher.getMatcher !== 'function') {
    throw internalsChanged('a mode matcher lacks rules, multiRegexes, regexIndex or getMatcher')
  }
  return matcher as Matcher
}

/** Builds each scanner from copies of the rule objects, which the build numbers for itself. */
function ownRuleCopies(matcher: Matcher): void {
  const build = matcher.getMatcher
  // Scanners built before (the empty highlight that compiled the language) share the originals.
  matcher.multiRegexes = []
  matcher.getMatcher = function getMatcher(this: Matcher, index: number): unknown {
    const built = this.multiRegexes[index]
    if (built !== undefined) return built
    const rules = this.rules
    this.rules = rules.map(([regex, options]) => [regex, { ...options }])
    try {
      return build.call(this, index)
    } finally {
      this.rules = rules
    }
  }
}

function internalsChanged(what: string): Error {
  return new Error(`highlight.js internals changed (${what}): @mdwx/render needs highlight.js ~11.11`)
}
