import type { Command } from '../io.js'
import { UsageError } from '../usage-error.js'

// STUB: not built yet.
export const emulatorCommand: Command = async () => {
  throw new UsageError('"mdwx emulator" is not available yet.')
}
