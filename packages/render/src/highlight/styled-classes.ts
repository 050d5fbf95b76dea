import type { CompiledSheet, Compound, Selector } from '../themes/sheet.js'

/**
 * The classes a theme's selectors name, when they are all that can style a token: a token whose
 * classes are none of them comes out exactly as its text would, so the highlighter can leave it
 * as text (most tokens in most themes: titles, params, properties...). Undefined when the theme
 * could style a token without naming its class, or tell a token from its neighbours: a `span` or
 * `*` selector, a structural pseudo-class or sibling combinator that may apply to tokens, or a
 * child combinator into one (dropping the token between `.a > .b` would make it match).
 */
export function styledClasses(sheet: CompiledSheet): ReadonlySet<string> | undefined {
  const classes = new Set<string>()
  for (const rules of [...sheet.byClass.values(), ...sheet.byTag.values(), sheet.root, sheet.universal]) {
    for (const { selector } of rules) {
      if (!addClasses(selector, classes)) return undefined
    }
  }
  return classes
}

/** Adds the selector's classes; false when it could apply to tokens in another way. */
function addClasses(selector: Selector, classes: Set<string>): boolean {
  const { compounds, combinators } = selector
  for (let index = 0; index < compounds.length; index++) {
    const compound = compounds[index]!
    if (mayBeToken(compound) && (compound.classes.length === 0 || compound.nth.length > 0)) return false
    for (const name of compound.classes) classes.add(name)
    // `combinators[index]` joins this compound to the one on its left.
    const combinator = combinators[index]
    if (combinator === '>' && mayBeToken(compound)) return false
    if ((combinator === '+' || combinator === '~') && (mayBeToken(compound) || mayBeToken(compounds[index + 1]!))) return false
  }
  return true
}

/** Tokens are `span` elements, never the root. */
function mayBeToken(compound: Compound): boolean {
  return !compound.root && (compound.tag === undefined || compound.tag === 'span')
}
