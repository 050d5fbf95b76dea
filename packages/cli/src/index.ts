export { runCli } from './cli.js'
export type { CliIo, Command, CommandIo } from './io.js'
export { UsageError } from './usage-error.js'
