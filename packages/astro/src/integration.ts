import type { AstroIntegration } from 'astro'
import { resolveOptions, type MdwxAstroOptions } from './options.js'
import { runBuildSteps } from './build-steps.js'
import { sitePaths, type SitePaths } from './site-paths.js'

/**
 * The Astro integration: after `astro build`, checks the posts, writes their Weixin HTML to
 * `<outDir>/weixin` (and screenshots when asked), and publishes them when asked (`publish: true`
 * or `MDWX_PUBLISH=1`). Every step is an `mdwx` command line run in process at the project root.
 */
export default function mdwx(options: MdwxAstroOptions = {}): AstroIntegration {
  const resolved = resolveOptions(options)
  let site: SitePaths | undefined
  return {
    name: '@mdwx/astro',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = sitePaths(config)
      },
      'astro:build:done': async ({ logger }) => {
        // config:done always runs before build:done; the check keeps the types honest.
        if (site === undefined) throw new Error('@mdwx/astro: astro:build:done ran before astro:config:done.')
        await runBuildSteps(resolved, site, logger, process.env)
      },
    },
  }
}
