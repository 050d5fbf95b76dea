/**
 * One line of the access log, written as JSON. It says who asked for what and how it went, never
 * what was sent: no bodies, no query strings, no keys, no tokens.
 */
export interface AccessLogEntry {
  time: string
  /** The client's address. */
  address: string
  method: string
  /** The Weixin endpoint (draft/add), or the relay's own path (/health), or "-" for an unknown one. */
  endpoint: string
  /** The appid the call was for, once known. */
  account?: string
  status: number
  /** From the first byte of the request to the end of the answer. */
  durationMs: number
  /** The part of it spent waiting for Weixin (token requests included). */
  weixinMs?: number
  /** Weixin's errcode, when it answered with one other than 0. */
  errcode?: number
  /** Request body bytes the relay read. */
  bytesIn?: number
  /** Why the relay answered itself: auth-missing, auth-wrong, rate-limited, unknown-endpoint, too-large, bad-body, weixin-unreachable... */
  refused?: string
}

export interface AccessLog {
  write(line: string): unknown
}

export function writeEntry(log: AccessLog | undefined, entry: AccessLogEntry): void {
  if (log === undefined) return
  try {
    log.write(`${JSON.stringify(entry)}\n`)
  } catch {
    // A broken log must not break the relay.
  }
}
