import { runMdwx, type MdwxRun } from 'mdwx'
import type { SiteConfig } from 'vitepress'
import { MdwxBuildError } from './build-error.js'
import { commandLines, shellLine } from './command-lines.js'
import { createLogLines } from './log-lines.js'
import { publishRequested, resolveOptions, type MdwxVitePressOptions, type ResolvedOptions } from './options.js'
import { isMissingBrowserPackage } from './screenshot-outcome.js'
import { siteLayout } from './site-layout.js'
import { unbuiltMarkdown } from './unbuilt-markdown.js'

/** VitePress's `buildEnd` hook. */
export type BuildEnd = (siteConfig: SiteConfig) => Promise<void>

type Logger = SiteConfig['logger']

interface Outcome extends MdwxRun {
  /** The files named by the run's error lines. */
  failedFiles: readonly string[]
  /** The command's own failure (`mdwx: ...`), when it said one. */
  failure: string | undefined
}

/**
 * `buildEnd: mdwxBuildEnd({ ... })` in `.vitepress/config.mts`: after `vitepress build`, runs
 * `mdwx convert` over the pages VitePress built (problems printed through VitePress's logger,
 * the Weixin HTML in `<outDir>/weixin`), `mdwx screenshot` when asked, and `mdwx publish` with
 * `publish: true` or `MDWX_PUBLISH=1`. The options are checked here, as VitePress loads its config.
 */
export function mdwxBuildEnd(options?: MdwxVitePressOptions): BuildEnd {
  const resolved = resolveOptions(options)
  return (siteConfig) => afterBuild(siteConfig, resolved, process.env)
}

async function afterBuild(siteConfig: SiteConfig, options: ResolvedOptions, env: NodeJS.ProcessEnv): Promise<void> {
  const { logger } = siteConfig
  const layout = siteLayout(siteConfig)
  const lines = commandLines(layout, options, await unbuiltMarkdown(layout.srcDir, layout.pages))
  // Shared by the runs of this build, so a page's problems are printed once, not once per command.
  const printed = new Set<string>()
  const run = async (args: string[], quieter = false): Promise<Outcome> => {
    logger.info(shellLine(args))
    const log = createLogLines(logger, printed, { quieter })
    const result = await runMdwx(args, { cwd: layout.root, env, onLine: log.onLine })
    return { ...result, failedFiles: log.failedFiles, failure: commandFailure(result.stderr) }
  }

  await validate(lines.validate, run, logger, options)
  if (lines.screenshot !== undefined) await screenshots(lines.screenshot, run, logger)
  if (publishRequested(options, env)) await publish(lines.publish, run, options)
}

type Run = (args: string[], quieter?: boolean) => Promise<Outcome>

/**
 * `mdwx convert` (or `check`). Its problems are the build's warnings: they fail the build only
 * with `strict`, before anything is published. A crash of mdwx itself is logged the same way.
 */
async function validate(args: string[], run: Run, logger: Logger, options: ResolvedOptions): Promise<void> {
  let outcome: Outcome
  try {
    outcome = await run(args)
  } catch (error) {
    logger.error(`mdwx ${args[0]} crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    if (options.strict) throw new MdwxBuildError('MDWX_VITEPRESS_CHECK_FAILED', `mdwx ${args[0]} crashed: the pages could not be checked.`, 'Report the error above at the mdwx repository. Nothing was published.')
    return
  }
  if (outcome.code === 0) return
  if (outcome.code === 2) {
    // Misused: a --theme file or mdwx.config.json that is not there or not right. Nothing was checked.
    const message = `mdwx ${args[0]} could not run: ${outcome.failure ?? `exit code ${outcome.code}`}.`
    if (options.strict) throw new MdwxBuildError('MDWX_VITEPRESS_CHECK_FAILED', message, 'Check the mdwx options in .vitepress/config and mdwx.config.json in the site root. Nothing was published.')
    logger.warn(`${message} The pages were not checked; the build goes on.`)
    return
  }
  if (options.strict) {
    const files = outcome.failedFiles
    throw new MdwxBuildError(
      'MDWX_VITEPRESS_CHECK_FAILED',
      `${pages(files)} cannot be published to Weixin${files.length > 0 ? `: ${files.join(', ')}` : ''}.`,
      'Fix the problems listed above, or keep a page out with `weixin: false` in its front matter (or the exclude option). Nothing was published.',
    )
  }
}

/** Screenshots never fail the build: without a browser they are skipped, with a warning that says why. */
async function screenshots(args: string[], run: Run, logger: Logger): Promise<void> {
  try {
    const outcome = await run(args, true)
    if (outcome.failure !== undefined) logger.warn('Screenshots were not taken; the build goes on.')
  } catch (error) {
    if (isMissingBrowserPackage(error)) {
      logger.warn('Screenshots skipped: @mdwx/browser is not installed. Install it beside mdwx (npm install -D @mdwx/browser) to have them; the build goes on.')
    } else {
      logger.warn(`Screenshots skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; the build goes on.`)
    }
  }
}

/** `mdwx publish`, asked for: anything short of every page published (or unchanged) fails the build. */
async function publish(args: string[], run: Run, options: ResolvedOptions): Promise<void> {
  const outcome = await run(args)
  if (outcome.code === 0) return
  if (outcome.code === 2) {
    throw new MdwxBuildError('MDWX_VITEPRESS_PUBLISH_FAILED', `Publishing to Weixin could not start: ${outcome.failure ?? 'mdwx publish was misused'}.`, 'Nothing was published: the lines above say what to change.')
  }
  const which = outcome.failedFiles.length > 0 ? `: ${outcome.failedFiles.join(', ')} could not be published (the errors are above)` : ''
  throw new MdwxBuildError(
    'MDWX_VITEPRESS_PUBLISH_FAILED',
    `Publishing to Weixin failed${outcome.failure === undefined ? which : `: ${outcome.failure}`}.`,
    `${options.keepGoing && outcome.failedFiles.length > 0 ? 'The other pages are published (the table above). ' : ''}mdwx.lock.json in the site root records what was done (commit it): the next build creates nothing twice.`,
  )
}

/** The command's own failure (`mdwx: ...` on stderr: missing credentials, Weixin refused), when it says one. */
function commandFailure(stderr: string): string | undefined {
  const line = stderr.split('\n').find((candidate) => candidate.startsWith('mdwx: '))
  return line?.slice('mdwx: '.length).replace(/\.$/, '')
}

function pages(files: readonly string[]): string {
  const count = Math.max(files.length, 1)
  return `${count} ${count === 1 ? 'page' : 'pages'}`
}
