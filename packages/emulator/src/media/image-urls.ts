import type { ImageFormat } from './media-format.js'

const pathFormat: Readonly<Record<ImageFormat, string>> = { jpeg: 'jpg', png: 'png', gif: 'gif', bmp: 'bmp' }
const queryFormat: Readonly<Record<ImageFormat, string>> = { jpeg: 'jpeg', png: 'png', gif: 'gif', bmp: 'bmp' }

/** An image URL shaped like Weixin's `http://mmbiz.qpic.cn/mmbiz_png/<key>/0?wx_fmt=png`. */
export function imageUrl(base: string, format: ImageFormat, key: string): string {
  return `${base}/mmbiz_${pathFormat[format]}/${key}/0?wx_fmt=${queryFormat[format]}`
}

/** The path the emulator serves an image at, whatever base its URL names. */
export const imagePathPattern = /\/mmbiz_[a-z]+\/([A-Za-z0-9]+)\/0$/

/**
 * The image key in `src` when it points at one of `bases` (scheme ignored, as the backend treats
 * http and https mmbiz URLs alike), else `undefined`.
 */
export function imageKeyIn(src: string, bases: readonly string[]): string | undefined {
  const trimmed = src.trim()
  const withoutScheme = trimmed.replace(/^https?:/i, '')
  for (const base of bases) {
    const prefix = `${base.replace(/^https?:/i, '')}/`
    if (!withoutScheme.startsWith(prefix)) continue
    const match = /^mmbiz_[a-z]+\/([A-Za-z0-9]+)\/0(?:[?#].*)?$/.exec(withoutScheme.slice(prefix.length))
    if (match) return match[1]
  }
  return undefined
}
