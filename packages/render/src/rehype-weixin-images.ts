import { describeValue, expectOption } from '@mdwx/errors'
import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import { rewriteElements } from './hast-nodes.js'
import { error, warn } from './messages.js'
import type { ImageRef, ImageResolver } from './types.js'
import { isSafeImageUrl } from './url-safety.js'
import { writtenUrl } from './written-url.js'

export interface Options {
  /**
   * Where each image's `src` comes from (an upload, an asset path). Called once per image, all
   * at once: the resolver owns concurrency. Default: every image keeps the `src` as written.
   */
  resolveImage?: ImageResolver
}

interface Found {
  element: Element
  ref: ImageRef
}

/**
 * Collects every image, Markdown `![]()` and raw `<img>` alike, into `file.data.images` in
 * document order, replaces each `src` with what `resolveImage` returns, and turns `width` and
 * `height` attributes into inline style (the only form Weixin keeps). An image that cannot be
 * resolved makes the article unpublishable, with a message naming the image and its place.
 */
export default function rehypeWeixinImages(options: Options = {}) {
  const { resolveImage } = options
  expectOption(resolveImage === undefined || typeof resolveImage === 'function', 'a function', 'resolveImage', resolveImage)
  return (tree: Root, file: VFile): Promise<undefined> | undefined => {
    const found: Found[] = []
    collectImages(tree, file, found)
    file.data.images = found.map(({ ref }) => ref)
    if (resolveImage === undefined || found.length === 0) return undefined
    return resolveAll(found, resolveImage, file)
  }
}

function collectImages(tree: Root, file: VFile, found: Found[]): void {
  rewriteElements(tree, (element) => {
    if (element.tagName !== 'img') return undefined
    if (!acceptImage(element, file)) return []
    found.push({ element, ref: imageRef(element, found.length) })
    dimensionsToStyle(element)
    return undefined
  })
}

function acceptImage(image: Element, file: VFile): boolean {
  const src = image.properties['src']
  if (typeof src !== 'string' || src.trim() === '') {
    warn(file, 'Removed an image without a source: write it as ![description](path/to/image.png)', {
      ruleId: 'image-no-src',
      place: image,
    })
    return false
  }
  if (!isSafeImageUrl(src)) {
    // Only reached when rehype-weixin-url-guard did not run before the sanitizer.
    warn(file, `Removed the image ${describeValue(src)}: its source is not an image file or http(s) URL`, {
      ruleId: 'image-unsafe',
      place: image,
    })
    return false
  }
  return true
}

function imageRef(image: Element, index: number): ImageRef {
  const { src, alt, title } = image.properties
  const syntax = image.data?.fromRawHtml ? 'html' : 'markdown'
  const ref: ImageRef = {
    // remark-rehype percent-encodes Markdown destinations; the resolver needs the path as written.
    src: syntax === 'markdown' ? writtenUrl(String(src)) : String(src),
    alt: typeof alt === 'string' ? alt : '',
    index,
    syntax,
  }
  if (typeof title === 'string') ref.title = title
  const drawn = image.data?.heavyPart?.kind
  if (drawn !== undefined) ref.drawn = drawn
  const start = image.position?.start
  if (start) ref.position = { line: start.line, column: start.column }
  return ref
}

/**
 * `width="300"` → `width:300px`, `50%` stays a percentage. A dimension the author's own style
 * already sets is dropped: the style would win anyway.
 */
function dimensionsToStyle(image: Element): void {
  const properties = image.properties
  const existing = typeof properties['style'] === 'string' ? properties['style'] : ''
  const declarations: string[] = []
  for (const name of ['width', 'height'] as const) {
    const value = properties[name]
    if (value === undefined) continue
    delete properties[name]
    const length = cssLength(value)
    if (length !== undefined && !new RegExp(`(?:^|;)\\s*${name}\\s*:`, 'i').test(existing)) {
      declarations.push(`${name}:${length}`)
    }
  }
  if (declarations.length === 0) return
  if (existing !== '') declarations.push(existing)
  properties['style'] = declarations.join(';')
}

function cssLength(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? `${value}px` : undefined
  if (typeof value !== 'string') return undefined
  const match = /^\s*(\d+(?:\.\d+)?)\s*(px|%)?\s*;?\s*$/i.exec(value)
  return match ? `${match[1]}${match[2]?.toLowerCase() ?? 'px'}` : undefined
}

async function resolveAll(found: readonly Found[], resolveImage: ImageResolver, file: VFile): Promise<undefined> {
  const outcomes = await Promise.all(found.map(({ ref }) => resolveOne(ref, resolveImage, file)))
  // Reported after all settle, in document order, so messages do not depend on timing.
  outcomes.forEach((outcome, index) => {
    const { element, ref } = found[index]!
    if (typeof outcome === 'string') {
      element.properties['src'] = outcome
    } else {
      error(file, `Image ${describeValue(ref.src)} could not be resolved: ${outcome.reason}`, {
        ruleId: 'image-unresolved',
        place: element,
      })
    }
  })
  return undefined
}

async function resolveOne(ref: ImageRef, resolveImage: ImageResolver, file: VFile): Promise<string | { reason: string }> {
  try {
    const url = await resolveImage(ref, file)
    if (typeof url === 'string' && isSafeImageUrl(url)) return url
    return { reason: `the resolver returned ${describeValue(url)}, which is not an image URL` }
  } catch (cause) {
    return { reason: reasonOf(cause) }
  }
}

/** The thrown error's message, and its `hint` (what to do) when it has one, as MdwxError does. */
function reasonOf(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause)
  const hint = (cause as { hint?: unknown }).hint
  return typeof hint === 'string' && hint !== '' ? `${cause.message.replace(/\.$/, '')}. ${hint}` : cause.message
}
