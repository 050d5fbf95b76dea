import path from 'node:path'
import type { ResolvedOptions } from './options.js'
import type { PostsSelection } from './posts-selection.js'
import type { SitePaths } from './site-paths.js'

/**
 * The `mdwx` command lines the integration runs, exactly as a user would type them at the project
 * root: every path relative to it, the folders taken from Astro's resolved config.
 */
export interface CommandLines {
  /** `mdwx convert`: validates every post and writes its Weixin HTML to `<outDir>/weixin`. */
  convert: string[]
  /** `mdwx screenshot`, when screenshots are asked for. */
  screenshot: string[] | undefined
  /** `mdwx publish`, whether or not it is run. */
  publish: string[]
}

/** Where the HTML (and screenshots) go: `weixin` inside Astro's outDir. */
export function weixinDir(site: SitePaths): string {
  return path.join(site.outDir, 'weixin')
}

export function commandLines(options: ResolvedOptions, posts: PostsSelection, site: SitePaths): CommandLines {
  const relative = (folder: string) => {
    const inner = path.relative(site.root, folder).split(path.sep).join('/')
    return inner === '' ? '.' : inner
  }
  // Shared by every command: the posts, where their root-relative pictures live, how they look.
  const files = [
    posts.folder,
    ...posts.include.flatMap((glob) => ['--include', glob]),
    ...options.exclude.flatMap((glob) => ['--exclude', glob]),
    ...[site.publicDir, ...options.assetRoots.map((root) => path.resolve(site.root, root))].flatMap((root) => ['--asset-root', relative(root)]),
  ]
  const look = [...(options.theme === undefined ? [] : ['--theme', options.theme]), ...(options.math === undefined ? [] : ['--math', options.math])]
  const out = relative(weixinDir(site))
  return {
    // --quiet: the per-post progress says nothing the problems and the totals do not.
    convert: ['convert', ...files, ...look, '--out', out, '--quiet'],
    screenshot: options.screenshots === undefined ? undefined : ['screenshot', ...files, ...look, '--out', out, ...(options.screenshots.dark ? ['--dark'] : []), '--quiet'],
    publish: [
      'publish',
      ...files,
      ...look,
      ...(options.keepGoing ? ['--keep-going'] : []),
      ...(options.submit ? ['--submit'] : []),
      ...(options.target === undefined ? [] : ['--target', options.target]),
      ...(options.account === undefined ? [] : ['--account', options.account]),
      ...(options.allowPrivateNetwork ? ['--allow-private-network'] : []),
    ],
  }
}

/** `MDWX_PUBLISH=1` (or `true`) asks for publishing from the environment, as CI sets it. */
export function publishRequested(options: ResolvedOptions, env: Readonly<Record<string, string | undefined>>): boolean {
  const variable = env['MDWX_PUBLISH']?.trim().toLowerCase()
  return options.publish || variable === '1' || variable === 'true'
}
