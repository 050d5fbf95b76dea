import type { Data, Parent, PhrasingContent } from 'mdast'
import type { CompileContext, Extension } from 'mdast-util-from-markdown'
import type { Token } from 'micromark-util-types'

/** `==highlighted==` text: phrasing content shown as `<mark>`. */
export interface Mark extends Parent {
  type: 'mark'
  children: PhrasingContent[]
  data?: MarkData | undefined
}

export interface MarkData extends Data {}

declare module 'mdast' {
  interface PhrasingContentMap {
    mark: Mark
  }
  interface RootContentMap {
    mark: Mark
  }
}

/**
 * The mdast-util-from-markdown part of `==mark==` (mark/syntax.ts): a `mark` node around the
 * content. It carries `hName: 'mark'`, so remark-rehype makes a `<mark>` without a handler of
 * its own, and other tree utilities treat it as any phrasing parent.
 */
export const markFromMarkdown: Extension = {
  // A line ending inside a mark is text, as inside emphasis.
  canContainEols: ['mark'],
  enter: { mark: enterMark },
  exit: { mark: exitMark },
}

function enterMark(this: CompileContext, token: Token): undefined {
  this.enter({ type: 'mark', children: [], data: { hName: 'mark' } }, token)
}

function exitMark(this: CompileContext, token: Token): undefined {
  this.exit(token)
}
