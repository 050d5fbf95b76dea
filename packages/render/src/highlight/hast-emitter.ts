import type { Element, ElementContent } from 'hast'
import type { Emitter } from 'highlight.js'

/** Token classes worth a span (see styled-classes.ts); undefined: every token gets one. */
let spanClasses: ReadonlySet<string> | undefined

/** Sets which tokens the emitters made from now on wrap in spans. highlight.js emits synchronously. */
export function emitSpansFor(classes: ReadonlySet<string> | undefined): void {
  spanClasses = classes
}

/**
 * Receives highlight.js's tokens (its emitter interface) and builds them as hast: a scope
 * `title.function` becomes `<span class="hljs-title function_">`, the convention of highlight.js's
 * own HTML and of the themes; an embedded language becomes a span classed with its name. A token
 * no span is wanted for is left as text in its parent, merged with the text around it.
 */
export class HastEmitter implements Emitter {
  readonly children: ElementContent[] = []
  /** The children each open token adds to: its span's, or its parent's when it has no span. */
  private readonly stack: ElementContent[][] = [this.children]
  private readonly spans = spanClasses

  addText(text: string): void {
    if (text === '') return
    const siblings = this.top()
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
    this.open(classNamesOf(scope))
  }

  closeNode(): void {
    if (this.stack.length > 1) this.stack.pop()
  }

  __addSublanguage(other: Emitter, name: string): void {
    const embedded = (other as HastEmitter).children
    if (name) this.open([name])
    for (const child of embedded) {
      if (child.type === 'text') this.addText(child.value)
      else this.top().push(child)
    }
    if (name) this.closeNode()
  }

  finalize(): void {
    this.stack.length = 1
  }

  /** highlight.js asks for HTML; the tree is what is used, so none is made. */
  toHTML(): string {
    return ''
  }

  private open(className: readonly string[]): void {
    if (this.spans !== undefined && !className.some((name) => this.spans!.has(name))) {
      this.stack.push(this.top())
      return
    }
    // Each span gets its own array: later plugins may change an element's properties in place.
    const span: Element = { type: 'element', tagName: 'span', properties: { className: [...className] }, children: [] }
    this.top().push(span)
    this.stack.push(span.children)
  }

  private top(): ElementContent[] {
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
