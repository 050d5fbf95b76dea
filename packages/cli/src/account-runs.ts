import path from 'node:path'
import type { PreviewRecipient } from '@mdwx/weixin'
import { discoverMarkdown, readArticleAccounts } from '@mdwx/publish'
import { accountSecret, loadAccountsConfig, type AccountConfig, type AccountsConfig } from './accounts-config.js'
import { credentialsFrom, optionalCredentials, type Credentials, type Environment } from './credentials.js'
import { UsageError } from './usage-error.js'
import { nonEmpty } from './values.js'

/** The articles of one account in this run, and how to reach it. */
export interface AccountRun {
  /** The account's name in mdwx.config.json; undefined for the environment's account (WEIXIN_APPID...). */
  name: string | undefined
  /** Undefined only for a dry run, which sends nothing. */
  credentials: Credentials | undefined
  /** The lock file's section: the config's appId, or the environment's. */
  appId: string | undefined
  /** Absolute paths of its articles. */
  files: ReadonlySet<string>
  /** The named account's own `defaultCover` (absolute), which wins over the config's. */
  defaultCover?: string
  /** The named account's own `previewTo`, which wins over the config's (a flag wins over both). */
  previewTo?: PreviewRecipient
}

/**
 * Which articles go to which account: front matter `account:` first, then `--account`, then the
 * environment's credentials. Undefined when nothing names an account (the run is the one-account
 * run it always was). Every account is resolved before anything is sent: an unset secret
 * variable stops the run here, naming the variable.
 */
export async function planAccountRuns(paths: readonly string[], options: { cwd: string; env: Environment; account: string | undefined; dryRun: boolean }): Promise<AccountRun[] | undefined> {
  const config = await loadAccountsConfig(options.cwd)
  const files = await discoverMarkdown(paths, { cwd: options.cwd })
  const named = await readArticleAccounts(files, options.cwd)
  if (options.account === undefined && [...named.values()].every((name) => name === undefined)) return undefined
  const groups = new Map<string | undefined, Set<string>>()
  for (const file of files) {
    const name = named.get(file.path) ?? options.account
    if (name !== undefined) accountOf(config, name, file.path, options.cwd)
    const group = groups.get(name) ?? new Set<string>()
    group.add(file.path)
    groups.set(name, group)
  }
  return [...groups].map(([name, group]) => {
    if (name === undefined) {
      const credentials = options.dryRun ? optionalCredentials(options.env) : credentialsFrom(options.env)
      return { name, credentials, appId: credentials?.appId ?? nonEmpty(options.env['WEIXIN_APPID']), files: group }
    }
    const account = accountOf(config, name)
    const credentials = options.dryRun ? undefined : accountCredentials(name, account, config!.file, options.env)
    return { name, credentials, appId: account.appId, files: group, ...(account.defaultCover === undefined ? {} : { defaultCover: account.defaultCover }), ...(account.previewTo === undefined ? {} : { previewTo: account.previewTo }) }
  })
}

function accountOf(config: AccountsConfig | undefined, name: string, file?: string, cwd?: string): AccountConfig {
  const account = config?.accounts.get(name)
  if (account !== undefined) return account
  const where = file === undefined || cwd === undefined ? '' : `${path.relative(cwd, file)}: `
  if (config === undefined || config.accounts.size === 0) {
    throw new UsageError(`${where}the account "${name}" is named, but there is no mdwx.config.json (or "mdwx" in package.json) with accounts.`, 'Example: { "accounts": { "blog": { "appId": "wx…", "secretEnv": "BLOG_SECRET" } } }')
  }
  throw new UsageError(`${where}the account "${name}" is not in ${config.file}.`, `It names ${[...config.accounts.keys()].join(', ')}.`)
}

/** The account's credentials from the variables it names: the relay (its own, else MDWX_RELAY), else its secret variable. */
function accountCredentials(name: string, account: AccountConfig, file: string, env: Environment): Credentials {
  const relay = account.relay ?? nonEmpty(env['MDWX_RELAY'])
  if (relay !== undefined) {
    const keyVariable = account.relayKeyEnv ?? 'MDWX_RELAY_KEY'
    const key = nonEmpty(env[keyVariable])
    if (key === undefined) throw new UsageError(`The account "${name}" (${file}) goes through the relay ${relay}, and its key variable ${keyVariable} is not set: set ${keyVariable}.`, 'It holds one of the keys the relay was started with (MDWX_RELAY_KEYS).')
    return { appId: account.appId, relay: { url: relay, key } }
  }
  if (account.secretEnv === undefined) {
    throw new UsageError(`The account "${name}" (${file}) has neither "secretEnv" nor "relay".`, 'Add "secretEnv": "<the variable that holds its AppSecret>", or "relay": "<a relay\'s URL>".')
  }
  const secret = accountSecret(name, account.secretEnv, file, env)
  const baseUrl = nonEmpty(env['WEIXIN_API_BASE'])
  return baseUrl === undefined ? { appId: account.appId, appSecret: secret } : { appId: account.appId, appSecret: secret, baseUrl }
}
