/**
 * The base of every error mdwx throws that is not about a document.
 *
 * Callers match on `code` (stable across releases), show `message` and `hint` to people, and
 * keep `cause` for debugging. Messages never contain secrets: subclasses that wrap network
 * failures redact before they construct.
 */
export interface MdwxErrorOptions {
  /** What the person can do about it, in plain words. */
  hint?: string | undefined
  cause?: unknown
}

export class MdwxError extends Error {
  readonly code: string
  readonly hint: string | undefined

  constructor(code: string, message: string, options: MdwxErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.hint = options.hint
  }

  /** Plain data for `--json` reports and logs: stack traces stay out of machine output. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message }
    if (this.hint !== undefined) json['hint'] = this.hint
    return json
  }
}

/** True when `error` is an mdwx error, optionally with one of the given codes. */
export function isMdwxError(error: unknown, ...codes: string[]): error is MdwxError {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code !== 'string' || !code.startsWith('MDWX_')) return false
  return codes.length === 0 || codes.includes(code)
}
