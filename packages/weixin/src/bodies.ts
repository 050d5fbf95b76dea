import { randomUUID } from 'node:crypto'

export interface RequestBody {
  bytes: Uint8Array
  contentType: string
}

/**
 * JSON as raw UTF-8. JSON.stringify never escapes non-ASCII as \uXXXX, which Weixin would store
 * literally (a title would show as "\u5199..."); `text` lets a caller send a literal it built
 * itself, for ids too large for a JavaScript number.
 */
export function jsonBody(value: unknown): RequestBody {
  return jsonText(JSON.stringify(value))
}

export function jsonText(text: string): RequestBody {
  return { bytes: Buffer.from(text, 'utf8'), contentType: 'application/json; charset=utf-8' }
}

export type MultipartPart =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; data: Uint8Array }

/**
 * multipart/form-data as one buffer. The bytes are copied, so a retry sends exactly what the
 * first request sent even if the caller reuses its buffer meanwhile.
 */
export function multipartBody(parts: readonly MultipartPart[]): RequestBody {
  const boundary = `mdwx-${randomUUID()}`
  const chunks: Uint8Array[] = []
  for (const part of parts) {
    const disposition =
      'filename' in part
        ? `form-data; name="${quoted(part.name)}"; filename="${quoted(part.filename)}"\r\nContent-Type: ${part.contentType}`
        : `form-data; name="${quoted(part.name)}"`
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`, 'utf8'))
    chunks.push('filename' in part ? part.data : Buffer.from(part.value, 'utf8'))
    chunks.push(Buffer.from('\r\n', 'utf8'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'))
  return { bytes: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

function quoted(text: string): string {
  return text.replace(/["\\\r\n]/g, '_')
}
