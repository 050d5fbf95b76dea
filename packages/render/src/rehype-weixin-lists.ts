import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { expectOption } from '@mdwx/errors'
import type { ListMarker } from './rehype-weixin-theme.js'
import { blockTags, isBlank } from './hast-walk.js'
import { formatStyle, setStyle, styleOf } from './themes/style-text.js'

export interface Options {
  /** Markers of unordered items by nesting depth; deeper lists repeat the last. Default `•`, `◦`, `▪`. */
  bullets?: readonly string[]
  /** Marker of a done task (`- [x]`). Default `☑`. */
  checked?: string
  /** Marker of an open task (`- [ ]`). Default `☐`. */
  unchecked?: string
}

interface Settings {
  bullets: readonly string[]
  checked: string
  unchecked: string
}

/**
 * Lists as the Weixin app shows them the same at any depth: native `<ul>`/`<ol>` markers repeat
 * or vanish there, so each list becomes a `<section>` indented by its marker width and each item a
 * `<section>` whose marker is text (`•`, `2.`, `☐`) floated into that indent, beside the item's
 * first line, whatever the item holds. Task checkboxes become ☐/☑, never `<input>`.
 *
 * Runs after rehype-weixin-theme: list styles, item styles and `li::marker` styles are in place.
 */
export default function rehypeWeixinLists(options: Options = {}) {
  const settings: Settings = {
    bullets: options.bullets ?? ['•', '◦', '▪'],
    checked: options.checked ?? '☑',
    unchecked: options.unchecked ?? '☐',
  }
  expectOption(
    Array.isArray(settings.bullets) && settings.bullets.length > 0 && settings.bullets.every((bullet) => typeof bullet === 'string' && bullet !== ''),
    'a non-empty array of non-empty strings',
    'bullets',
    settings.bullets,
  )
  expectOption(typeof settings.checked === 'string' && settings.checked !== '', 'a non-empty string', 'checked', settings.checked)
  expectOption(typeof settings.unchecked === 'string' && settings.unchecked !== '', 'a non-empty string', 'unchecked', settings.unchecked)
  return (tree: Root, file: VFile): undefined => {
    const context: Context = { settings, markers: file.data.listMarkers }
    for (const child of tree.children) if (child.type === 'element') visitLists(child, 0, context)
  }
}

interface Context {
  readonly settings: Settings
  /** What the theme's `li::marker` rules say, per item. */
  readonly markers: WeakMap<Element, ListMarker> | undefined
}

function visitLists(node: Element, depth: number, context: Context): void {
  const isList = node.tagName === 'ul' || node.tagName === 'ol'
  if (isList) rewriteList(node, depth, context)
  for (const child of node.children) if (child.type === 'element') visitLists(child, isList ? depth + 1 : depth, context)
}

function rewriteList(list: Element, depth: number, context: Context): void {
  const ordered = list.tagName === 'ol'
  const start = ordered ? startOf(list) : 1
  const items = list.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li')
  const markers = items.map((item, index) => markerOf(item, ordered ? `${start + index}.` : undefined, depth, context))
  const style = styleOf(list)
  // A theme's own indent is kept; otherwise the indent is as wide as the widest marker.
  const indent = style.get('padding-left') ?? indentFor(markers.map((marker) => marker.text))
  setStyle(style, 'padding-left', indent)
  list.tagName = 'section'
  list.properties = { style: formatStyle(style) }
  list.children = list.children.filter((child) => !isBlank(child))
  items.forEach((item, index) => rewriteItem(item, markers[index]!, indent))
}

interface Marker {
  text: string
  /** Style of the marker itself (the theme's `li::marker`), without layout. */
  style: string
  /** Text put where a task checkbox was in an ordered item: `1. ☐ text`. */
  prefix: string | undefined
}

function markerOf(item: Element, number: string | undefined, depth: number, { settings, markers }: Context): Marker {
  const checkbox = takeCheckbox(item)
  const task = checkbox === undefined ? undefined : checkbox ? settings.checked : settings.unchecked
  const themed = markers?.get(item)
  const style = themed?.style ?? ''
  if (number !== undefined) return { text: number, style, prefix: task === undefined ? undefined : `${task} ` }
  const bullet = themed?.content || settings.bullets[Math.min(depth, settings.bullets.length - 1)]!
  return { text: task ?? bullet, style, prefix: undefined }
}

function rewriteItem(item: Element, marker: Marker, indent: string): void {
  item.tagName = 'section'
  const style = typeof item.properties['style'] === 'string' ? item.properties['style'] : ''
  item.properties = style ? { style } : {}
  const hasBlocks = item.children.some((child) => child.type === 'element' && blockTags.has(child.tagName))
  if (hasBlocks) item.children = item.children.filter((child) => !isBlank(child))

  const first = item.children[0]
  const empty = item.children.every(isBlank)
  // Floated, the marker sits beside the first line of whatever comes first (a paragraph, a code
  // block, a nested list) in the indent; an empty item has no line for it to float beside.
  const layout = empty ? `display:inline-block;width:${indent};margin-left:-${indent}` : `float:left;margin-left:-${indent}`
  const markerNode: Element = {
    type: 'element',
    tagName: 'span',
    properties: { style: marker.style ? `${layout};${marker.style}` : layout },
    children: [{ type: 'text', value: marker.text }],
  }
  const host = first?.type === 'element' && first.tagName === 'p' ? first : item
  if (marker.prefix !== undefined) host.children.unshift({ type: 'text', value: marker.prefix })
  host.children.unshift(markerNode)
}

/**
 * Removes a GFM task checkbox (first in the item or in its first paragraph) and the space after
 * it. Returns whether it was checked; undefined when the item is not a task.
 */
function takeCheckbox(item: Element): boolean | undefined {
  const first = item.children.find((child) => !isBlank(child))
  const host = first?.type === 'element' && first.tagName === 'p' ? first : item
  const index = host.children.findIndex((child) => !isBlank(child))
  const input = host.children[index]
  if (input?.type !== 'element' || input.tagName !== 'input' || input.properties['type'] !== 'checkbox') return undefined
  host.children.splice(index, 1)
  const next = host.children[index]
  if (next?.type === 'text') next.value = next.value.replace(/^[ \t]+/, '')
  return Boolean(input.properties['checked'])
}

/** Wide enough for the widest marker and a gap: `•` 1.2em, `9.` 1.5em, `10.` 2em, `☐` 1.6em. */
function indentFor(markers: readonly string[]): string {
  let width = 0
  for (const marker of markers) width = Math.max(width, markerWidth(marker))
  return `${Math.max(1.2, Math.round((width + 0.6) * 10) / 10)}em`
}

/** Estimated width in em: digits, letters, bullets and dashes ~0.55, `.` 0.3, other symbols (☐) 1. */
function markerWidth(marker: string): number {
  let width = 0
  for (const char of marker) {
    if (/[.,)]/.test(char)) width += 0.3
    else if (/[\da-z\u00b7\u2010-\u205f\u25aa\u25ab\u25e6]/i.test(char)) width += 0.55
    else width += 1
  }
  return width
}

function startOf(list: Element): number {
  const start = Number(list.properties['start'])
  return Number.isInteger(start) ? start : 1
}

