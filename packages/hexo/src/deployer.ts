import { showCommand } from './command-line.js'
import { mdwxDeployEntries } from './deploy-entries.js'
import type { HexoContext } from './hexo-context.js'
import { runInSite } from './run-in-site.js'
import { readSettings, settingsFlags, settingsProblem, type MdwxSettings } from './settings.js'
import { assetRootFlag, postFolders, sitePaths } from './site.js'
import { MdwxStepError } from './step-error.js'

/**
 * `deploy: - type: mdwx` in `_config.yml`: `hexo deploy` (or `hexo generate --deploy`) runs
 * `mdwx publish` over the posts. The options are the `mdwx:` block's, then the entry's
 * (`submit`, `account`, `keep_going`...), then those typed after `hexo deploy` (`--dry-run`):
 * Hexo hands the deployer the entry merged with the command line's arguments.
 *
 * A run in which a post failed rejects, the way Hexo deployers report failure: Hexo then does not
 * say "Deploy done", skips the deployers listed after this one and exits non-zero (hexo-cli's
 * code for any failure is 2). The posts that could be published were, with `keep_going`; the lock
 * file keeps them, so the next run only retries the others.
 */
export async function mdwxDeployer(hexo: HexoContext, merged: Record<string, unknown>): Promise<void> {
  // The entries themselves are checked strictly (a typo in one is an error); the merged object
  // also holds `type` and Hexo's own arguments, so only the keys this deployer knows are read there.
  let settings: MdwxSettings
  try {
    for (const entry of mdwxDeployEntries(hexo.config.deploy)) readSettings(entry, 'deploy', { strict: true, ignore: ['type'] })
    settings = { ...readSettings(hexo.config.mdwx, 'mdwx', { strict: true }), ...readSettings(merged, 'deploy', { strict: false }) }
  } catch (error) {
    throw new MdwxStepError(settingsProblem(error))
  }
  // `hexo generate --force --deploy` (regenerate every file) reaches the deployer as `force: true`
  // too: re-creating every article is never what that means. `hexo mdwx publish --force` is the way.
  delete settings.force
  const site = sitePaths(hexo)
  const args = ['publish', ...postFolders(site, settings.drafts === true), assetRootFlag(site), ...settingsFlags(settings, 'publish')]
  hexo.log.info('Publishing to Weixin: %s', showCommand(args))
  const run = await runInSite(hexo, args, { progress: 'info' })
  if (run.code !== 0) throw new MdwxStepError(`mdwx publish ended with exit code ${run.code}: see the lines above.`)
}
