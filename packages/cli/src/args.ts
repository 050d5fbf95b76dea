import { parseArgs } from 'node:util'
import { UsageError } from './usage-error.js'

/** `strings`: a flag that may be given several times (`--asset-root a --asset-root b`). */
type Spec = Record<string, 'string' | 'strings' | 'boolean'>
type Values<S extends Spec> = { [K in keyof S]?: S[K] extends 'string' ? string : S[K] extends 'strings' ? string[] : boolean } & { help?: boolean }

/**
 * Parses a command's arguments strictly: an unknown flag, a missing value or (with
 * `positionals: false`) an argument the command does not take is a UsageError (exit 2) that names
 * it, never a stack trace. `-h`/`--help` is always accepted.
 */
export function parseCommandArgs<S extends Spec>(
  args: string[],
  spec: S,
  command: string,
  { positionals: allowPositionals = true }: { positionals?: boolean } = {},
): { values: Values<S>; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { help: { type: 'boolean', short: 'h' } }
  for (const [name, type] of Object.entries(spec)) options[name] = type === 'strings' ? { type: 'string', multiple: true } : { type }
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals, strict: true })
    return { values: values as Values<S>, positionals }
  } catch (error) {
    // Node's first sentence is the one that helps; its advice on "--" only confuses here.
    const message = (error instanceof Error ? error.message.split('\n')[0]! : String(error)).replace(/\. To specify a positional argument.*$/, '')
    throw new UsageError(/[.?!]$/.test(message) ? message : `${message}.`, `Run "mdwx ${command} --help" for its options.`)
  }
}

/**
 * A flag that must be a whole number from `min` to `max` (default: no limit): digits only, so
 * "1e3", "0x10", "4.0" and " 5" are refused rather than read as some other number.
 */
export function integerFlag(value: string | undefined, flag: string, { min, max = Number.MAX_SAFE_INTEGER }: { min: number; max?: number }): number | undefined {
  if (value === undefined) return undefined
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!(number >= min && number <= max)) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of ${min} or more` : `from ${min} to ${max}`
    throw new UsageError(`Expected a whole number ${range} for ${flag}, got ${JSON.stringify(value)}.`)
  }
  return number
}
