import {
  WeixinCredentialsError,
  environmentWithDotEnv,
  relayAccountId,
  weixinCredentialsFrom,
  type WeixinClientOptions,
  type WeixinEnvironmentCredentials,
} from '@mdwx/weixin'

/** The client options of a run, and the account its lock file records under (when known). */
export interface ResolvedWeixin {
  weixin: WeixinClientOptions | undefined
  appId: string | undefined
}

/**
 * `weixin: 'env'`: the credentials the environment (and `.env` in `cwd`) gives, read by the same
 * code as the `mdwx` CLI, so a script and the CLI publish to the same account and share the lock
 * file. A dry run sends nothing: credentials are optional then, and WEIXIN_APPID alone picks the
 * lock file's account. Through a relay without WEIXIN_APPID, the relay names its account.
 */
export async function resolveWeixinOption(weixin: WeixinClientOptions | 'env' | undefined, cwd: string, dryRun: boolean): Promise<ResolvedWeixin> {
  if (weixin !== 'env') return { weixin, appId: weixin?.appId }
  const env = await environmentWithDotEnv(process.env, cwd)
  let credentials: WeixinEnvironmentCredentials | undefined
  try {
    credentials = weixinCredentialsFrom(env)
  } catch (error) {
    if (!(dryRun && error instanceof WeixinCredentialsError)) throw error
  }
  if (credentials === undefined) {
    const appId = env['WEIXIN_APPID']?.trim()
    return { weixin: undefined, appId: appId ? appId : undefined }
  }
  if ('relay' in credentials && credentials.appId === undefined && !dryRun) {
    return { weixin: credentials, appId: await relayAccountId(credentials.relay) }
  }
  return { weixin: credentials, appId: credentials.appId }
}
