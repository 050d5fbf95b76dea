import type { Command } from '../io.js'
import { UsageError } from '../usage-error.js'

// STUB: not built yet.
export const publishCommand: Command = async () => {
  throw new UsageError('"mdwx publish" is not available yet.')
}
