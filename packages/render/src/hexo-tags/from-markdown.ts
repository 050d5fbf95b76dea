import type { Data, Node } from 'mdast'
import type { CompileContext, Extension } from 'mdast-util-from-markdown'
import type { Token } from 'micromark-util-types'

interface HexoTagFields {
  /** The name as written: `note`, `endnote`, `codeblock`, `post_link`… */
  name: string
  /** What follows the name up to `%}`, trimmed and as written (tag-arguments.ts splits it). */
  arguments: string
  /**
   * `codeblock`, `code` and `raw` whose end tag was found: the text between the tags, as
   * written (lines of a block without the opening tag's indentation). Unset otherwise.
   */
  content?: string | undefined
  /** A `%}` was written again right after the tag's own (`{% note warn %} %}`). */
  strayClosing?: boolean | undefined
}

/** A tag on a line of its own: a block. The remark plugin replaces every one. */
export interface HexoTag extends Node, HexoTagFields {
  type: 'hexoTag'
  data?: HexoTagData | undefined
}

/** A tag inside a paragraph (or heading, link text…): phrasing. The remark plugin replaces every one. */
export interface HexoTagInline extends Node, HexoTagFields {
  type: 'hexoTagInline'
  data?: HexoTagData | undefined
}

export interface HexoTagData extends Data {}

declare module 'mdast' {
  interface BlockContentMap {
    hexoTag: HexoTag
  }
  interface PhrasingContentMap {
    hexoTagInline: HexoTagInline
  }
  interface RootContentMap {
    hexoTag: HexoTag
    hexoTagInline: HexoTagInline
  }
}

declare module 'mdast-util-from-markdown' {
  interface CompileData {
    /** The raw content read so far of the tag being compiled, and the line it has reached. */
    hexoTagContent?: { text: string; line: number } | undefined
  }
}

const opening = /^\{%[ \t]*([A-Za-z_][\w-]*)([\s\S]*)%\}$/

/**
 * The mdast-util-from-markdown part of hexo-tags/syntax.ts: `hexoTag` (block) and
 * `hexoTagInline` (phrasing) nodes with the tag's name, arguments and raw content.
 */
export function hexoTagsFromMarkdown(): Extension {
  return {
    enter: { hexoTagFlow: enterFlow, hexoTagText: enterText },
    exit: {
      hexoTagOpening: exitOpening,
      hexoTagStray: exitStray,
      hexoTagValue: exitValue,
      hexoTagEnd: exitEnd,
      hexoTagFlow: exitTag,
      hexoTagText: exitTag,
    },
  }
}

function enterFlow(this: CompileContext, token: Token): undefined {
  this.data.hexoTagContent = undefined
  this.enter({ type: 'hexoTag', name: '', arguments: '' }, token)
}

function enterText(this: CompileContext, token: Token): undefined {
  this.data.hexoTagContent = undefined
  this.enter({ type: 'hexoTagInline', name: '', arguments: '' }, token)
}

function current(context: CompileContext): HexoTag | HexoTagInline {
  const node = context.stack[context.stack.length - 1]
  if (node?.type !== 'hexoTag' && node?.type !== 'hexoTagInline') throw new Error(`Expected a Hexo tag node, got ${node?.type}`)
  return node
}

function exitOpening(this: CompileContext, token: Token): undefined {
  const node = current(this)
  const match = opening.exec(this.sliceSerialize(token))
  node.name = match?.[1] ?? ''
  node.arguments = match?.[2]?.trim() ?? ''
  this.data.hexoTagContent = { text: '', line: token.end.line }
}

function exitStray(this: CompileContext): undefined {
  current(this).strayClosing = true
}

function exitValue(this: CompileContext, token: Token): undefined {
  const content = this.data.hexoTagContent
  if (content === undefined) return
  // Values are pieces of lines; the line endings between them are counted from their lines.
  content.text += '\n'.repeat(token.start.line - content.line) + this.sliceSerialize(token)
  content.line = token.start.line
}

function exitEnd(this: CompileContext, token: Token): undefined {
  const content = this.data.hexoTagContent
  if (content === undefined) return
  const text = content.text + '\n'.repeat(token.start.line - content.line)
  // The line end after the opening tag and the one (with the indentation) before the end tag
  // are the tags', not the content's.
  current(this).content = text.replace(/^\n/, '').replace(/\n[ \t]*$/, '')
}

function exitTag(this: CompileContext, token: Token): undefined {
  this.data.hexoTagContent = undefined
  this.exit(token)
}
