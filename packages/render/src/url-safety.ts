/**
 * The one place that decides whether a URL may appear in an article. Links and images ask here.
 * The sanitize schema lists the same schemes, but rehype-sanitize's protocol check is a
 * case-sensitive prefix match on the URL as written: it would drop `HTTPS://x.org` and
 * ` https://x.org`, which browsers follow. So rehype-weixin-url-guard, before the sanitizer,
 * writes every URL it keeps in the form `normalizedUrl` gives, the one spelling both agree on.
 *
 * The check is an allow-list on the scheme, applied the way browsers read URLs: ASCII tab and
 * newline anywhere and control characters or spaces at the ends do not count, and the scheme is
 * case-insensitive. So `jav&#x09;ascript:`, ` JaVaScRiPt:` and `java\nscript:` are all
 * `javascript:` here, and anything with a scheme we do not know is refused.
 */

/** What a URL is, as far as an article cares. */
export type UrlKind =
  /** `#section`: a place in the same page. */
  | 'anchor'
  /** `./a.md`, `/x`, `?q`: resolved against a page Weixin does not have. */
  | 'relative'
  /** `http:`, `https:` or a protocol-relative `//host/...`. */
  | 'web'
  | 'mailto'
  /** `data:image/png;base64,...` and the other image types in `dataImageTypes`. */
  | 'data-image'
  /** Any other scheme: `javascript:`, `vbscript:`, `data:text/html`, `file:`... */
  | 'unsafe'

const webSchemes = new Set(['http', 'https'])

/**
 * Image types a `data:` URI may carry. SVG only base64-encoded: a plain SVG payload is inert
 * inside `<img>`, but it would put markup-like text (`<svg onload=...>`) into the article.
 */
const dataImagePattern = /^data:image\/(?:png|jpeg|jpg|gif|webp|bmp|svg\+xml(?=;base64,))[;,]/

const ignoredAnywhere = /[\t\n\r]/g
const ignoredAtEnds = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g
const schemePattern = /^([a-zA-Z][a-zA-Z0-9+.-]*):/

/** The URL as a browser reads it: without the characters browsers skip. */
export function canonicalUrl(url: string): string {
  return url.replace(ignoredAnywhere, '').replace(ignoredAtEnds, '')
}

/**
 * The URL as a browser reads it, spelled the one way rehype-sanitize's case-sensitive protocol
 * check accepts: `canonicalUrl` with the scheme in lower case (` HTTPS://x.org/A` →
 * `https://x.org/A`). Only the scheme changes case: paths may be case-sensitive.
 */
export function normalizedUrl(url: string): string {
  const canonical = canonicalUrl(url)
  const scheme = schemePattern.exec(canonical)?.[1]
  if (scheme === undefined) return canonical
  const lower = scheme.toLowerCase()
  return lower === scheme ? canonical : lower + canonical.slice(scheme.length)
}

export function classifyUrl(url: string): UrlKind {
  const canonical = canonicalUrl(url)
  const colon = canonical.indexOf(':')
  if (colon === -1 || isBeforeColon(canonical, colon)) {
    if (canonical.startsWith('//')) return 'web'
    return canonical.startsWith('#') ? 'anchor' : 'relative'
  }
  const scheme = schemePattern.exec(canonical)?.[1]?.toLowerCase()
  if (scheme === undefined) return 'unsafe'
  if (webSchemes.has(scheme)) return 'web'
  if (scheme === 'mailto') return 'mailto'
  if (scheme === 'data' && dataImagePattern.test(canonical.toLowerCase())) return 'data-image'
  return 'unsafe'
}

/** A colon after `/`, `?` or `#` belongs to the path, query or fragment: no scheme. */
function isBeforeColon(url: string, colon: number): boolean {
  for (let index = 0; index < colon; index++) {
    const char = url.charCodeAt(index)
    if (char === 0x2f /* / */ || char === 0x3f /* ? */ || char === 0x23 /* # */) return true
  }
  return false
}

/** Whether an `<a href>` may keep this URL at all (where it may point is the links plugin's call). */
export function isSafeLinkUrl(url: string): boolean {
  const kind = classifyUrl(url)
  return kind === 'web' || kind === 'mailto' || kind === 'anchor' || kind === 'relative'
}

/** Whether an `<img src>` may carry this URL. */
export function isSafeImageUrl(url: string): boolean {
  const kind = classifyUrl(url)
  return kind === 'web' || kind === 'data-image' || kind === 'relative'
}

/** Whether the URL is an article on `mp.weixin.qq.com`, the only links Weixin keeps. */
export function isWeixinArticleUrl(url: string): boolean {
  const canonical = canonicalUrl(url)
  // Most links are elsewhere: skip parsing them.
  if (!canonical.toLowerCase().includes('mp.weixin.qq.com')) return false
  const scheme = schemePattern.exec(canonical)?.[1]?.toLowerCase()
  if (scheme === undefined || !webSchemes.has(scheme)) return false
  try {
    return new URL(canonical).hostname === 'mp.weixin.qq.com'
  } catch {
    return false
  }
}
