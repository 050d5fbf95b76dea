import { Writable } from 'node:stream'
import type { CliIo } from 'mdwx'

export interface CapturedIo {
  io: CliIo
  stdout(): string
  stderr(): string
  /** Plays the part of Ctrl-C. */
  interrupt(): void
}

function sink(append: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      append(chunk.toString())
      done()
    },
  })
}

/**
 * An in-process `CliIo` for `runCli`: output captured as strings, a chosen environment (nothing
 * from the real one, so a developer's WEIXIN_* or ~/.cache never get involved), not a terminal
 * unless asked.
 */
export function captureIo(options: { cwd: string; env?: Record<string, string>; interactive?: boolean; colour?: boolean }): CapturedIo {
  let stdout = ''
  let stderr = ''
  let interrupt: () => void = () => {}
  const io: CliIo = {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: options.env ?? {},
    cwd: options.cwd,
    interactive: options.interactive ?? false,
    colour: options.colour ?? false,
    interrupted: new Promise<void>((resolve) => (interrupt = resolve)),
  }
  return { io, stdout: () => stdout, stderr: () => stderr, interrupt: () => interrupt() }
}
