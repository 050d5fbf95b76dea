#!/usr/bin/env node
import { runCli } from './cli.js'

// The one place that touches process-wide state: stdio, exit codes, signals. The first SIGINT or
// SIGTERM resolves `interrupted` (runCli decides what it ends: see there); a second SIGINT, with
// no handler left, ends the process as Node does by default.
let interrupt: () => void = () => {}
const interrupted = new Promise<void>((resolve) => (interrupt = resolve))
process.once('SIGINT', () => interrupt())
process.once('SIGTERM', () => interrupt())

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  interactive: Boolean(process.stderr.isTTY),
  colour: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
  interrupted,
})
// Exit once stdout has drained: keep-alive sockets and timers left by libraries must not keep a
// finished command running.
process.stdout.write('', () => process.exit(code))
