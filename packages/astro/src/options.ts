import { expectOneOf, expectOption, expectString } from '@mdwx/errors'

/** What `mdwx()` takes in `astro.config.mjs`. Every key is optional. */
export interface MdwxAstroOptions {
  /**
   * The posts: folders or globs, relative to the project root (`--include`). A folder means every
   * `.md`, `.markdown` and `.mdx` file below it. Default: the `blog` collection's folder,
   * `<srcDir>/content/blog`.
   */
  include?: string | string[]
  /** Globs of posts to leave out, relative to the project root (`--exclude`). */
  exclude?: string | string[]
  /** More folders where root-relative pictures (`/x.png`) live, after Astro's `publicDir` (`--asset-root`). */
  assetRoots?: string[]
  /** The mdwx theme: a name or a CSS file relative to the project root (`--theme`). */
  theme?: string
  /** TeX formulas (`--math`): `auto` (default: SVG while the article fits, the heaviest as pictures when not), `svg` or `image`. */
  math?: 'auto' | 'svg' | 'image'
  /** Also a PNG per post as a phone shows it, next to its HTML; `{ dark: true }` in dark mode. Needs `@mdwx/browser`. */
  screenshots?: boolean | { dark?: boolean }
  /** Publish after the build. Also turned on by `MDWX_PUBLISH=1` in the environment (CI). Default false. */
  publish?: boolean
  /** When publishing, still publish the valid posts when others cannot be (`--keep-going`). Default true. */
  keepGoing?: boolean
  /** When publishing, also submit each draft and wait for its URL (`--submit`). */
  submit?: boolean
  /** When publishing: `auto` (default), `news` or `draft` (`--target`). */
  target?: 'auto' | 'news' | 'draft'
  /** When publishing: the named account of `mdwx.config.json` (`--account`). */
  account?: string
  /** When publishing: fetch http(s) pictures from private addresses (`--allow-private-network`). */
  allowPrivateNetwork?: boolean
  /** Fail the build when a post cannot be published (the check's errors). Default false: they are only logged. */
  strict?: boolean
}

/** The options with their defaults, checked. `include` stays undefined until Astro's srcDir is known. */
export interface ResolvedOptions {
  include: string[] | undefined
  exclude: string[]
  assetRoots: string[]
  theme: string | undefined
  math: 'auto' | 'svg' | 'image' | undefined
  screenshots: { dark: boolean } | undefined
  publish: boolean
  keepGoing: boolean
  submit: boolean
  target: 'auto' | 'news' | 'draft' | undefined
  account: string | undefined
  allowPrivateNetwork: boolean
  strict: boolean
}

const known = new Set(['include', 'exclude', 'assetRoots', 'theme', 'math', 'screenshots', 'publish', 'keepGoing', 'submit', 'target', 'account', 'allowPrivateNetwork', 'strict'])

/**
 * Checks the options where they are given (astro.config.mjs), so a typo fails the build at once
 * with "Expected <what> for <name>, got <value>" instead of being silently ignored.
 */
export function resolveOptions(options: MdwxAstroOptions = {}): ResolvedOptions {
  expectOption(typeof options === 'object' && options !== null && !Array.isArray(options), 'an object of options', 'mdwx()', options)
  for (const key of Object.keys(options)) {
    expectOption(known.has(key), `one of ${[...known].join(', ')}`, 'an option of mdwx()', key)
  }
  const screenshots = options.screenshots
  expectOption(
    screenshots === undefined || typeof screenshots === 'boolean' || (typeof screenshots === 'object' && screenshots !== null && (screenshots.dark === undefined || typeof screenshots.dark === 'boolean')),
    'true, false or { dark: boolean }',
    'screenshots',
    screenshots,
  )
  if (options.math !== undefined) expectOneOf(options.math, ['auto', 'svg', 'image'], 'math')
  if (options.target !== undefined) expectOneOf(options.target, ['auto', 'news', 'draft'], 'target')
  if (options.theme !== undefined) expectString(options.theme, 'theme')
  if (options.account !== undefined) expectString(options.account, 'account')
  return {
    include: options.include === undefined ? undefined : stringList(options.include, 'include', 'a folder or glob, or a list of them'),
    exclude: options.exclude === undefined ? [] : stringList(options.exclude, 'exclude', 'a glob or a list of globs'),
    assetRoots: options.assetRoots === undefined ? [] : stringList(options.assetRoots, 'assetRoots', 'a list of folders'),
    theme: options.theme,
    math: options.math,
    screenshots: screenshots === true ? { dark: false } : typeof screenshots === 'object' ? { dark: screenshots.dark === true } : undefined,
    publish: flag(options.publish, 'publish', false),
    keepGoing: flag(options.keepGoing, 'keepGoing', true),
    submit: flag(options.submit, 'submit', false),
    target: options.target,
    account: options.account,
    allowPrivateNetwork: flag(options.allowPrivateNetwork, 'allowPrivateNetwork', false),
    strict: flag(options.strict, 'strict', false),
  }
}

function flag(value: unknown, name: string, fallback: boolean): boolean {
  expectOption(value === undefined || typeof value === 'boolean', 'true or false', name, value)
  return (value as boolean | undefined) ?? fallback
}

function stringList(value: unknown, name: string, what: string): string[] {
  const list = typeof value === 'string' ? [value] : value
  expectOption(Array.isArray(list) && list.length > 0 && list.every((item) => typeof item === 'string' && item !== ''), what, name, value)
  return list as string[]
}
