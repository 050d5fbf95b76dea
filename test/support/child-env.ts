import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

let ownHome: string | undefined

/**
 * The home tests give the processes they start: the run's own (isolated-home.ts sets HOME to a
 * folder under the system temp folder before the workers start), or, when this module runs
 * outside that setup, a temp folder of this process's own, removed when it exits.
 */
export function testHome(): string {
  const home = process.env['HOME']
  if (home !== undefined && path.basename(home).startsWith('mdwx-test-home-')) return home
  if (ownHome === undefined) {
    const made = mkdtempSync(path.join(tmpdir(), 'mdwx-test-home-'))
    process.on('exit', () => rmSync(made, { recursive: true, force: true }))
    ownHome = made
  }
  return ownHome
}

/**
 * The environment of a child process a test starts: PATH, and a home, a cache folder and an npm
 * cache inside the test run's temp home, so nothing the child writes (Chromium unpacked into
 * ~/.cache/mdwx, a token file, npm's cache) lands in the developer's real home. Nothing else of
 * the test's own environment leaks in (a developer's WEIXIN_APPSECRET). `env` adds or overrides.
 */
export function childEnv(env: Readonly<Record<string, string>> = {}): Record<string, string> {
  const home = testHome()
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    XDG_CACHE_HOME: path.join(home, '.cache'),
    npm_config_cache: path.join(home, '.npm'),
    ...env,
  }
}
