import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Environment } from './credentials.js'
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
}

export interface AccountsConfig {
  /** Where the accounts were read from, for messages. */
  file: string
  accounts: ReadonlyMap<string, AccountConfig>
  /** `assetRoots`: folders where root-relative pictures live, as written (relative to the project folder). */
  assetRoots: readonly string[]
}

export const CONFIG_FILE = 'mdwx.config.json'

/**
 * The named accounts of the project in `cwd`: `mdwx.config.json`, else the `mdwx` key of
 * package.json, else none. Anything malformed is a usage error naming the file and the key.
 */
export async function loadAccountsConfig(cwd: string): Promise<AccountsConfig | undefined> {
  const own = await readJson(path.join(cwd, CONFIG_FILE))
  if (own !== undefined) return parseConfig(own.value, CONFIG_FILE)
  const pkg = await readJson(path.join(cwd, 'package.json'))
  const section = isObject(pkg?.value) ? pkg.value['mdwx'] : undefined
  return section === undefined ? undefined : parseConfig(section, 'package.json "mdwx"')
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
const KNOWN_KEYS = new Set(['appId', 'secretEnv', 'relay', 'relayKeyEnv'])

function parseConfig(value: unknown, where: string): AccountsConfig {
  const fail = (message: string, hint?: string): never => {
    throw new UsageError(`${where}: ${message}`, hint ?? 'Example: { "accounts": { "blog": { "appId": "wx…", "secretEnv": "BLOG_SECRET" } } }')
  }
  if (!isObject(value)) fail('expected an object with "accounts" or "assetRoots".')
  const assetRoots = (value as Record<string, unknown>)['assetRoots'] ?? []
  if (!Array.isArray(assetRoots) || !assetRoots.every((folder) => typeof folder === 'string' && folder !== '')) {
    fail('"assetRoots" must be a list of folders.', 'Example: { "assetRoots": ["source", "static"] } (where pictures written as /images/x.png live)')
  }
  const accounts = (value as Record<string, unknown>)['accounts']
  if (accounts === undefined) return { file: where, accounts: new Map(), assetRoots: assetRoots as string[] }
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
    parsed.set(name, config)
  }
  return { file: where, accounts: parsed, assetRoots: assetRoots as string[] }
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

/**
 * Where root-relative pictures live for a command: the `--asset-root` folders in the order given,
 * then the config's `assetRoots` (both relative to the working folder); undefined when neither
 * says (the site's own static folders are still found from its generator's config).
 */
export async function assetRootsOption(flags: readonly string[] | undefined, cwd: string): Promise<string[] | undefined> {
  const configured = (await loadAccountsConfig(cwd))?.assetRoots ?? []
  const roots = [...(flags ?? []), ...configured]
  return roots.length === 0 ? undefined : roots
}
