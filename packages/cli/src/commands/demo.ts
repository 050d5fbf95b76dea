import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEMO_APP_ID, DEMO_APP_SECRET, startEmulator } from '@mdwx/emulator'
import { parseCommandArgs } from '../args.js'
import type { Command } from '../io.js'
import { publishAndReport } from '../publish-run.js'
import { UsageError } from '../usage-error.js'

const help = `Usage: mdwx demo [folder] [options]

Starts the built-in Weixin emulator on a free local port, publishes a folder of Markdown to it
(default: examples/posts) exactly as "mdwx publish" would publish to Weixin, prints the summary
and where to look at the drafts, and stops. No account, no network, nothing written here.

Options:
  --keep        keep the emulator running (Ctrl-C stops it) to look at the drafts in a browser
  -h, --help    this help`

export const demoCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { keep: 'boolean' }, 'demo')
  if (values.help) {
    io.stdout.write(`${help}\n`)
    return 0
  }
  const folder = positionals[0] ?? 'examples/posts'
  if (!(await stat(path.resolve(io.cwd, folder)).catch(() => undefined))) {
    throw new UsageError(`There is no ${folder} here.`, 'Run "pnpm demo" from the root of the mdwx repository, or give a folder: mdwx demo <folder>.')
  }
  const emulator = await startEmulator()
  // The lock file goes to a temporary folder: every demo starts from an empty account, and the
  // repository stays clean.
  const scratch = await mkdtemp(path.join(tmpdir(), 'mdwx-demo-'))
  try {
    io.stderr.write(`Weixin emulator listening at ${emulator.url}\nPublishing ${folder} with --target auto...\n`)
    const code = await publishAndReport([folder], {
      cwd: io.cwd,
      lockFile: path.join(scratch, 'mdwx.lock.json'),
      weixin: { appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: emulator.url, retry: { minDelayMs: 50 } },
      appId: DEMO_APP_ID,
    }, io)
    io.stdout.write('\n')
    if (values.keep) {
      io.stdout.write(`The drafts are at ${emulator.url}/ — press Ctrl-C to stop the emulator.\n`)
      await io.untilInterrupted()
    } else {
      io.stdout.write(`The drafts were at ${emulator.url}/ while the demo ran; "pnpm demo --keep" keeps the emulator running to look at them.\n`)
    }
    return code
  } finally {
    await emulator.close()
    await rm(scratch, { recursive: true, force: true })
  }
}
