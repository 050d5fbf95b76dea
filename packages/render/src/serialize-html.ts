import type { Element, Nodes, Parents, Root, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { htmlVoidElements } from 'html-void-elements'
import { find, html, svg, type Info, type Schema } from 'property-information'

/**
 * HTML of a tree exactly as hast-util-to-html (rehype-stringify's serialiser) writes it with its
 * default options, about three times as fast, for the trees this pipeline makes: HTML elements
 * and SVG with plain attributes, and text. Any other tree (comments, MathML, templates, raw
 * nodes, comma-separated attributes) is handed to hast-util-to-html as a whole.
 */
export function toWeixinHtml(tree: Root | RootContent): string {
  try {
    return tree.type === 'root' ? childrenHtml(tree) : childrenHtml({ type: 'root', children: [tree] })
  } catch (error) {
    if (error instanceof NotPlain) return toHtml(tree)
    throw error
  }
}

/** The tree asks for something the fast path does not do: hast-util-to-html does it all. */
class NotPlain extends Error {}

// hast-util-to-html's escapes, with its default options: hexadecimal references, in text for
// `<` and `&`, in double-quoted attribute values for NUL, quotes, `&` and the backtick.
const textSyntax = /[<&]/
const textSyntaxAll = /[<&]/g
const attributeSyntax = /[\0"&'`]/
const attributeSyntaxAll = /[\0"&'`]/g
const unusualName = /[\0\t\n\f\r "&'/<=>`]/
const voids = new Set(htmlVoidElements)

function reference(character: string): string {
  return `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`
}

function childrenHtml(parent: Parents, schema: Schema = html): string {
  const rawText = parent.type === 'element' && (parent.tagName === 'script' || parent.tagName === 'style')
  let result = ''
  for (const child of parent.children as readonly Nodes[]) {
    if (child.type === 'text') {
      result += rawText || !textSyntax.test(child.value) ? child.value : child.value.replace(textSyntaxAll, reference)
    } else if (child.type === 'element') {
      // Inside `<svg>` (a formula) attribute names are SVG's (`viewBox`, `stroke-width`), as
      // hast-util-to-html switches its schema there.
      result += elementHtml(child, schema === svg || child.tagName === 'svg' ? svg : html)
    } else {
      throw new NotPlain()
    }
  }
  return result
}

function elementHtml(element: Element, schema: Schema): string {
  const { tagName, properties } = element
  if (tagName === 'math' || tagName === 'template') throw new NotPlain()
  let open = `<${tagName}`
  for (const key in properties) {
    const value = properties[key]
    if (value !== null && value !== undefined) open += attributeHtml(key, value, schema)
  }
  const content = childrenHtml(element, schema)
  // A void element is written without an end tag unless it has content (as hast-util-to-html does).
  return content === '' && voids.has(tagName.toLowerCase()) ? `${open}>` : `${open}>${content}</${tagName}>`
}

const infos = new Map<Schema, Map<string, Info>>([[html, new Map()], [svg, new Map()]])

/** ` name="value"`, ` name` for true, nothing for false: hast-util-to-html's rules. */
function attributeHtml(key: string, given: NonNullable<Element['properties'][string]>, schema: Schema): string {
  const known = infos.get(schema)!
  let info = known.get(key)
  if (info === undefined) known.set(key, (info = find(schema, key)))
  // Names hast-util-to-html would escape: not a property any step here sets.
  if (unusualName.test(info.attribute)) throw new NotPlain()
  let value: unknown = given
  if (info.overloadedBoolean && (value === info.attribute || value === '')) value = true
  else if ((info.boolean || info.overloadedBoolean) && (typeof value !== 'string' || value === info.attribute || value === '')) value = Boolean(value)
  if (value === false || (typeof value === 'number' && Number.isNaN(value))) return ''
  if (value === true) return ` ${info.attribute}`
  let text: string
  if (Array.isArray(value)) {
    if (info.commaSeparated) throw new NotPlain()
    text = value.join(' ').trim()
  } else {
    text = String(value)
  }
  return ` ${info.attribute}="${attributeSyntax.test(text) ? text.replace(attributeSyntaxAll, reference) : text}"`
}
