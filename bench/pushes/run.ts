/**
 * `pnpm bench pushes`: what a push of several articles saves, and what splitting a chapter costs.
 *
 * 1. Three articles with one picture each, published to the emulator (50 ms on every call) as
 *    three single-article drafts (what every peer does: one article, one draft) and as one push
 *    (`--together`): API calls by endpoint, drafts in the account, wall time.
 * 2. The longest chapter of the es6tutorial corpus (when on this machine), published whole (Weixin
 *    refuses it: over 20,000 characters) and with `--split`: parts, characters of the longest part,
 *    API calls and time.
 * Each run gets its own emulator and folder, so a run's pictures are never reused by the next.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEMO_APP_ID, DEMO_APP_SECRET, startEmulator } from '@mdwx/emulator'
import { publish, type PublishOptions } from '@mdwx/publish'
import sharp from 'sharp'
import { fixed, grouped, table, times } from '../render/format.js'

const latencyMs = 50
const log = (text = '') => process.stdout.write(`${text}\n`)
const corpus = path.resolve(process.env['MDWX_CORPUS'] ?? path.join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus'))

interface Run {
  wallMs: number
  calls: Map<string, number>
  drafts: number
  articlesInAccount: number
  longestContent: number
  failed: string[]
}

/** A picture unlike the others (its own colour and noise), so every article uploads its own. */
async function picture(file: string, seed: number): Promise<void> {
  const width = 1200
  const height = 800
  const pixels = Buffer.alloc(width * height * 3)
  for (let index = 0; index < pixels.length; index++) pixels[index] = (index * (seed + 7) + seed * 97) % 251
  await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toFile(file)
}

async function articleFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mdwx-bench-pushes-'))
  for (const index of [1, 2, 3]) {
    await picture(path.join(folder, `picture-${index}.jpg`), index)
    const body = Array.from({ length: 12 }, (_, line) => `第 ${index} 篇第 ${line + 1} 段：${'一段说明文字，'.repeat(20)}`).join('\n\n')
    await writeFile(path.join(folder, `0${index}-article.md`), `---\ntitle: 第 ${index} 篇\nauthor: 作者\n---\n\n![图](./picture-${index}.jpg)\n\n${body}\n\n\`\`\`js\nconsole.log(${index})\n\`\`\`\n`)
  }
  return folder
}

/** One publish() of `paths` into a fresh emulator, counted by what the emulator holds afterwards. */
async function measure(paths: string[], folder: string, options: Partial<PublishOptions>): Promise<Run> {
  const emulator = await startEmulator({ faults: { latencyMs } })
  try {
    const started = performance.now()
    const report = await publish(paths, {
      weixin: { appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: emulator.url },
      cwd: folder,
      lockFile: path.join(folder, `mdwx.lock.${Date.now()}.json`),
      ...options,
    })
    const wallMs = performance.now() - started
    const calls = new Map<string, number>()
    for (const call of emulator.state.calls) calls.set(call.path.replace('/cgi-bin/', ''), (calls.get(call.path.replace('/cgi-bin/', '')) ?? 0) + 1)
    const drafts = [...emulator.state.drafts.values()]
    const contents = drafts.flatMap((draft) => draft.articles.map((article) => article.content.length))
    return {
      wallMs,
      calls,
      drafts: drafts.length,
      articlesInAccount: contents.length,
      longestContent: Math.max(0, ...contents),
      failed: report.articles.filter((article) => article.status === 'failed').map((article) => article.messages.map((message) => message.message).join('; ')),
    }
  } finally {
    await emulator.close()
  }
}

function callsTable(runs: ReadonlyArray<[string, Run]>): string {
  const endpoints = [...new Set(runs.flatMap(([, run]) => [...run.calls.keys()]))].sort()
  const rows = endpoints.map((endpoint) => [endpoint, ...runs.map(([, run]) => String(run.calls.get(endpoint) ?? 0))])
  const totals = runs.map(([, run]) => [...run.calls.values()].reduce((sum, count) => sum + count, 0))
  rows.push(['total', ...totals.map(String)])
  return table(['API calls', ...runs.map(([name]) => name)], rows)
}

async function longestChapter(): Promise<string | undefined> {
  const folder = path.join(corpus, 'es6tutorial', 'docs')
  if (!existsSync(folder)) return undefined
  const files = (await readdir(folder)).filter((name) => name.endsWith('.md')).map((name) => path.join(folder, name))
  const sizes = await Promise.all(files.map(async (file) => ({ file, size: (await stat(file)).size })))
  return sizes.sort((a, b) => b.size - a.size)[0]?.file
}

export async function runPushesBench(): Promise<void> {
  log('# Pushes: several articles in one draft, and a too-long chapter split')
  log()
  log(`@mdwx/emulator in this process, ${latencyMs} ms added to every API call; publish() from @mdwx/publish; a fresh emulator and lock file per run`)
  log()

  const folder = await articleFolder()
  try {
    const files = (await readdir(folder)).filter((name) => name.endsWith('.md')).map((name) => path.join(folder, name))
    process.stderr.write('  three single drafts...\n')
    const singles = await measure(files, folder, {})
    process.stderr.write('  one push of three...\n')
    const push = await measure(files, folder, { together: true })
    log('Three articles with one picture each: three drafts (one article each, as every peer publishes) against one push (--together)')
    log(callsTable([['3 singles', singles], ['1 push of 3', push]]))
    log(
      table(
        ['', '3 singles', '1 push of 3', 'push / singles'],
        [
          ['drafts in the account', String(singles.drafts), String(push.drafts), ''],
          ['articles in the account', String(singles.articlesInAccount), String(push.articlesInAccount), ''],
          ['wall time', `${grouped(Math.round(singles.wallMs))} ms`, `${grouped(Math.round(push.wallMs))} ms`, times(push.wallMs / singles.wallMs)],
        ],
      ),
    )
    for (const failure of [...singles.failed, ...push.failed]) log(`  ! ${failure}`)
    log()

    const chapter = await longestChapter()
    if (chapter === undefined) {
      log(`Split: the es6tutorial corpus is not at ${corpus} (set MDWX_CORPUS); skipped.`)
      return
    }
    process.stderr.write('  the longest chapter whole...\n')
    const whole = await measure([chapter], path.dirname(chapter), { lockFile: path.join(folder, 'whole.lock.json') })
    process.stderr.write('  the longest chapter split...\n')
    const split = await measure([chapter], path.dirname(chapter), { lockFile: path.join(folder, 'split.lock.json'), split: true })
    log(`The longest es6tutorial chapter, ${path.basename(chapter)} (${grouped((await stat(chapter)).size)} bytes of Markdown): whole, and with --split`)
    log(callsTable([['whole', whole], ['--split', split]]))
    log(
      table(
        ['', 'whole', '--split'],
        [
          ['articles in the account', String(whole.articlesInAccount), String(split.articlesInAccount)],
          ['longest article (characters, limit 20,000)', whole.articlesInAccount === 0 ? '-' : grouped(whole.longestContent), grouped(split.longestContent)],
          ['wall time', `${grouped(Math.round(whole.wallMs))} ms`, `${grouped(Math.round(split.wallMs))} ms`],
          ['refused', whole.failed.length === 0 ? 'no' : `yes: ${whole.failed[0]!.slice(0, 48)}…`, split.failed.length === 0 ? 'no' : `yes: ${split.failed[0]!.slice(0, 48)}…`],
        ],
      ),
    )
    log(`  split: ${fixed(split.wallMs / Math.max(1, split.articlesInAccount), 0)} ms per part`)
    log()
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
