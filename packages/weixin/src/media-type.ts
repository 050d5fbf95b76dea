/** What a file is, judged by its first bytes (never by its name). */
export interface MediaType {
  extension: string
  mime: string
}

const JPEG: MediaType = { extension: 'jpg', mime: 'image/jpeg' }
const PNG: MediaType = { extension: 'png', mime: 'image/png' }
const GIF: MediaType = { extension: 'gif', mime: 'image/gif' }
const BMP: MediaType = { extension: 'bmp', mime: 'image/bmp' }
const WEBP: MediaType = { extension: 'webp', mime: 'image/webp' }
const MP3: MediaType = { extension: 'mp3', mime: 'audio/mpeg' }
const AMR: MediaType = { extension: 'amr', mime: 'audio/amr' }
const WAV: MediaType = { extension: 'wav', mime: 'audio/wav' }
const WMA: MediaType = { extension: 'wma', mime: 'audio/x-ms-wma' }
const MP4: MediaType = { extension: 'mp4', mime: 'video/mp4' }

export function sniffMediaType(bytes: Uint8Array): MediaType | undefined {
  const startsWith = (signature: readonly number[], offset = 0): boolean =>
    signature.every((byte, index) => bytes[offset + index] === byte)
  const ascii = (text: string, offset = 0): boolean => startsWith([...text].map((c) => c.charCodeAt(0)), offset)

  if (startsWith([0xff, 0xd8, 0xff])) return JPEG
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG
  if (ascii('GIF87a') || ascii('GIF89a')) return GIF
  if (ascii('BM') && bytes.length > 14) return BMP
  if (ascii('RIFF') && ascii('WEBP', 8)) return WEBP
  if (ascii('RIFF') && ascii('WAVE', 8)) return WAV
  if (ascii('#!AMR')) return AMR
  if (ascii('ID3') || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return MP3
  if (startsWith([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) return WMA
  if (ascii('ftyp', 4)) return MP4
  return undefined
}

/**
 * The filename to send with `bytes`. Weixin checks the extension against the content (40113),
 * and the bytes are the truth: a PNG named cover.jpg is sent as cover.png. Unknown content keeps
 * the caller's name, so Weixin's own answer (40005/40113) says what is wrong. Names are reduced
 * to ASCII because Weixin's multipart parser does not promise to read anything else.
 */
export function uploadFilename(bytes: Uint8Array, filename: string | undefined): { filename: string; mime: string } {
  const given = (filename ?? '').split(/[\\/]/).pop() ?? ''
  const dot = given.lastIndexOf('.')
  const stem = asciiName(dot > 0 ? given.slice(0, dot) : given) || 'media'
  const sniffed = sniffMediaType(bytes)
  if (sniffed !== undefined) return { filename: `${stem}.${sniffed.extension}`, mime: sniffed.mime }
  const extension = (dot > 0 ? asciiName(given.slice(dot + 1)) : '') || 'bin'
  return { filename: `${stem}.${extension}`, mime: 'application/octet-stream' }
}

/** `text` with everything but ASCII letters, digits, dot, dash and underscore replaced; may be empty. */
function asciiName(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 64)
}
