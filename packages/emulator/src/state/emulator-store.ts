import type {
  ArticleGroupRecord,
  CallRecord,
  EmulatorState,
  ImageRecord,
  MaterialRecord,
  PreviewRecord,
  PublishRecord,
  TokenRecord,
} from '../types.js'
import { normalizeApiPath } from '../faults/fault-plan.js'

/** Bytes the emulator serves at an image URL. */
export interface ServedImage {
  bytes: Buffer
  contentType: string
}

interface PendingPublish {
  completesAt: number
  status: number
  articleId: string
  articleUrls: string[]
  failIdx: number[]
}

/** The emulator's memory. Tests read it through the `EmulatorState` interface. */
export class EmulatorStore implements EmulatorState {
  readonly calls: CallRecord[] = []
  readonly images: ImageRecord[] = []
  readonly materials = new Map<string, MaterialRecord>()
  readonly drafts = new Map<string, ArticleGroupRecord>()
  readonly news = new Map<string, ArticleGroupRecord>()
  readonly tokensIssued: TokenRecord[] = []
  tokenRotations = 0
  readonly previews: PreviewRecord[] = []
  /** Image key → bytes, for GET /mmbiz_.../<key>/0 and for checking `<img src>` in content. */
  readonly servedImages = new Map<string, ServedImage>()
  private readonly publishRecords = new Map<number, PublishRecord>()
  private readonly pending = new Map<number, PendingPublish>()
  private changes = 0

  constructor(private readonly now: () => number) {}

  /** Publishing finishes by the clock: reading the records brings them up to date. */
  get publishes(): ReadonlyMap<number, PublishRecord> {
    this.settlePublishes()
    return this.publishRecords
  }

  /**
   * The next change number. The clock alone cannot order what the account holds: two drafts made
   * in the same millisecond would tie, and "newest first" would depend on how a sort breaks ties.
   */
  nextSequence(): number {
    this.changes += 1
    return this.changes
  }

  count(path: string, errcode?: number): number {
    const wanted = `/cgi-bin/${normalizeApiPath(path)}`
    return this.calls.filter((call) => call.path === wanted && (errcode === undefined || call.errcode === errcode)).length
  }

  addPublish(record: PublishRecord, outcome: PendingPublish): void {
    this.publishRecords.set(record.publishId, record)
    this.pending.set(record.publishId, outcome)
  }

  private settlePublishes(): void {
    const now = this.now()
    for (const [publishId, outcome] of this.pending) {
      if (now < outcome.completesAt) continue
      const record = this.publishRecords.get(publishId)
      this.pending.delete(publishId)
      if (record === undefined) continue
      record.status = outcome.status
      record.failIdx = outcome.failIdx
      if (outcome.status === 0) {
        record.articleId = outcome.articleId
        record.articleUrls = outcome.articleUrls
      }
    }
  }
}
