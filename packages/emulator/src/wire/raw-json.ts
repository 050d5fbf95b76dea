import { WeixinFault } from './weixin-fault.js'

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/**
 * Parses a request body the way the Weixin backend reads it.
 *
 * The body must be valid UTF-8 JSON (else 47001 data format error; empty is 44002). One quirk is
 * reproduced on purpose: a `\uXXXX` escape inside a string is NOT decoded. The real editor stores
 * and shows the six characters `\u5199` literally, so a client that escapes non-ASCII sees its
 * titles grow six-fold and fail 45003 exactly as on Weixin. Every other escape is decoded.
 */
export function parseWeixinJson(body: Uint8Array): JsonValue {
  if (body.byteLength === 0) throw new WeixinFault(44002)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body)
  } catch {
    throw new WeixinFault(47001)
  }
  const parser = new JsonParser(text)
  const value = parser.parseDocument()
  return value
}

class JsonParser {
  private position = 0

  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    this.skipWhitespace()
    if (this.position === this.text.length) throw new WeixinFault(44002)
    const value = this.parseValue(0)
    this.skipWhitespace()
    if (this.position !== this.text.length) this.fail()
    return value
  }

  private parseValue(depth: number): JsonValue {
    // Deep nesting is never a real request; refusing it keeps the recursion bounded.
    if (depth > 64) this.fail()
    const char = this.text[this.position]
    if (char === '{') return this.parseObject(depth)
    if (char === '[') return this.parseArray(depth)
    if (char === '"') return this.parseString()
    if (char === 't') return this.parseLiteral('true', true)
    if (char === 'f') return this.parseLiteral('false', false)
    if (char === 'n') return this.parseLiteral('null', null)
    return this.parseNumber()
  }

  private parseObject(depth: number): JsonValue {
    const object: { [key: string]: JsonValue } = {}
    this.position++
    this.skipWhitespace()
    if (this.text[this.position] === '}') {
      this.position++
      return object
    }
    for (;;) {
      this.skipWhitespace()
      if (this.text[this.position] !== '"') this.fail()
      const key = this.parseString()
      this.skipWhitespace()
      this.expect(':')
      this.skipWhitespace()
      // defineProperty: a key named "__proto__" must stay a plain property.
      Object.defineProperty(object, key, {
        value: this.parseValue(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      })
      this.skipWhitespace()
      if (this.text[this.position] === ',') {
        this.position++
        continue
      }
      this.expect('}')
      return object
    }
  }

  private parseArray(depth: number): JsonValue {
    const array: JsonValue[] = []
    this.position++
    this.skipWhitespace()
    if (this.text[this.position] === ']') {
      this.position++
      return array
    }
    for (;;) {
      this.skipWhitespace()
      array.push(this.parseValue(depth + 1))
      this.skipWhitespace()
      if (this.text[this.position] === ',') {
        this.position++
        continue
      }
      this.expect(']')
      return array
    }
  }

  private parseString(): string {
    this.position++
    let result = ''
    let runStart = this.position
    for (;;) {
      const code = this.text.charCodeAt(this.position)
      if (Number.isNaN(code) || code < 0x20) this.fail()
      if (code === 0x22) {
        result += this.text.slice(runStart, this.position)
        this.position++
        return result
      }
      if (code !== 0x5c) {
        this.position++
        continue
      }
      result += this.text.slice(runStart, this.position)
      const escape = this.text[this.position + 1]
      if (escape === 'u') {
        const hex = this.text.slice(this.position + 2, this.position + 6)
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail()
        result += `\\u${hex}` // kept literally: see parseWeixinJson
        this.position += 6
      } else {
        const decoded = simpleEscapes[escape ?? '']
        if (decoded === undefined) this.fail()
        result += decoded
        this.position += 2
      }
      runStart = this.position
    }
  }

  private parseNumber(): number {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.position, this.position + 400))
    if (!match) this.fail()
    this.position += match[0].length
    return Number(match[0])
  }

  private parseLiteral<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.position)) this.fail()
    this.position += word.length
    return value
  }

  private skipWhitespace(): void {
    for (;;) {
      const char = this.text[this.position]
      if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') return
      this.position++
    }
  }

  private expect(char: string): void {
    if (this.text[this.position] !== char) this.fail()
    this.position++
  }

  private fail(): never {
    throw new WeixinFault(47001)
  }
}

const simpleEscapes: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
