import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { repoRoot } from '../render/corpus.js'

/**
 * The last commit before the site dialects were read (issue 16): the renderer every other
 * number of the dialects bench is compared with, so "plain articles pay nothing" is measured
 * against what they cost before, in the same process.
 */
export const baselineRef = 'b3b147f'

type RenderModule = typeof import('@mdwx/render')

/**
 * `@mdwx/render` as it was at `baselineRef`: `MDWX_BASELINE_RENDER` (a path to its
 * `dist/index.js`) when set; else that commit's files (`git archive`, which leaves the
 * repository's own state alone) unpacked under the system temp folder and installed there with
 * pnpm from its own lock file (offline when the store has everything), once per machine.
 */
export async function loadBaselineRender(log: (text: string) => void): Promise<RenderModule> {
  const given = process.env['MDWX_BASELINE_RENDER']
  if (given !== undefined) return (await import(pathToFileURL(given).href)) as RenderModule
  const folder = join(tmpdir(), `mdwx-bench-baseline-${baselineRef}`)
  const entry = join(folder, 'packages/render/dist/index.js')
  if (!existsSync(entry)) {
    log(`  building @mdwx/render at ${baselineRef} in ${folder} (once)...`)
    mkdirSync(folder, { recursive: true })
    const archive = execFileSync('git', ['archive', baselineRef], { cwd: repoRoot, maxBuffer: 1 << 30 })
    execFileSync('tar', ['-x', '-C', folder], { input: archive })
    // Its `prepare` script builds every package (tsc -b).
    execFileSync('npx', ['-y', 'pnpm@10.34.9', 'install', '--frozen-lockfile', '--prefer-offline'], { cwd: folder, stdio: 'ignore' })
  }
  return (await import(pathToFileURL(entry).href)) as RenderModule
}
