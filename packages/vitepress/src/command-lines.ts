import path from 'node:path'
import type { ResolvedOptions } from './options.js'
import { relativeArg, type SiteLayout } from './site-layout.js'

/** The `mdwx` command lines of one build, as a user would type them in the site root. */
export interface CommandLines {
  /** `mdwx convert` (or `mdwx check` with `out: false`): validates every page, writes the Weixin HTML. */
  validate: string[]
  /** `mdwx screenshot`, when screenshots are asked for. */
  screenshot: string[] | undefined
  /** `mdwx publish`, run only when publishing is asked for. */
  publish: string[]
  /** Where the HTML (`validate`) and the PNG files go, absolute; undefined for none. */
  htmlDir: string | undefined
  screenshotDir: string | undefined
}

/**
 * Every command takes the source folder and the same selection: the user's `include`/`exclude`
 * (written relative to `srcDir`, as VitePress's own `srcExclude`; mdwx reads globs relative to
 * its working folder, the site root, so they are prefixed), the Markdown files VitePress did not
 * build, and the public folder as the root of `/x.png` pictures. mdwx.config.json in the site
 * root adds its own `include`, `exclude` and `assetRoots` to these, as for any mdwx command.
 */
export function commandLines(layout: SiteLayout, options: ResolvedOptions, unbuilt: readonly string[]): CommandLines {
  const { root } = layout
  const source = relativeArg(root, layout.srcDir)
  const selection: string[] = []
  for (const glob of options.include) selection.push('--include', globFromRoot(glob, source))
  for (const glob of options.exclude) selection.push('--exclude', globFromRoot(glob, source))
  for (const file of unbuilt) selection.push('--exclude', escapeGlob(relativeArg(root, file)))
  if (layout.publicDir !== undefined) selection.push('--asset-root', relativeArg(root, layout.publicDir))
  const rendering: string[] = []
  if (options.theme !== undefined) rendering.push('--theme', options.theme)
  if (options.math !== undefined) rendering.push('--math', options.math)

  const weixinDir = path.join(layout.outDir, options.out === false ? 'weixin' : options.out)
  const htmlDir = options.out === false ? undefined : weixinDir
  const validate =
    htmlDir === undefined
      ? ['check', source, ...selection, ...rendering, '--quiet']
      : ['convert', source, '--out', relativeArg(root, htmlDir), ...selection, ...rendering, '--quiet']
  const screenshotDir = options.screenshots === false ? undefined : path.join(weixinDir, 'screenshots')
  const dark = options.screenshots !== false && options.screenshots.dark ? ['--dark'] : []
  const screenshot = screenshotDir === undefined ? undefined : ['screenshot', source, '--out', relativeArg(root, screenshotDir), ...dark, ...selection, ...rendering, '--quiet']

  // Not --quiet: a publish run's per-page lines and notices (add_news retired, drafts instead) belong in a CI log.
  const publish = ['publish', source, ...selection, ...rendering]
  if (options.keepGoing) publish.push('--keep-going')
  if (options.target !== undefined) publish.push('--target', options.target)
  if (options.submit) publish.push('--submit')
  if (options.account !== undefined) publish.push('--account', options.account)
  if (options.allowPrivateNetwork) publish.push('--allow-private-network')
  return { validate, screenshot, publish, htmlDir, screenshotDir }
}

/** `guide/**` (relative to srcDir) → `docs/guide/**` (relative to the site root); `!x` stays a negation. */
export function globFromRoot(glob: string, source: string): string {
  const negated = glob.startsWith('!')
  const body = (negated ? glob.slice(1) : glob).replace(/^(\.\/|\/)+/, '')
  const rooted = source === '.' ? body : `${escapeGlob(source)}/${body}`
  return negated ? `!${rooted}` : rooted
}

/** A path as a glob that matches only itself: `[pkg].md` is a file name, not a character class. */
export function escapeGlob(file: string): string {
  return file.replace(/[\\*?[\]{}()!+@|]/g, '\\$&')
}

/** A command line as it would be typed in a shell, for the build log. */
export function shellLine(args: readonly string[]): string {
  return ['mdwx', ...args].map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ')
}
