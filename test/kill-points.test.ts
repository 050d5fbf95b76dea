import { existsSync } from 'node:fs'
import path from 'node:path'
import { type EmulatorOptions, type Faults, startEmulator } from '@mdwx/emulator'
import { type AccountLock, LockFile } from '@mdwx/publish'
import { afterAll, describe, expect, it } from 'vitest'
import { draftArticles, emulatorEnv, timesUploaded } from './support/emulator.js'
import { sha256, writeFiles } from './support/fixtures.js'
import * as pictures from './support/pictures.js'
import { runCli, spawnCli } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

// The process is SIGKILLed after the Nth API call of a publish, for every N the publish makes,
// and run again. The emulator holds every request after the Nth (never carried out, never
// answered: the client died before sending it) so the kill lands exactly there, on any machine.
// What must hold afterwards is what the account holds: every article once, every picture once.

interface Scenario {
  name: string
  articles: number
  args: string[]
  emulator: EmulatorOptions
}

interface Project {
  cwd: string
  pictureHashes: string[]
  titles: string[]
}

const scenarios: Scenario[] = [
  { name: 'drafts (add_news retired)', articles: 3, args: ['publish', 'posts'], emulator: {} },
  { name: 'add_news available', articles: 2, args: ['publish', 'posts'], emulator: { newsApi: 'available' } },
  { name: 'drafts, then --submit', articles: 2, args: ['publish', 'posts', '--submit'], emulator: { publishDelayMs: 0 } },
  { name: 'a push of 3 (--together)', articles: 3, args: ['publish', 'posts', '--together'], emulator: {} },
]

async function createProject(scenario: Scenario): Promise<Project> {
  const cwd = await createTempDir('kill-point')
  const files: Record<string, string | Buffer> = {}
  const pictureHashes: string[] = []
  const titles: string[] = []
  for (let index = 0; index < scenario.articles; index++) {
    const picture = await pictures.png(24 + index, 16)
    pictureHashes.push(sha256(picture))
    files[`p${index}.png`] = picture
    titles.push(`Article ${index}`)
    files[`a${index}.md`] = `# Article ${index}\n\n![](p${index}.png)\n\nParagraph ${index}.\n`
  }
  await writeFiles(path.join(cwd, 'posts'), files)
  return { cwd, pictureHashes, titles }
}

const cleanRuns = new Map<Scenario, Promise<Array<{ path: string }>>>()

/** The API requests an uninterrupted publish makes: the kill points to try. Measured once per scenario. */
function requestsOfACleanRun(scenario: Scenario): Promise<Array<{ path: string }>> {
  let requests = cleanRuns.get(scenario)
  if (!requests) cleanRuns.set(scenario, (requests = measureCleanRun(scenario)))
  return requests
}

async function measureCleanRun(scenario: Scenario): Promise<Array<{ path: string }>> {
  const emulator = await startEmulator(scenario.emulator)
  try {
    const project = await createProject(scenario)
    const run = await runCli(scenario.args, { cwd: project.cwd, env: emulatorEnv(emulator, path.join(project.cwd, '.cache')) })
    expect(run.code, run.stderr).toBe(0)
    return emulator.state.calls.map((call) => ({ path: call.path }))
  } finally {
    await emulator.close()
  }
}

function accountIn(lock: LockFile): AccountLock | undefined {
  const [appId] = lock.accountIds()
  return appId === undefined ? undefined : lock.account(appId)
}

/** Kills a publish where `faults` stop it, runs it again, and checks what the account holds. */
async function killAndRerun(scenario: Scenario, faults: Faults, label: string): Promise<void> {
  const emulator = await startEmulator({ ...scenario.emulator, faults })
  try {
    const project = await createProject(scenario)
    const env = emulatorEnv(emulator, path.join(project.cwd, '.cache'))
    const first = spawnCli(scenario.args, { cwd: project.cwd, env })
    const crashed = emulator.whenCrashed().then(() => 'crashed' as const)
    const outcome = await Promise.race([crashed, first.done.then(() => 'finished' as const)])
    first.child.kill('SIGKILL')
    await first.done
    const lockPath = path.join(project.cwd, 'mdwx.lock.json')
    const left = existsSync(lockPath) ? accountIn(await LockFile.open(lockPath)) : undefined
    // Weixin goes back to normal (held requests are dropped, never carried out), and the user runs again.
    emulator.setFaults({})
    const second = await runCli(scenario.args, { cwd: project.cwd, env })
    const context = `${label} (first run ${outcome}):\n${second.stdout}\n${second.stderr}`
    expect(second.code, context).toBe(0)

    const titles = draftArticles(emulator).map((article) => article.title)
    const news = [...emulator.state.news.values()].flatMap((item) => item.articles.map((article) => article.title))
    // A submitted draft leaves the draft box for the published list.
    const published = [...emulator.state.publishes.values()].flatMap((item) => item.articles.map((article) => article.title))
    expect([...titles, ...news, ...published].sort(), context).toEqual(project.titles)
    // A picture the killed run had recorded is never uploaded again. One it had not (its answer
    // arrived, or was on its way, when the process died) may have reached Weixin once more: that
    // is the upload in flight, which no API lets a client look for.
    for (const hash of project.pictureHashes) {
      for (const as of ['image', 'cover'] as const) {
        const recorded = (as === 'image' ? left?.images : left?.covers)?.[hash] !== undefined
        const times = timesUploaded(emulator, hash, as)
        if (recorded) expect(times, `${context}\n${as} ${hash} was recorded`).toBe(1)
        else expect(times, `${context}\n${as} ${hash}`).toBeOneOf([1, 2])
      }
    }
    if (scenario.args.includes('--submit')) expect(emulator.state.publishes.size, context).toBe(project.titles.length)
    // A push is one draft holding its articles in order, never two drafts, never a part of one.
    if (scenario.args.includes('--together')) {
      expect([...emulator.state.drafts.values()].map((draft) => draft.articles.map((article) => article.title)), context).toEqual([project.titles])
    }
    const account = accountIn(await LockFile.open(lockPath))
    expect(Object.keys(account?.articles ?? {}), context).toHaveLength(project.titles.length)
    expect(account?.intents ?? {}, context).toEqual({})
  } finally {
    await emulator.close()
  }
}

afterAll(removeTempDirs)

// Each case below starts the CLI twice per kill point, one process after another: up to 25
// processes, about a second each on an idle machine and several on a loaded one, where the
// 60-second default stopped them midway. Tests never assert on time: this only stops a hung one.
const processLoopTimeout = 10 * 60_000

describe.each(scenarios)('publish killed after every API call, then run again: $name', (scenario) => {
  it('leaves every article once, every picture uploaded once, and a lock file that parses', async () => {
    const requests = await requestsOfACleanRun(scenario)
    expect(requests.length).toBeGreaterThan(scenario.articles * 2)
    for (let after = 0; after < requests.length; after++) {
      await killAndRerun(scenario, { crashAfter: after }, `${scenario.name}: killed after ${after} (before ${requests[after]!.path})`)
    }
  }, processLoopTimeout)

  it('killed after Weixin carried out a create whose answer was lost: adopted, not made twice', async () => {
    const requests = await requestsOfACleanRun(scenario)
    const creates = requests.flatMap((request, index) => (/\/(draft\/add|material\/add_news|freepublish\/submit)$/.test(request.path) ? [index] : []))
    expect(creates.length).toBeGreaterThan(0)
    for (const index of creates) {
      await killAndRerun(scenario, { loseAnswerAfter: index, crashAfter: index + 1 }, `${scenario.name}: answer to ${requests[index]!.path} lost, then killed`)
    }
  }, processLoopTimeout)
})
