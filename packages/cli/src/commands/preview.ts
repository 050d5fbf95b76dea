import type { Command } from '../io.js'
import { UsageError } from '../usage-error.js'

// STUB: not built yet.
export const previewCommand: Command = async () => {
  throw new UsageError('"mdwx preview" is not available yet.')
}
