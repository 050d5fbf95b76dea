import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folder of `@fontsource/noto-sans-sc` (all of Noto Sans SC, 75 MB, in every weight) when it
 * is installed, else undefined. It is optional: characters the compact font lacks are drawn from
 * it when it is there, and as boxes, with a warning naming them, when it is not.
 */
export function fullFontFolder(): string | undefined {
  try {
    return path.dirname(fileURLToPath(import.meta.resolve('@fontsource/noto-sans-sc/package.json')))
  } catch {
    return undefined
  }
}
