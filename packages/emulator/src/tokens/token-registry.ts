import { randomId } from '../media/ids.js'
import { WeixinFault } from '../wire/weixin-fault.js'

/** After /cgi-bin/token issues a new token, the previous one keeps working this long. */
export const classicGraceMs = 5 * 60_000
/** stable_token (normal mode) hands out a new token when the current one has less than this left. */
const stableRenewalMs = 5 * 60_000
const forceRefreshesPerDay = 20
const classicTokensPerDay = 2000
const forceRefreshSpacingMs = 30_000
const dayMs = 86_400_000
/** Weixin's day starts at midnight in China (UTC+8). */
const chinaOffsetMs = 8 * 3_600_000

type Family = 'classic' | 'stable'

interface IssuedToken {
  family: Family
  expiresAt: number
  /** When a newer classic token replaced it (it dies `classicGraceMs` later). */
  supersededAt: number | undefined
  /** Revoked by a stable_token force_refresh: dead at once. */
  revoked: boolean
  /** Killed by the expireTokenAfter fault: answers 42001. */
  killed: boolean
  /** Business calls it has served, for the expireTokenAfter fault. */
  uses: number
}

export interface TokenGrant {
  token: string
  expiresIn: number
  /** False when stable_token returned the token it had already handed out. */
  issued: boolean
  forced: boolean
}

/**
 * The access tokens of one account. The classic `/cgi-bin/token` and `stable_token` are two
 * families that never affect each other (as documented by Weixin).
 */
export class TokenRegistry {
  private readonly tokens = new Map<string, IssuedToken>()
  private currentClassic: string | undefined
  private currentStable: string | undefined
  private readonly forcedAt: number[] = []
  private classicToday = { day: -1, count: 0 }

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** `/cgi-bin/token`: always a new token; the previous one dies after the grace period. 2,000 a day, then 45009. */
  issueClassic(): TokenGrant {
    const now = this.now()
    const today = chinaDay(now)
    if (this.classicToday.day !== today) this.classicToday = { day: today, count: 0 }
    if (this.classicToday.count >= classicTokensPerDay) throw new WeixinFault(45009)
    this.classicToday.count++
    const previous = this.currentClassic === undefined ? undefined : this.tokens.get(this.currentClassic)
    if (previous && previous.supersededAt === undefined) previous.supersededAt = now
    this.currentClassic = this.mint('classic', now)
    return { token: this.currentClassic, expiresIn: Math.round(this.ttlMs / 1000), issued: true, forced: false }
  }

  /**
   * `stable_token`: the same token while it is valid, with its remaining lifetime. A new one
   * comes when it is missing, dead, or within 5 minutes of expiry (the old one then lives out
   * its remaining minutes). `force_refresh` revokes the current token at once, at most 20 times
   * a day (then 45009); a force within 30 s of the previous one does not refresh, as documented.
   */
  stable(forceRefresh: boolean): TokenGrant {
    const now = this.now()
    const current = this.currentStable === undefined ? undefined : this.tokens.get(this.currentStable)
    const alive = current !== undefined && !current.killed && !current.revoked && now < current.expiresAt
    if (forceRefresh) {
      const last = this.forcedAt.at(-1)
      const tooSoon = alive && last !== undefined && now - last < forceRefreshSpacingMs
      if (!tooSoon) {
        const today = chinaDay(now)
        const usedToday = this.forcedAt.filter((at) => chinaDay(at) === today).length
        if (usedToday >= forceRefreshesPerDay) throw new WeixinFault(45009)
        this.forcedAt.push(now)
        if (current) current.revoked = true
        this.currentStable = this.mint('stable', now)
        return { token: this.currentStable, expiresIn: Math.round(this.ttlMs / 1000), issued: true, forced: true }
      }
    }
    if (alive && this.currentStable !== undefined && current.expiresAt - now > Math.min(stableRenewalMs, this.ttlMs / 2)) {
      return { token: this.currentStable, expiresIn: Math.floor((current.expiresAt - now) / 1000), issued: false, forced: false }
    }
    this.currentStable = this.mint('stable', now)
    return { token: this.currentStable, expiresIn: Math.round(this.ttlMs / 1000), issued: true, forced: false }
  }

  /**
   * Checks the token of a business call and counts the use: 41001 missing, 40014 malformed,
   * 40001 unknown or replaced, 42001 expired (or killed by the expireTokenAfter fault).
   */
  authorize(value: string | null, useLimit: number | undefined): void {
    if (value === null || value === '') throw new WeixinFault(41001)
    if (!/^\d{2}_[A-Za-z0-9_-]{20,512}$/.test(value)) throw new WeixinFault(40014)
    const token = this.tokens.get(value)
    if (token === undefined || token.revoked) throw new WeixinFault(40001)
    const now = this.now()
    if (token.supersededAt !== undefined && now >= Math.min(token.expiresAt, token.supersededAt + classicGraceMs)) {
      throw new WeixinFault(now >= token.expiresAt ? 42001 : 40001)
    }
    if (token.killed || now >= token.expiresAt) throw new WeixinFault(42001)
    if (useLimit !== undefined && token.uses >= useLimit) {
      token.killed = true
      throw new WeixinFault(42001)
    }
    token.uses++
  }

  /**
   * Another program took a new token (the rotateTokenEvery fault): `value` dies at once and a new
   * token of its family is current. The new token is handed to nobody here: stable_token returns
   * it to the next caller; /cgi-bin/token always mints yet another.
   */
  rotate(value: string): void {
    const token = this.tokens.get(value)
    if (token === undefined) return
    token.revoked = true
    const fresh = this.mint(token.family, this.now())
    if (token.family === 'classic') this.currentClassic = fresh
    else this.currentStable = fresh
  }

  private mint(family: Family, now: number): string {
    const prefix = family === 'classic' ? '88' : '89'
    const value = `${prefix}_${randomId(60)}-${randomId(40)}_${randomId(48)}`
    this.tokens.set(value, { family, expiresAt: now + this.ttlMs, supersededAt: undefined, revoked: false, killed: false, uses: 0 })
    return value
  }
}

/** Quotas reset at midnight in China (UTC+8). */
function chinaDay(milliseconds: number): number {
  return Math.floor((milliseconds + chinaOffsetMs) / dayMs)
}
