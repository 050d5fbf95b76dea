import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/**
 * Vitest global setup: the whole test run gets a home of its own under the system temp folder
 * (HOME, XDG_CACHE_HOME, npm's cache), set before the test workers start, so they and every
 * process they start inherit it. Whatever a test runs in-process with an empty environment (the
 * CLI's `screenshot` unpacking Chromium into `~/.cache/mdwx`, the token file store) lands
 * there, never in the developer's real home; it is removed when the run ends.
 */
export default function setup(): () => void {
  const home = mkdtempSync(path.join(tmpdir(), 'mdwx-test-home-'))
  process.env['HOME'] = home
  process.env['XDG_CACHE_HOME'] = path.join(home, '.cache')
  process.env['npm_config_cache'] = path.join(home, '.npm')
  return () => rmSync(home, { recursive: true, force: true })
}
