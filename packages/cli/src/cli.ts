import type { CliIo, Command, CommandIo } from './io.js'
import { UsageError } from './usage-error.js'

const usage = `Usage: mdwx <command> [options]

Commands:
  convert <path...> --out <dir>   Markdown → Weixin-safe HTML files (no network)
  check <path...>                 render and validate only
  publish <path...>               upload images and create the articles
  emulator [--port N]             run the built-in Weixin emulator
  relay [--port N]                on a whitelisted host: send the Weixin calls of other machines
  preview <path|folder>           a live phone-sized preview of an article (or a folder's) on 127.0.0.1
  screenshot <path...> [--dark]   a PNG per article, as a phone shows it (no network)
  demo                            publish the sample posts to an in-process emulator

Run "mdwx <command> --help" (or "mdwx help <command>") for a command's options.`

interface CommandEntry {
  load: () => Promise<Command>
  /** Said on stderr when Ctrl-C ends the command before it has taken Ctrl-C over. */
  interrupted: string
}

// Commands load lazily: `mdwx check` should not pay for the emulator or sharp.
const commands: Record<string, CommandEntry> = {
  convert: { load: async () => (await import('./commands/convert.js')).convertCommand, interrupted: 'Interrupted: the HTML files written so far are kept.' },
  check: { load: async () => (await import('./commands/check.js')).checkCommand, interrupted: 'Interrupted.' },
  publish: {
    load: async () => (await import('./commands/publish.js')).publishCommand,
    interrupted: 'Interrupted: the lock file keeps what was done; run again to finish.',
  },
  emulator: { load: async () => (await import('./commands/emulator.js')).emulatorCommand, interrupted: 'Interrupted.' },
  relay: { load: async () => (await import('./commands/relay.js')).relayCommand, interrupted: 'Interrupted.' },
  preview: { load: async () => (await import('./commands/preview.js')).previewCommand, interrupted: 'Interrupted.' },
  screenshot: { load: async () => (await import('./commands/screenshot.js')).screenshotCommand, interrupted: 'Interrupted: the PNG files written so far are kept.' },
  demo: { load: async () => (await import('./commands/demo.js')).demoCommand, interrupted: 'Interrupted.' },
}

/** Failures that mean the command line itself was wrong (a path or a --theme that is not there): exit 2. */
const misuseCodes = new Set(['MDWX_INVALID_OPTION', 'MDWX_PATH_NOT_FOUND', 'MDWX_THEME_NOT_FOUND'])

/** The exit code of a command ended by Ctrl-C (128 + SIGINT), as shells report it. */
const interruptedCode = 130

/** Runs one command line and returns its exit code; the only caller of process.exit is bin.ts. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined) {
    // Misuse: the usage goes where errors go, so `mdwx > file` does not hide it.
    io.stderr.write(`${usage}\n`)
    return 2
  }
  if (name === '--help' || name === '-h' || (name === 'help' && args.length === 0)) {
    io.stdout.write(`${usage}\n`)
    return 0
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${await version()}\n`)
    return 0
  }
  try {
    if (name === 'help') {
      if (args.length > 1) throw new UsageError('mdwx help takes one command.', 'Example: mdwx help publish')
      return await runCli([args[0]!, '--help'], io)
    }
    const entry = commands[name]
    if (!entry) throw new UsageError(`Unknown command "${name}".`, 'Run "mdwx --help" to see the commands.')
    return await runCommand(await entry.load(), args, io, entry.interrupted)
  } catch (error) {
    return reportFailure(error, io)
  }
}

/**
 * Runs a command, racing it against Ctrl-C until the command takes Ctrl-C over (untilInterrupted).
 * Interrupted before that, it returns 130 at once: bin.ts then exits, which is what stops the
 * command's work (an in-process caller's run is abandoned, not cancelled). Stopping there is
 * safe: the lock file is written atomically after every step.
 */
async function runCommand(command: Command, args: string[], io: CliIo, interruptedNote: string): Promise<number> {
  const { interrupted, ...rest } = io
  let handsOff = false
  let settled = false
  const commandIo: CommandIo = {
    ...rest,
    untilInterrupted: () => {
      handsOff = true
      return interrupted
    },
  }
  const run = command(args, commandIo).finally(() => (settled = true))
  // A run abandoned on Ctrl-C may still fail later: that is no longer anyone's to report.
  run.catch(() => {})
  const stopped = interrupted.then(() => {
    if (handsOff || settled) return run
    io.stderr.write(`${io.interactive ? '\r\u001b[2K' : ''}${interruptedNote}\n`)
    return interruptedCode
  })
  return Promise.race([run, stopped])
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr.write(`mdwx: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`)
    return 2
  }
  const coded = error as { code?: unknown; message?: unknown; hint?: unknown; syscall?: unknown }
  if (error instanceof Error && typeof coded.code === 'string' && coded.code.startsWith('MDWX_')) {
    // An expected failure (bad option, Weixin refused...): its message and hint, no stack trace.
    io.stderr.write(`mdwx: ${error.message}\n${typeof coded.hint === 'string' ? `${coded.hint}\n` : ''}`)
    return misuseCodes.has(coded.code) ? 2 : 1
  }
  if (error instanceof Error && (typeof coded.syscall === 'string' || (typeof coded.code === 'string' && /^E[A-Z0-9]+$/.test(coded.code)))) {
    // The system said no (a file, a port, the network): its message says what, a stack would not.
    io.stderr.write(`mdwx: ${error.message}\n`)
    return 1
  }
  // Anything else is a bug in mdwx: let it crash with its stack, to be reported.
  throw error
}

async function version(): Promise<string> {
  const { createRequire } = await import('node:module')
  const pkg = createRequire(import.meta.url)('../package.json') as { version: string }
  return pkg.version
}
