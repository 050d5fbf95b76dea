import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { childEnv } from './child-env.js'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** The built command line, as `pnpm mdwx` and users run it. */
export const cliBin = path.join(repoRoot, 'packages/cli/dist/bin.js')

/** End-to-end tests run the compiled CLI: say how to get it rather than fail obscurely. */
export function assertCliBuilt(): void {
  if (!existsSync(cliBin)) throw new Error(`${cliBin} does not exist: run "npx tsc -b" (pnpm test does) before the e2e tests.`)
}

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface CliProcess {
  child: ChildProcess
  /** Output so far. */
  output(): { stdout: string; stderr: string }
  done: Promise<CliRun>
}

/**
 * Starts `node packages/cli/dist/bin.js <args>` in `cwd`. The child sees only PATH, a home and
 * caches in the test run's temp folder (childEnv), and `env`: nothing from the developer's own
 * environment (a real WEIXIN_APPSECRET) leaks in, nothing lands in the real home.
 */
export function spawnCli(args: readonly string[], options: { cwd: string; env: Record<string, string> }): CliProcess {
  assertCliBuilt()
  const child = spawn(process.execPath, [cliBin, ...args], {
    cwd: options.cwd,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return { child, output: () => ({ stdout, stderr }), done }
}

export function runCli(args: readonly string[], options: { cwd: string; env: Record<string, string> }): Promise<CliRun> {
  return spawnCli(args, options).done
}

/** Resolves once `condition` holds, checking after every event-loop turn (never a fixed sleep count). */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, deadline = 30_000): Promise<void> {
  const started = Date.now()
  while (!(await condition())) {
    if (Date.now() - started > deadline) throw new Error(`Gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
