import type { Writable } from 'node:stream'

/** Everything a command touches outside its arguments, so tests can run the CLI in-process. */
export interface CliIo {
  stdout: Writable
  stderr: Writable
  env: Readonly<Record<string, string | undefined>>
  cwd: string
  /** Whether stderr is a terminal (progress bars, colour). */
  interactive: boolean
  /** Whether stdout may carry colour: a terminal, and no `NO_COLOR`. Default false. */
  colour?: boolean
  /** Resolves when the user asks the command to stop (Ctrl-C); long-running commands listen. */
  interrupted: Promise<void>
}

/** A command returns its exit code: 0 done, 1 some article failed, 2 misused. */
export type Command = (args: string[], io: CliIo) => Promise<number>
