import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { emulatorEnv } from '../../../test/support/emulator.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { spawnCli, waitFor } from '../../../test/support/run-cli.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

// The built CLI in a process of its own: signals are the point here.
describe('Ctrl-C (the built mdwx)', () => {
  let emulator: Emulator | undefined

  afterEach(async () => {
    await emulator?.close()
  })

  afterAll(removeTempDirs)

  it('publish: the first SIGINT stops the run with exit 130; the lock file stays valid JSON', async () => {
    // Every answer takes 2 s: without the fix, the run went on to create all ten articles.
    emulator = await startEmulator({ faults: { latencyMs: 2000 } })
    const cwd = await createTempDir('interrupt')
    const articles = 10
    const posts = Array.from({ length: articles }, (_, index) => [`posts/${index}.md`, `# Article ${index}\n\n![p](p.png)\n`])
    await writeFiles(cwd, { 'posts/p.png': await pictures.png(), ...Object.fromEntries(posts) })
    const run = spawnCli(['publish', 'posts', '--target', 'draft', '--concurrency', '2'], {
      cwd,
      env: emulatorEnv(emulator, await createTempDir('interrupt-cache')),
    })
    await waitFor(() => /^\[1\/10\] created /m.test(run.output().stderr), 'the first article to be created')
    run.child.kill('SIGINT')
    const { code, signal, stderr } = await run.done
    expect({ code, signal }).toEqual({ code: 130, signal: null })
    expect(stderr).toContain('Interrupted: the lock file keeps what was done; run again to finish.\n')
    expect(emulator.state.count('draft/add')).toBeLessThan(articles)
    const lock = path.join(cwd, 'mdwx.lock.json')
    if (existsSync(lock)) expect(() => JSON.parse(readFileSync(lock, 'utf8')) as unknown).not.toThrow()
  })
})
