import type { MdwxRun } from 'mdwx'
import type { HexoContext } from './hexo-context.js'
import { showCommand } from './command-line.js'
import { lineLogger, type Level } from './log-lines.js'
import { sitePaths } from './site.js'

export interface RunOptions {
  /** The level of the per-article progress lines. */
  progress: Level
  /** Where stdout lines go unchanged instead of the logger (`--json`). */
  raw?: (line: string) => void
}

/**
 * Runs one `mdwx` command line in the site's folder, in this process, each line it prints handed
 * to Hexo's logger: the one path from Hexo to mdwx, so `hexo mdwx`, the deployer and the build
 * step behave exactly as the `mdwx` command would. `mdwx` is imported here, on first use, so
 * Hexo commands that never call it (`hexo new`, `hexo clean`) do not load it.
 */
export async function runInSite(hexo: Pick<HexoContext, 'base_dir' | 'source_dir' | 'log'>, args: readonly string[], options: RunOptions): Promise<MdwxRun> {
  const { runMdwx } = await import('mdwx')
  hexo.log.debug('Running: %s', showCommand(args))
  return runMdwx(args, { cwd: sitePaths(hexo).root, env: process.env, onLine: lineLogger(hexo.log, options) })
}
