import { describeValue, expectOption } from '@mdwx/errors'
import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import { rewriteElements } from './hast-nodes.js'
import { walkElements } from './hast-walk.js'
import { error, warn } from './messages.js'
import type { ImageRef, ImageResolver } from './types.js'
import { classifyUrl, isSafeImageUrl } from './url-safety.js'
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
 * resolved makes the article unpublishable, with a message naming the image and its place, and
 * loses its `src` if that is a `data:` URI (Weixin drops those: no HTML written keeps one).
 * A diagram or formula mdwx drew (`data.drawnFrom`) whose picture cannot be made is not an
 * image problem: its code goes back in its place, with a `diagram-unrasterised` or
 * `math-unrasterised` warning, and it leaves `file.data.images`.
 */
export default function rehypeWeixinImages(options: Options = {}) {
  const { resolveImage } = options
  expectOption(resolveImage === undefined || typeof resolveImage === 'function', 'a function', 'resolveImage', resolveImage)
  return (tree: Root, file: VFile): Promise<undefined> | undefined => {
    const found: Found[] = []
    collectImages(tree, file, found)
    file.data.images = found.map(({ ref }) => ref)
    if (resolveImage === undefined || found.length === 0) return undefined
    return resolveAll(tree, found, resolveImage, file)
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

async function resolveAll(tree: Root, found: readonly Found[], resolveImage: ImageResolver, file: VFile): Promise<undefined> {
  const outcomes = await Promise.all(found.map(({ ref }) => resolveOne(ref, resolveImage, file)))
  const unmade = new Set<ImageRef>()
  // Reported after all settle, in document order, so messages do not depend on timing.
  outcomes.forEach((outcome, index) => {
    const { element, ref } = found[index]!
    const drawnFrom = element.data?.drawnFrom
    if (typeof outcome === 'string') {
      element.properties['src'] = outcome
    } else if (drawnFrom !== undefined && putBack(tree, drawnFrom)) {
      const [what, source, ruleId] = ref.drawn === 'formula' ? ['formula', 'TeX', 'math-unrasterised'] : ['diagram', 'Mermaid', 'diagram-unrasterised']
      // Without the error's hint: it speaks of picture files, and the writer wrote code.
      warn(file, `The ${what} could not be made into a picture (${outcome.message}): it is shown as its ${source} source`, { ruleId, place: element })
      unmade.add(ref)
    } else {
      error(file, `Image ${describeValue(ref.src)} could not be resolved: ${outcome.reason}`, {
        ruleId: 'image-unresolved',
        place: element,
      })
      if (classifyUrl(ref.src) === 'data-image') delete element.properties['src']
    }
  })
  if (unmade.size > 0) {
    file.data.images = found.filter(({ ref }) => !unmade.has(ref)).map(({ ref }, index) => ({ ...ref, index }))
  }
  return undefined
}

/** Puts a drawing's code back where its picture was; false when the picture is no longer in the tree. */
function putBack(tree: Root, { code, placed }: { code: Element; placed: Element }): boolean {
  const replaceIn = (parent: Root | Element): boolean => {
    const index = parent.children.indexOf(placed)
    if (index !== -1) parent.children.splice(index, 1, code)
    return index !== -1
  }
  let done = replaceIn(tree)
  walkElements(tree, (element) => !(done ||= replaceIn(element)))
  return done
}

/** The URL, or why there is none: `reason` with the error's hint, `message` without. */
async function resolveOne(ref: ImageRef, resolveImage: ImageResolver, file: VFile): Promise<string | { reason: string; message: string }> {
  try {
    const url = await resolveImage(ref, file)
    if (typeof url === 'string' && isSafeImageUrl(url)) return url
    const reason = `the resolver returned ${describeValue(url)}, which is not an image URL`
    return { reason, message: reason }
  } catch (cause) {
    return { reason: reasonOf(cause), message: cause instanceof Error ? cause.message.replace(/\.$/, '') : String(cause) }
  }
}

/** The thrown error's message, and its `hint` (what to do) when it has one, as MdwxError does. */
function reasonOf(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause)
  const hint = (cause as { hint?: unknown }).hint
  return typeof hint === 'string' && hint !== '' ? `${cause.message.replace(/\.$/, '')}. ${hint}` : cause.message
}
