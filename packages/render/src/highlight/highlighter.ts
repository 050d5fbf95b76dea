import type { ElementContent } from 'hast'
import type { HLJSApi, Language } from 'highlight.js'
import highlightJs from 'highlight.js/lib/core'
import { grammarFor, type Grammar } from './grammars.js'
import { emitSpansFor, HastEmitter } from './hast-emitter.js'
import { stabilizeMatchers } from './stable-matchers.js'
import { forEachMode } from './mode-tree.js'

/**
 * This package's own highlight.js instance: its grammars are registered, compiled and
 * stabilized here only (see stable-matchers.ts), whatever else the process does with highlight.js.
 */
const hljs: HLJSApi = highlightJs.newInstance()
hljs.configure({ __emitter: HastEmitter })

/** Module imported and registered, by grammar name. */
const registered = new Map<string, Promise<void>>()
/** Compiled and stabilized: resets the matchers of the language and of the languages it embeds. */
const ready = new Map<string, () => void>()

export function isReady(grammar: Grammar): boolean {
  return ready.has(grammar.name)
}

/**
 * Loads a grammar and every grammar it embeds (`xml` highlights `<script>` as `javascript`), then
 * compiles them. Safe to call concurrently: each module is imported once.
 */
export async function prepare(grammar: Grammar): Promise<void> {
  if (ready.has(grammar.name)) return
  const group: Grammar[] = []
  const pending = [grammar]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (group.includes(next)) continue
    group.push(next)
    await register(next)
    for (const name of embeddedLanguages(hljs.getLanguage(next.name)!)) {
      const embedded = grammarFor(name)
      // An embedded language outside the common set stays unregistered, as highlight.js expects.
      if (embedded !== undefined) pending.push(embedded)
    }
  }
  // Compiling and stabilizing is synchronous: concurrent callers cannot interleave here.
  const resets = group.map((member) => compile(member.name))
  if (!ready.has(grammar.name)) ready.set(grammar.name, () => resets.forEach((reset) => reset()))
}

/**
 * Highlighted code as `span.hljs-*` hast, or undefined if highlight.js could not (a grammar
 * error, which it reports instead of throwing): the code then stays plain. Only tokens with one
 * of `spanClasses`, when given, get a span. `prepare` first.
 */
export function highlightCode(grammar: Grammar, code: string, spanClasses?: ReadonlySet<string>): ElementContent[] | undefined {
  const reset = ready.get(grammar.name)
  if (reset === undefined) throw new Error(`highlight: the ${grammar.name} grammar was not prepared`)
  reset()
  emitSpansFor(spanClasses)
  const result = hljs.highlight(code, { language: grammar.name, ignoreIllegals: true })
  if (result.errorRaised !== undefined) return undefined
  return (result._emitter as HastEmitter).children
}

function register(grammar: Grammar): Promise<void> {
  let done = registered.get(grammar.name)
  if (done === undefined) {
    done = grammar.load().then((module) => hljs.registerLanguage(grammar.name, module.default))
    registered.set(grammar.name, done)
  }
  return done
}

const compiledResets = new Map<string, () => void>()

function compile(name: string): () => void {
  let reset = compiledResets.get(name)
  if (reset === undefined) {
    // highlight.js compiles a grammar on its first use and offers no other way to ask for it.
    hljs.highlight('', { language: name, ignoreIllegals: true })
    reset = stabilizeMatchers(hljs.getLanguage(name)!)
    compiledResets.set(name, reset)
  }
  return reset
}

/** Languages a grammar hands parts of its code to (`subLanguage`), read from its definition. */
function embeddedLanguages(language: Language): Set<string> {
  const names = new Set<string>()
  forEachMode(language, ['contains', 'variants', 'starts'], (mode) => {
    const embedded = mode['subLanguage']
    if (typeof embedded === 'string') names.add(embedded)
    else if (Array.isArray(embedded)) for (const name of embedded) if (typeof name === 'string') names.add(name)
  })
  return names
}
