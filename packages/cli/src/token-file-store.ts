import { createHash } from 'node:crypto'
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import path from 'node:path'
import type { Environment } from './credentials.js'

export interface StoredToken {
  accessToken: string
  /** Epoch milliseconds. */
  expiresAt: number
}

/**
 * Keeps the current access token between runs, so a CI job that runs mdwx often does not spend
 * the account's 2,000 daily token calls. Lives in the user's cache folder (never the project),
 * one file per account and API base, readable by the user only (0600).
 */
export function createTokenFileStore(env: Environment, baseUrl: string) {
  const folder = path.join(env['XDG_CACHE_HOME'] || path.join(env['HOME'] || homedir(), '.cache'), 'mdwx')
  const fileFor = (appId: string) => {
    // The API base is part of the key: a token from the emulator is no token for Weixin.
    const key = createHash('sha256').update(`${appId}\n${baseUrl}`).digest('hex').slice(0, 24)
    return path.join(folder, `token-${key}.json`)
  }
  return {
    async get(appId: string): Promise<StoredToken | undefined> {
      try {
        const stored = JSON.parse(await readFile(fileFor(appId), 'utf8')) as Partial<StoredToken>
        if (typeof stored.accessToken !== 'string' || typeof stored.expiresAt !== 'number') return undefined
        return { accessToken: stored.accessToken, expiresAt: stored.expiresAt }
      } catch {
        return undefined
      }
    },
    async set(appId: string, token: StoredToken | undefined): Promise<void> {
      try {
        await mkdir(folder, { recursive: true, mode: 0o700 })
        const file = fileFor(appId)
        const temporary = `${file}.${process.pid}.tmp`
        // Created 0600 from the start: the token is never readable by others, not even briefly.
        await writeFile(temporary, JSON.stringify(token ?? {}), { mode: 0o600 })
        await chmod(temporary, 0o600)
        await rename(temporary, file)
      } catch {
        // A cache that cannot be written only costs a token call next time.
      }
    },
  }
}
