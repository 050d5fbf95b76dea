import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { draftArticles } from './support/emulator.js'
import { writePicturePosts } from './support/fixtures.js'
import { currentToken as tokenOf, RELAY_ADDRESS } from './support/local-address.js'
import { type CliProcess, type CliRun, runCli, spawnCli, waitFor } from './support/run-cli.js'
import { createTempDir, filesBelow, removeTempDirs } from './support/temp.js'

describe('mdwx relay: publishing from a machine that is not whitelisted', () => {
  const account = { appId: 'wx5e1a7c0ffee00e2e', appSecret: randomBytes(16).toString('hex') }
  const key = randomBytes(24).toString('hex')
  let emulator: Emulator
  let relay: CliProcess
  let relayUrl: string
  let project: string
  let cacheHome: string
  let published: CliRun
  let direct: CliRun
  const articles = ['one.md', 'two.md', 'three.md']

  beforeAll(async () => {
    emulator = await startEmulator({ ...account, publishDelayMs: 0, faults: { ipWhitelist: [RELAY_ADDRESS] } })
    const relayHome = await createTempDir('relay-host')
    relay = spawnCli(['relay', '--local-address', RELAY_ADDRESS], {
      cwd: relayHome,
      env: { WEIXIN_APPID: account.appId, WEIXIN_APPSECRET: account.appSecret, MDWX_RELAY_KEYS: key, WEIXIN_API_BASE: emulator.url },
    })
    await waitFor(() => /listening on (http:\S+)/.test(relay.output().stderr), 'the relay to listen')
    relayUrl = /listening on (http:\S+)/.exec(relay.output().stderr)![1]!

    project = await createTempDir('relay-client')
    cacheHome = await createTempDir('relay-client-cache')
    await writePicturePosts(path.join(project, 'posts'), { 'three.md': '# Three\n\n![c](one.png)\n\nText.\n' })
    // The client side knows the relay and a key, nothing of the account.
    published = await runCli(['publish', 'posts', '--json'], { cwd: project, env: { MDWX_RELAY: relayUrl, MDWX_RELAY_KEY: key, XDG_CACHE_HOME: cacheHome } })
    direct = await runCli(['publish', 'posts', '--force', '--lock', path.join(await createTempDir('relay-direct'), 'mdwx.lock.json')], {
      cwd: project,
      env: { WEIXIN_API_BASE: emulator.url, WEIXIN_APPID: account.appId, WEIXIN_APPSECRET: account.appSecret, XDG_CACHE_HOME: await createTempDir('relay-direct-cache') },
    })
  })

  afterAll(async () => {
    relay?.child.kill('SIGINT')
    await relay?.done
    await emulator?.close()
    await removeTempDirs()
  })

  /** The token the relay used: stable_token hands out the same one while it is valid (asked from the whitelisted address). */
  async function currentToken(): Promise<string> {
    const token = await tokenOf(emulator.url, account)
    expect(token.length).toBeGreaterThan(20)
    return token
  }

  it('publish through the relay creates every article, once, under the account the relay serves', async () => {
    expect(published.code, published.stderr).toBe(0)
    const report = JSON.parse(published.stdout) as { appId: string; articles: Array<{ status: string }> }
    expect(report.appId).toBe(account.appId)
    expect(report.articles.map((article) => article.status)).toEqual(['created', 'created', 'created'])
    expect(draftArticles(emulator).map((article) => article.title).sort()).toEqual(['One', 'Three', 'Two'])
    const lock = JSON.parse(await readFile(path.join(project, 'mdwx.lock.json'), 'utf8')) as { accounts: Record<string, { articles: Record<string, unknown> }> }
    expect(Object.keys(lock.accounts)).toEqual([account.appId])
    expect(Object.keys(lock.accounts[account.appId]!.articles).sort()).toEqual(articles.map((name) => `posts/${name}`).sort())
  })

  it('the same publish straight from this machine gets 40164 naming its address', () => {
    expect(direct.code).toBe(1)
    const printed = direct.stdout + direct.stderr
    expect(printed).toContain('40164')
    expect(printed).toContain("this machine's IP (127.0.0.1)")
  })

  it('neither the secret nor a token is in anything the client side printed or wrote', async () => {
    const token = await currentToken()
    for (const text of [published.stdout, published.stderr]) {
      expect(text).not.toContain(account.appSecret)
      expect(text).not.toContain(token)
    }
    for (const file of [...(await filesBelow(project)), ...(await filesBelow(cacheHome))]) {
      const text = await readFile(file, 'latin1')
      expect(text, file).not.toContain(account.appSecret)
      expect(text, file).not.toContain(token)
    }
    // The relay's access log (its stdout) has neither, nor the key.
    const log = relay.output().stdout
    expect(log.split('\n').filter(Boolean).length).toBeGreaterThan(3)
    for (const secret of [account.appSecret, token, key]) expect(log).not.toContain(secret)
  })

  it('a wrong key is a 401 that names the header; the run stops with exit 1', async () => {
    const run = await runCli(['publish', 'posts', '--force'], { cwd: project, env: { MDWX_RELAY: relayUrl, MDWX_RELAY_KEY: 'a-wrong-key-0123456789abcdef', XDG_CACHE_HOME: cacheHome } })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('HTTP 401')
    expect(run.stderr).toContain('Authorization: Bearer <key>')
    expect(run.stderr).toContain('MDWX_RELAY_KEY')
  })

  it('an endpoint outside the list is a 404 with a sentence', async () => {
    const response = await fetch(`${relayUrl}/cgi-bin/user/info?openid=x`, { headers: { authorization: `Bearer ${key}` } })
    expect(response.status).toBe(404)
    const { mdwx_relay: note } = (await response.json()) as { mdwx_relay: { error: string } }
    expect(note.error).toContain('The relay forwards only the Weixin calls mdwx makes')
  })

  it('MDWX_RELAY without MDWX_RELAY_KEY is a usage error naming the variable', async () => {
    const run = await runCli(['publish', 'posts'], { cwd: project, env: { MDWX_RELAY: relayUrl, XDG_CACHE_HOME: cacheHome } })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('set it to one of the relay')
    expect(run.stderr).toContain('MDWX_RELAY_KEY')
  })
})
