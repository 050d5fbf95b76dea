import type { AccountLock, ArticleIntent, LockFile } from './lock-file.js'

/**
 * The intents of one account in the lock file (see AccountLock.intents): `begin` is on disk
 * before it resolves, so a call announced there and then sent can always be looked for later.
 */
export function createIntentLog(lock: LockFile, account: AccountLock) {
  return {
    async begin(key: string, intent: Omit<ArticleIntent, 'at'>): Promise<ArticleIntent> {
      const recorded: ArticleIntent = { ...intent, at: new Date().toISOString() }
      ;(account.intents ??= {})[key] = recorded
      await lock.save()
      return recorded
    },

    /**
     * Records an intent without saving: it reaches the disk in the caller's next write, together
     * with what makes it due (a preview is owed in the same write that records its new draft).
     */
    note(key: string, intent: Omit<ArticleIntent, 'at'>): void {
      ;(account.intents ??= {})[key] = { ...intent, at: new Date().toISOString() }
    },

    /** Forgets the intent of `key`; the caller saves the lock with whatever replaced it. */
    end(key: string): void {
      if (account.intents === undefined) return
      delete account.intents[key]
      if (Object.keys(account.intents).length === 0) delete account.intents
    },

    get(key: string): ArticleIntent | undefined {
      return account.intents?.[key]
    },

    entries(): Array<[string, ArticleIntent]> {
      return Object.entries(account.intents ?? {})
    },
  }
}

export type IntentLog = ReturnType<typeof createIntentLog>
