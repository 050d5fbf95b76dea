import type { CliIo, Command } from './io.js'
import { UsageError } from './usage-error.js'

const usage = `Usage: mdwx <command> [options]

Commands:
  convert <path...> --out <dir>   Markdown → Weixin-safe HTML files (no network)
  check <path...>                 render and validate only
  publish <path...>               upload images and create the articles
  emulator [--port N]             run the built-in Weixin emulator
  preview <path>                  serve a phone-sized preview of one article
  demo                            publish examples/posts to an in-process emulator

Run "mdwx <command> --help" for a command's options.`

// Commands load lazily: `mdwx check` should not pay for the emulator or sharp.
const commands: Record<string, () => Promise<Command>> = {
  convert: async () => (await import('./commands/convert.js')).convertCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  publish: async () => (await import('./commands/publish.js')).publishCommand,
  emulator: async () => (await import('./commands/emulator.js')).emulatorCommand,
  preview: async () => (await import('./commands/preview.js')).previewCommand,
  demo: async () => (await import('./commands/demo.js')).demoCommand,
}

/** Failures that mean the command line itself was wrong (a path or a --theme that is not there): exit 2. */
const misuseCodes = new Set(['MDWX_INVALID_OPTION', 'MDWX_PATH_NOT_FOUND', 'MDWX_THEME_NOT_FOUND'])

/** Runs one command line and returns its exit code; the only caller of process.exit is bin.ts. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage}\n`)
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${await version()}\n`)
    return 0
  }
  const load = commands[name]
  try {
    if (!load) throw new UsageError(`Unknown command "${name}".`, 'Run "mdwx --help" to see the commands.')
    return await (await load())(args, io)
  } catch (error) {
    return reportFailure(error, io)
  }
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr.write(`mdwx: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`)
    return 2
  }
  const coded = error as { code?: unknown; message?: unknown; hint?: unknown }
  if (error instanceof Error && typeof coded.code === 'string' && coded.code.startsWith('MDWX_')) {
    // An expected failure (bad option, Weixin refused...): its message and hint, no stack trace.
    io.stderr.write(`mdwx: ${error.message}\n${typeof coded.hint === 'string' ? `${coded.hint}\n` : ''}`)
    return misuseCodes.has(coded.code) ? 2 : 1
  }
  throw error
}

async function version(): Promise<string> {
  const { createRequire } = await import('node:module')
  const pkg = createRequire(import.meta.url)('../package.json') as { version: string }
  return pkg.version
}
