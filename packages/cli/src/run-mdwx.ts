import { Writable } from 'node:stream'
import { runCli } from './cli.js'

export interface RunMdwxOptions {
  /** The project folder: paths, `mdwx.config.json`, `.env` and the lock file are found from here. */
  cwd: string
  /** The environment the command reads (credentials, `MDWX_RELAY`...). Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>
  /** Each line the command prints, as it prints it: for a site generator's own logger. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
}

export interface MdwxRun {
  /** The command's exit code: 0 done, 1 some article failed, 2 misused. */
  code: number
  stdout: string
  stderr: string
}

/**
 * Runs one `mdwx` command line in this process, as a site generator's plugin does: the same
 * commands, options and output as the CLI, each line handed to `onLine` (no colour, no progress
 * bar: not a terminal). Ctrl-C stays the host's: this never takes it over.
 */
export async function runMdwx(args: readonly string[], options: RunMdwxOptions): Promise<MdwxRun> {
  const output = { stdout: '', stderr: '' }
  const stream = (name: 'stdout' | 'stderr') => {
    let pending = ''
    const writable = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        const text = String(chunk)
        output[name] += text
        pending += text
        const lines = pending.split('\n')
        pending = lines.pop()!
        for (const line of lines) options.onLine?.(line, name)
        done()
      },
      final(done) {
        if (pending !== '') options.onLine?.(pending, name)
        done()
      },
    })
    return writable
  }
  const stdout = stream('stdout')
  const stderr = stream('stderr')
  const code = await runCli(args, {
    stdout,
    stderr,
    env: options.env ?? process.env,
    cwd: options.cwd,
    interactive: false,
    colour: false,
    interrupted: new Promise<void>(() => {}),
  })
  await Promise.all([new Promise<void>((resolve) => stdout.end(resolve)), new Promise<void>((resolve) => stderr.end(resolve))])
  return { code, ...output }
}
