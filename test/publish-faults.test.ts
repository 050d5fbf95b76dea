import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { draftArticles, emulatorEnv, timesUploaded } from './support/emulator.js'
import { sha256, writeFiles } from './support/fixtures.js'
import * as pictures from './support/pictures.js'
import { runCli } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

// The CLI's client backs off for real (about a second a retry), so the faults are mild: each
// kind strikes a few times in a run of some thirty calls. A token serves 10 calls: more than
// the requests in flight at once (4 uploads, 4 article calls), so the one retry a call gets
// after a refresh always finds the new token alive, as it would on Weixin.
describe('mdwx publish against a misbehaving Weixin', () => {
  const titles = ['Alpha', 'Beta', 'Gamma', 'Delta']
  let emulator: Emulator
  let project: string
  const sources: Buffer[] = []

  beforeAll(async () => {
    emulator = await startEmulator({ faults: { busyEvery: 7, expireTokenAfter: 10, dropConnectionEvery: 11 } })
    project = await createTempDir('faults')
    const files: Record<string, string | Buffer> = {}
    for (const [index, title] of titles.entries()) {
      const first = await pictures.png(40 + index, 30)
      const second = await pictures.jpeg(50 + index, 30)
      sources.push(first, second)
      files[`${title.toLowerCase()}.md`] = `# ${title}\n\n![one](${title}-1.png)\n\nText.\n\n![two](${title}-2.jpg)\n`
      files[`${title}-1.png`] = first
      files[`${title}-2.jpg`] = second
    }
    await writeFiles(path.join(project, 'posts'), files)
  })

  afterAll(async () => {
    await emulator.close()
    await removeTempDirs()
  })

  it('busy answers, expiring tokens, dropped connections and 45103: every article created exactly once', async () => {
    const run = await runCli(['publish', 'posts'], { cwd: project, env: emulatorEnv(emulator, path.join(project, '.cache')) })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    // Every fault struck at least once, so this run proves something.
    expect(emulator.state.calls.filter((call) => call.errcode === -1).length).toBeGreaterThan(0)
    expect(emulator.state.calls.filter((call) => call.errcode === 42001).length).toBeGreaterThan(0)
    expect(emulator.state.calls.filter((call) => call.status === null).length).toBeGreaterThan(0)
    expect(emulator.state.count('material/add_news', 45103)).toBeGreaterThan(0)

    const created = draftArticles(emulator).map((article) => article.title)
    expect(created.sort()).toEqual([...titles].sort())
    expect(emulator.state.news.size).toBe(0)
    for (const source of sources) expect(timesUploaded(emulator, sha256(source))).toBe(1)
    expect(run.stdout).toMatch(/4 created, 0 updated, 0 unchanged, 0 skipped, 0 failed/)
  })
})
