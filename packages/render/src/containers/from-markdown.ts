import type { BlockContent, Data, DefinitionContent, Node, Paragraph, Parent } from 'mdast'
import type { CompileContext, Extension } from 'mdast-util-from-markdown'
import { toString } from 'mdast-util-to-string'
import type { Token } from 'micromark-util-types'

/**
 * A colon container (`::: tip 标题` … `:::`, `:::note[标题]` … `:::`) as parsed, before
 * remark-weixin-containers turns it into a callout (or unwraps it): it never reaches
 * remark-rehype.
 */
export interface ColonContainer extends Parent {
  type: 'colonContainer'
  /** The name as written (`tip`, `code-group`, `NOTE`); `''` when the fence has none (`::: 注意`). */
  name: string
  /** The title as plain text (inline Markdown read as its text, raw HTML as the characters written), or undefined. */
  title: string | undefined
  /** Colons in the opening fence: a closer needs at least as many. */
  size: number
  /** Whether a closing fence ended it; if not, it ran to the end of its parent. */
  closed: boolean
  /** Without a closing fence: the line of a code fence inside that was still open (which took the colon lines after it as code). */
  openCodeFenceLine?: number | undefined
  /** Nested deeper than containers go (containers/syntax.ts `maximumDepth`): the opening line only, nothing inside. */
  tooDeep?: boolean | undefined
  children: Array<BlockContent | DefinitionContent>
  data?: ColonContainerData | undefined
}

export interface ColonContainerData extends Data {}

/** A line of colons only that closes no open container. */
export interface ColonFence extends Node {
  type: 'colonFence'
  size: number
  data?: ColonFenceData | undefined
}

export interface ColonFenceData extends Data {}

declare module 'mdast' {
  interface BlockContentMap {
    colonContainer: ColonContainer
    colonFence: ColonFence
  }
  interface RootContentMap {
    colonContainer: ColonContainer
    colonFence: ColonFence
  }
}

/** The mdast-util-from-markdown part of colon containers (containers/syntax.ts). */
export const colonContainerFromMarkdown: Extension = {
  enter: {
    colonContainer: enterContainer,
    colonContainerTitle: enterTitle,
    colonFenceUnmatched: enterFence,
  },
  exit: {
    colonContainer: exitContainer,
    colonContainerSequence: exitSequence,
    colonContainerName: exitName,
    colonContainerTitle: exitTitle,
    colonContainerClosingFence: exitClosingFence,
    colonFenceUnmatched: exitFence,
  },
}

function enterContainer(this: CompileContext, token: Token): undefined {
  this.enter({ type: 'colonContainer', name: '', title: undefined, size: 0, closed: false, children: [] }, token)
}

function exitContainer(this: CompileContext, token: Token): undefined {
  const node = this.stack[this.stack.length - 1] as ColonContainer
  if (!node.closed && token._colonContainerOpenCodeFence !== undefined) node.openCodeFenceLine = token._colonContainerOpenCodeFence
  if (token._colonContainerTooDeep) node.tooDeep = true
  this.exit(token)
}

function enterFence(this: CompileContext, token: Token): undefined {
  this.enter({ type: 'colonFence', size: 0 }, token)
}

function exitFence(this: CompileContext, token: Token): undefined {
  this.exit(token)
}

/** The opening fence's sequence gives the size; a closing fence's is never shorter, and not needed. */
function exitSequence(this: CompileContext, token: Token): undefined {
  const node = this.stack[this.stack.length - 1] as ColonContainer | ColonFence
  if (node.size === 0) node.size = this.sliceSerialize(token).length
}

function exitName(this: CompileContext, token: Token): undefined {
  ;(this.stack[this.stack.length - 1] as ColonContainer).name = this.sliceSerialize(token)
}

/** The title's inline content gathers in a paragraph of its own, taken out again at its exit. */
function enterTitle(this: CompileContext, token: Token): undefined {
  this.enter({ type: 'paragraph', children: [] }, token)
}

function exitTitle(this: CompileContext, token: Token): undefined {
  const paragraph = this.stack[this.stack.length - 1] as Paragraph
  this.exit(token)
  const container = this.stack[this.stack.length - 1] as ColonContainer
  container.children.pop()
  // The text a reader would see, with raw HTML as the characters written, as in every callout
  // title (remark-weixin-alerts): a title is never markup.
  const title = toString(paragraph, { includeHtml: true }).replace(/\s+/g, ' ').trim()
  if (title !== '') container.title = title
}

function exitClosingFence(this: CompileContext, _token: Token): undefined {
  ;(this.stack[this.stack.length - 1] as ColonContainer).closed = true
}
