import { existsSync } from 'node:fs'
import path from 'node:path'
import { showCommand } from './command-line.js'
import { hasMdwxDeployer } from './deploy-entries.js'
import type { HexoContext } from './hexo-context.js'
import { runInSite } from './run-in-site.js'
import { readSettings, settingsFlags, settingsProblem, type MdwxSettings } from './settings.js'
import { assetRootFlag, postFolders, sitePaths } from './site.js'
import { MdwxStepError } from './step-error.js'

/**
 * The build step, registered as Hexo's `after_generate` filter: once Hexo has built the site,
 * `mdwx check` of the posts, each problem logged as `source/_posts/x.md:12:3 …` at its level. It
 * never calls Weixin and never fails the build, unless `strict: true` in the `mdwx:` block (then
 * a post that cannot be published makes `hexo generate` exit non-zero). With `publish: true`
 * there, or `MDWX_PUBLISH=1` in the environment (CI), it runs `mdwx publish` instead, and a failed
 * post fails the build.
 *
 * Why `after_generate`: Hexo runs its filters in `_generate()`, once per generation, after every
 * route is built, and awaits them; a rejected filter fails `hexo generate` (and `hexo deploy`,
 * which generates first). It runs before `public/` is written, so a strict failure leaves the
 * previous output in place rather than half a new one. The alternatives: the `generateAfter`
 * event is not awaited (a check could neither fail the build nor finish before Hexo exits);
 * `before_exit` runs after every command, `hexo new` and `hexo clean` included; replacing the
 * `generate` console would take Hexo's own command over.
 *
 * Skipped when the `mdwx` deployer runs next in this process (`hexo deploy`,
 * `hexo generate --deploy`): publishing reports the same problems. Under `hexo server` (or
 * `hexo generate --watch`) Hexo regenerates on every save and drops the saves that come while a
 * generation runs, so the check runs beside it instead of being awaited: at most one at a time
 * (one more when saves came meanwhile), never failing, never publishing.
 */
export function afterGenerate(hexo: HexoContext): () => Promise<void> {
  let running = false
  let again = false
  const checkBeside = (): void => {
    if (running) {
      again = true
      return
    }
    running = true
    buildStep(hexo, { watching: true })
      .catch((error: Error) => hexo.log.error('%s', error.message))
      .finally(() => {
        running = false
        if (again) {
          again = false
          checkBeside()
        }
      })
  }
  return async () => {
    const mode = generationMode(hexo)
    if (mode === 'deploy') return
    if (mode === 'watch') return checkBeside()
    await buildStep(hexo, { watching: false })
  }
}

function generationMode(hexo: HexoContext): 'build' | 'watch' | 'deploy' {
  const { cmd, args } = hexo.env
  // `hexo s`, `hexo g`: the name typed may be any abbreviation Hexo accepts.
  const command = hexo.extend.console.alias[cmd] ?? cmd
  if (command === 'server' || args['watch'] === true || args['w'] === true) return 'watch'
  const deploying = command === 'deploy' || args['deploy'] === true || args['d'] === true
  return deploying && hasMdwxDeployer(hexo.config.deploy) ? 'deploy' : 'build'
}

async function buildStep(hexo: HexoContext, { watching }: { watching: boolean }): Promise<void> {
  let settings: MdwxSettings
  try {
    settings = readSettings(hexo.config.mdwx, 'mdwx', { strict: true })
  } catch (error) {
    if (!watching && isStrict(hexo.config.mdwx)) throw new MdwxStepError(settingsProblem(error))
    hexo.log.error('%s', settingsProblem(error))
    return
  }
  const site = sitePaths(hexo)
  // A site with pages and no posts has nothing for Weixin.
  if (!existsSync(path.join(site.root, site.posts))) return
  const publishing = !watching && (settings.publish === true || publishAsked(process.env['MDWX_PUBLISH']))
  const command = publishing ? 'publish' : 'check'
  // The drafts Hexo renders (`--draft`, `render_drafts: true`) are checked with the posts.
  const drafts = settings.drafts === true || hexo.env.args['draft'] === true || hexo.env.args['drafts'] === true || hexo.config.render_drafts === true
  const args = [command, ...postFolders(site, drafts), assetRootFlag(site), ...settingsFlags(settings, command), ...(publishing ? [] : ['--quiet'])]
  hexo.log.info(publishing ? 'Publishing the posts to Weixin: %s' : 'Checking the posts for Weixin: %s', showCommand(args))
  const run = await runInSite(hexo, args, { progress: publishing ? 'info' : 'debug' })
  if (run.code === 0 || watching) return
  if (publishing) throw new MdwxStepError(`mdwx publish ended with exit code ${run.code}: see the lines above.`)
  if (settings.strict === true) throw new MdwxStepError(`mdwx check ended with exit code ${run.code} and mdwx.strict is on: see the lines above.`)
}

function isStrict(block: unknown): boolean {
  return typeof block === 'object' && block !== null && (block as { strict?: unknown }).strict === true
}

/** `MDWX_PUBLISH=1` (or `true`), as CI sets it. */
function publishAsked(variable: string | undefined): boolean {
  const value = variable?.trim().toLowerCase()
  return value === '1' || value === 'true'
}
