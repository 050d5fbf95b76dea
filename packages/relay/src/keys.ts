import { createHash, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { InvalidOptionError, expectOption } from '@mdwx/errors'

/** Shorter keys can be guessed within the rate limit's lifetime; 32 random hex digits is 128 bits. */
export const MIN_KEY_LENGTH = 16

/**
 * The bearer keys a relay accepts. Each is kept only as its SHA-256, and a presented key is
 * hashed and compared with every one of them in constant time: neither the comparison nor which
 * key matched shows in the timing.
 */
export class KeyRing {
  readonly #digests: Buffer[]

  constructor(keys: readonly string[], source = 'keys') {
    expectOption(Array.isArray(keys) && keys.length > 0, 'at least one key', source, Array.isArray(keys) ? `${keys.length} keys` : typeof keys)
    keys.forEach((key, index) => {
      // Never echo a key back: describe it only.
      expectOption(typeof key === 'string' && key.length >= MIN_KEY_LENGTH && !/\s/.test(key), `a key of at least ${MIN_KEY_LENGTH} characters without spaces`, `${source}[${index}]`, typeof key === 'string' ? `${key.length} characters` : typeof key, 'Make one with: openssl rand -hex 32')
    })
    this.#digests = keys.map(digest)
  }

  /** Whether `presented` is one of the keys. */
  accepts(presented: string): boolean {
    const candidate = digest(presented)
    let matched = false
    for (const known of this.#digests) matched = timingSafeEqual(known, candidate) || matched
    return matched
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest()
}

/** The key of an `Authorization: Bearer <key>` header, or undefined. */
export function bearerKey(header: string | undefined): string | undefined {
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header ?? '')
  return match?.[1]
}

/** Keys from MDWX_RELAY_KEYS: comma- or newline-separated. */
export function parseKeys(text: string): string[] {
  return text
    .split(/[,\n\r]+/)
    .map((key) => key.trim())
    .filter((key) => key !== '' && !key.startsWith('#'))
}

/** Keys from a file, one a line (# comments allowed): the file should be readable by the relay's user only. */
export async function readKeysFile(file: string): Promise<string[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as { code?: unknown }).code
    throw new InvalidOptionError('a readable file of keys, one a line', 'the keys file', file, `Could not read it${typeof code === 'string' ? ` (${code})` : ''}.`)
  }
  return parseKeys(text)
}
