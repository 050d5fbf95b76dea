import { parseArgs } from 'node:util'
import { UsageError } from './usage-error.js'

type Spec = Record<string, 'string' | 'boolean'>
type Values<S extends Spec> = { [K in keyof S]?: S[K] extends 'string' ? string : boolean } & { help?: boolean }

/**
 * Parses a command's arguments strictly: an unknown flag or a missing value is a UsageError
 * (exit 2) that names it, never a stack trace. `-h`/`--help` is always accepted.
 */
export function parseCommandArgs<S extends Spec>(args: string[], spec: S, command: string): { values: Values<S>; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } }
  for (const [name, type] of Object.entries(spec)) options[name] = { type }
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true })
    return { values: values as Values<S>, positionals }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, '.'), `Run "mdwx ${command} --help" for its options.`)
  }
}

/** A flag that must be a positive whole number. */
export function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`${flag} expects a positive whole number, got "${value}".`)
  return number
}
