import { statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { PreviewRecipient } from '@mdwx/weixin'
import type { Environment } from './credentials.js'
import { previewToSetting } from './preview-recipient.js'
import { UsageError } from './usage-error.js'
import { nonEmpty } from './values.js'

/** One named account of mdwx.config.json: the secret is named by variable, never stored. */
export interface AccountConfig {
  appId: string
  /** The environment variable holding the AppSecret (not needed through a relay). */
  secretEnv?: string
  /** A relay on a whitelisted host that holds this account's secret. */
  relay?: string
  /** The environment variable holding the relay key (default MDWX_RELAY_KEY). */
  relayKeyEnv?: string
  /** `defaultCover` of this account, as an absolute path: wins over the config's own. */
  defaultCover?: string
  /** `previewTo` of this account: whom `mdwx publish` sends its drafts to; wins over the config's own. */
  previewTo?: PreviewRecipient
}

export interface AccountsConfig {
  /** Where the accounts were read from, for messages. */
  file: string
  accounts: ReadonlyMap<string, AccountConfig>
  /** `assetRoots`: folders where root-relative pictures live, as written (relative to the project folder). */
  assetRoots: readonly string[]
  /** `include` / `exclude`: globs of the files every command takes (relative to the project folder). */
  include: readonly string[]
  exclude: readonly string[]
  /** `pushes`: named pushes, each its articles' paths in order (relative to the project folder). */
  pushes: ReadonlyArray<{ name: string; paths: string[] }>
  /** `defaultCover`: the cover of an article with neither a cover nor a picture, as an absolute path (checked to exist). */
  defaultCover?: string
  /** `previewTo`: whom `mdwx publish` sends each new or changed draft to (a 微信号, or an openid). */
  previewTo?: PreviewRecipient
}

export const CONFIG_FILE = 'mdwx.config.json'

/**
 * The named accounts of the project in `cwd`: `mdwx.config.json`, else the `mdwx` key of
 * package.json, else none. Anything malformed is a usage error naming the file and the key.
 */
export async function loadAccountsConfig(cwd: string): Promise<AccountsConfig | undefined> {
  const own = await readJson(path.join(cwd, CONFIG_FILE))
  if (own !== undefined) return parseConfig(own.value, CONFIG_FILE, cwd)
  const pkg = await readJson(path.join(cwd, 'package.json'))
  const section = isObject(pkg?.value) ? pkg.value['mdwx'] : undefined
  return section === undefined ? undefined : parseConfig(section, 'package.json "mdwx"', cwd)
}

async function readJson(file: string): Promise<{ value: unknown } | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  try {
    return { value: JSON.parse(text) as unknown }
  } catch (error) {
    throw new UsageError(`${path.basename(file)} is not valid JSON: ${(error as Error).message}.`)
  }
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const KNOWN_KEYS = new Set(['appId', 'secretEnv', 'relay', 'relayKeyEnv', 'defaultCover', 'previewTo'])

function parseConfig(value: unknown, where: string, folder: string): AccountsConfig {
  const fail = (message: string, hint?: string): never => {
    throw new UsageError(`${where}: ${message}`, hint ?? 'Example: { "accounts": { "blog": { "appId": "wx…", "secretEnv": "BLOG_SECRET" } } }')
  }
  if (!isObject(value)) fail('expected an object with "accounts", "assetRoots", "include" or "exclude".')
  const lists = {
    assetRoots: stringList(value as Record<string, unknown>, 'assetRoots', 'folders', fail, 'Example: { "assetRoots": ["source", "static"] } (where pictures written as /images/x.png live)'),
    include: stringList(value as Record<string, unknown>, 'include', 'globs', fail, 'Example: { "include": ["source/_posts/**"], "exclude": ["**/drafts/**"] }'),
    exclude: stringList(value as Record<string, unknown>, 'exclude', 'globs', fail, 'Example: { "include": ["source/_posts/**"], "exclude": ["**/drafts/**"] }'),
    pushes: pushList((value as Record<string, unknown>)['pushes'], fail),
    ...coverSetting((value as Record<string, unknown>)['defaultCover'], 'defaultCover', folder, fail),
    ...previewToSetting((value as Record<string, unknown>)['previewTo'], 'previewTo', fail),
  }
  const accounts = (value as Record<string, unknown>)['accounts']
  if (accounts === undefined) return { file: where, accounts: new Map(), ...lists }
  if (!isObject(accounts)) fail('"accounts" must be an object of named accounts.')
  const parsed = new Map<string, AccountConfig>()
  for (const [name, raw] of Object.entries(accounts as Record<string, unknown>)) {
    const at = `accounts.${name}`
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) fail(`the account name ${JSON.stringify(name)} may only hold letters, digits, - and _.`)
    if (!isObject(raw)) fail(`${at} must be an object.`)
    const account = raw as Record<string, unknown>
    for (const key of Object.keys(account)) {
      if (KNOWN_KEYS.has(key)) continue
      const secretLike = /secret|token|key|password/i.test(key)
      fail(
        `${at}.${key} is not a setting.`,
        secretLike ? 'Secrets never go in this file: name the environment variable that holds them ("secretEnv": "BLOG_SECRET").' : `The settings are ${[...KNOWN_KEYS].join(', ')}.`,
      )
    }
    const appId = account['appId']
    if (typeof appId !== 'string' || !/^wx[0-9A-Za-z]{6,32}$/.test(appId)) fail(`${at}.appId must be the account's appid ("wx" and its letters and digits).`)
    const config: AccountConfig = { appId: appId as string }
    for (const key of ['secretEnv', 'relayKeyEnv'] as const) {
      const variable = account[key]
      if (variable === undefined) continue
      if (typeof variable !== 'string' || !ENV_NAME.test(variable)) fail(`${at}.${key} must name an environment variable (like BLOG_SECRET), not hold a value.`)
      config[key] = variable as string
    }
    const relay = account['relay']
    if (relay !== undefined) {
      if (typeof relay !== 'string' || !/^https?:\/\/\S+$/.test(relay)) fail(`${at}.relay must be the relay's http(s) URL.`)
      config.relay = relay as string
    }
    Object.assign(config, coverSetting(account['defaultCover'], `${at}.defaultCover`, folder, fail))
    Object.assign(config, previewToSetting(account['previewTo'], `${at}.previewTo`, fail))
    parsed.set(name, config)
  }
  return { file: where, accounts: parsed, ...lists }
}

/**
 * `defaultCover`: a picture's path relative to the folder the config is in, resolved and checked
 * here, so a typo stops the run before anything is rendered, naming the file and the key.
 */
function coverSetting(value: unknown, key: string, folder: string, fail: (message: string, hint?: string) => never): { defaultCover?: string } {
  if (value === undefined) return {}
  const hint = 'Example: { "defaultCover": "images/cover.png" } (relative to the folder of the config); without it, articles without a picture get a cover generated from their title.'
  if (typeof value !== 'string' || value.trim() === '') fail(`"${key}" must be the path of a picture.`, hint)
  const file = path.resolve(folder, value as string)
  let isFile = false
  try {
    isFile = statSync(file).isFile()
  } catch {
    fail(`"${key}" names ${value as string}, which does not exist (looked for ${file}).`, hint)
  }
  if (!isFile) fail(`"${key}" names ${value as string}, which is not a file.`, hint)
  return { defaultCover: file }
}

/** `pushes`: `{ "名字": ["a.md", "b.md"] }`, each push's articles in order, the first the headline. */
function pushList(value: unknown, fail: (message: string, hint?: string) => never): Array<{ name: string; paths: string[] }> {
  if (value === undefined) return []
  const hint = 'Example: { "pushes": { "2026-12-08": ["posts/headline.md", "posts/second.md"] } }'
  if (!isObject(value)) fail('"pushes" must name each push with the list of its articles.', hint)
  return Object.entries(value as Record<string, unknown>).map(([name, paths]) => {
    if (name.trim() === '' || !Array.isArray(paths) || paths.length === 0 || !paths.every((item) => typeof item === 'string' && item !== '')) {
      fail(`"pushes.${name}" must be a list of the push's article paths, the headline first.`, hint)
    }
    return { name, paths: paths as string[] }
  })
}

/** A top-level key holding a list of non-empty strings; absent is the empty list. */
function stringList(config: Record<string, unknown>, key: string, what: string, fail: (message: string, hint?: string) => never, hint: string): string[] {
  const value = config[key] ?? []
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '')) fail(`"${key}" must be a list of ${what}.`, hint)
  return value as string[]
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The AppSecret an account takes from the variable it names (`secretEnv`), or a usage error naming that variable. */
export function accountSecret(name: string, secretEnv: string, file: string, env: Environment): string {
  const secret = nonEmpty(env[secretEnv])
  if (secret === undefined) {
    throw new UsageError(`The account "${name}" (${file}) takes its AppSecret from ${secretEnv}, which is not set: set ${secretEnv}.`, 'Put it in the environment or in .env; secrets never go in the config file.')
  }
  return secret
}

/** Which files a command takes and where their root-relative pictures live: flags, then the config. */
export interface FileOptions {
  assetRoots?: string[]
  include?: string[]
  exclude?: string[]
  /** The config's named pushes; `--together` makes the run one push instead. */
  pushes?: Array<{ name: string; paths: string[] }>
  together?: boolean
  /** `--split`: every article too long for one Weixin article as a push of parts. */
  split?: boolean
  /** The config's `defaultCover` (absolute); a named account's own replaces it in `publish`. */
  defaultCover?: string
}

/**
 * The `--asset-root`, `--include` and `--exclude` flags of a command, each followed by the
 * config's `assetRoots`, `include` and `exclude` (all relative to the working folder); a key is
 * left out when neither gives it (the site's own static folders are still found from its
 * generator's config).
 */
export async function fileOptions(
  flags: { 'asset-root'?: string[] | undefined; include?: string[] | undefined; exclude?: string[] | undefined; together?: boolean | undefined; split?: boolean | undefined },
  cwd: string,
): Promise<FileOptions> {
  const config = await loadAccountsConfig(cwd)
  const options: FileOptions = {}
  const merged = (given: string[] | undefined, configured: readonly string[] | undefined) => [...(given ?? []), ...(configured ?? [])]
  const assetRoots = merged(flags['asset-root'], config?.assetRoots)
  const include = merged(flags.include, config?.include)
  const exclude = merged(flags.exclude, config?.exclude)
  if (assetRoots.length > 0) options.assetRoots = assetRoots
  if (include.length > 0) options.include = include
  if (exclude.length > 0) options.exclude = exclude
  if (flags.split === true) options.split = true
  if (config?.defaultCover !== undefined) options.defaultCover = config.defaultCover
  if (flags.together === true) options.together = true
  else if ((config?.pushes.length ?? 0) > 0) options.pushes = config!.pushes.map((push) => ({ name: push.name, paths: [...push.paths] }))
  return options
}
