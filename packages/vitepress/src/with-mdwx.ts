import type { SiteConfig, UserConfig } from 'vitepress'
import { mdwxBuildEnd, type BuildEnd } from './build-end.js'
import type { MdwxVitePressOptions } from './options.js'

/** Any theme's config. */
type Config = UserConfig<unknown>
type ConfigFunction<T extends Config> = () => T | Promise<T>
/** The config, with the chained buildEnd. */
export type WithMdwx<T extends Config> = T & { buildEnd: BuildEnd }

/**
 * `export default withMdwx(defineConfig({ ... }), { ... })`: the config with a `buildEnd` that
 * runs the site's own `buildEnd` first (its own, or the one of the config it `extends`, which
 * VitePress would otherwise replace), then mdwx (see mdwxBuildEnd).
 */
export function withMdwx<T extends Config>(config: T, options?: MdwxVitePressOptions): WithMdwx<T>
export function withMdwx<T extends Config>(config: ConfigFunction<T>, options?: MdwxVitePressOptions): () => Promise<WithMdwx<T>>
export function withMdwx<T extends Config>(config: T | ConfigFunction<T>, options?: MdwxVitePressOptions): WithMdwx<T> | (() => Promise<WithMdwx<T>>) {
  // Checked now, while VitePress loads the config, also for a config given as a function.
  const mdwx = mdwxBuildEnd(options)
  const wrap = (resolved: T): WithMdwx<T> => {
    const own = ownBuildEnd(resolved)
    return {
      ...resolved,
      buildEnd: async (siteConfig: SiteConfig) => {
        await own?.(siteConfig)
        await mdwx(siteConfig)
      },
    }
  }
  if (typeof config === 'function') return async () => wrap(await config())
  return wrap(config)
}

/** The `buildEnd` VitePress would run for this config: its own, else the nearest one of the configs it extends (plain objects). */
function ownBuildEnd(config: Config): Config['buildEnd'] {
  let current: unknown = config
  for (let depth = 0; depth < 32 && typeof current === 'object' && current !== null; depth++) {
    const { buildEnd, extends: parent } = current as Config
    if (buildEnd !== undefined) return buildEnd
    current = parent
  }
  return undefined
}
