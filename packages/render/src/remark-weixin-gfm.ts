import { expectOption } from '@mdwx/errors'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote'
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import type { Processor } from 'unified'

export interface Options {
  /** Bare URLs (`https://…`, `www.…`) and e-mail addresses as links. Default true. */
  autolinkLiterals?: boolean
  /** Pipe tables. Default true. */
  tables?: boolean
  /** `~~struck~~` text. Default true. */
  strikethrough?: boolean
}

/**
 * GitHub Flavored Markdown syntax for remark-parse, as remark-gfm parses it (footnotes and task
 * lists always), with the costly parts optional. Bare-URL links cost a quarter of the parse and
 * tables a sixth, even in documents that have none: the renderer turns them off for a document
 * whose text shows it cannot contain them (see document-syntax.ts). Parsing only: nothing for
 * remark-stringify.
 */
export default function remarkWeixinGfm(this: Processor, options: Options = {}): undefined {
  const { autolinkLiterals = true, tables = true, strikethrough = true } = options
  expectOption(typeof autolinkLiterals === 'boolean', 'a boolean', 'autolinkLiterals', autolinkLiterals)
  expectOption(typeof tables === 'boolean', 'a boolean', 'tables', tables)
  expectOption(typeof strikethrough === 'boolean', 'a boolean', 'strikethrough', strikethrough)
  const data = this.data()
  const syntax = (data.micromarkExtensions ??= [])
  const trees = (data.fromMarkdownExtensions ??= [])
  // remark-gfm's order: where two constructs start on the same character, the first one wins.
  if (autolinkLiterals) {
    syntax.push(gfmAutolinkLiteral())
    trees.push(gfmAutolinkLiteralFromMarkdown())
  }
  syntax.push(gfmFootnote())
  trees.push(gfmFootnoteFromMarkdown())
  if (strikethrough) {
    syntax.push(gfmStrikethrough())
    trees.push(gfmStrikethroughFromMarkdown())
  }
  if (tables) {
    syntax.push(gfmTable())
    trees.push(gfmTableFromMarkdown())
  }
  syntax.push(gfmTaskListItem())
  trees.push(gfmTaskListItemFromMarkdown())
  return undefined
}
