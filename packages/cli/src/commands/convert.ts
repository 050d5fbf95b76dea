import type { Command } from '../io.js'
import { UsageError } from '../usage-error.js'

// STUB: not built yet.
export const convertCommand: Command = async () => {
  throw new UsageError('"mdwx convert" is not available yet.')
}
