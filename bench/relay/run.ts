import { DEMO_APP_ID, DEMO_APP_SECRET, startEmulator, type Emulator, type Faults } from '@mdwx/emulator'
import { publish, type PublishReport } from '@mdwx/publish'
import { createRelay, type Relay } from '@mdwx/relay'
import { createWeixinClient, type WeixinClientOptions } from '@mdwx/weixin'
import { Agent } from 'undici'
import { fixed, table, times } from '../render/format.js'
import { createLoadFixture, type ClientFolder } from './load-fixture.js'

const clients = 4
const articlesPerClient = 50
/** The relay sends from here; the emulator whitelists only it (Linux routes all of 127/8 to loopback). */
const relayAddress = '127.0.0.2'
const busyEvery = 6
const latencyMs = 20
const sequentialCalls = 300
const key = 'bench-relay-key-0123456789abcdef'
/** Short backoff, so the busy answers cost retries, not the benchmark's minutes. */
const retry = { minDelayMs: 20, maxDelayMs: 200, rateLimitDelayMs: 200 }

const log = (text = '') => process.stdout.write(`${text}\n`)

interface LoadRun {
  wallMs: number
  reports: PublishReport[]
  drafts: string[]
  requests: number
  busy: number
}

/**
 * Issue 12's load check: 4 clients × 50 articles published at once through one relay while
 * Weixin (the emulator) answers busy to every 6th business call; every article must land once.
 * The same load straight to the emulator is the baseline. Then the relay's added latency per
 * call, measured from the client (sequential calls, no faults, no latency) and inside the relay
 * (its access log: duration minus the time spent on Weixin).
 */
export async function runRelayBench(): Promise<void> {
  log('# Relay')
  log()
  const fixture = await createLoadFixture(clients, articlesPerClient)
  try {
    const faults: Faults = { busyEvery, latencyMs }
    // Alternated, twice each, best kept: the first run of a process pays for warming up (JIT, sharp), whichever it is.
    const runs: { direct: LoadRun[]; relayed: LoadRun[] } = { direct: [], relayed: [] }
    for (let round = 1; round <= 2; round++) {
      process.stderr.write(`  round ${round}: publishing straight to the emulator...\n`)
      runs.direct.push(await withWeixin(faults, false, (weixin) => loadRun(fixture.folders, weixin.emulator, () => ({ appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: weixin.emulator.url, retry }))))
      process.stderr.write(`  round ${round}: publishing through the relay...\n`)
      runs.relayed.push(await withWeixin(faults, true, (weixin) => loadRun(fixture.folders, weixin.emulator, () => ({ relay: { url: weixin.relay!.url, key }, retry }))))
    }
    const best = (list: LoadRun[]) => list.reduce((a, b) => (b.wallMs < a.wallMs ? b : a))
    const direct = best(runs.direct)
    const relayed = best(runs.relayed)
    const allLanded = [...runs.direct, ...runs.relayed].every((run) => landedOnce(run, fixture.folders))
    log(`Load: ${clients} clients at once (one publish() each, concurrency 4), ${articlesPerClient} articles each with one picture (cover and body image), emulator with busyEvery ${busyEvery} and ${latencyMs} ms latency; retries with ${retry.minDelayMs} ms backoff`)
    log(
      table(
        ['run', 'wall', 'articles created', 'landed once', 'HTTP requests', 'busy answers', 'ratio'],
        [direct, relayed].map((run, index) => [
          index === 0 ? 'direct (baseline)' : 'through the relay',
          `${fixed(run.wallMs / 1000, 2)} s`,
          String(run.reports.reduce((sum, report) => sum + report.totals.created, 0)),
          landedOnce(run, fixture.folders) ? 'yes, all 200' : 'NO',
          String(run.requests),
          String(run.busy),
          times(run.wallMs / direct.wallMs),
        ]),
      ),
    )
    log(`  best of 2 alternated runs each; every article landed exactly once in all 4 runs: ${allLanded ? 'yes' : 'NO'}`)
    log()
    process.stderr.write('  timing single calls...\n')
    const perCall = await withWeixin({}, true, async (weixin) => {
      const timings = await alternating(
        { appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: weixin.emulator.url, dispatcherAddress: relayAddress },
        { relay: { url: weixin.relay!.url, key } },
      )
      return { ...timings, inside: weixin.log.splice(0).map((line) => JSON.parse(line) as { durationMs: number; weixinMs?: number; endpoint: string }) }
    })
    log(`Added latency per call: ${sequentialCalls} calls of each kind, one at a time, direct and through the relay alternately; no faults, no added latency (so the relay's cost is not hidden behind Weixin's); the upload is a 200 KB PNG`)
    const rows: string[][] = []
    for (const kind of ['material/get_materialcount', 'media/uploadimg'] as const) {
      const direct = perCall.directMs[kind]
      const through = perCall.relayedMs[kind]
      const inside = perCall.inside.filter((line) => line.endpoint === kind).map((line) => line.durationMs - (line.weixinMs ?? 0))
      rows.push([kind, ms(median(direct)), ms(median(through)), ms(median(through) - median(direct)), ms(percentile(direct, 0.95)), ms(percentile(through, 0.95)), ms(median(inside)), times(median(through) / median(direct))])
    }
    log(table(['call', 'direct p50', 'relay p50', 'added p50', 'direct p95', 'relay p95', 'inside the relay p50', 'ratio p50'], rows))
    log('  "inside the relay": its access log, durationMs − weixinMs (auth, checks, JSON bodies; an upload streams, so its body time counts as Weixin time)')
    log()
  } finally {
    await fixture.remove()
  }
}

interface Weixin {
  emulator: Emulator
  relay: Relay | undefined
  log: string[]
}

/** A fresh emulator (and, with `relayed`, a relay in front of it that alone is whitelisted) for `work`. */
async function withWeixin<T>(faults: Faults, relayed: boolean, work: (weixin: Weixin) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({ faults: relayed ? { ...faults, ipWhitelist: [relayAddress] } : faults })
  const lines: string[] = []
  const relay = relayed
    ? await createRelay({
        accounts: [{ appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET }],
        keys: [key],
        weixinBaseUrl: emulator.url,
        localAddress: relayAddress,
        // Four clients on one address: the per-address limit is not what is measured here.
        rateLimit: { requestsPerMinute: 1_000_000 },
        accessLog: { write: (line: string) => lines.push(line) },
      })
    : undefined
  try {
    return await work({ emulator, relay, log: lines })
  } finally {
    await relay?.close()
    await emulator.close()
  }
}

async function loadRun(folders: ClientFolder[], emulator: Emulator, weixin: () => WeixinClientOptions): Promise<LoadRun> {
  const started = performance.now()
  const reports = await Promise.all(
    folders.map((folder) => publish([folder.posts], { weixin: weixin(), cwd: folder.root, lockFile: `${folder.lockFile}.${Math.random().toString(36).slice(2)}`, concurrency: 4, target: 'draft' })),
  )
  const wallMs = performance.now() - started
  const drafts = [...emulator.state.drafts.values()].flatMap((draft) => draft.articles.map((article) => article.title))
  return { wallMs, reports, drafts, requests: emulator.state.calls.length, busy: emulator.state.calls.filter((call) => call.errcode === -1).length }
}

function landedOnce(run: LoadRun, folders: ClientFolder[]): boolean {
  const expected = folders.flatMap((folder) => folder.titles).sort()
  return JSON.stringify([...run.drafts].sort()) === JSON.stringify(expected) && run.reports.every((report) => report.totals.failed === 0)
}

type Timings = Record<'material/get_materialcount' | 'media/uploadimg', number[]>

/** Client-side time of `sequentialCalls` calls of each kind, one at a time, the two clients taking turns. */
async function alternating(directOptions: WeixinClientOptions & { dispatcherAddress: string }, relayedOptions: WeixinClientOptions): Promise<{ directMs: Timings; relayedMs: Timings }> {
  const { dispatcherAddress, ...direct } = directOptions
  // The direct client sends from the whitelisted address too: only the relay in between differs.
  const dispatcher = new Agent({ localAddress: dispatcherAddress })
  const clients = [createWeixinClient({ ...direct, dispatcher }), createWeixinClient(relayedOptions)] as const
  const picture = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWM4ISd3Qk6OAUIBAB8mBBGFRCvEAAAAAElFTkSuQmCC', 'base64')
  const large = Buffer.concat([picture.subarray(0, picture.length - 12), Buffer.alloc(200_000), picture.subarray(picture.length - 12)])
  const timings: [Timings, Timings] = [
    { 'material/get_materialcount': [], 'media/uploadimg': [] },
    { 'material/get_materialcount': [], 'media/uploadimg': [] },
  ]
  try {
    // Tokens and connections first, outside the timing.
    for (const client of clients) await client.getMaterialCount()
    for (let index = 0; index < sequentialCalls; index++) {
      for (const [which, client] of clients.entries()) {
        let started = performance.now()
        await client.getMaterialCount()
        timings[which]!['material/get_materialcount'].push(performance.now() - started)
        started = performance.now()
        await client.uploadArticleImage({ data: large })
        timings[which]!['media/uploadimg'].push(performance.now() - started)
      }
    }
  } finally {
    for (const client of clients) await client.close()
    await dispatcher.close()
  }
  return { directMs: timings[0], relayedMs: timings[1] }
}

function median(values: number[]): number {
  return percentile(values, 0.5)
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN
}

function ms(value: number): string {
  return `${fixed(value, 2)} ms`
}
