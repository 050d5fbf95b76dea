import type { Command } from '../io.js'
import { UsageError } from '../usage-error.js'

// STUB: not built yet.
export const checkCommand: Command = async () => {
  throw new UsageError('"mdwx check" is not available yet.')
}
