import { MdwxError } from './mdwx-error.js'

/**
 * Options are checked where they are given, with one wording everywhere:
 * "Expected <what> for <name>, got <value>".
 */
export class InvalidOptionError extends MdwxError {
  readonly option: string

  constructor(what: string, name: string, value: unknown, hint?: string) {
    super('MDWX_INVALID_OPTION', `Expected ${what} for ${name}, got ${describeValue(value)}`, { hint })
    this.option = name
  }
}

/** Throws `InvalidOptionError` unless `ok` holds. */
export function expectOption(ok: boolean, what: string, name: string, value: unknown, hint?: string): void {
  if (!ok) throw new InvalidOptionError(what, name, value, hint)
}

/** A short, safe rendering of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (typeof value === 'function') return 'a function'
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`
  return 'an object'
}

/** Common checks, so each package does not write them again. */
export function expectPositiveInteger(value: unknown, name: string): asserts value is number {
  expectOption(Number.isInteger(value) && (value as number) > 0, 'a positive integer', name, value)
}

export function expectNonNegativeNumber(value: unknown, name: string): asserts value is number {
  expectOption(typeof value === 'number' && Number.isFinite(value) && value >= 0, 'a number of 0 or more', name, value)
}

export function expectString(value: unknown, name: string): asserts value is string {
  expectOption(typeof value === 'string' && value.length > 0, 'a non-empty string', name, value)
}

export function expectOneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): asserts value is T {
  expectOption(
    typeof value === 'string' && (allowed as readonly string[]).includes(value),
    `one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
    name,
    value,
  )
}
