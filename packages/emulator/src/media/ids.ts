import { randomBytes } from 'node:crypto'

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Random letters and digits, like the ids Weixin hands out. */
export function randomId(length: number): string {
  const bytes = randomBytes(length)
  let id = ''
  for (const byte of bytes) id += alphabet[byte % alphabet.length]
  return id
}

/** A permanent media_id / draft media_id: 43 characters, as on Weixin. */
export function newMediaId(): string {
  return randomId(43)
}

/** The path segment of an image URL: real ones are about 80-90 characters. */
export function newImageKey(): string {
  return randomId(86)
}
