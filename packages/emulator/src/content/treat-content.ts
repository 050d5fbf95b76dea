import { type HtmlAttribute, type HtmlToken, rawTextElements, tokenizeHtml } from './html-tokenizer.js'
import { filterInlineStyle } from './inline-style.js'

export interface ContentPolicy {
  /** True when `src` is an image URL this account was given (uploadimg or add_material). */
  isIssuedImage(src: string): boolean
  /** True for links the editor keeps: published articles on mp.weixin.qq.com. */
  isKeptLink(href: string): boolean
}

/** Removed with everything inside them. */
const droppedWithContent = new Set(['script', 'style', 'title', 'iframe', 'object', 'template', 'noscript', 'frameset'])
/** Removed (they have no content). */
const droppedVoid = new Set(['meta', 'link', 'base', 'embed', 'frame'])
/** The tags go, their content stays. */
const unwrapped = new Set(['html', 'head', 'body'])
const urlAttributes = /^(?:href|src|action|formaction|xlink:href|data|poster|background)$/i

/**
 * What the Weixin backend does to article HTML before it stores it, so `draft/get` returns what
 * the real editor would show: scripts, styles and event handlers removed, `class`/`id` dropped,
 * unsupported CSS removed from inline styles, images it did not issue dropped, links outside
 * mp.weixin.qq.com unwrapped to their text. Never throws, whatever the input.
 */
export function treatContent(html: string, policy: ContentPolicy): string {
  let output = ''
  let dropping: { name: string; depth: number } | undefined
  /** For each open `<a>`: whether its tags are kept (false: unwrapped). */
  const anchors: boolean[] = []

  for (const token of tokenizeHtml(html)) {
    if (dropping !== undefined) {
      dropping = stillDropping(dropping, token)
      continue
    }
    switch (token.kind) {
      case 'text':
        // A "<" left in text was not a tag: escape it so it can never become one later.
        output += token.raw.replaceAll('<', '&lt;')
        break
      case 'rawtext':
        output += token.raw.replaceAll('<', '&lt;')
        break
      case 'comment':
        break
      case 'end': {
        const name = token.name.toLowerCase()
        if (unwrapped.has(name) || droppedVoid.has(name) || droppedWithContent.has(name) || name === 'img') break
        if (name === 'a') {
          if (anchors.pop() !== true) break
        }
        output += `</${token.name}>`
        break
      }
      case 'start': {
        const name = token.name.toLowerCase()
        if (droppedWithContent.has(name)) {
          // A raw-text element opens even when written <script/>; the tokenizer already read its content.
          if (!token.selfClosing || rawTextElements.has(name)) dropping = { name, depth: 1 }
          break
        }
        if (droppedVoid.has(name) || unwrapped.has(name)) break
        const attributes = keptAttributes(token.attributes)
        if (name === 'img') {
          const src = attributes.find((attribute) => attribute.name.toLowerCase() === 'src')?.value
          if (src === undefined || !policy.isIssuedImage(src)) break
        }
        if (name === 'a') {
          const href = attributes.find((attribute) => attribute.name.toLowerCase() === 'href')?.value
          const kept = href !== undefined && policy.isKeptLink(href)
          if (!token.selfClosing) anchors.push(kept)
          if (!kept) break
        }
        // A tag that loses nothing is kept exactly as written, so safe HTML round-trips byte for byte.
        output += attributes === token.attributes ? token.raw : serializeStartTag(token.name, attributes, token.selfClosing)
        break
      }
    }
  }
  return output
}

function stillDropping(dropping: { name: string; depth: number }, token: HtmlToken): { name: string; depth: number } | undefined {
  if (token.kind === 'start' && token.name.toLowerCase() === dropping.name && !token.selfClosing) {
    return { name: dropping.name, depth: dropping.depth + 1 }
  }
  if (token.kind === 'end' && token.name.toLowerCase() === dropping.name) {
    return dropping.depth === 1 ? undefined : { name: dropping.name, depth: dropping.depth - 1 }
  }
  return dropping
}

/** The attributes the editor keeps: the same array when nothing had to change. */
function keptAttributes(attributes: HtmlAttribute[]): HtmlAttribute[] {
  const kept: HtmlAttribute[] = []
  for (const attribute of attributes) {
    const name = attribute.name.toLowerCase()
    if (name.startsWith('on') || name === 'class' || name === 'id') continue
    if (!/^[a-z_:][a-z0-9_:.-]*$/.test(name)) continue
    if (attribute.value !== undefined && urlAttributes.test(name) && /^\s*(?:javascript|vbscript|data:text\/html)/i.test(attribute.value)) continue
    if (name === 'style') {
      const style = filterInlineStyle(attribute.value ?? '')
      if (style === (attribute.value ?? '')) kept.push(attribute)
      else if (style !== '') kept.push({ name: attribute.name, value: style })
      continue
    }
    kept.push(attribute)
  }
  const unchanged = kept.length === attributes.length && kept.every((attribute, index) => attribute === attributes[index])
  return unchanged ? attributes : kept
}

function serializeStartTag(name: string, attributes: readonly HtmlAttribute[], selfClosing: boolean): string {
  let tag = `<${name}`
  for (const attribute of attributes) {
    tag += attribute.value === undefined ? ` ${attribute.name}` : ` ${attribute.name}="${attribute.value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`
  }
  return `${tag}${selfClosing ? ' />' : '>'}`
}
