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
  /**
   * Resolves when the user asks the command to stop (Ctrl-C). A command that serves until then
   * (emulator, preview, demo --keep) stops cleanly and returns its code; any other returns 130 at
   * once (see runCli).
   */
  interrupted: Promise<void>
}

/** What a command is given: the caller's io, with Ctrl-C taken over only where the command asks. */
export interface CommandIo extends Omit<CliIo, 'interrupted'> {
  /**
   * Resolves on Ctrl-C. A command calls it where it can stop cleanly (a server it then closes);
   * from then on Ctrl-C is the command's to handle. Before that, Ctrl-C ends the run with 130.
   */
  untilInterrupted(): Promise<void>
}

/** A command returns its exit code: 0 done, 1 some article failed, 2 misused. */
export type Command = (args: string[], io: CommandIo) => Promise<number>
