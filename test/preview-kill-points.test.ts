import { existsSync } from 'node:fs'
import path from 'node:path'
import { type Faults, startEmulator } from '@mdwx/emulator'
import { type AccountLock, LockFile } from '@mdwx/publish'
import { afterAll, describe, expect, it } from 'vitest'
import { emulatorEnv } from './support/emulator.js'
import { writeFiles } from './support/fixtures.js'
import * as pictures from './support/pictures.js'
import { runCli, spawnCli } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

// `mdwx publish --preview-to` SIGKILLed around its previews (message/mass/preview), then run again:
// the lock file must parse, record every draft's preview, and hold no intent; every draft must
// have reached the phone at least once, and at most twice (a preview Weixin sent just before the
// process died is sent again: Weixin keeps no list of previews to look in).

const args = ['publish', 'posts', '--preview-to', 'writer_01']
const previewPath = '/cgi-bin/message/mass/preview'

async function createProject(): Promise<string> {
  const cwd = await createTempDir('preview-kill')
  await writeFiles(path.join(cwd, 'posts'), {
    'p.png': await pictures.png(24, 16),
    'a.md': '# Article A\n\n![](p.png)\n\nParagraph A.\n',
    'b.md': '# Article B\n\n![](p.png)\n\nParagraph B.\n',
  })
  return cwd
}

let cleanRun: Promise<string[]> | undefined

/** The request paths of an uninterrupted run: where its previews fall. */
function requestsOfACleanRun(): Promise<string[]> {
  return (cleanRun ??= (async () => {
    const emulator = await startEmulator()
    try {
      const cwd = await createProject()
      const run = await runCli(args, { cwd, env: emulatorEnv(emulator, path.join(cwd, '.cache')) })
      expect(run.code, run.stderr).toBe(0)
      return emulator.state.calls.map((call) => call.path)
    } finally {
      await emulator.close()
    }
  })())
}

function accountIn(lock: LockFile): AccountLock | undefined {
  const [appId] = lock.accountIds()
  return appId === undefined ? undefined : lock.account(appId)
}

async function killAndRerun(faults: Faults, label: string): Promise<void> {
  const emulator = await startEmulator({ faults })
  try {
    const cwd = await createProject()
    const env = emulatorEnv(emulator, path.join(cwd, '.cache'))
    const first = spawnCli(args, { cwd, env })
    const crashed = emulator.whenCrashed().then(() => 'crashed' as const)
    const outcome = await Promise.race([crashed, first.done.then(() => 'finished' as const)])
    first.child.kill('SIGKILL')
    await first.done
    emulator.setFaults({})
    const second = await runCli(args, { cwd, env })
    const context = `${label} (first run ${outcome}):\n${second.stdout}\n${second.stderr}`
    expect(second.code, context).toBe(0)

    const lockPath = path.join(cwd, 'mdwx.lock.json')
    expect(existsSync(lockPath), context).toBe(true)
    const account = accountIn(await LockFile.open(lockPath))!
    expect(account.intents ?? {}, context).toEqual({})
    const entries = Object.values(account.articles)
    expect(entries, context).toHaveLength(2)
    for (const entry of entries) {
      // Recorded as sent, for exactly the version in the draft box.
      expect(Object.values(entry.previews ?? {}), context).toEqual([entry.contentHash])
      const times = emulator.state.previews.filter((preview) => preview.mediaId === entry.mediaId).length
      expect(times, `${context}\n${entry.mediaId}`).toBeOneOf([1, 2])
    }
    expect(emulator.state.drafts.size, context).toBe(2)
    // And a third run sends nothing more.
    const before = emulator.state.previews.length
    expect((await runCli(args, { cwd, env })).code, context).toBe(0)
    expect(emulator.state.previews.length, context).toBe(before)
  } finally {
    await emulator.close()
  }
}

afterAll(removeTempDirs)

// Several CLI processes one after another: seconds each on a loaded machine. Never an assertion on time.
const processLoopTimeout = 10 * 60_000

describe('publish --preview-to killed around its previews, then run again', () => {
  it('killed after every call from the first draft on: every draft previewed, the lock consistent', async () => {
    const requests = await requestsOfACleanRun()
    expect(requests.filter((request) => request === previewPath)).toHaveLength(2)
    // From the first draft/add: a draft made but not yet recorded, recorded but not yet sent, sent...
    const firstDraft = requests.indexOf('/cgi-bin/draft/add')
    expect(firstDraft).toBeGreaterThan(0)
    for (let after = firstDraft; after < requests.length; after++) {
      await killAndRerun({ crashAfter: after }, `killed after ${after} requests (before ${requests[after] ?? 'the end'})`)
    }
  }, processLoopTimeout)

  it('killed after Weixin sent a preview whose answer was lost: sent again once, recorded once', async () => {
    const requests = await requestsOfACleanRun()
    const previews = requests.flatMap((request, index) => (request === previewPath ? [index] : []))
    for (const index of previews) {
      await killAndRerun({ loseAnswerAfter: index, crashAfter: index + 1 }, `answer to the preview at ${index} lost, then killed`)
    }
  }, processLoopTimeout)
})
