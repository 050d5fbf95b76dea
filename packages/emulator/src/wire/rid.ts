import { randomBytes } from 'node:crypto'

/** A request id like the real backend's: three groups of eight hex digits. */
export function newRid(): string {
  const hex = randomBytes(12).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`
}

/** The errmsg as the real backend sends it: the message, then the rid Weixin support asks for. */
export function withRid(errmsg: string): string {
  return `${errmsg} rid: ${newRid()}`
}
