import type { AstroIntegrationLogger } from 'astro'
import { runMdwx } from 'mdwx'
import { browserPackageInstalled } from './browser-package.js'
import { BuildFailure } from './build-failure.js'
import { commandLines, publishRequested } from './command-lines.js'
import { createLineSink, type LineSink } from './log-lines.js'
import type { ResolvedOptions } from './options.js'
import { defaultInclude, selectPosts } from './posts-selection.js'
import type { SitePaths } from './site-paths.js'

type Environment = Readonly<Record<string, string | undefined>>

/**
 * What the integration does after `astro build`, in order: check the posts and write their
 * Weixin HTML (`mdwx convert`), take screenshots when asked, publish when asked. The build fails
 * only when `strict` is set and a post cannot be published, or when a requested publish fails;
 * otherwise the problems are logged and the site is built as usual.
 */
export async function runBuildSteps(options: ResolvedOptions, site: SitePaths, logger: AstroIntegrationLogger, env: Environment): Promise<void> {
  const posts = await selectPosts(options.include ?? defaultInclude(site), site)
  const lines = commandLines(options, posts, site)
  const sink = createLineSink(logger)
  const publishing = publishRequested(options, env)

  const converted = await run(lines.convert, site, env, logger, sink())
  if (converted !== 0 && options.strict) {
    throw converted === 1
      ? new BuildFailure('MDWX_ASTRO_CHECK_FAILED', '@mdwx/astro: some posts cannot be published to Weixin; they are named above with file:line.', 'Fix them, or keep a post out of Weixin with `weixin: false` in its front matter. Without `strict: true` the build only logs them.')
      : new BuildFailure('MDWX_ASTRO_CHECK_FAILED', '@mdwx/astro: mdwx could not check the posts; the reason is above.', 'Without `strict: true` the build only logs it.')
  }
  if (converted === 1 && !publishing) logger.info('The site is built; the posts above cannot be published to Weixin until fixed (strict: true would fail the build).')

  if (lines.screenshot !== undefined) {
    if (browserPackageInstalled()) await run(lines.screenshot, site, env, logger, sink({ downgrade: true }))
    else logger.warn('No screenshots: @mdwx/browser is not installed. npm install @mdwx/browser to take them; the build goes on without.')
  }

  if (!publishing) return
  const published = await run(lines.publish, site, env, logger, sink())
  if (published === 1) {
    throw new BuildFailure('MDWX_ASTRO_PUBLISH_FAILED', '@mdwx/astro: publishing to Weixin failed for the posts marked failed above.', 'The others were published and recorded in mdwx.lock.json (commit it). Fix these and build again: only what changed is sent.')
  }
  if (published !== 0) {
    throw new BuildFailure('MDWX_ASTRO_PUBLISH_FAILED', '@mdwx/astro: publishing to Weixin did not start; the reason is above.', 'The credentials are WEIXIN_APPID and WEIXIN_APPSECRET (or MDWX_RELAY and MDWX_RELAY_KEY), in the environment or in .env at the project root.')
  }
}

/**
 * Runs one mdwx command line at the project root (where the lock file and `mdwx.config.json`
 * live), its output going to Astro's logger, and returns its exit code. A crash of mdwx itself
 * (a bug) is logged and counted as a failed command (exit 2), so that a broken validator never
 * takes down a site build that did not ask for it.
 */
async function run(args: readonly string[], site: SitePaths, env: Environment, logger: AstroIntegrationLogger, onLine: LineSink): Promise<number> {
  logger.info(`mdwx ${args.map(shellQuote).join(' ')}`)
  try {
    return (await runMdwx(args, { cwd: site.root, env, onLine })).code
  } catch (error) {
    logger.error(`mdwx ${args[0]} crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return 2
  }
}

/** An argument as a shell would need it, so the logged command line can be pasted and run. */
function shellQuote(arg: string): string {
  return /^[\w./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`
}
