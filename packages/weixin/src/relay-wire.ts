/**
 * What an mdwx relay and its clients say to each other beyond Weixin's own answers. Shared by
 * both sides (the relay package imports it from here), so the two cannot drift apart.
 */

/** The header every request to a relay carries: `Authorization: Bearer <key>`. */
export const RELAY_AUTH_HEADER = 'authorization'

/** Names the account (its appid) a relay request is for; optional when the relay serves one. */
export const RELAY_ACCOUNT_HEADER = 'x-mdwx-account'

/** The relay's own answer to `GET /mdwx/accounts` (authenticated): the appids it serves. */
export const RELAY_ACCOUNTS_PATH = '/mdwx/accounts'

/**
 * Added to an answer the relay wrote itself. `error` (with `hint`) when it refused the request
 * (401, 404, 413, 429...); `endpoint` when Weixin's errcode came from a call the relay made on
 * its own behalf (stable_token), not from the call the client asked for.
 */
export interface RelayNote {
  error?: string
  hint?: string
  endpoint?: string
}

export const RELAY_NOTE_FIELD = 'mdwx_relay'
