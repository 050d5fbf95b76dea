import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { isBlank } from './hast-walk.js'
import { formatStyle, setStyle, setStyleOf, styleOf } from './themes/style-text.js'

/** No options: the look of tables is the theme's. */
export interface Options {}

const tableParts = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr'])
const alignments = new Set(['left', 'center', 'right', 'justify'])

/**
 * Tables a phone can read: each in a `<section>` that scrolls sideways when the table is wider
 * than the screen, the table's outer margins moved onto it; GFM column alignment (`:--:`) as
 * inline `text-align`, since Weixin's own stylesheet may override the `align` attribute; and
 * none of the whitespace between rows and cells.
 *
 * Runs after rehype-weixin-theme, so it extends the styles the theme wrote.
 */
export default function rehypeWeixinTables(_options: Options = {}) {
  return (tree: Root, _file: VFile): undefined => {
    wrapTables(tree)
  }
}

function wrapTables(parent: Root | Element): void {
  const children = parent.children
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    if (child.type !== 'element') continue
    if (child.tagName === 'table') children[index] = scroller(child)
    else wrapTables(child)
  }
}

function scroller(table: Element): Element {
  tidy(table)
  const tableStyle = styleOf(table)
  const wrapperStyle = new Map([['overflow-x', 'auto']])
  for (const property of ['margin', 'margin-top', 'margin-bottom']) {
    const value = tableStyle.get(property)
    if (value === undefined) continue
    setStyle(wrapperStyle, property, value)
    tableStyle.delete(property)
  }
  setStyleOf(table, tableStyle)
  return { type: 'element', tagName: 'section', properties: { style: formatStyle(wrapperStyle) }, children: [table] }
}

/** Drops whitespace between table parts and turns cell `align` into `text-align`. */
function tidy(node: Element): void {
  if (tableParts.has(node.tagName)) node.children = node.children.filter((child) => !isBlank(child))
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'th' || child.tagName === 'td') alignCell(child)
    else if (child.tagName !== 'table') tidy(child)
  }
}

function alignCell(cell: Element): void {
  const align = cell.properties['align']
  if (typeof align !== 'string') return
  delete cell.properties['align']
  const value = align.toLowerCase()
  if (!alignments.has(value)) return
  const style = styleOf(cell)
  setStyle(style, 'text-align', value)
  setStyleOf(cell, style)
}
