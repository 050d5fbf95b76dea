import { describeValue, expectOption } from '@mdwx/errors'
import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { classed, rewriteElements, setElementData, textContent } from './hast-nodes.js'
import { warn } from './messages.js'
import { canonicalUrl, classifyUrl, isWeixinArticleUrl, normalizedUrl } from './url-safety.js'
import { writtenUrl } from './written-url.js'

export interface Options {
  /** Heading of the list of external links at the end. Default `参考链接`. */
  title?: string
}

interface Reference {
  number: number
  /** The text of the first link to this URL. */
  text: string
  /** That link was only inline code (`[\`api()\`](url)`): its text stays code in the list, not prose. */
  code: boolean
}

/**
 * Weixin turns every link outside `mp.weixin.qq.com` into plain text, so readers would lose the
 * address. Each such link becomes its text followed by `[n]`, and a references section at the
 * end lists `[n] text: URL` (one number per URL). Links to Weixin articles stay links; autolinks,
 * whose text is the URL already, become plain text; in-page anchors and relative links (Weixin has
 * no page to resolve them against) keep only their text.
 */
export default function rehypeWeixinLinks(options: Options = {}) {
  const title = options.title ?? '参考链接'
  expectOption(typeof title === 'string', 'a string', 'title', title)
  return (tree: Root, file: VFile): undefined => {
    const references = new Map<string, Reference>()
    // The references come after the notes and are numbered on from them.
    const first = (file.data.notesCount ?? 0) + 1
    rewriteElements(tree, (element) => (element.tagName === 'a' ? rewriteLink(element, references, file, first) : undefined))
    if (references.size > 0) tree.children.push(referencesSection(references, title))
  }
}

/** What replaces the link, or undefined when it stays a link. */
function rewriteLink(link: Element, references: Map<string, Reference>, file: VFile, first: number): ElementContent[] | undefined {
  const href = link.properties['href']
  if (typeof href !== 'string' || href === '') return link.children
  const kind = classifyUrl(href)
  if (kind === 'anchor') return link.children
  if (kind === 'relative') {
    warn(
      file,
      `The link ${describeValue(textContent(link))} points to ${describeValue(href)}, which cannot be followed in Weixin: only its text is kept. Link to a full https:// address instead`,
      { ruleId: 'link-relative', place: link },
    )
    return link.children
  }
  if (kind !== 'web' && kind !== 'mailto') {
    // Only reached when rehype-weixin-url-guard did not run before the sanitizer.
    warn(file, `The link ${describeValue(href)} can run code: it is shown as plain text`, {
      ruleId: 'link-unsafe',
      place: link,
    })
    return link.children
  }
  if (isWeixinArticleUrl(href)) {
    link.properties = { href }
    return undefined
  }
  const text = textContent(link).replace(/\s+/g, ' ').trim()
  if (isAutolink(text, href)) return link.children

  const url = href.startsWith('//') ? `https:${canonicalUrl(href)}` : canonicalUrl(href)
  let reference = references.get(url)
  if (!reference) {
    reference = { number: first + references.size, text: text || imageAlt(link), code: isOnlyCode(link) }
    references.set(url, reference)
  }
  return [...link.children, classed('sup', 'mdwx-ref', `[${reference.number}]`)]
}

/**
 * `<https://x.org>`, `https://x.org`, `www.x.org` and `a@b.org` as GFM writes them, also when
 * the URL has characters remark-rehype percent-encodes in the `href` (`https://例子.com`).
 */
function isAutolink(text: string, href: string): boolean {
  // rehype-weixin-url-guard writes the scheme in lower case: `<HTTPS://x.org>` links to `https://x.org`.
  const url = normalizedUrl(text)
  return isLinkTo(url, href) || isLinkTo(url, writtenUrl(href))
}

function isLinkTo(text: string, href: string): boolean {
  return href === text || href === `http://${text}` || href === `https://${text}` || href === `mailto:${text}`
}

/** A link around an image only: the image's alt text names it in the references. */
function imageAlt(link: Element): string {
  for (const child of link.children) {
    if (child.type !== 'element') continue
    const alt = child.tagName === 'img' ? child.properties['alt'] : imageAlt(child)
    if (typeof alt === 'string' && alt.trim() !== '') return alt.trim()
  }
  return ''
}

/** A link whose content is one inline `code` element (blank text around it aside). */
function isOnlyCode(link: Element): boolean {
  const content = link.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  return content.length === 1 && content[0]!.type === 'element' && content[0]!.tagName === 'code'
}

function referencesSection(references: ReadonlyMap<string, Reference>, title: string): Element {
  const entries = [...references].map(([url, { number, text, code }]) =>
    classed(
      'p',
      'mdwx-reference',
      text === '' ? `[${number}] ${url}` : code ? [{ type: 'text', value: `[${number}] ` }, classed('code', undefined, text), { type: 'text', value: `: ${url}` }] : `[${number}] ${text}: ${url}`,
    ),
  )
  const section = classed('section', 'mdwx-references', [classed('p', 'mdwx-references-title', title), ...entries])
  setElementData(section, 'articlePart', title)
  return section
}
