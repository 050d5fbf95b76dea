/** One part of a `multipart/form-data` body. */
export interface FormPart {
  name: string
  /** Present for file parts; `undefined` for plain fields. */
  filename: string | undefined
  contentType: string | undefined
  data: Buffer
}

const crlf = Buffer.from('\r\n')
const headerEnd = Buffer.from('\r\n\r\n')

/**
 * Parses a `multipart/form-data` body (RFC 7578). Strict on purpose: a body a real server would
 * not read (no boundary, unterminated part, part without a form-data disposition) gives
 * `undefined`, which the upload endpoints answer with 41005 media data missing.
 */
export function parseMultipart(contentTypeHeader: string | undefined, body: Buffer): FormPart[] | undefined {
  const boundary = boundaryOf(contentTypeHeader)
  if (boundary === undefined) return undefined
  const dashBoundary = Buffer.from(`--${boundary}`)
  const delimiter = Buffer.concat([crlf, dashBoundary])

  let position: number
  if (body.subarray(0, dashBoundary.length).equals(dashBoundary)) position = 0
  else {
    // A preamble before the first boundary is allowed and ignored.
    const first = body.indexOf(delimiter)
    if (first === -1) return undefined
    position = first + crlf.length
  }

  const parts: FormPart[] = []
  for (;;) {
    position += dashBoundary.length
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts // the closing "--"
    while (body[position] === 0x20 || body[position] === 0x09) position++ // transport padding
    if (!body.subarray(position, position + 2).equals(crlf)) return undefined
    position += crlf.length

    let headersText = ''
    let dataStart: number
    if (body.subarray(position, position + 2).equals(crlf)) dataStart = position + 2
    else {
      const end = body.indexOf(headerEnd, position)
      if (end === -1) return undefined
      headersText = body.subarray(position, end).toString('utf8')
      dataStart = end + headerEnd.length
    }
    const next = body.indexOf(delimiter, dataStart)
    if (next === -1) return undefined
    const part = partFrom(headersText, body.subarray(dataStart, next))
    if (part === undefined) return undefined
    parts.push(part)
    position = next + crlf.length
  }
}

function boundaryOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const [type, ...rest] = splitHeaderParams(header)
  if (type?.toLowerCase() !== 'multipart/form-data') return undefined
  const boundary = paramsOf(rest).get('boundary')
  if (boundary === undefined || boundary.length === 0 || boundary.length > 70) return undefined
  return boundary
}

function partFrom(headersText: string, data: Buffer): FormPart | undefined {
  const headers = new Map<string, string>()
  for (const line of headersText.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) return undefined
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  const disposition = headers.get('content-disposition')
  if (disposition === undefined) return undefined
  const [kind, ...rest] = splitHeaderParams(disposition)
  if (kind?.toLowerCase() !== 'form-data') return undefined
  const params = paramsOf(rest)
  const name = params.get('name')
  if (name === undefined) return undefined
  return { name, filename: filenameOf(params), contentType: headers.get('content-type'), data }
}

function filenameOf(params: Map<string, string>): string | undefined {
  const extended = params.get('filename*')
  if (extended !== undefined) {
    // RFC 5987: charset'language'percent-encoded
    const match = /^([^']*)'[^']*'(.*)$/.exec(extended)
    if (match) {
      try {
        return decodeURIComponent(match[2] ?? '')
      } catch {
        return undefined
      }
    }
  }
  return params.get('filename')
}

/** Splits `a; b=1; c="x;y"` on the semicolons that are outside quotes. */
function splitHeaderParams(header: string): string[] {
  const pieces: string[] = []
  let current = ''
  let quoted = false
  for (let index = 0; index < header.length; index++) {
    const char = header[index] as string
    if (quoted && char === '\\' && index + 1 < header.length) {
      current += char + (header[index + 1] as string)
      index++
      continue
    }
    if (char === '"') quoted = !quoted
    if (char === ';' && !quoted) {
      pieces.push(current.trim())
      current = ''
      continue
    }
    current += char
  }
  pieces.push(current.trim())
  return pieces
}

function paramsOf(pieces: string[]): Map<string, string> {
  const params = new Map<string, string>()
  for (const piece of pieces) {
    const equals = piece.indexOf('=')
    if (equals <= 0) continue
    const key = piece.slice(0, equals).trim().toLowerCase()
    let value = piece.slice(equals + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1).replace(/\\(.)/g, '$1')
    }
    params.set(key, value)
  }
  return params
}
