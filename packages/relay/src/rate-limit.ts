/**
 * Per client address: a token bucket for requests (a burst of `perMinute`, refilled evenly), and
 * one for failed key checks (`failedAuthPerMinute`). An address whose failed checks ran out gets
 * 429 for everything until they refill, so a key cannot be guessed at speed.
 */
export interface RateLimits {
  requestsPerMinute: number
  failedAuthPerMinute: number
}

interface Buckets {
  requests: number
  failures: number
  at: number
}

/** Addresses remembered at most; the longest-idle go first (a flood of addresses costs memory, not the relay). */
const MAX_ADDRESSES = 10_000

export class AddressLimiter {
  readonly #limits: RateLimits
  readonly #now: () => number
  readonly #addresses = new Map<string, Buckets>()

  constructor(limits: RateLimits, now: () => number = Date.now) {
    this.#limits = limits
    this.#now = now
  }

  /** Takes one request from `address`; undefined when allowed, else the seconds to wait. */
  admit(address: string): number | undefined {
    const buckets = this.#refilled(address)
    if (buckets.failures < 1) return this.#waitFor(1 - buckets.failures, this.#limits.failedAuthPerMinute)
    if (buckets.requests < 1) return this.#waitFor(1 - buckets.requests, this.#limits.requestsPerMinute)
    buckets.requests -= 1
    return undefined
  }

  /** A wrong or missing key from `address`. */
  failed(address: string): void {
    this.#refilled(address).failures -= 1
  }

  #refilled(address: string): Buckets {
    const now = this.#now()
    let buckets = this.#addresses.get(address)
    if (buckets === undefined) {
      buckets = { requests: this.#limits.requestsPerMinute, failures: this.#limits.failedAuthPerMinute, at: now }
      if (this.#addresses.size >= MAX_ADDRESSES) this.#addresses.delete(this.#addresses.keys().next().value!)
    } else {
      const minutes = Math.max(0, now - buckets.at) / 60_000
      buckets.requests = Math.min(this.#limits.requestsPerMinute, buckets.requests + minutes * this.#limits.requestsPerMinute)
      buckets.failures = Math.min(this.#limits.failedAuthPerMinute, buckets.failures + minutes * this.#limits.failedAuthPerMinute)
      buckets.at = now
      this.#addresses.delete(address)
    }
    // Re-inserted: the Map's order is then least recently seen first.
    this.#addresses.set(address, buckets)
    return buckets
  }

  #waitFor(missing: number, perMinute: number): number {
    return Math.max(1, Math.ceil((missing * 60) / perMinute))
  }
}
