import { UsageError } from './usage-error.js'

/** The value without surrounding white space, or undefined when nothing is left (an empty variable is an unset one). */
export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/** The object without its undefined properties (exactOptionalPropertyTypes: absent and undefined differ). */
export function definedOnly<T extends object>(object: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T
}

/**
 * `--math auto|svg|image`: undefined when not given or `auto`, the default (so a run with
 * `--math=auto` is the same run as one without); any other value is misuse.
 */
export function mathFlag(value: string | undefined): 'svg' | 'image' | undefined {
  if (value === undefined || value === 'auto') return undefined
  if (value === 'svg' || value === 'image') return value
  throw new UsageError(
    `--math expects auto, svg or image, got "${value}".`,
    'Example: --math=image (every formula a picture); the default, auto, makes pictures of the heaviest only when an article would be over the 20,000-character limit',
  )
}
