import { randomBytes } from 'node:crypto'
import { readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulatorEnv } from './support/emulator.js'
import { writePicturePosts } from './support/fixtures.js'
import { type CliRun, runCli } from './support/run-cli.js'
import { createTempDir, filesBelow, removeTempDirs } from './support/temp.js'

describe('secrets: the app secret and the access token never leave the process', () => {
  const account = { appId: 'wx5ec2e7a1c0ffee00', appSecret: randomBytes(16).toString('hex') }
  const wrongSecret = randomBytes(16).toString('hex')
  let emulator: Emulator
  let project: string
  let cacheHome: string
  const runs: CliRun[] = []

  beforeAll(async () => {
    emulator = await startEmulator({ ...account, publishDelayMs: 0 })
    project = await createTempDir('secrets-project')
    cacheHome = await createTempDir('secrets-cache')
    await writePicturePosts(path.join(project, 'posts'))
    const env = emulatorEnv(emulator, cacheHome, account)
    const publish = async (...flags: string[]) => runs.push(await runCli(['publish', 'posts', ...flags], { cwd: project, env }))
    await publish('--submit')
    await publish('--json')
    await writeFile(path.join(project, 'posts/two.md'), '# Two, edited\n\n![b](two.gif)\n')
    await publish('--json', '--target', 'draft')
    // A cache of its own: with the cached token the wrong secret would not even be asked about.
    const wrongEnv = { ...env, WEIXIN_APPSECRET: wrongSecret, XDG_CACHE_HOME: await createTempDir('secrets-cache-wrong') }
    runs.push(await runCli(['publish', 'posts', '--force'], { cwd: project, env: wrongEnv }))
  })

  afterAll(async () => {
    await emulator.close()
    await removeTempDirs()
  })

  /** The token the runs used: stable_token hands out the same one while it is valid. */
  async function currentToken(): Promise<string> {
    const answer = await fetch(`${emulator.url}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: account.appId, secret: account.appSecret, force_refresh: false }),
    })
    const { access_token: token } = (await answer.json()) as { access_token: string }
    expect(token.length).toBeGreaterThan(20)
    return token
  }

  it('the runs did what they were asked (so there was a token to leak)', () => {
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 1])
    expect(runs[0]!.stdout).toContain('Published:')
    expect(runs[3]!.stdout).toContain('40125')
    expect(emulator.state.count('freepublish/submit')).toBe(2)
  })

  it('neither appears in stdout or stderr of any run', async () => {
    const token = await currentToken()
    for (const run of runs) {
      for (const output of [run.stdout, run.stderr]) {
        expect(output).not.toContain(account.appSecret)
        expect(output).not.toContain(token)
      }
    }
    expect(runs[3]!.stdout + runs[3]!.stderr).not.toContain(wrongSecret)
  })

  it('neither appears in any file written in the project (lock file included)', async () => {
    const token = await currentToken()
    const files = await filesBelow(project)
    expect(files.map((file) => path.relative(project, file))).toContain('mdwx.lock.json')
    for (const file of files) {
      const text = await readFile(file, 'latin1')
      expect(text, file).not.toContain(account.appSecret)
      expect(text, file).not.toContain(token)
    }
  })

  it('the token is cached only in the user cache folder, in a file only its owner can read', async () => {
    const token = await currentToken()
    const cached = await filesBelow(cacheHome)
    const holding = []
    for (const file of cached) {
      const text = await readFile(file, 'utf8')
      expect(text, file).not.toContain(account.appSecret)
      if (text.includes(token)) holding.push(file)
    }
    expect(holding).toHaveLength(1)
    const [tokenFile] = holding as [string]
    expect(path.dirname(tokenFile)).toBe(path.join(cacheHome, 'mdwx'))
    expect(path.relative(project, tokenFile).startsWith('..')).toBe(true)
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600)
  })
})
