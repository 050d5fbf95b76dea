import type { Data, Node } from 'mdast'
import type { CompileContext, Extension } from 'mdast-util-from-markdown'
import type { Token } from 'micromark-util-types'

interface HugoShortcodeFields {
  /** The name as written: `figure`, `highlight`, `notice`, `dir/name`; '' for an escaped one. */
  name: string
  /** `<` for `{{< >}}` (content passed as is), `%` for `{{% %}}` (content rendered as Markdown by Hugo). */
  delimiter: '<' | '%'
  /** What follows the name up to the closing delimiter, trimmed (arguments.ts splits it). */
  arguments: string
  /** `{{< /name >}}`. */
  closing: boolean
  /** `{{< name />}}`: no end tag follows. */
  selfClosing: boolean
  /**
   * `{{</* name *\/>}}`, Hugo's way to show a shortcode as text: `shown` holds it without the
   * comment marks.
   */
  escaped?: { shown: string } | undefined
  /**
   * `highlight` whose end tag was found: the lines between the tags, as written (without the
   * opening tag's indentation). Unset otherwise.
   */
  content?: string | undefined
}

/** A shortcode on lines of its own: a block. The remark plugin replaces every one. */
export interface HugoShortcode extends Node, HugoShortcodeFields {
  type: 'hugoShortcode'
  data?: HugoShortcodeData | undefined
}

/** A shortcode inside a paragraph (or heading, link text…): phrasing. The remark plugin replaces every one. */
export interface HugoShortcodeInline extends Node, HugoShortcodeFields {
  type: 'hugoShortcodeInline'
  data?: HugoShortcodeData | undefined
}

export interface HugoShortcodeData extends Data {}

declare module 'mdast' {
  interface BlockContentMap {
    hugoShortcode: HugoShortcode
  }
  interface PhrasingContentMap {
    hugoShortcodeInline: HugoShortcodeInline
  }
  interface RootContentMap {
    hugoShortcode: HugoShortcode
    hugoShortcodeInline: HugoShortcodeInline
  }
}

declare module 'mdast-util-from-markdown' {
  interface CompileData {
    /** The raw content read so far of the shortcode being compiled, and the line it has reached. */
    hugoShortcodeContent?: { text: string; line: number } | undefined
  }
}

/**
 * The mdast-util-from-markdown part of hugo-shortcodes/syntax.ts: `hugoShortcode` (block) and
 * `hugoShortcodeInline` (phrasing) nodes with the shortcode's name, arguments and raw content.
 */
export function hugoShortcodesFromMarkdown(): Extension {
  return {
    enter: { hugoShortcodeFlow: enterFlow, hugoShortcodeText: enterText },
    exit: {
      hugoShortcodeTag: exitTag,
      hugoShortcodeValue: exitValue,
      hugoShortcodeEnd: exitEnd,
      hugoShortcodeFlow: exitShortcode,
      hugoShortcodeText: exitShortcode,
    },
  }
}

const blank: HugoShortcodeFields = { name: '', delimiter: '<', arguments: '', closing: false, selfClosing: false }

function enterFlow(this: CompileContext, token: Token): undefined {
  this.data.hugoShortcodeContent = undefined
  this.enter({ type: 'hugoShortcode', ...blank }, token)
}

function enterText(this: CompileContext, token: Token): undefined {
  this.data.hugoShortcodeContent = undefined
  this.enter({ type: 'hugoShortcodeInline', ...blank }, token)
}

function current(context: CompileContext): HugoShortcode | HugoShortcodeInline {
  const node = context.stack[context.stack.length - 1]
  if (node?.type !== 'hugoShortcode' && node?.type !== 'hugoShortcodeInline') throw new Error(`Expected a Hugo shortcode node, got ${node?.type}`)
  return node
}

function exitTag(this: CompileContext, token: Token): undefined {
  Object.assign(current(this), readTag(this.sliceSerialize(token)))
  this.data.hugoShortcodeContent = { text: '', line: token.end.line }
}

/** `{{< /name params />}}` → its parts. The tokenizer checked the shape; this only cuts it up. */
export function readTag(written: string): HugoShortcodeFields {
  const delimiter = written.charAt(2) === '%' ? '%' : '<'
  const inner = written.slice(3, -3).trim()
  if (inner.startsWith('/*') && inner.endsWith('*/')) {
    const shown = `{{${delimiter}${written.slice(3, -3).replace(/^(\s*)\/\*/, '$1').replace(/\*\/(\s*)$/, '$1')}${written.slice(-3)}`
    return { ...blank, delimiter, escaped: { shown } }
  }
  const closing = inner.startsWith('/')
  let rest = closing ? inner.slice(1).trimStart() : inner
  let selfClosing = false
  if (!closing && rest.endsWith('/')) {
    selfClosing = true
    rest = rest.slice(0, -1).trimEnd()
  }
  const name = /^[\w.\-/]*/.exec(rest)![0]
  return { name, delimiter, arguments: rest.slice(name.length).trim(), closing, selfClosing }
}

function exitValue(this: CompileContext, token: Token): undefined {
  const content = this.data.hugoShortcodeContent
  if (content === undefined) return
  // Values are whole lines (without the opening tag's indentation); the line endings between
  // them are counted from their lines.
  content.text += '\n'.repeat(token.start.line - content.line) + this.sliceSerialize(token)
  content.line = token.start.line
}

function exitEnd(this: CompileContext, token: Token): undefined {
  const content = this.data.hugoShortcodeContent
  if (content === undefined) return
  // The line end after the opening tag and the one before the end tag are the tags', not the code's.
  current(this).content = (content.text + '\n'.repeat(token.start.line - content.line)).replace(/^\n/, '').replace(/\n$/, '')
}

function exitShortcode(this: CompileContext, token: Token): undefined {
  this.data.hugoShortcodeContent = undefined
  this.exit(token)
}
