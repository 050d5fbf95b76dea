import { Agent, type Dispatcher } from 'undici'
import { CredentialAccessToken } from './access-tokens.js'
import type { WeixinApiError } from './errors.js'
import { resolveOptions, type WeixinClientOptions } from './options.js'
import { Redactor } from './redact.js'
import { withRetries, type RequestInfo } from './retrying.js'
import { HttpTransport } from './transport.js'

/** The client's options that concern tokens; appId and appSecret are required here. */
export type AccessTokenSourceOptions = Pick<WeixinClientOptions, 'baseUrl' | 'tokenEndpoint' | 'tokenStore' | 'dispatcher' | 'retry' | 'timeoutMs' | 'onRequest'> & {
  appId: string
  appSecret: string
}

/**
 * The tokens of one account, for a program that sends Weixin calls itself (the relay): the same
 * store the client uses (cached for their real life, one fetch at a time however many wait,
 * the client's retries for the token request).
 */
export interface AccessTokenSource {
  /** A token for the next business call. Throws WeixinApiError when Weixin refuses the credentials (40125, 40164...). */
  current(): Promise<string>
  /**
   * Weixin refused `token` with `rejection` (40001, 40014, 42001): it is dropped if it is still
   * the current one, and a new one is fetched for the calls that follow.
   */
  refused(token: string, rejection: WeixinApiError): Promise<void>
  /** `text` with the secret and every token of this source masked. */
  redact(text: string): string
  close(): Promise<void>
}

export function createAccessTokenSource(options: AccessTokenSourceOptions): AccessTokenSource {
  const resolved = resolveOptions(options)
  const redactor = new Redactor()
  redactor.rememberForGood(options.appSecret)
  let agent: Agent | undefined
  const dispatcher = (): Dispatcher => resolved.dispatcher ?? (agent ??= new Agent({ connect: { timeout: resolved.timeoutMs } }))
  const transport = new HttpTransport(resolved.baseUrl, dispatcher, redactor)
  const observe = (info: RequestInfo): void => {
    try {
      resolved.onRequest?.({ ...info })
    } catch {
      // An observer must not change the outcome of the request it observes.
    }
  }
  const tokens = new CredentialAccessToken({
    appId: options.appId,
    appSecret: options.appSecret,
    endpoint: resolved.tokenEndpoint,
    store: resolved.tokenStore,
    timeoutMs: resolved.timeoutMs,
    redactor,
    request: (request) => withRetries(request.endpoint, () => transport.send(request, undefined), { policy: resolved.retry, signal: undefined, observe }),
  })
  return {
    current: () => tokens.current(),
    async refused(token, rejection) {
      try {
        await tokens.replace(token, rejection)
      } catch {
        // The next current() asks again and reports what goes wrong then, to the call that needs it.
      }
    },
    redact: (text) => redactor.redact(text),
    async close() {
      const open = agent
      agent = undefined
      await open?.close()
    },
  }
}
