import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseEnv } from 'node:util'
import { UsageError } from './usage-error.js'
import { definedOnly, nonEmpty } from './values.js'

export type Credentials =
  | { appId: string; appSecret: string; baseUrl?: string }
  | { appId?: string; accessToken: string; baseUrl?: string }
  | { appId?: string; relay: { url: string; key: string }; baseUrl?: undefined }

export type Environment = Readonly<Record<string, string | undefined>>

/**
 * The process environment with `.env` of the working folder underneath it: a variable already
 * set wins over the file, as with every other tool that reads `.env`.
 */
export async function environmentWithDotEnv(env: Environment, cwd: string): Promise<Environment> {
  let text: string
  try {
    text = await readFile(path.join(cwd, '.env'), 'utf8')
  } catch {
    return env
  }
  return { ...parseEnv(text), ...definedOnly<Record<string, string>>(env) }
}

/**
 * Credentials come from the environment only: flags would land in shell history. Missing ones are
 * a usage error (exit 2) that names the variables, never their values.
 */
export function credentialsFrom(env: Environment): Credentials {
  const relay = relayFrom(env)
  if (relay !== undefined) return relay
  const appId = nonEmpty(env['WEIXIN_APPID'])
  const appSecret = nonEmpty(env['WEIXIN_APPSECRET'])
  const accessToken = nonEmpty(env['WEIXIN_ACCESS_TOKEN'])
  const baseUrl = nonEmpty(env['WEIXIN_API_BASE'])
  const withBase = <T extends object>(value: T) => (baseUrl === undefined ? value : { ...value, baseUrl })
  if (accessToken !== undefined) return withBase(appId === undefined ? { accessToken } : { appId, accessToken })
  if (appId !== undefined && appSecret !== undefined) return withBase({ appId, appSecret })
  const missing = [appId === undefined && 'WEIXIN_APPID', appSecret === undefined && 'WEIXIN_APPSECRET'].filter(Boolean).join(' and ')
  throw new UsageError(
    `Missing credentials: set ${missing} (or WEIXIN_ACCESS_TOKEN).`,
    'Put them in the environment or in a .env file in this folder; they are never accepted as flags. ' +
      'Find them at 公众平台 → 设置与开发 → 基本配置. To try mdwx without an account, run "mdwx demo".',
  )
}

/**
 * MDWX_RELAY and MDWX_RELAY_KEY: every Weixin call goes through `mdwx relay` on a whitelisted
 * host, which holds the secret; this machine needs neither the secret nor a whitelisted IP.
 * WEIXIN_APPID, if set, names the account at the relay.
 */
function relayFrom(env: Environment): Credentials | undefined {
  const url = nonEmpty(env['MDWX_RELAY'])
  const key = nonEmpty(env['MDWX_RELAY_KEY'])
  if (url === undefined && key === undefined) return undefined
  if (url === undefined) throw new UsageError('MDWX_RELAY_KEY is set but MDWX_RELAY is not: set MDWX_RELAY to the relay\'s URL.', 'For example MDWX_RELAY=https://relay.example.org (what "mdwx relay" prints when it starts).')
  if (key === undefined) throw new UsageError('MDWX_RELAY is set but MDWX_RELAY_KEY is not: set it to one of the relay\'s keys.', 'The relay was started with MDWX_RELAY_KEYS (or a keys file); keys are never accepted as flags.')
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new UsageError(`Expected an http(s) URL for MDWX_RELAY, got ${JSON.stringify(url)}.`)
  const appId = nonEmpty(env['WEIXIN_APPID'])
  return appId === undefined ? { relay: { url, key } } : { appId, relay: { url, key } }
}

/** The credentials the environment gives, or undefined where it gives none: for a dry run, which sends nothing. */
export function optionalCredentials(env: Environment): Credentials | undefined {
  try {
    return credentialsFrom(env)
  } catch {
    return undefined
  }
}
