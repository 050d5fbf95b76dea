import { describeValue } from '@mdwx/errors'
import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { rewriteElements, textContent } from './hast-nodes.js'
import { warn } from './messages.js'
import { canonicalUrl, isSafeImageUrl, isSafeLinkUrl, normalizedUrl } from './url-safety.js'

/** No options: which URLs are safe is not a setting. */
export interface Options {}

/**
 * Runs just before rehype-sanitize and tells the author about links and images whose URL could
 * run code (`javascript:`, `vbscript:`, `data:text/html`, in any spelling), which the sanitizer
 * would otherwise remove silently. Such a link becomes its text; an autolink, whose text is the
 * unsafe URL itself, and such an image are removed. The sanitizer still enforces the same rule
 * on every attribute: this plugin only makes the removal visible.
 *
 * Every URL it keeps is written back as a browser reads it (`normalizedUrl`: scheme in lower
 * case, without the spaces and control characters browsers skip), because the sanitizer's own
 * protocol check is case-sensitive and would silently drop `HTTPS://x.org` or ` https://x.org`.
 */
export default function rehypeWeixinUrlGuard(_options: Options = {}) {
  return (tree: Root, file: VFile): undefined => {
    rewriteElements(tree, (element) => guard(element, file))
  }
}

/** What replaces an unsafe element, or undefined to keep it (with its URL normalised). */
function guard(element: Element, file: VFile): ElementContent[] | undefined {
  const { tagName, properties } = element
  const href = tagName === 'a' ? properties['href'] : undefined
  if (typeof href === 'string' && isSafeLinkUrl(href)) {
    properties['href'] = normalizedUrl(href)
  } else if (typeof href === 'string') {
    const text = textContent(element)
    const isAutolink = canonicalUrl(text) === canonicalUrl(href)
    warn(
      file,
      isAutolink
        ? `Removed the link ${describeValue(href)}: a URL like this can run code; Weixin articles link only to http(s) pages`
        : `The link ${describeValue(text)} points to ${describeValue(href)}, which can run code: it is shown as plain text`,
      { ruleId: 'link-unsafe', place: element },
    )
    return isAutolink ? [] : element.children
  }
  const src = tagName === 'img' ? properties['src'] : undefined
  if (typeof src === 'string' && isSafeImageUrl(src)) {
    properties['src'] = normalizedUrl(src)
  } else if (typeof src === 'string') {
    warn(
      file,
      `Removed the image ${describeValue(src)}: its source is not an image file or http(s) URL and could run code`,
      { ruleId: 'image-unsafe', place: element },
    )
    return []
  }
  return undefined
}
