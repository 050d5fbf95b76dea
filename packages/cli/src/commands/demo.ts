import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEMO_APP_ID, DEMO_APP_SECRET, startEmulator } from '@mdwx/emulator'
import { parseCommandArgs } from '../args.js'
import type { Command } from '../io.js'
import { publishAndReport } from '../publish-run.js'
import { UsageError } from '../usage-error.js'
import { samplePosts } from '../demo/sample-posts.js'
import { startedAs } from '../demo/started-as.js'

const help = `Usage: mdwx demo [folder] [options]

Starts the built-in Weixin emulator on a free local port, publishes a folder of Markdown to it
(default: the sample posts mdwx comes with) exactly as "mdwx publish" would publish to Weixin,
prints the summary and where to look at the drafts, and stops. No account, no network, nothing
written here.

Options:
  --keep        keep the emulator running (Ctrl-C stops it) to look at the drafts in a browser
  -h, --help    this help`

export const demoCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { keep: 'boolean' }, 'demo')
  if (values.help) {
    io.stdout.write(`${help}\n`)
    return 0
  }
  const given = positionals[0]
  if (given !== undefined && !(await stat(path.resolve(io.cwd, given)).catch(() => undefined))) {
    throw new UsageError(`There is no ${given} here.`, `Give a folder of Markdown, or run "${startedAs('demo', [], io.env)}" without one to publish the sample posts.`)
  }
  // Without a folder, the sample posts, named from their own folder (examples/posts/...).
  const samples = given === undefined ? samplePosts() : undefined
  if (given === undefined && samples === undefined) throw new UsageError('The sample posts are missing from this install of mdwx.', 'Give a folder: mdwx demo <folder>; or reinstall mdwx.')
  const folder = given ?? samples!.folder
  const cwd = samples?.base ?? io.cwd
  const emulator = await startEmulator()
  // The lock file goes to a temporary folder: every demo starts from an empty account, and the
  // repository stays clean.
  const scratch = await mkdtemp(path.join(tmpdir(), 'mdwx-demo-'))
  try {
    io.stderr.write(`Weixin emulator listening at ${emulator.url}\nPublishing ${folder} with --target auto...\n`)
    const code = await publishAndReport([folder], {
      cwd,
      lockFile: path.join(scratch, 'mdwx.lock.json'),
      weixin: { appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: emulator.url, retry: { minDelayMs: 50 } },
      appId: DEMO_APP_ID,
    }, { ...io, cwd })
    io.stdout.write('\n')
    if (values.keep) {
      io.stdout.write(`The drafts are at ${emulator.url}/ — press Ctrl-C to stop the emulator.\n`)
      await io.untilInterrupted()
    } else {
      const again = startedAs('demo', [...(given === undefined ? [] : [given]), '--keep'], io.env)
      io.stdout.write(`The drafts were at ${emulator.url}/ while the demo ran; "${again}" keeps the emulator running to look at them.\n`)
    }
    return code
  } finally {
    await emulator.close()
    await rm(scratch, { recursive: true, force: true })
  }
}
