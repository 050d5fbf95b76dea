import path from 'node:path'
import { DEMO_APP_ID, type Emulator, startEmulator } from '@mdwx/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callsTo, emulatorEnv, uploadPaths } from './support/emulator.js'
import { writeFiles } from './support/fixtures.js'
import * as pictures from './support/pictures.js'
import { runCli } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

const stackFrame = /^\s+at .+[:(]\d+:\d+\)?$/m

describe('mdwx publish: credentials', () => {
  let emulator: Emulator
  let project: string

  beforeAll(async () => {
    emulator = await startEmulator()
    project = await createTempDir('credentials')
    // More pictures than uploads at once (4): a refusal must stop the queued ones too, not hang.
    const files: Record<string, string | Buffer> = {}
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) {
      files[`${name}.md`] = `# ${name}\n\n![p](${name}.png)\n`
      files[`${name}.png`] = await pictures.png(20, name.charCodeAt(0) - 80)
    }
    await writeFiles(path.join(project, 'posts'), files)
  })

  afterAll(async () => {
    await emulator.close()
    await removeTempDirs()
  })

  it('missing credentials: a usage error (exit 2) naming both variables, before anything is read or sent', async () => {
    const run = await runCli(['publish', 'posts'], { cwd: project, env: { WEIXIN_API_BASE: emulator.url } })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('WEIXIN_APPID')
    expect(run.stderr).toContain('WEIXIN_APPSECRET')
    expect(run.stderr).not.toMatch(stackFrame)
    expect(run.stdout).toBe('')
    expect(emulator.state.calls).toHaveLength(0)
  })

  it('only the secret missing: names that variable alone', async () => {
    const run = await runCli(['publish', 'posts'], { cwd: project, env: { WEIXIN_API_BASE: emulator.url, WEIXIN_APPID: DEMO_APP_ID } })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/Missing credentials: set WEIXIN_APPSECRET\b/)
    expect(run.stderr).not.toContain('WEIXIN_APPID and')
  })

  it('wrong secret: exit 1, Weixin\'s 40125 with the hint where to find the right one, no stack trace, nothing uploaded', async () => {
    const wrong = 'f'.repeat(32)
    const env = { ...emulatorEnv(emulator, path.join(project, '.cache')), WEIXIN_APPSECRET: wrong }
    const run = await runCli(['publish', 'posts'], { cwd: project, env })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/posts\/a\.md  error  .*40125.*rid [0-9a-f-]+  weixin-api/)
    expect(run.stdout).toContain('hint: The AppSecret is wrong')
    expect(run.stdout).toContain('WEIXIN_APPSECRET')
    expect(run.stdout + run.stderr).not.toMatch(stackFrame)
    expect(run.stdout + run.stderr).not.toContain(wrong)
    expect(callsTo(emulator, uploadPaths)).toBe(0)
    // The run stops at the first refusal: one token request, not one per article or retry.
    expect(emulator.state.count('stable_token', 40125)).toBe(1)
  })
})
