import { MdwxError } from '@mdwx/errors'
import { Agent, type Dispatcher } from 'undici'
import { RELAY_ACCOUNTS_PATH, RELAY_AUTH_HEADER, RELAY_NOTE_FIELD, type RelayNote } from './relay-wire.js'
import { WeixinCredentialsError } from './credentials-error.js'
import type { RelayOptions } from './options.js'

/**
 * The appids a relay serves (GET /mdwx/accounts, with the key): what the lock file records
 * under when the machine running mdwx knows no appid of its own.
 */
export async function relayAccounts(relay: RelayOptions, options: { dispatcher?: Dispatcher; timeoutMs?: number } = {}): Promise<string[]> {
  const base = new URL(relay.url)
  const own = options.dispatcher === undefined ? new Agent({ connect: { timeout: options.timeoutMs ?? 30_000 } }) : undefined
  const dispatcher = options.dispatcher ?? own!
  try {
    const response = await dispatcher.request({
      origin: base.origin,
      path: `${base.pathname.replace(/\/+$/, '')}${RELAY_ACCOUNTS_PATH}`,
      method: 'GET',
      headers: { [RELAY_AUTH_HEADER]: `Bearer ${relay.key}`, 'user-agent': 'mdwx' },
      headersTimeout: options.timeoutMs ?? 30_000,
      bodyTimeout: options.timeoutMs ?? 30_000,
    })
    const text = await response.body.text()
    let answer: { appIds?: unknown; [RELAY_NOTE_FIELD]?: RelayNote } = {}
    try {
      answer = JSON.parse(text) as typeof answer
    } catch {
      // not JSON: said below
    }
    const note = answer[RELAY_NOTE_FIELD]
    if (response.statusCode !== 200 || !Array.isArray(answer.appIds)) {
      throw new MdwxError('MDWX_RELAY', `The relay at ${base.origin} answered HTTP ${response.statusCode} to ${RELAY_ACCOUNTS_PATH}${note?.error ? `: ${note.error}` : ''}`, {
        hint: note?.hint ?? 'Check MDWX_RELAY (the relay\'s URL) and MDWX_RELAY_KEY (one of the keys the relay was started with).',
      })
    }
    return answer.appIds.filter((id): id is string => typeof id === 'string')
  } catch (error) {
    if (error instanceof MdwxError) throw error
    const code = (error as { code?: unknown }).code
    throw new MdwxError('MDWX_RELAY', `The relay at ${base.origin} could not be reached${typeof code === 'string' ? ` (${code})` : ''}`, {
      hint: 'Check MDWX_RELAY and that `mdwx relay` is running there.',
    })
  } finally {
    await own?.close()
  }
}

/**
 * The one account a relay serves, for a run that names none (no WEIXIN_APPID): the lock file's
 * entries are kept under it. A relay serving several (or none) is a `WeixinCredentialsError`
 * asking for WEIXIN_APPID; the CLI and `publish({ weixin: 'env' })` both ask through this.
 */
export async function relayAccountId(relay: RelayOptions): Promise<string> {
  const appIds = await relayAccounts(relay)
  if (appIds.length === 1) return appIds[0]!
  throw new WeixinCredentialsError(`The relay at ${relay.url} serves ${appIds.length} accounts: set WEIXIN_APPID to the one to publish to.`, {
    missing: ['WEIXIN_APPID'],
    hint: appIds.length === 0 ? undefined : `It serves ${appIds.join(', ')}.`,
  })
}
