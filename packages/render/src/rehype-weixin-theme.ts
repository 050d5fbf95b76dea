import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { isBlank } from './hast-walk.js'
import { resolveTheme, type Theme } from './theme.js'
import { cascade, nothingInherited, parseInlineStyle, resolveAgainst, type Inherited } from './themes/cascade.js'
import { matchRules, type Frame } from './themes/match.js'
import type { CompiledSheet, Declaration, PseudoElement, Rule } from './themes/sheet.js'
import { formatStyle } from './themes/style-text.js'

export interface Options {
  /** A built-in theme's name or a compiled theme (`compileTheme`). Default `'default'`. */
  theme?: Theme | string
}

/** What a theme's `li::marker` rules say, for rehype-weixin-lists to draw the marker with. */
export interface ListMarker {
  /** Inline style of the marker (only what differs from the item's text). */
  readonly style: string
  /** `content` of the marker rule, replacing the bullet of unordered items. */
  readonly content: string | undefined
}

declare module 'vfile' {
  interface DataMap {
    /** `::marker` styles of the `li` elements a theme's marker rules match, for rehype-weixin-lists. */
    listMarkers: WeakMap<Element, ListMarker>
  }
}

/**
 * Applies a theme as inline `style` attributes, the only styling Weixin keeps. The article is
 * wrapped in one `<section>` that carries the theme's `:root` styles; every element below says
 * only what differs from what it inherits. `::before`/`::after` become real text or spans.
 */
export default function rehypeWeixinTheme(options: Options = {}) {
  const sheet = resolveTheme(options.theme).sheet
  const memo: Memo = new WeakMap()
  return (tree: Root, file: VFile): undefined => {
    // The newlines markdown leaves between top-level blocks show nothing and count against the limit.
    const blocks = tree.children.filter((child) => !isBlank(child)) as ElementContent[]
    const section: Element = { type: 'element', tagName: 'section', properties: {}, children: blocks }
    tree.children = [section]
    const markers = new WeakMap<Element, ListMarker>()
    styleElement({ sheet, memo, path: [], markers }, { node: section, parent: tree, index: 0 }, nothingInherited)
    file.data.listMarkers = markers
  }
}

interface Resolution {
  readonly style: string
  readonly inherited: Inherited
}

/**
 * Elements with the same inherited context, tag and matching rules get the same style: an article
 * has thousands of elements but a few dozen such combinations (every `hljs-keyword` in a code
 * block is one), so each is resolved once per processor and reused across its articles.
 */
type Memo = WeakMap<Inherited, Map<string, Resolution>>

interface Walk {
  readonly sheet: CompiledSheet
  readonly memo: Memo
  readonly path: Frame[]
  readonly markers: WeakMap<Element, ListMarker>
}

function styleElement(walk: Walk, frame: Frame, parent: Inherited): void {
  walk.path.push(frame)
  const node = frame.node
  const rules = matchRules(walk.sheet, walk.path)
  const own = rules.some((rule) => rule.selector.pseudoElement) ? rules.filter((rule) => !rule.selector.pseudoElement) : rules
  const { style, inherited } = resolve(walk, node, own, parent)
  if (style) node.properties['style'] = style
  else delete node.properties['style']

  const children = node.children
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    if (child.type === 'element') styleElement(walk, { node: child, parent: node, index }, inherited)
  }
  if (own !== rules) addPseudoElements(walk, node, rules, inherited)
  walk.path.pop()
}

function resolve(walk: Walk, node: Element, rules: readonly Rule[], parent: Inherited): Resolution {
  const inlineText = node.properties['style']
  // Author inline styles are rare and often unique: resolved each time, never kept.
  if (typeof inlineText === 'string' && inlineText !== '') return resolveNow(node.tagName, rules, parseInlineStyle(inlineText, walk.sheet.variables), parent)
  let key = node.tagName
  for (const rule of rules) key += ',' + rule.order
  let byKey = walk.memo.get(parent)
  if (!byKey) walk.memo.set(parent, (byKey = new Map()))
  let resolution = byKey.get(key)
  if (!resolution) byKey.set(key, (resolution = resolveNow(node.tagName, rules, [], parent)))
  return resolution
}

function resolveNow(tagName: string, rules: readonly Rule[], inline: readonly Declaration[], parent: Inherited): Resolution {
  const resolved = resolveAgainst(tagName, cascade(rules, inline), parent)
  return { style: formatStyle(resolved.style), inherited: resolved.inherited }
}

function addPseudoElements(walk: Walk, node: Element, rules: readonly Rule[], inherited: Inherited): void {
  const before = pseudo(rules, 'before', inherited)
  const after = pseudo(rules, 'after', inherited)
  if (before?.content) node.children.unshift(generated(before.content, before.style))
  if (after?.content) node.children.push(generated(after.content, after.style))
  if (node.tagName === 'li') {
    const marker = pseudo(rules, 'marker', inherited)
    if (marker) walk.markers.set(node, marker)
  }
}

function pseudo(rules: readonly Rule[], kind: PseudoElement, inherited: Inherited): ListMarker | undefined {
  const matching = rules.filter((rule) => rule.selector.pseudoElement === kind)
  if (matching.length === 0) return undefined
  let content: string | undefined
  for (const rule of matching) if (rule.content !== undefined) content = rule.content
  // A pseudo-element is an anonymous inline box: no browser default of its own to keep.
  return { style: formatStyle(resolveAgainst('span', cascade(matching, []), inherited).style), content }
}

/** Unstyled generated text is a text node: a `<span>` would only add bytes. */
function generated(content: string, style: string): ElementContent {
  const text: ElementContent = { type: 'text', value: content }
  return style ? { type: 'element', tagName: 'span', properties: { style }, children: [text] } : text
}
