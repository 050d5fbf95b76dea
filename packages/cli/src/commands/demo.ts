import type { Command } from '../io.js'
import { UsageError } from '../usage-error.js'

// STUB: not built yet.
export const demoCommand: Command = async () => {
  throw new UsageError('"mdwx demo" is not available yet.')
}
