import { expectOption } from '@mdwx/errors'
import type { BlockContent, DefinitionContent, Paragraph, Parent, Root, RootContent } from 'mdast'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import { buildCallout, calloutKindOf, calloutLanguages, type CalloutLanguage } from './callouts/callout.js'
import { colonContainerFromMarkdown, type ColonContainer } from './containers/from-markdown.js'
import { colonContainerSyntax, maximumDepth } from './containers/syntax.js'
import { info, warn } from './messages.js'

export type { ColonContainer, ColonFence } from './containers/from-markdown.js'

export interface Options {
  /** Language of the titles callouts get when the writer gave none. Default `'zh'` (提示, 警告…). */
  language?: CalloutLanguage
}

/**
 * VitePress/VuePress containers (`::: tip 标题`, `:::tip`, `::: details 摘要`, `:::: …` around
 * `::: …`) and Docusaurus admonitions (`:::note[标题]`, `:::note 标题`) as callouts built by
 * callouts/callout.ts, so they look like every other dialect's. The syntax is this package's own
 * micromark construct (containers/syntax.ts says why remark-directive does not fit).
 *
 * - `details` is a callout of kind `details` shown open, its summary as the title: Weixin keeps
 *   no `<details>`, and a folded block would hide its text from a reader who cannot unfold it.
 * - `code-group` (VitePress tabs of code blocks) is unwrapped: its blocks follow one another in
 *   its place, each captioned by its fence's `[label]` elsewhere. `raw` and `v-pre` only tell
 *   VitePress how to build the page (no styles, no Vue interpolation) and are unwrapped too.
 * - An unknown name is a plain (neutral) callout titled with its title, else the name as
 *   written, and an info message: the writer's text stays, the colons go.
 * - A container without a closing fence ran to the end of its parent: a warning says where it
 *   opened and what to add. A colon line that closes nothing is dropped with a warning.
 * - The title is text: inline Markdown in it counts by its text, raw HTML as the characters
 *   written (as in every callout title). Trailing `{#id .class open}` attributes (VitePress's `{open}` on details,
 *   Docusaurus's `{#id}`) set presentation an article has no use for: they are left out.
 */
export default function remarkWeixinContainers(this: Processor, options: Options = {}) {
  const language = options.language ?? 'zh'
  expectOption(calloutLanguages.includes(language), `one of ${calloutLanguages.join(', ')}`, 'language', language)
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(colonContainerSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(colonContainerFromMarkdown)
  return (tree: Root, file: VFile): undefined => {
    const context: Context = { language, file, tooDeep: [] }
    const before = file.messages.length
    transformChildren(tree, context)
    reportTooDeep(context.tooDeep, file)
    // Inner containers are replaced (and reported) before the outer ones: report in reading order.
    file.messages.push(...file.messages.splice(before).sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0)))
  }
}

interface Context {
  language: CalloutLanguage
  file: VFile
  /** Containers nested too deep, reported once for the document. */
  tooDeep: ColonContainer[]
}

/** Names that only wrap their content for VitePress: the content takes their place. */
const unwrapped = new Set(['code-group', 'raw', 'v-pre'])

/** Containers are nested; the innermost are replaced first, so each callout is built from finished content. */
function transformChildren(parent: Root | Parent, context: Context): void {
  if (!parent.children.some(mayHoldContainer)) return
  const children: RootContent[] = []
  for (const child of parent.children) {
    if ('children' in child && !textOnly.has(child.type)) transformChildren(child, context)
    if (child.type === 'colonContainer') children.push(...replacement(child, parent, context))
    else if (child.type === 'colonFence') reportUnmatched(child.size, child, context.file)
    else children.push(child)
  }
  ;(parent as Parent).children = children
}

/** Parents whose descendants are text only: never searched. */
const textOnly = new Set<string>(['paragraph', 'heading', 'table'])

/** Whether a node can be or hold a container: text and code cannot, and most of a document is those. */
function mayHoldContainer(node: RootContent): boolean {
  if (node.type === 'colonFence') return true
  return 'children' in node && !textOnly.has(node.type)
}

function replacement(container: ColonContainer, parent: Root | Parent, context: Context): Array<BlockContent | DefinitionContent> {
  const { file, language } = context
  if (container.tooDeep) context.tooDeep.push(container)
  else if (!container.closed) reportUnclosed(container, parent, file)
  const title = container.title === undefined ? undefined : withoutAttributes(container.title)
  const name = container.name.toLowerCase()
  if (unwrapped.has(name)) {
    // Nothing of a group is lost: a title, which VitePress ignores, stays as a line of text.
    return title === undefined ? container.children : [titleParagraph(title, container), ...container.children]
  }
  const kind = calloutKindOf(name)
  if (kind === undefined) {
    const written = container.name === '' ? `${':'.repeat(container.size)} ${title ?? ''}`.trim() : container.name
    info(
      file,
      container.name === ''
        ? `Container \`${written}\` has no name: shown as a plain callout. Known names: tip, info, warning, danger, details, note, caution, important, code-group`
        : `Unknown container \`${written}\`: shown as a plain callout. Known names: tip, info, warning, danger, details, note, caution, important, code-group`,
      { ruleId: 'callout-unknown', place: container.position?.start },
    )
  }
  return [
    buildCallout({
      kind: kind ?? 'neutral',
      title: title ?? (kind === undefined && container.name !== '' ? container.name : undefined),
      children: container.children,
      language,
      position: container.position,
    }),
  ]
}

// `{#id}`, `{.class}`, `{open}`, `{key=value}`, `{key="a b"}` and several of them, at the end.
const attribute = String.raw`(?:[#.][\w-]+|[\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\s"'{}]+))?)`
const trailingAttributes = new RegExp(String.raw`(?:^|\s+)\{\s*${attribute}(?:\s+${attribute})*\s*\}$`)

function withoutAttributes(title: string): string | undefined {
  const rest = title.replace(trailingAttributes, '').trim()
  return rest === '' ? undefined : rest
}

function titleParagraph(title: string, container: ColonContainer): Paragraph {
  const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: title }] }
  if (container.position) paragraph.position = { start: container.position.start, end: container.position.start }
  return paragraph
}

function reportUnclosed(container: ColonContainer, parent: Root | Parent, file: VFile): void {
  const start = container.position?.start
  const fence = ':'.repeat(container.size)
  const opening = container.name === '' ? fence : `${fence} ${container.name}`
  const where = start === undefined ? '' : ` opened at line ${start.line}`
  const runsTo = parent.type === 'root' ? 'the end of the document' : `the end of the ${parentName(parent)} it is in`
  const codeFence =
    container.openCodeFenceLine === undefined
      ? ''
      : ` The code fence at line ${container.openCodeFenceLine} inside it is not closed either, so the colon lines after it were read as code: close that fence first.`
  warn(
    file,
    `Container \`${opening}\`${where} is not closed: it runs to ${runsTo}. Add a line \`${fence}\` where it should end.${codeFence}`,
    { ruleId: 'container-unclosed', place: start },
  )
}

/** One message for the document, at the first: a page that nests this deep does so thousands of times. */
function reportTooDeep(containers: ColonContainer[], file: VFile): void {
  const first = containers.reduce<ColonContainer | undefined>((found, container) => (found === undefined || offsetOf(container) < offsetOf(found) ? container : found), undefined)
  if (first === undefined) return
  const others = containers.length > 1 ? ` (and ${containers.length - 1} more after it)` : ''
  warn(
    file,
    `Container nested more than ${maximumDepth} deep${others}: only its title is shown, and the lines after it stay in the container around it. Flatten the nesting`,
    { ruleId: 'container-too-deep', place: first.position?.start },
  )
}

function offsetOf(container: ColonContainer): number {
  return container.position?.start.offset ?? Number.POSITIVE_INFINITY
}

function parentName(parent: Root | Parent): string {
  switch (parent.type) {
    case 'listItem':
      return 'list item'
    case 'blockquote':
      return 'quote'
    case 'colonContainer':
      return 'container'
    case 'footnoteDefinition':
      return 'footnote'
    default:
      return parent.type
  }
}

function reportUnmatched(size: number, fence: RootContent, file: VFile): void {
  const written = ':'.repeat(size)
  warn(file, `\`${written}\` closes no open container (a closer needs at least as many colons as its opening line): removed`, {
    ruleId: 'container-unmatched',
    place: fence,
  })
}
