/**
 * Keeps secrets out of everything the client stores or shows.
 *
 * The app secret travels in the token request and every access token travels in a URL, so any
 * text that may have seen a request (an errmsg, a low-level error message or stack) passes
 * through `redact` before it lands in an error, a `cause` or an observer payload.
 */
const MASK = '[redacted]'

// Tokens accumulate over a long run; the newest are the ones that can still leak, but an old one
// in a log is still a secret, so keep a generous window rather than only the current token.
const MAX_REMEMBERED_SECRETS = 64

// Secrets shorter than this are not worth masking by value: masking "a" would shred every text.
const MIN_SECRET_LENGTH = 6

export class Redactor {
  /** The app secret or a token given by the caller: for the client's whole life. */
  readonly #permanent: string[] = []
  /** Tokens fetched along the way: the newest MAX_REMEMBERED_SECRETS. */
  readonly #fetched: string[] = []

  /** Remember a secret the caller gave (the app secret, a fixed token): masked for good. */
  rememberForGood(secret: string | undefined): void {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH || this.#permanent.includes(secret)) return
    this.#permanent.push(secret)
  }

  /** Remember a fetched token so that its value is masked wherever it appears later. */
  remember(secret: string | undefined): void {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH || this.#fetched.includes(secret) || this.#permanent.includes(secret)) return
    this.#fetched.push(secret)
    if (this.#fetched.length > MAX_REMEMBERED_SECRETS) this.#fetched.shift()
  }

  redact(text: string): string {
    // By shape first (catches secrets this instance never saw, e.g. in a relay's echo)...
    let safe = text
      .replace(/\b(access_token|secret|appsecret)=[^&\s"'#]*/gi, `$1=${MASK}`)
      .replace(/"(access_token|secret|appsecret)"(\s*:\s*)"[^"]*"/gi, `"$1"$2"${MASK}"`)
    // ...then by value, for secrets quoted anywhere else.
    for (const secret of [...this.#permanent, ...this.#fetched]) safe = safe.split(secret).join(MASK)
    return safe
  }
}

/**
 * A copy of a low-level error that is safe to keep as a `cause`: name, code and redacted
 * message and stack, nothing else. The original object may hold sockets, request options or
 * URLs; none of that is kept.
 */
export function sanitizeError(error: unknown, redactor: Redactor, depth = 0): Error {
  if (!(error instanceof Error)) return new Error(redactor.redact(String(error)))
  const copy = new Error(redactor.redact(error.message))
  copy.name = error.name
  const code = errorCode(error)
  if (code !== undefined) Object.defineProperty(copy, 'code', { value: code, enumerable: true })
  copy.stack = error.stack === undefined ? `${copy.name}: ${copy.message}` : redactor.redact(error.stack)
  if (error.cause !== undefined && depth < 2) {
    Object.defineProperty(copy, 'cause', { value: sanitizeError(error.cause, redactor, depth + 1), enumerable: false })
  }
  return copy
}

/**
 * The `code` of a Node or undici error. Node's happy-eyeballs connect reports an AggregateError
 * whose own code may be missing: the first inner error's code then says what happened.
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') return code
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const innerCode = errorCode(inner)
      if (innerCode !== undefined) return innerCode
    }
  }
  return undefined
}
