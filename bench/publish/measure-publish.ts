import { DEMO_APP_ID, DEMO_APP_SECRET, type Emulator } from '@mdwx/emulator'
import { publish, type PublishReport } from '@mdwx/publish'
import { summariseCalls, type CallSummary } from './api-calls.js'
import type { PublishFixture } from './fixture.js'

export interface PublishRun {
  report: PublishReport
  wallMs: number
  /** From the start until every article was rendered and every picture normalised (`onPrepared`). */
  preparedMs: number | undefined
  /** CPU time (user + system, every thread) used until then. */
  preparedCpuMs: number | undefined
  /** When the first and last article finished, from the start. */
  firstArticleMs: number | undefined
  lastArticleMs: number | undefined
  /** CPU time of this process (every thread, the in-process emulator included). */
  cpuUserMs: number
  cpuSystemMs: number
  calls: CallSummary
  /** Emulator-clock time (ms) at the start, to place `calls` on the run's timeline. */
  startedAt: number
}

/** One `publish()` of the fixture's posts to the emulator, timed by phase. */
export async function timePublish(fixture: PublishFixture, emulator: Emulator, concurrency: number): Promise<PublishRun> {
  const callsBefore = emulator.state.calls.length
  let preparedMs: number | undefined
  let preparedCpuMs: number | undefined
  let firstArticleMs: number | undefined
  let lastArticleMs: number | undefined
  const cpuBefore = process.cpuUsage()
  const startedAt = Date.now()
  const started = performance.now()
  const report = await publish([fixture.posts], {
    weixin: { appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: emulator.url },
    concurrency,
    cwd: fixture.root,
    lockFile: fixture.lockFile,
    onPrepared: () => {
      preparedMs = performance.now() - started
      const cpu = process.cpuUsage(cpuBefore)
      preparedCpuMs = (cpu.user + cpu.system) / 1000
    },
    onArticle: () => {
      lastArticleMs = performance.now() - started
      firstArticleMs ??= lastArticleMs
    },
  })
  const wallMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  return {
    report,
    wallMs,
    preparedMs,
    preparedCpuMs,
    firstArticleMs,
    lastArticleMs,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    calls: summariseCalls(emulator.state.calls.slice(callsBefore)),
    startedAt,
  }
}
