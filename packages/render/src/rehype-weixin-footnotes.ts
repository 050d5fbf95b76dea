import { expectOption } from '@mdwx/errors'
import type { Element, ElementContent, Properties, Root } from 'hast'
import type { VFile } from 'vfile'
import { classed, setElementData, textContent } from './hast-nodes.js'
import { isBlank } from './hast-walk.js'

export interface Options {
  /** Heading of the notes section. Default `注释`. */
  title?: string
}

/**
 * Turns GFM footnotes (as remark-rehype writes them) into what a Weixin article can show: no
 * in-page anchors exist there, so each call becomes a plain `[n]` mark and the notes a section
 * at the end, `[n] text`, without ids, links, back-reference arrows or the hidden label heading.
 *
 * Runs after rehype-sanitize and before rehype-weixin-links, so that links inside notes are
 * numbered in reading order and the references come after the notes, numbered on from them
 * (`file.data.notesCount`): a note and a reference never share a number.
 */
export default function rehypeWeixinFootnotes(options: Options = {}) {
  const title = options.title ?? '注释'
  expectOption(typeof title === 'string', 'a string', 'title', title)
  return (tree: Root, file: VFile): undefined => {
    const found = footnotesSection(tree)
    if (found === undefined) return
    const [parent, index] = found
    markCalls(tree)
    const notes = notesSection(parent.children[index] as Element, title)
    file.data.notesCount = notes.children.length - 1
    parent.children[index] = notes
  }
}

/**
 * Where the notes section remark-rehype made is: it appends it to the root, the last element of
 * the article, so without one there are no footnotes and the rest of the tree need not be
 * walked. It is found on the way down the last elements, because an element the author left
 * open in raw HTML (`<div>` never closed) takes it in. A section the author wrote with the same
 * attribute is not it: rehype-weixin-raw marks those (without that plugin, remark-rehype's is
 * still the last one).
 */
function footnotesSection(tree: Root): [parent: Root | Element, index: number] | undefined {
  let parent: Root | Element = tree
  let index = parent.children.length
  while (index-- > 0) {
    const child: Root['children'][number] = parent.children[index]!
    if (child.type !== 'element') continue
    if (isFootnotesSection(child)) return [parent, index]
    parent = child
    index = child.children.length
  }
  return undefined
}

function isFootnotesSection(node: Element): boolean {
  return node.tagName === 'section' && hasFlag(node.properties, 'dataFootnotes') && !node.data?.fromRawHtml
}

/** remark-rehype sets these flags to `true`; raw HTML parsed by rehype-raw to `''`. */
function hasFlag(properties: Properties, name: string): boolean {
  const value = properties[name]
  return value !== undefined && value !== null && value !== false
}

/** `<sup><a data-footnote-ref>1</a></sup>` → `<sup class="mdwx-fnref">[1]</sup>`. */
function markCalls(parent: Root | Element): void {
  for (const child of parent.children) {
    if (child.type !== 'element') continue
    const call = child.tagName === 'sup' ? footnoteCall(child) : undefined
    if (call) {
      Object.assign(child, classed('sup', 'mdwx-fnref', `[${textContent(call).trim()}]`))
    } else {
      markCalls(child)
    }
  }
}

function footnoteCall(sup: Element): Element | undefined {
  const elements = sup.children.filter((child) => child.type === 'element')
  const only = elements[0]
  return elements.length === 1 && only?.tagName === 'a' && hasFlag(only.properties, 'dataFootnoteRef') ? only : undefined
}

function notesSection(section: Element, title: string): Element {
  const list = section.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ol')
  const items = list ? list.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li') : []
  const notes = classed('section', 'mdwx-footnotes', [classed('p', 'mdwx-footnotes-title', title), ...items.map(note)])
  setElementData(notes, 'articlePart', title)
  if (section.position) notes.position = section.position
  return notes
}

function note(item: Element, index: number): Element {
  const label = classed('span', 'mdwx-footnote-label', `[${index + 1}] `)
  const content = item.children.filter((child) => !isBlank(child))
  removeBackReferences(content)
  const first = content[0]
  if (first?.type === 'element' && first.tagName === 'p') first.children.unshift(label)
  else content.unshift(classed('p', undefined, [label]))
  return classed('section', 'mdwx-footnote', content)
}

/**
 * Drops every `↩` link back to the call and the space remark-rehype puts before it, then any
 * paragraph left empty (remark-rehype adds one for the links when a note ends with a code block).
 */
function removeBackReferences(children: ElementContent[]): void {
  let index = children.length
  while (index-- > 0) {
    const child = children[index]!
    if (child.type !== 'element') continue
    if (child.tagName === 'a' && hasFlag(child.properties, 'dataFootnoteBackref')) {
      children.splice(index, 1)
      const before = children[index - 1]
      if (before?.type === 'text') {
        before.value = before.value.trimEnd()
        if (before.value === '') children.splice(--index, 1)
      }
    } else {
      removeBackReferences(child.children)
      if (child.tagName === 'p' && child.children.length === 0) children.splice(index, 1)
    }
  }
}
