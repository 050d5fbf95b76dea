import type { Element, ElementContent } from 'hast'
import type { Emitter } from 'highlight.js'

/**
 * Receives highlight.js's tokens (its emitter interface) and builds them as hast: a scope
 * `title.function` becomes `<span class="hljs-title function_">`, the convention of highlight.js's
 * own HTML and of the themes; an embedded language becomes a span classed with its name.
 */
export class HastEmitter implements Emitter {
  readonly children: ElementContent[] = []
  private readonly stack: Array<{ children: ElementContent[] }> = [this]

  addText(text: string): void {
    if (text === '') return
    const siblings = this.top().children
    const last = siblings[siblings.length - 1]
    if (last?.type === 'text') last.value += text
    else siblings.push({ type: 'text', value: text })
  }

  startScope(scope: string): void {
    this.openNode(scope)
  }

  endScope(): void {
    this.closeNode()
  }

  openNode(scope: string): void {
    const span = element(classNamesOf(scope), [])
    this.top().children.push(span)
    this.stack.push(span)
  }

  closeNode(): void {
    if (this.stack.length > 1) this.stack.pop()
  }

  __addSublanguage(other: Emitter, name: string): void {
    const children = (other as HastEmitter).children
    if (name) this.top().children.push(element([name], children))
    else this.top().children.push(...children)
  }

  finalize(): void {
    this.stack.length = 1
  }

  /** highlight.js asks for HTML; the tree is what is used, so none is made. */
  toHTML(): string {
    return ''
  }

  private top(): { children: ElementContent[] } {
    return this.stack[this.stack.length - 1]!
  }
}

const classNames = new Map<string, string[]>()

/** `title.function` → `hljs-title function_`; `a.b.c` → `hljs-a b_ c__`. A grammar has few scopes. */
function classNamesOf(scope: string): string[] {
  let names = classNames.get(scope)
  if (names === undefined) {
    names = scope.split('.').map((part, index) => (index === 0 ? `hljs-${part}` : part + '_'.repeat(index)))
    classNames.set(scope, names)
  }
  return names
}

function element(className: string[], children: ElementContent[]): Element {
  // Each span gets its own array: later plugins may change an element's properties in place.
  return { type: 'element', tagName: 'span', properties: { className: [...className] }, children }
}
