import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import type { LockData } from '@mdwx/publish'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { draftArticles, emulatorEnv, timesUploaded, uploadedFilenames } from './support/emulator.js'
import { sha256, writeFiles } from './support/fixtures.js'
import * as pictures from './support/pictures.js'
import { runCli, spawnCli, waitFor } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

const latencyMs = 300

async function readLock(file: string): Promise<LockData | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined)
  return text === undefined ? undefined : (JSON.parse(text) as LockData)
}

function recorded(lock: LockData | undefined): { uploads: number; articles: number } {
  const account = lock ? Object.values(lock.accounts)[0] : undefined
  if (!account) return { uploads: 0, articles: 0 }
  return { uploads: Object.keys(account.images).length + Object.keys(account.covers).length, articles: Object.keys(account.articles).length }
}

describe('an interrupted publish, resumed', () => {
  const titles = ['First', 'Second', 'Third', 'Fourth']
  let emulator: Emulator
  let project: string
  let lockFile: string
  const bodyImages: Buffer[] = []

  beforeAll(async () => {
    emulator = await startEmulator({ faults: { latencyMs } })
    project = await createTempDir('resume')
    lockFile = path.join(project, 'mdwx.lock.json')
    const files: Record<string, string | Buffer> = {}
    for (const [article, title] of titles.entries()) {
      const names = [0, 1, 2].map((image) => `${title}-${image}.png`)
      for (const [image, name] of names.entries()) {
        const picture = await pictures.png(30 + article, 20 + image)
        bodyImages.push(picture)
        files[name] = picture
      }
      files[`${title.toLowerCase()}.md`] = `# ${title}\n\n${names.map((name) => `![](${name})`).join('\n\n')}\n`
    }
    await writeFiles(path.join(project, 'posts'), files)
  })

  afterAll(async () => {
    await emulator.close()
    await removeTempDirs()
  })

  it('the next run finishes the job: nothing uploaded twice, every article exactly once', async () => {
    const env = emulatorEnv(emulator, path.join(project, '.cache'))
    const stored = () => emulator.state.images.length + emulator.state.materials.size
    const first = spawnCli(['publish', 'posts'], { cwd: project, env })

    // Kill it once some uploads are done and recorded, while the next ones are on the wire.
    await waitFor(async () => {
      const lock = recorded(await readLock(lockFile))
      return stored() >= 4 && lock.uploads === stored() && lock.articles === emulator.state.drafts.size
    }, 'the first uploads to be recorded in the lock file')
    // Requests on the wire when a process dies may or may not have reached Weixin; a lost answer
    // to an upload that did arrive costs one duplicate (DESIGN.md accepts it). Here they are made
    // not to arrive, so the count below is exact.
    emulator.setFaults({
      latencyMs,
      scripted: ['media/uploadimg', 'material/add_material', 'material/add_news', 'draft/add'].map((path) => ({ path, errcode: -1, times: 100 })),
    })
    first.child.kill('SIGKILL')
    const killed = await first.done
    expect(killed.signal).toBe('SIGKILL')
    await waitFor(() => emulator.state.calls.every((call) => call.status !== null), 'the requests in flight to be answered')

    const uploadedBeforeKill = stored()
    expect(uploadedBeforeKill).toBeGreaterThanOrEqual(4)
    expect(uploadedBeforeKill).toBeLessThan(bodyImages.length + titles.length)
    expect(recorded(await readLock(lockFile)).uploads).toBe(uploadedBeforeKill)

    emulator.setFaults({})
    const second = await runCli(['publish', 'posts', '--json'], { cwd: project, env })
    expect(second.code, second.stderr).toBe(0)
    const report = JSON.parse(second.stdout) as { totals: { imagesUploaded: number; imagesReused: number } }
    expect(report.totals.imagesUploaded).toBe(bodyImages.length + titles.length - uploadedBeforeKill)

    for (const picture of bodyImages) expect(timesUploaded(emulator, sha256(picture))).toBe(1)
    const names = uploadedFilenames(emulator)
    expect(new Set(names).size).toBe(names.length)
    expect(names).toHaveLength(bodyImages.length + titles.length) // every body image, every cover
    expect(draftArticles(emulator).map((article) => article.title).sort()).toEqual([...titles].sort())
  })
})
