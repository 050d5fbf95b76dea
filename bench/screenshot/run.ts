import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openBrowser, screenshotArticle } from '@mdwx/browser'
import { renderArticleViews, type ArticleView } from '@mdwx/publish'
import { timeProcess, type ProcessTime } from '../cli/child-process-time.js'
import { machineLines } from '../publish/machine.js'
import { chineseCorpusRoot, repoRoot } from '../render/corpus.js'
import { fixed, table, times, verdict } from '../render/format.js'
import { baselineFontCss, interceptionScreenshot } from './interception-baseline.js'

export interface ScreenshotBenchOptions {
  /** Runs of each command (the median by wall time is shown). Default 3. */
  rounds?: number
  /** false: skip the Playwright-interception peer. */
  peers?: boolean
}

const bin = join(repoRoot, 'packages', 'cli', 'dist', 'bin.js')
const log = (text = '') => process.stdout.write(`${text}\n`)
const seconds = (ms: number) => `${fixed(ms / 1000, 2)} s`
const medianBy = (runs: readonly ProcessTime[]): ProcessTime => [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)]!

/** The folder of issue 10's goal: one PNG per article in under 2 s per article. */
const folderInCorpus = join('advanced-java', 'docs', 'high-concurrency')

/**
 * `mdwx screenshot` of one corpus folder as a user runs it (a process: browser start, rendering,
 * pictures, PNG files), light and dark, against `mdwx convert` of the same folder (the rendering
 * alone) and, in process, against Playwright's straightforward way of taking the same pictures.
 */
export async function runScreenshotBench(options: ScreenshotBenchOptions = {}): Promise<void> {
  const rounds = options.rounds ?? 3
  log('# mdwx screenshot: articles as phone-width PNGs')
  log()
  for (const line of machineLines()) log(line)
  const folder = join(chineseCorpusRoot(), folderInCorpus)
  if (!existsSync(folder) || !existsSync(bin)) {
    log(`  ! ${existsSync(bin) ? `no corpus folder ${folder}: set MDWX_CORPUS` : `${bin} is missing: build first`}`)
    log()
    return
  }
  const scratch = await mkdtemp(join(tmpdir(), 'mdwx-bench-screenshot-'))
  try {
    const commands = [
      { name: 'mdwx screenshot <folder>', args: (out: string) => [bin, 'screenshot', folder, '--out', out, '--quiet'] },
      { name: 'mdwx screenshot <folder> --dark', args: (out: string) => [bin, 'screenshot', folder, '--out', out, '--dark', '--quiet'] },
      { name: 'mdwx convert <folder> (rendering only)', args: (out: string) => [bin, 'convert', folder, '--out', out, '--quiet'] },
    ]
    const runs = commands.map(() => [] as ProcessTime[])
    for (let round = 0; round < rounds; round++) {
      for (const [index, command] of commands.entries()) runs[index]!.push(await timeProcess(process.execPath, command.args(join(scratch, `${index}-${round}`)), repoRoot))
      process.stderr.write(`  round ${round + 1}: ${runs.map((list) => seconds(list.at(-1)!.wallMs)).join(', ')}\n`)
    }
    const pngs = (await readdir(join(scratch, '0-0'), { recursive: true })).filter((name) => name.endsWith('.png'))
    const sizes = await Promise.all(pngs.map(async (name) => (await stat(join(scratch, '0-0', name))).size))
    const articles = pngs.length
    log(`Folder: ${folder}: ${articles} articles, one PNG each (${fixed(sizes.reduce((a, b) => a + b, 0) / 1e6, 1)} MB, largest ${fixed(Math.max(...sizes) / 1e6, 2)} MB)`)
    log()
    const medians = runs.map(medianBy)
    log(`Wall time of the whole command (a process: starting Chromium included), median of ${rounds}`)
    log(table(['command', 'wall', 'per article', 'exit'], commands.map((command, index) => [command.name, seconds(medians[index]!.wallMs), seconds(medians[index]!.wallMs / articles), String(medians[index]!.exitCode)])))
    log()

    const peer = options.peers === false ? undefined : await interceptionPeer(folder)
    const perArticle = medians[0]!.wallMs / articles
    const rows = [
      ['under 2 s per article (issue 10), light', seconds(perArticle), verdict(perArticle < 2000)],
      ['under 2 s per article, dark', seconds(medians[1]!.wallMs / articles), verdict(medians[1]!.wallMs / articles < 2000)],
    ]
    if (peer) {
      log(`In process, ${peer.articles} articles rendered beforehand, one browser: the pictures alone`)
      log(table(['way', 'total', 'per article'], [
        ['@mdwx/browser screenshotArticle()', seconds(peer.oursMs), seconds(peer.oursMs / peer.articles)],
        ['Playwright: a context each, page.route, fullPage', seconds(peer.baselineMs), seconds(peer.baselineMs / peer.articles)],
      ]))
      log()
      rows.push(['faster than Playwright\'s straightforward way', `${times(peer.baselineMs / peer.oursMs)}`, verdict(peer.oursMs < peer.baselineMs)])
    }
    log(table(['goal', 'measured', ''], rows))
    for (const run of medians.filter((median) => median.exitCode !== 0 && median.exitCode !== 1)) log(`  ! a run ended with exit code ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`)
    log()
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/** Both ways over the same rendered articles, alternating, in one browser. */
async function interceptionPeer(folder: string): Promise<{ articles: number; oursMs: number; baselineMs: number }> {
  const views: ArticleView[] = []
  await renderArticleViews([folder], { onArticle: (view) => void views.push(view) })
  const css = await baselineFontCss()
  const browser = await openBrowser()
  let oursMs = 0
  let baselineMs = 0
  try {
    for (const view of views) {
      let started = performance.now()
      await screenshotArticle({ html: view.html, title: view.title, author: view.author, coverUrl: view.coverUrl, files: view.assets }, { browser })
      oursMs += performance.now() - started
      started = performance.now()
      await interceptionScreenshot(browser, view, css)
      baselineMs += performance.now() - started
    }
  } finally {
    await browser.close()
  }
  return { articles: views.length, oursMs, baselineMs }
}
