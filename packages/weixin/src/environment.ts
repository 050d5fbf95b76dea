import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseEnv } from 'node:util'
import { WeixinCredentialsError } from './credentials-error.js'

/** Variables by name, as `process.env` holds them. */
export type WeixinEnvironment = Readonly<Record<string, string | undefined>>

/**
 * How the environment says to reach an account (DESIGN.md "Credentials and endpoints"): an appid
 * and its secret, a token owned elsewhere, or an mdwx relay that holds both. Each is a valid
 * `WeixinClientOptions`.
 */
export type WeixinEnvironmentCredentials =
  | { appId: string; appSecret: string; baseUrl?: string }
  | { appId?: string; accessToken: string; baseUrl?: string }
  | { appId?: string; relay: { url: string; key: string }; baseUrl?: undefined }

export interface WeixinFromEnvOptions {
  /** Where variables are read from. Default `process.env`. */
  env?: WeixinEnvironment | undefined
  /** The folder whose `.env` is read, when it has one. Default `process.cwd()`. */
  cwd?: string | undefined
}

/**
 * The client options the environment gives, the way the `mdwx` CLI reads them: `WEIXIN_APPID`
 * and `WEIXIN_APPSECRET` (or `WEIXIN_ACCESS_TOKEN`), `WEIXIN_API_BASE`, or `MDWX_RELAY` and
 * `MDWX_RELAY_KEY`; from the environment over a `.env` file in `cwd`. Throws
 * `WeixinCredentialsError` (`MDWX_CREDENTIALS`) naming the variables that are missing.
 */
export async function weixinFromEnv(options: WeixinFromEnvOptions = {}): Promise<WeixinEnvironmentCredentials> {
  return weixinCredentialsFrom(await environmentWithDotEnv(options.env ?? process.env, options.cwd ?? process.cwd()))
}

/**
 * The environment with `.env` of `cwd` underneath it: a variable already set wins over the file,
 * as with every other tool that reads `.env`. Without a readable `.env`, the environment as is.
 */
export async function environmentWithDotEnv(env: WeixinEnvironment, cwd: string): Promise<WeixinEnvironment> {
  let text: string
  try {
    text = await readFile(path.join(cwd, '.env'), 'utf8')
  } catch {
    return env
  }
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined))
  return { ...parseEnv(text), ...set }
}

/**
 * The credentials in an environment already read: a relay first (MDWX_RELAY), then a token
 * (WEIXIN_ACCESS_TOKEN), then the appid and secret. An empty variable counts as unset.
 */
export function weixinCredentialsFrom(env: WeixinEnvironment): WeixinEnvironmentCredentials {
  const relay = relayFrom(env)
  if (relay !== undefined) return relay
  const appId = nonEmpty(env['WEIXIN_APPID'])
  const appSecret = nonEmpty(env['WEIXIN_APPSECRET'])
  const accessToken = nonEmpty(env['WEIXIN_ACCESS_TOKEN'])
  const baseUrl = nonEmpty(env['WEIXIN_API_BASE'])
  const withBase = <T extends object>(value: T) => (baseUrl === undefined ? value : { ...value, baseUrl })
  if (accessToken !== undefined) return withBase(appId === undefined ? { accessToken } : { appId, accessToken })
  if (appId !== undefined && appSecret !== undefined) return withBase({ appId, appSecret })
  const missing = [appId === undefined ? 'WEIXIN_APPID' : undefined, appSecret === undefined ? 'WEIXIN_APPSECRET' : undefined].filter((name) => name !== undefined)
  throw new WeixinCredentialsError(`Missing credentials: set ${missing.join(' and ')} (or WEIXIN_ACCESS_TOKEN).`, {
    missing,
    hint:
      'Put them in the environment or in a .env file in this folder; they are never accepted as flags. ' +
      'Find them at 公众平台 → 设置与开发 → 基本配置.',
  })
}

/**
 * MDWX_RELAY and MDWX_RELAY_KEY: every Weixin call goes through `mdwx relay` on a whitelisted
 * host, which holds the secret; this machine needs neither the secret nor a whitelisted IP.
 * WEIXIN_APPID, if set, names the account at the relay.
 */
function relayFrom(env: WeixinEnvironment): WeixinEnvironmentCredentials | undefined {
  const url = nonEmpty(env['MDWX_RELAY'])
  const key = nonEmpty(env['MDWX_RELAY_KEY'])
  if (url === undefined && key === undefined) return undefined
  if (url === undefined) {
    throw new WeixinCredentialsError("MDWX_RELAY_KEY is set but MDWX_RELAY is not: set MDWX_RELAY to the relay's URL.", {
      missing: ['MDWX_RELAY'],
      hint: 'For example MDWX_RELAY=https://relay.example.org (what "mdwx relay" prints when it starts).',
    })
  }
  if (key === undefined) {
    throw new WeixinCredentialsError("MDWX_RELAY is set but MDWX_RELAY_KEY is not: set it to one of the relay's keys.", {
      missing: ['MDWX_RELAY_KEY'],
      hint: 'The relay was started with MDWX_RELAY_KEYS (or a keys file); keys are never accepted as flags.',
    })
  }
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new WeixinCredentialsError(`Expected an http(s) URL for MDWX_RELAY, got ${JSON.stringify(url)}.`)
  const appId = nonEmpty(env['WEIXIN_APPID'])
  return appId === undefined ? { relay: { url, key } } : { appId, relay: { url, key } }
}

/** The value without surrounding white space, or undefined when nothing is left (an empty variable is an unset one). */
function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}
