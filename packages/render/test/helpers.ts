import {
  createWeixinProcessor,
  rehypeWeixinClean,
  rehypeWeixinCode,
  rehypeWeixinHighlight,
  rehypeWeixinLimits,
  rehypeWeixinLists,
  rehypeWeixinRaw,
  rehypeWeixinStringify,
  rehypeWeixinTables,
  rehypeWeixinTheme,
  type RenderOptions,
} from '@mdwx/render'
import type { Element, Nodes } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { expect } from 'vitest'

export interface SafetyOptions extends Pick<RenderOptions, 'referencesTitle' | 'notesTitle' | 'resolveImage'> {
  clean?: boolean
}

/** What safetyPipeline leaves out: the presentation plugins, and what tests add themselves. */
const leftOut = new Set<unknown>([
  rehypeWeixinHighlight, rehypeWeixinTheme, rehypeWeixinCode, rehypeWeixinLists, rehypeWeixinTables,
  rehypeWeixinStringify, rehypeWeixinLimits,
])

/**
 * The full pipeline's steps up to (not including) rehype-stringify, in its order, without the
 * presentation plugins (highlight, theme, code, lists, tables) and, unless asked, without
 * rehype-weixin-clean: exact HTML a test can compare, unaffected by how a theme styles it.
 */
export function safetyPipeline(options: SafetyOptions = {}) {
  const { clean = false, ...renderOptions } = options
  const processor = unified()
  for (const [plugin, ...parameters] of createWeixinProcessor(renderOptions).attachers) {
    if (leftOut.has(plugin) || (!clean && (plugin as unknown) === rehypeWeixinClean)) continue
    processor.use(plugin, ...parameters)
  }
  return processor
}

/** Renders with `safetyPipeline`; `html` has the newlines between blocks removed for short expectations. */
export async function renderSafe(markdown: string, options: SafetyOptions = {}, path?: string) {
  const file = new VFile(path === undefined ? { value: markdown } : { value: markdown, path })
  const html = String(await safetyPipeline(options).use(rehypeStringify).process(file))
  return { html: html.replace(/>\n+</g, '><').trim(), file }
}

/** `ruleId`s of a file's messages, in order. */
export function ruleIds(file: { messages: ReadonlyArray<{ ruleId?: string | null | undefined }> }): string[] {
  return file.messages.map((message) => message.ruleId ?? '')
}

const forbiddenElements = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button',
  'textarea', 'select', 'option', 'link', 'meta', 'base', 'svg', 'math', 'template', 'noscript', 'xmp',
  'plaintext', 'noembed', 'noframes', 'title', 'marquee', 'details', 'dialog', 'video', 'audio', 'source',
])
const urlAttributes = /^(?:href|src|action|formaction|data|xlinkhref|xlink:href|poster|background|srcset|cite|longdesc|dynsrc|lowsrc)$/i
const unsafeUrl = /^(?:javascript|vbscript|data:text\/html|livescript|mocha|file)/i
const unsafeCss = /url\(|expression\(|-moz-binding|behavior|javascript:|@import|var\(/i

/**
 * Asserts that HTML cannot run code when a browser reads it: the way a browser parses it (parse5)
 * finds no dangerous element, no event handler, no dangerous URL in any attribute, no dangerous CSS,
 * no class or id; parsing and writing it again gives the same HTML (no mutation-XSS: nothing that
 * a second parse would read differently); and as a string it holds no tag that runs code.
 */
export function expectInert(html: string): void {
  const tree = fromHtml(html, { fragment: true })
  visitElements(tree, (element) => {
    expect(forbiddenElements.has(element.tagName), `<${element.tagName}> in ${html}`).toBe(false)
    for (const [name, value] of Object.entries(element.properties)) {
      const text = Array.isArray(value) ? value.join(' ') : String(value)
      expect(/^on/i.test(name), `${name} in ${html}`).toBe(false)
      expect(['id', 'className', 'name'].includes(name), `${name} in ${html}`).toBe(false)
      // What a browser acts on: the URL without tabs, newlines and control characters.
      const canonical = text.replace(/[\u0000-\u0020]+/g, '')
      if (urlAttributes.test(name)) expect(unsafeUrl.test(canonical), `${name}="${text}" in ${html}`).toBe(false)
      if (name === 'style') expect(unsafeCss.test(text.replace(/\s+/g, '')), `style="${text}" in ${html}`).toBe(false)
    }
  })
  expect(toHtml(tree)).toBe(html)
  expect(html).not.toMatch(/<\/?(?:script|style|iframe|object|embed|form|link|meta|base|svg|math|template|noscript)\b/i)
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i)
}

/** The strict form for XSS vectors: the payload's words must not survive even as text. */
export function expectNoPayload(html: string): void {
  expectInert(html)
  expect(html).not.toMatch(/javascript:|vbscript:|data:text\/html/i)
  expect(html).not.toMatch(/on[a-z]+=/i)
  expect(html).not.toMatch(/url\(|expression\(|-moz-binding/i)
}

function visitElements(node: Nodes, visit: (element: Element) => void): void {
  if (node.type === 'element') visit(node)
  if ('children' in node) for (const child of node.children) visitElements(child, visit)
}

/**
 * The full pipeline's HTML, messages and images with rehype-weixin-raw parsing raw HTML block by
 * block when it can (its default) or always the whole tree at once.
 */
export async function renderWithRawParsedAs(parsing: 'blocks' | 'whole tree', markdown: string) {
  const processor = unified()
  for (const [plugin, ...parameters] of createWeixinProcessor().attachers) {
    if ((plugin as unknown) === rehypeWeixinRaw) processor.use(rehypeWeixinRaw, { blockwise: parsing === 'blocks' })
    else processor.use(plugin, ...parameters)
  }
  const file = new VFile({ value: markdown })
  const html = String(await processor.process(file))
  return { html, messages: file.messages.map((message) => `${message.place ? JSON.stringify(message.place) : ''} ${message.ruleId} ${message.reason}`), images: file.data.images }
}
