import { randomBytes, randomInt } from 'node:crypto'
import { randomId } from '../media/ids.js'

/** A request id like the real backend's: three groups of eight hex digits. */
export function newRid(): string {
  const hex = randomBytes(12).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`
}

/**
 * The errmsg as the real backend sends it: the message, for endpoint errors a ` hint: [...]`
 * (e.g. `[vaCAwA040938-0]`), then the rid Weixin support asks for. Clients must match on errcode.
 */
export function withDiagnostics(errmsg: string, hint: boolean): string {
  const hintTail = hint ? ` hint: [${randomId(6)}${String(randomInt(1_000_000)).padStart(6, '0')}-0]` : ''
  return `${errmsg}${hintTail} rid: ${newRid()}`
}
