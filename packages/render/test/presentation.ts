import {
  compileTheme,
  rehypeWeixinCode,
  rehypeWeixinHighlight,
  rehypeWeixinLists,
  rehypeWeixinRaw,
  rehypeWeixinTables,
  rehypeWeixinTheme,
  weixinSchema,
  type Theme,
} from '@mdwx/render'
import type { Element, Root, RootContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified, type PluggableList } from 'unified'
import { expect } from 'vitest'

export interface PresentationOptions {
  /** A compiled theme, a built-in name, or CSS text to compile. Default: a theme with no rules. */
  theme?: Theme | string
  /** Plugins after the theme; default code, lists, tables with their defaults. */
  after?: PluggableList
  highlight?: boolean
}

const plain = compileTheme(':root { color: #333 }', { name: 'plain' })

/**
 * Markdown through parsing and sanitizing, then the presentation plugins (highlight, theme,
 * code, lists, tables) in the order of the full pipeline: the HTML they alone produce, without
 * the newlines markdown puts between blocks.
 */
export async function present(markdown: string, options: PresentationOptions = {}): Promise<string> {
  const theme = typeof options.theme === 'string' && options.theme.includes('{') ? compileTheme(options.theme) : (options.theme ?? plain)
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeWeixinRaw)
    .use(rehypeSanitize, weixinSchema)
    .use(rehypeWeixinHighlight, { enabled: options.highlight ?? true })
    .use(rehypeWeixinTheme, { theme })
    .use(options.after ?? [rehypeWeixinCode, rehypeWeixinLists, rehypeWeixinTables])
    .use(rehypeStringify)
  return String(await processor.process(markdown)).replace(/>\n+</g, '><').trim()
}

/** The HTML inside the root `<section>` the theme wraps every article in. */
export function inner(html: string): string {
  const match = /^<section[^>]*>([\s\S]*)<\/section>$/.exec(html)
  expect(match, html).not.toBeNull()
  return match![1]!
}

/** The elements of an HTML fragment with a tag name, in document order. */
export function elements(html: string, tagName: string): Element[] {
  const found: Element[] = []
  const walk = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      if (node.type !== 'element') continue
      if (node.tagName === tagName) found.push(node)
      walk(node.children)
    }
  }
  walk((fromHtml(html, { fragment: true }) as Root).children)
  return found
}

/** The style attribute of an element as a property → value map. */
export function styleMap(element: Element | undefined): Record<string, string> {
  const style = element?.properties['style']
  const map: Record<string, string> = {}
  if (typeof style !== 'string') return map
  for (const part of style.split(';')) {
    const colon = part.indexOf(':')
    if (colon > 0) map[part.slice(0, colon)] = part.slice(colon + 1)
  }
  return map
}
