import { availableParallelism } from 'node:os'
import { fixed, grouped, table, times, verdict } from '../render/format.js'
import type { CallSummary } from './api-calls.js'
import type { EncodeFloor } from './encode-floor.js'
import type { FixturePicture } from './fixture.js'
import type { PublishRun } from './measure-publish.js'
import { pictureKinds, type PictureKind } from './pictures.js'

/** The goals of issue 5. */
export const goals = { wallVsIdeal: 1.5, republishMs: 2000 }

export const seconds = (ms: number | undefined): string => (ms === undefined ? '–' : `${fixed(ms / 1000, 2)} s`)
const megabytes = (bytes: number): string => `${fixed(bytes / 1e6, 1)} MB`

export function picturesTable(pictures: readonly FixturePicture[]): string {
  const kinds = new Map<PictureKind, number[]>()
  for (const picture of pictures) kinds.set(picture.kind, [...(kinds.get(picture.kind) ?? []), picture.bytes])
  const rows = [...kinds].map(([kind, sizes]) => [
    `${kind}: ${pictureKinds[kind].what}`,
    String(sizes.length),
    megabytes(Math.min(...sizes)),
    megabytes(Math.max(...sizes)),
  ])
  return table(['picture', 'count', 'smallest', 'largest'], rows)
}

export interface Ideal {
  uploads: number
  concurrency: number
  latencyMs: number
  encode: EncodeFloor
  ms: number
}

export function idealOf(uploads: number, concurrency: number, latencyMs: number, encode: EncodeFloor): Ideal {
  return { uploads, concurrency, latencyMs, encode, ms: (uploads / concurrency) * latencyMs + encode.ms }
}

export function firstRunTable(run: PublishRun, ideal: Ideal): string {
  const { totals } = run.report
  const cpuMs = run.cpuUserMs + run.cpuSystemMs
  const rows: Array<[string, string]> = [
    ['wall time', seconds(run.wallMs)],
    ['articles', `${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.failed} failed`],
    ['pictures uploaded (report totals)', `${grouped(totals.imagesUploaded)} (${megabytes(totals.bytesUploaded)})`],
    ['uploads the emulator received', grouped(run.calls.uploads)],
    ['API calls (report totals)', grouped(totals.apiCalls)],
    ['local encode floor', `${seconds(ideal.encode.ms)} (normalizeImage, ${ideal.encode.images} pictures, ${ideal.concurrency} at a time)`],
    ['ideal', `${grouped(ideal.uploads)} / ${ideal.concurrency} × ${ideal.latencyMs} ms + ${seconds(ideal.encode.ms)} = ${seconds(ideal.ms)}`],
    ['CPU (this process, all threads)', `user ${seconds(run.cpuUserMs)}, system ${seconds(run.cpuSystemMs)}: ${fixed(cpuMs / run.wallMs, 2)} cores busy on average`],
  ]
  return pairs('first publish', rows)
}

/** The run's timeline: what publish was doing when, from its callbacks and the emulator's log. */
/** Label and value per line, both left-aligned: the values are sentences, not columns of numbers. */
function pairs(title: string, rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([label]) => label.length))
  return [`  ${title}`, ...rows.map(([label, value]) => `    ${label.padEnd(width)}  ${value}`)].join('\n')
}

export function timelineTable(run: PublishRun, latencyMs: number, concurrency: number): string {
  const at = (clock: number | undefined) => (clock === undefined ? undefined : clock - run.startedAt)
  const { firstUploadAt, lastUploadAt, uploads, lastArticleCallAt } = run.calls
  const uploadWindow = firstUploadAt === undefined ? undefined : lastUploadAt! + latencyMs - firstUploadAt
  // Each upload holds one of the `concurrency` slots from its start until its slot is free again.
  const rate =
    uploadWindow === undefined
      ? ''
      : `${fixed(uploads / (uploadWindow / 1000), 1)} uploads/s (at most ${fixed((concurrency * 1000) / latencyMs, 0)}/s): ` +
        `a slot busy ${fixed((uploadWindow * concurrency) / uploads, 0)} ms per upload for ${latencyMs} ms of latency`
  const rows = [
    ['prepared: every article rendered, every picture and cover normalised', seconds(run.preparedMs), `CPU ${seconds(run.preparedCpuMs)}`],
    ['first upload arrives', seconds(at(firstUploadAt)), ''],
    ['last upload answered', seconds(at(lastUploadAt === undefined ? undefined : lastUploadAt + latencyMs)), rate],
    ['first article done', seconds(run.firstArticleMs), ''],
    ['last article call answered', seconds(at(lastArticleCallAt === undefined ? undefined : lastArticleCallAt + latencyMs)), ''],
    ['publish() returned', seconds(run.wallMs), `CPU ${seconds(run.cpuUserMs + run.cpuSystemMs)}`],
  ]
  return table(['timeline of the first publish (from its start)', 'at', ''], rows)
}

export function encodeLines(floor: EncodeFloor): string {
  return table(
    ['normalizeImage, same pictures, same process', 'time', 'CPU', 'pictures', 'encodes', 'passed through', 'in', 'out'],
    [
      ['distinct pictures (the floor)', seconds(floor.ms), seconds(floor.cpuMs), String(floor.images), String(floor.encodes), String(floor.passedThrough), megabytes(floor.inputBytes), megabytes(floor.outputBytes)],
    ],
  )
}

export function callsTable(first: CallSummary, again: CallSummary): string {
  const paths = [...new Set([...first.byEndpoint.keys(), ...again.byEndpoint.keys()])].sort()
  const cell = (summary: CallSummary, path: string) => {
    const entry = summary.byEndpoint.get(path)
    if (!entry) return '0'
    const errors = [...entry.errors].map(([errcode, count]) => `${count}× ${errcode}`).join(', ')
    return errors ? `${entry.calls} (${errors})` : String(entry.calls)
  }
  return table(['endpoint', 'first publish', 're-publish'], paths.map((path) => [path, cell(first, path), cell(again, path)]))
}

export function goalTable(first: PublishRun, ideal: Ideal, again: PublishRun): string {
  const ratio = first.wallMs / ideal.ms
  const againCpuMs = again.cpuUserMs + again.cpuSystemMs
  const cores = availableParallelism()
  const rows = [
    [`first publish: wall ≤ ${goals.wallVsIdeal}× ideal`, `${seconds(first.wallMs)} / ${seconds(ideal.ms)} = ${times(ratio)}`, verdict(ratio <= goals.wallVsIdeal)],
    [
      `re-publish unchanged: wall < ${goals.republishMs / 1000} s`,
      // Load-independent: even with every core free, the wall time cannot be below CPU / cores.
      `${seconds(again.wallMs)} (CPU ${seconds(againCpuMs)}: ≥ ${seconds(againCpuMs / cores)} even on ${cores} idle cores)`,
      verdict(again.wallMs < goals.republishMs),
    ],
    ['re-publish unchanged: 0 uploads', String(again.calls.uploads), verdict(again.calls.uploads === 0 && again.report.totals.imagesUploaded === 0)],
    ['re-publish unchanged: 0 article calls', String(again.calls.articleCalls), verdict(again.calls.articleCalls === 0)],
    ['re-publish: every article unchanged', `${again.report.totals.unchanged} of ${again.report.totals.articles}`, verdict(again.report.totals.unchanged === again.report.totals.articles)],
  ]
  return table(['goal (issue 5)', 'measured', ''], rows)
}
