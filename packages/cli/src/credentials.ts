import { WeixinCredentialsError, environmentWithDotEnv, relayAccountId, weixinCredentialsFrom, type WeixinEnvironment, type WeixinEnvironmentCredentials } from '@mdwx/weixin'
import { UsageError } from './usage-error.js'

// One reading of the environment for the CLI and the libraries (publish({ weixin: 'env' })):
// the rules live in @mdwx/weixin; the CLI only turns a missing variable into misuse (exit 2).
export type Credentials = WeixinEnvironmentCredentials
export type Environment = WeixinEnvironment
export { environmentWithDotEnv }

/**
 * Credentials come from the environment only: flags would land in shell history. Missing ones are
 * a usage error (exit 2) that names the variables, never their values.
 */
export function credentialsFrom(env: Environment): Credentials {
  try {
    return weixinCredentialsFrom(env)
  } catch (error) {
    if (!(error instanceof WeixinCredentialsError)) throw error
    const account = error.missing.includes('WEIXIN_APPID') || error.missing.includes('WEIXIN_APPSECRET')
    throw new UsageError(error.message, account ? `${error.hint} To try mdwx without an account, run "mdwx demo".` : error.hint)
  }
}

/** The credentials the environment gives, or undefined where it gives none: for a dry run, which sends nothing. */
export function optionalCredentials(env: Environment): Credentials | undefined {
  try {
    return credentialsFrom(env)
  } catch {
    return undefined
  }
}

/** The one account a relay serves (see relayAccountId); a relay of several, or none, is misuse (exit 2). */
export async function relayAccountIdOrMisuse(relay: { url: string; key: string }): Promise<string> {
  try {
    return await relayAccountId(relay)
  } catch (error) {
    if (!(error instanceof WeixinCredentialsError)) throw error
    throw new UsageError(error.message, error.hint)
  }
}
