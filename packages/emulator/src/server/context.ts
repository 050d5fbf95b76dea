import type { FaultPlan } from '../faults/fault-plan.js'
import type { EmulatorStore } from '../state/emulator-store.js'
import type { TokenRegistry } from '../tokens/token-registry.js'

export interface PreviewSettings {
  readonly quota: number
  readonly unknownWxnames: ReadonlySet<string>
  readonly followerOpenids: ReadonlySet<string>
}

/** Everything a handler or page may use: the account's settings and memory. */
export interface EmulatorContext {
  /** The emulator's own URL, `http://127.0.0.1:<port>`. */
  readonly url: string
  readonly appId: string
  readonly appSecret: string
  readonly newsApi: 'retired' | 'available'
  /** Base of issued image URLs (no trailing slash). */
  readonly imageBaseUrl: string
  readonly publishDelayMs: number
  /** Who message/mass/preview can reach, and how many a day. */
  readonly previews: PreviewSettings
  readonly now: () => number
  readonly store: EmulatorStore
  readonly tokens: TokenRegistry
  readonly faults: FaultPlan
}
