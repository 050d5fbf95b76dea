/**
 * What the bytes are, decided from the bytes alone: file names, extensions and Content-Type
 * headers lie (a `.png` that is really a JPEG, an HTML error page served as `image/png`).
 */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'heic' | 'tiff' | 'svg' | 'bmp' | 'ico'

/** Things that are not images we can read, named so the error can say what they are. */
export type NotImageKind = 'pdf' | 'html' | 'psd' | 'jxl' | 'text' | 'empty' | 'unknown'

export type Sniffed = { kind: 'image'; format: ImageFormat } | { kind: 'other'; what: NotImageKind }

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1'])
const AVIF_BRANDS = new Set(['avif', 'avis'])

export function sniffImage(data: Uint8Array): Sniffed {
  if (data.length === 0) return { kind: 'other', what: 'empty' }
  const ascii = (start: number, end: number): string => String.fromCharCode(...data.subarray(start, end))
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => data[i] === b)

  if (starts(0xff, 0xd8, 0xff)) return image('jpeg')
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return image('png')
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return image('gif')
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return image('webp')
  if (ascii(4, 8) === 'ftyp') return sniffIsoBrands(data)
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a) || starts(0x49, 0x49, 0x2b, 0x00)) return image('tiff')
  if (ascii(0, 2) === 'BM' && data.length >= 26) return image('bmp')
  if (looksLikeIco(data)) return image('ico')
  if (ascii(0, 4) === '8BPS') return { kind: 'other', what: 'psd' }
  if (ascii(0, 5) === '%PDF-') return { kind: 'other', what: 'pdf' }
  if (starts(0xff, 0x0a) || ascii(4, 12) === 'JXL \r\n\x87\n') return { kind: 'other', what: 'jxl' }
  return sniffText(data)
}

function image(format: ImageFormat): Sniffed {
  return { kind: 'image', format }
}

/** ISO-BMFF (HEIF family): the major brand and the compatible brands say AVIF or HEIC. */
function sniffIsoBrands(data: Uint8Array): Sniffed {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const boxSize = Math.min(view.getUint32(0), data.length)
  const brands: string[] = []
  for (let offset = 8; offset + 4 <= boxSize; offset += 4) {
    if (offset === 12) continue // the minor version, not a brand
    brands.push(String.fromCharCode(...data.subarray(offset, offset + 4)))
  }
  if (brands.some((b) => AVIF_BRANDS.has(b))) return image('avif')
  if (brands.some((b) => HEIC_BRANDS.has(b))) return image('heic')
  return { kind: 'other', what: 'unknown' }
}

/** ICO and CUR have a weak signature (0,0,1|2,0): also check that the directory is plausible. */
function looksLikeIco(data: Uint8Array): boolean {
  if (data.length < 22 || data[0] !== 0 || data[1] !== 0 || (data[2] !== 1 && data[2] !== 2) || data[3] !== 0) return false
  const count = data[4]! | (data[5]! << 8)
  if (count === 0 || 6 + count * 16 > data.length) return false
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const size = view.getUint32(14, true)
  const offset = view.getUint32(18, true)
  return data[9] === 0 && size > 0 && offset >= 6 + count * 16 && offset + size <= data.length
}

/** SVG is text: skip a BOM, the XML prolog, comments and a doctype, then expect `<svg`. */
function sniffText(data: Uint8Array): Sniffed {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, 4096)).replace(/^\uFEFF/, '')
  let rest = head.trimStart()
  for (;;) {
    const prolog = /^(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>)\s*/i.exec(rest)
    if (prolog === null) break
    rest = rest.slice(prolog[0].length)
  }
  if (/^<svg[\s>:/]/.test(rest)) return image('svg')
  if (/^<(html|head|body|!doctype html)[\s>]/i.test(rest)) return { kind: 'other', what: 'html' }
  return { kind: 'other', what: isMostlyText(data) ? 'text' : 'unknown' }
}

function isMostlyText(data: Uint8Array): boolean {
  const sample = data.subarray(0, 512)
  let control = 0
  for (const byte of sample) if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++
  return control === 0
}
