import { expectOneOf, expectOption } from '@mdwx/errors'

/** What `mdwxBuildEnd()` and `withMdwx()` take; every key is optional. */
export interface MdwxVitePressOptions {
  /**
   * Globs of the pages to take, relative to `srcDir` as VitePress's `srcExclude` is
   * (`['guide/**']`). Default: every page VitePress built.
   */
  include?: string[]
  /** Globs of pages to leave out, relative to `srcDir`. A page with `weixin: false` is left out too. */
  exclude?: string[]
  /**
   * The folder below VitePress's `outDir` for the Weixin HTML (`mdwx convert --out`). Default
   * `'weixin'`; `false` validates only (`mdwx check`) and writes nothing.
   */
  out?: string | false
  /**
   * Also one PNG per page as a phone shows it, in `<outDir>/<out>/screenshots` (`mdwx
   * screenshot`; needs `@mdwx/browser` and a Chromium, else skipped with a warning).
   * `{ dark: true }`: the app's dark mode.
   */
  screenshots?: boolean | { dark?: boolean }
  /** Publish after the build (`mdwx publish`). Default false; `MDWX_PUBLISH=1` in the environment does it too. */
  publish?: boolean
  /** Fail the build when a page cannot be published. Default false: the problems are printed and the build goes on. */
  strict?: boolean
  /**
   * When some pages cannot be published, still publish the others (`--keep-going`). Default true:
   * one broken page does not hold back the rest (the build still fails, once they are published).
   */
  keepGoing?: boolean
  /** `--theme`: a theme name or a CSS file (relative to the site root). */
  theme?: string
  /** `--math`: `auto` (default: SVG while the article fits, the heaviest formulas as pictures when not), `svg` or `image`. */
  math?: 'auto' | 'svg' | 'image'
  /** `--account`: a named account of `mdwx.config.json`. */
  account?: string
  /** `--target`: `auto` (default), `news` or `draft`. */
  target?: 'auto' | 'news' | 'draft'
  /** `--submit`: publish each draft (freepublish) and wait for its URL. */
  submit?: boolean
  /** `--allow-private-network`: fetch http(s) pictures from loopback and private addresses. */
  allowPrivateNetwork?: boolean
}

/** The options with their defaults, checked once where they are given (the VitePress config). */
export interface ResolvedOptions {
  include: string[]
  exclude: string[]
  out: string | false
  screenshots: false | { dark: boolean }
  publish: boolean
  strict: boolean
  keepGoing: boolean
  theme: string | undefined
  math: 'auto' | 'svg' | 'image' | undefined
  account: string | undefined
  target: 'auto' | 'news' | 'draft' | undefined
  submit: boolean
  allowPrivateNetwork: boolean
}

const known = new Set(['include', 'exclude', 'out', 'screenshots', 'publish', 'strict', 'keepGoing', 'theme', 'math', 'account', 'target', 'submit', 'allowPrivateNetwork'])

/** Checks the options; a wrong one is an InvalidOptionError that names it, thrown while VitePress loads its config. */
export function resolveOptions(options: MdwxVitePressOptions | undefined): ResolvedOptions {
  const given = (options ?? {}) as Record<string, unknown>
  expectOption(typeof given === 'object' && given !== null && !Array.isArray(given), 'an object', 'mdwx options', options)
  for (const key of Object.keys(given)) {
    // A misspelt key (`screenshot`, `keep-going`) would otherwise be ignored without a word.
    expectOption(known.has(key) || given[key] === undefined, `one of ${[...known].join(', ')}`, 'an mdwx option name', key)
  }
  const globs = (name: 'include' | 'exclude'): string[] => {
    const value = given[name] ?? []
    expectOption(Array.isArray(value) && value.every((glob) => typeof glob === 'string' && glob.trim() !== ''), 'a list of globs', name, value)
    return value as string[]
  }
  const flag = (name: string, fallback: boolean): boolean => {
    const value = given[name] ?? fallback
    expectOption(typeof value === 'boolean', 'true or false', name, value)
    return value as boolean
  }
  const text = (name: string): string | undefined => {
    const value = given[name]
    expectOption(value === undefined || (typeof value === 'string' && value.trim() !== ''), 'a non-empty string', name, value)
    return value as string | undefined
  }
  const out = given['out'] ?? 'weixin'
  expectOption(out === false || (typeof out === 'string' && out.trim() !== '' && !out.split(/[\\/]/).includes('..')), 'a folder inside outDir, or false', 'out', out)
  const shots = given['screenshots'] ?? false
  const dark = typeof shots === 'object' && shots !== null ? (shots as Record<string, unknown>)['dark'] ?? false : false
  expectOption(typeof shots === 'boolean' || (typeof shots === 'object' && shots !== null && !Array.isArray(shots) && typeof dark === 'boolean'), 'true, false or { dark: true }', 'screenshots', shots)
  const math = given['math']
  if (math !== undefined) expectOneOf(math, ['auto', 'svg', 'image'], 'math')
  const target = given['target']
  if (target !== undefined) expectOneOf(target, ['auto', 'news', 'draft'], 'target')
  return {
    include: globs('include'),
    exclude: globs('exclude'),
    out: out as string | false,
    screenshots: shots === false ? false : { dark: dark as boolean },
    publish: flag('publish', false),
    strict: flag('strict', false),
    keepGoing: flag('keepGoing', true),
    theme: text('theme'),
    math: math as 'auto' | 'svg' | 'image' | undefined,
    account: text('account'),
    target: target as 'auto' | 'news' | 'draft' | undefined,
    submit: flag('submit', false),
    allowPrivateNetwork: flag('allowPrivateNetwork', false),
  }
}

/** `MDWX_PUBLISH=1` (or `true`): CI asks the build to publish without changing the config. */
export function publishRequested(options: ResolvedOptions, env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env['MDWX_PUBLISH']?.trim().toLowerCase()
  return options.publish || value === '1' || value === 'true'
}
