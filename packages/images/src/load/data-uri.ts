import { ImageError } from '../errors.js'

/**
 * `data:[<media type>][;base64],<data>`: base64 (whitespace and percent-escapes tolerated, as
 * Markdown editors produce both) or percent-encoded bytes. The media type is kept for `origin`
 * only: the bytes are sniffed like any others.
 */
export function decodeDataUri(uri: string, maxBytes: number): { data: Uint8Array; origin: string } {
  const comma = uri.indexOf(',')
  const shown = `data:${uri.slice(5, Math.min(comma === -1 ? 40 : comma, 40))}`
  if (comma === -1) {
    throw new ImageError('MDWX_IMAGE_DECODE', shown, `${shown}…: the data: URI has no comma before its data`, {
      hint: 'Write it as data:image/png;base64,<data>.',
    })
  }
  const header = uri.slice(5, comma)
  const payload = uri.slice(comma + 1)
  const isBase64 = /;base64$/i.test(header)
  // Base64 holds 3 bytes per 4 characters; percent-encoding at least 1 per 3: refuse early.
  if ((isBase64 ? (payload.length * 3) / 4 : payload.length / 3) > maxBytes) {
    throw new ImageError('MDWX_IMAGE_TOO_LARGE', shown, `${shown}: the data: URI holds more than ${maxBytes} bytes`, {
      hint: 'Save the image as a file next to the Markdown file and link it instead.',
    })
  }
  const data = isBase64 ? decodeBase64(payload, shown) : percentDecode(payload)
  if (data.length > maxBytes) {
    throw new ImageError('MDWX_IMAGE_TOO_LARGE', shown, `${shown}: the data: URI holds ${data.length} bytes, over the ${maxBytes}-byte limit`, {
      hint: 'Save the image as a file next to the Markdown file and link it instead.',
    })
  }
  const mediaType = header.replace(/;base64$/i, '').split(';')[0] || 'text/plain'
  return { data, origin: `data:${mediaType} (${data.length} bytes)` }
}

function decodeBase64(payload: string, shown: string): Uint8Array {
  const text = (payload.includes('%') ? new TextDecoder().decode(percentDecode(payload)) : payload).replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    throw new ImageError('MDWX_IMAGE_DECODE', shown, `${shown}: the base64 data is malformed`, {
      hint: 'The data: URI was probably cut or edited: copy it again from its source.',
    })
  }
  return Buffer.from(text, 'base64')
}

/** Percent-decoding to bytes (not to text: the data is binary). Other characters stay UTF-8. */
function percentDecode(payload: string): Uint8Array {
  const bytes = Buffer.from(payload, 'utf8')
  const out = Buffer.allocUnsafe(bytes.length)
  let length = 0
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x25 && i + 2 < bytes.length && isHexDigit(bytes[i + 1]!) && isHexDigit(bytes[i + 2]!)) {
      out[length++] = Number.parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16)
      i += 2
    } else {
      out[length++] = bytes[i]!
    }
  }
  return out.subarray(0, length)
}

function isHexDigit(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
}
