/**
 * The compiled form of a theme: rules indexed by the tag or class of their rightmost compound, so
 * styling an element looks at the few rules that can match it instead of running every selector
 * over the whole tree.
 */

export interface Declaration {
  readonly property: string
  /** Final text: variables resolved, font names unquoted where CSS allows, colours shortened. */
  readonly value: string
  readonly important: boolean
}

/** `:nth-child(An+B)` and the pseudo-classes that are special cases of it (`:first-child`...). */
export interface Nth {
  readonly a: number
  readonly b: number
  readonly fromEnd: boolean
  readonly ofType: boolean
}

/** One compound selector: `li.task:first-child`. */
export interface Compound {
  readonly tag: string | undefined
  readonly classes: readonly string[]
  readonly nth: readonly Nth[]
  /** `:root` (also written `html` or `body`): the section that wraps the article. */
  readonly root: boolean
}

export type Combinator = ' ' | '>' | '+' | '~'

export type PseudoElement = 'before' | 'after' | 'marker'

export interface Selector {
  /** Rightmost compound first: matching starts at the element being styled. */
  readonly compounds: readonly Compound[]
  /** `combinators[i]` joins `compounds[i]` to `compounds[i + 1]` (the one on its left). */
  readonly combinators: readonly Combinator[]
  readonly specificity: number
  readonly pseudoElement: PseudoElement | undefined
  /** The selector as written, for messages. */
  readonly text: string
}

export interface Rule {
  readonly selector: Selector
  readonly declarations: readonly Declaration[]
  /** Source order: the later of two equally specific rules wins. */
  readonly order: number
  /** `content` of a pseudo-element rule as text; `''` for `none`; undefined when not declared. */
  readonly content: string | undefined
}

export interface CompiledSheet {
  readonly byTag: ReadonlyMap<string, readonly Rule[]>
  readonly byClass: ReadonlyMap<string, readonly Rule[]>
  /** Rules whose rightmost compound is `:root`. */
  readonly root: readonly Rule[]
  /** Rules whose rightmost compound names no tag, class or `:root` (`*`, `:first-child`). */
  readonly universal: readonly Rule[]
  /** Custom properties of `:root`, for `var()` in the author's own inline styles. */
  readonly variables: ReadonlyMap<string, string>
}

/** Specificity packed in one number: (classes and pseudo-classes, types and pseudo-elements). */
export function specificityOf(classes: number, types: number): number {
  return classes * 1000 + types
}
