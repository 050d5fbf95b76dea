import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { bundledChromium, bundledChromiumUnsupported, defaultCacheDir } from '../../packages/browser/src/bundled-chromium.js'

/**
 * Vitest global setup: the whole test run gets a home of its own under the system temp folder
 * (HOME, XDG_CACHE_HOME, npm's cache), set before the test workers start, so they and every
 * process they start inherit it. Whatever a test runs in-process with an empty environment (the
 * CLI's `screenshot` unpacking Chromium into `~/.cache/mdwx`, the token file store) lands
 * there, never in the developer's real home; it is removed when the run ends.
 */
export default async function setup(): Promise<() => void> {
  const home = mkdtempSync(path.join(tmpdir(), 'mdwx-test-home-'))
  process.env['HOME'] = home
  process.env['XDG_CACHE_HOME'] = path.join(home, '.cache')
  process.env['npm_config_cache'] = path.join(home, '.npm')
  // The bundled Chromium is unpacked into that fresh home once, here, before any test starts:
  // else the first browser test of each worker would unpack it inside its own hang guard, on a
  // machine the other workers keep busy. A system Chromium or MDWX_CHROMIUM, when there is one,
  // is still what the tests run; this then costs a few seconds.
  if (process.env['MDWX_CHROMIUM'] === undefined && bundledChromiumUnsupported() === undefined) await bundledChromium(defaultCacheDir(process.env))
  return () => rmSync(home, { recursive: true, force: true })
}
