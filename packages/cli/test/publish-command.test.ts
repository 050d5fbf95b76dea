import { existsSync } from 'node:fs'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DEMO_APP_ID, DEMO_APP_SECRET, type Emulator, startEmulator } from '@mdwx/emulator'
import type { PublishReport } from '@mdwx/publish'
import { runCli } from 'mdwx'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test/support/cli-io.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

describe('mdwx publish', () => {
  let emulator: Emulator
  let cwd: string
  let cacheHome: string

  /** A fresh project with two posts (and a draft), and the environment pointing at the emulator. */
  async function project(): Promise<{ cwd: string; env: Record<string, string> }> {
    const folder = await createTempDir('publish-command')
    await writeFiles(folder, {
      'posts/p.png': await pictures.png(),
      'posts/a.md': '# A\n\n![p](p.png)\n',
      'posts/b.md': '# B\n\n![p](p.png)\n\nMore.\n',
      'posts/later.md': '---\ndraft: true\n---\n\n# Later\n',
    })
    return { cwd: folder, env: { WEIXIN_API_BASE: emulator.url, WEIXIN_APPID: DEMO_APP_ID, WEIXIN_APPSECRET: DEMO_APP_SECRET, XDG_CACHE_HOME: cacheHome } }
  }

  beforeAll(async () => {
    cacheHome = await createTempDir('publish-command-cache')
  })

  afterEach(async () => {
    await emulator?.close()
  })

  afterAll(removeTempDirs)

  async function freshEmulator(options: Parameters<typeof startEmulator>[0] = {}) {
    emulator = await startEmulator(options)
    return emulator
  }

  it('publishes: the summary table on stdout, the 45103 notice and one progress line per article on stderr, exit 0', async () => {
    await freshEmulator()
    const { cwd, env } = await project()
    const { io, stdout, stderr } = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts'], io)).toBe(0)
    const lines = stdout().split('\n')
    expect(lines[0]).toMatch(/^article\s+status\s+target\s+media_id\s+images up\/reused$/)
    expect(lines[1]).toMatch(/^─+  ─+  ─+  ─+  ─+$/)
    expect(lines[2]).toMatch(/^posts\/a\.md\s+created\s+draft\s+\S+\s+\d\/\d$/)
    expect(lines[3]).toMatch(/^posts\/b\.md\s+created\s+draft\s+\S+\s+\d\/\d$/)
    expect(lines[4]).toMatch(/^posts\/later\.md\s+skipped\s+0\/0$/)
    expect(stdout()).toMatch(/\n2 created, 0 updated, 0 unchanged, 1 skipped, 0 failed · 2 images uploaded \(\d+ KB\), 2 reused · \d+ API calls · [\d.]+ s\n$/)
    expect(stderr()).toMatch(/^notice: This account answered 45103 to add_news/m)
    expect(stderr().match(/^\[\d\/2\] created posts\/[ab]\.md$/gm)).toHaveLength(2)
    expect(emulator.state.drafts.size).toBe(2)
    expect(existsSync(path.join(cwd, 'mdwx.lock.json'))).toBe(true)
  })

  it('--json: the report on stdout and nothing on stderr', async () => {
    await freshEmulator()
    const { cwd, env } = await project()
    const { io, stdout, stderr } = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts', '--json'], io)).toBe(0)
    const report = JSON.parse(stdout()) as PublishReport
    expect(report.articles.map((article) => [article.key, article.status, article.target])).toEqual([
      ['posts/a.md', 'created', 'draft'],
      ['posts/b.md', 'created', 'draft'],
      ['posts/later.md', 'skipped', undefined],
    ])
    expect(report.appId).toBe(DEMO_APP_ID)
    expect(stderr()).toBe('')
  })

  it('on a terminal: the notice clears the bar\'s line, the bar is drawn again below it', async () => {
    await freshEmulator()
    const { cwd, env } = await project()
    const { io, stderr } = captureIo({ cwd, env, interactive: true })
    expect(await runCli(['publish', 'posts'], io)).toBe(0)
    expect(stderr()).toMatch(/\r\u001b\[2Knotice: This account answered 45103[^\n]*\n\r\u001b\[2K\[[█░]+\] \d\/2/)
    expect(stderr()).toMatch(/\r\u001b\[2K\[█+\] 2\/2 posts\/[ab]\.md/)
    expect(stderr().endsWith('\r\u001b[2K')).toBe(true)
  })

  it('credentials from .env in the working folder; the environment wins over it', async () => {
    await freshEmulator()
    const { cwd } = await project()
    const dotEnv = (secret: string) => `# the account\nWEIXIN_APPID=${DEMO_APP_ID}\nWEIXIN_APPSECRET=${secret}\nWEIXIN_API_BASE=${emulator.url}\n`
    await writeFile(path.join(cwd, '.env'), dotEnv(DEMO_APP_SECRET))
    const fromFile = captureIo({ cwd, env: { XDG_CACHE_HOME: await createTempDir('cache') } })
    expect(await runCli(['publish', 'posts', '--quiet'], fromFile.io)).toBe(0)

    await writeFile(path.join(cwd, '.env'), dotEnv('0'.repeat(32)))
    await writeFile(path.join(cwd, 'posts/a.md'), '# A\n\n![p](p.png)\n\nEdited.\n')
    const overridden = captureIo({ cwd, env: { WEIXIN_APPSECRET: DEMO_APP_SECRET, XDG_CACHE_HOME: await createTempDir('cache') } })
    expect(await runCli(['publish', 'posts', '--quiet'], overridden.io)).toBe(0)
    expect(overridden.stdout()).toMatch(/posts\/a\.md\s+updated/)

    const wrong = captureIo({ cwd, env: { XDG_CACHE_HOME: await createTempDir('cache') } })
    await writeFile(path.join(cwd, 'posts/a.md'), '# A\n\n![p](p.png)\n\nEdited again.\n')
    expect(await runCli(['publish', 'posts', '--quiet'], wrong.io)).toBe(1)
    expect(wrong.stdout()).toContain('40125')
  })

  it('WEIXIN_ACCESS_TOKEN: used as is, nothing cached', async () => {
    await freshEmulator()
    const { cwd } = await project()
    const answer = await fetch(`${emulator.url}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: DEMO_APP_ID, secret: DEMO_APP_SECRET }),
    })
    const { access_token: token } = (await answer.json()) as { access_token: string }
    const cache = await createTempDir('cache')
    const { io, stdout } = captureIo({ cwd, env: { WEIXIN_ACCESS_TOKEN: token, WEIXIN_API_BASE: emulator.url, XDG_CACHE_HOME: cache } })
    expect(await runCli(['publish', 'posts', '--quiet'], io)).toBe(0)
    expect(stdout()).toContain('2 created')
    expect(emulator.state.count('stable_token')).toBe(1) // ours, above
    expect(await readdir(cache)).toEqual([])
    expect(stdout()).not.toContain(token)
  })

  it('missing credentials: exit 2 naming the variables; a dry run needs none and sends nothing', async () => {
    await freshEmulator()
    const { cwd } = await project()
    const missing = captureIo({ cwd, env: { WEIXIN_API_BASE: emulator.url } })
    expect(await runCli(['publish', 'posts'], missing.io)).toBe(2)
    expect(missing.stderr()).toMatch(/^mdwx: Missing credentials: set WEIXIN_APPID and WEIXIN_APPSECRET \(or WEIXIN_ACCESS_TOKEN\)\.\n.*never accepted as flags/s)

    const dry = captureIo({ cwd, env: {} })
    expect(await runCli(['publish', 'posts', '--dry-run'], dry.io)).toBe(0)
    expect(dry.stdout()).toMatch(/^article\s+would be\s+target/)
    expect(dry.stdout()).toMatch(/posts\/a\.md\s+created/)
    expect(dry.stdout()).toContain('2 images to upload, 2 reused · dry run: nothing sent')
    expect(emulator.state.calls).toEqual([])
    expect(existsSync(path.join(cwd, 'mdwx.lock.json'))).toBe(false)
  })

  it('--dry-run without WEIXIN_APPID: the lock file\'s only account is the one; with two, a notice says it cannot choose', async () => {
    await freshEmulator()
    const { cwd, env } = await project()
    expect(await runCli(['publish', 'posts', '--quiet'], captureIo({ cwd, env }).io)).toBe(0)

    const single = captureIo({ cwd, env: {} })
    expect(await runCli(['publish', 'posts', '--dry-run', '--json'], single.io)).toBe(0)
    const report = JSON.parse(single.stdout()) as PublishReport
    expect(report.appId).toBe(DEMO_APP_ID)
    expect(report.articles.map((article) => [article.key, article.status])).toEqual([
      ['posts/a.md', 'unchanged'],
      ['posts/b.md', 'unchanged'],
      ['posts/later.md', 'skipped'],
    ])

    const appIdOnly = captureIo({ cwd, env: { WEIXIN_APPID: DEMO_APP_ID } })
    expect(await runCli(['publish', 'posts', '--dry-run'], appIdOnly.io)).toBe(0)
    expect(appIdOnly.stdout()).toMatch(/^posts\/a\.md\s+unchanged/m)

    const lockPath = path.join(cwd, 'mdwx.lock.json')
    const lock = JSON.parse(await readFile(lockPath, 'utf8')) as { accounts: Record<string, unknown> }
    lock.accounts['wx1111111111111111'] = lock.accounts[DEMO_APP_ID]
    await writeFile(lockPath, JSON.stringify(lock))
    const two = captureIo({ cwd, env: {} })
    expect(await runCli(['publish', 'posts', '--dry-run'], two.io)).toBe(0)
    expect(two.stderr()).toBe(
      'notice: Without WEIXIN_APPID the lock file cannot be consulted (mdwx.lock.json records 2 accounts): every article is reported as new.\n',
    )
    expect(two.stdout()).toMatch(/^posts\/a\.md\s+created/m)
    expect(emulator.state.count('draft/add')).toBe(2) // the real run's, nothing since
  })

  it('--keep-going publishes the valid articles and still exits 1', async () => {
    await freshEmulator()
    const { cwd, env } = await project()
    await writeFiles(cwd, { 'posts/broken.md': '# Broken\n\n![gone](gone.png)\n' })
    const held = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts'], held.io)).toBe(1)
    expect(held.stdout()).toContain('2 valid articles not published because others have errors')
    expect(held.stdout()).toMatch(/^posts\/broken\.md:3:1  error  .*gone\.png.*  image-unresolved$/m)
    expect(emulator.state.calls).toEqual([])

    const going = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts', '--keep-going'], going.io)).toBe(1)
    expect(going.stdout()).toMatch(/2 created, 0 updated, 0 unchanged, 1 skipped, 1 failed/)
  })

  it('--target, --lock, --concurrency, --theme, --force and --submit reach the run', async () => {
    await freshEmulator({ newsApi: 'available', publishDelayMs: 0 })
    const { cwd, env } = await project()
    const first = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts', '--target', 'draft', '--lock', 'weixin.lock.json', '--concurrency', '1', '--theme', 'tech', '--quiet'], first.io)).toBe(0)
    expect(emulator.state.count('material/add_news')).toBe(0)
    expect(existsSync(path.join(cwd, 'weixin.lock.json'))).toBe(true)
    expect(existsSync(path.join(cwd, 'mdwx.lock.json'))).toBe(false)

    const forced = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts/a.md', '--target', 'draft', '--lock', 'weixin.lock.json', '--theme', 'tech', '--force', '--submit', '--quiet'], forced.io)).toBe(0)
    expect(forced.stdout()).toMatch(/posts\/a\.md\s+created/)
    expect(forced.stdout()).toMatch(/\nPublished:\n  posts\/a\.md: http:\/\/127\.0\.0\.1:\d+\/s\/\S+\n/)
    expect(emulator.state.count('freepublish/submit')).toBe(1)
  })

  it('--help lists every option, exit 0', async () => {
    const { io, stdout } = captureIo({ cwd: process.cwd() })
    expect(await runCli(['publish', '--help'], io)).toBe(0)
    for (const flag of ['--target', '--submit', '--dry-run', '--keep-going', '--force', '--concurrency', '--theme', '--allow-private-network', '--lock', '--json', '--quiet']) {
      expect(stdout()).toContain(flag)
    }
    expect(stdout()).toContain('WEIXIN_APPID')
  })

  it.each([
    [['publish'], /needs at least one file or folder/],
    [['publish', 'posts', '--target', 'newspaper'], /--target expects auto, news or draft, got "newspaper"/],
    [['publish', 'posts', '--concurrency', '0'], /Expected a whole number of 1 or more for --concurrency, got "0"\./],
    [['publish', 'posts', '--concurrency', 'many'], /Expected a whole number of 1 or more for --concurrency, got "many"/],
    [['publish', 'posts', '--concurrency', '1e1'], /Expected a whole number of 1 or more for --concurrency, got "1e1"/],
    [['publish', 'posts', '--appsecret', 'x'], /Unknown option '--appsecret'/],
    [['publish', 'nowhere', '--dry-run'], /No such file or folder: nowhere/],
  ])('misuse %j: exit 2, nothing sent', async (args, said) => {
    await freshEmulator()
    const { cwd, env } = await project()
    const { io, stdout, stderr } = captureIo({ cwd, env })
    expect(await runCli(args, io)).toBe(2)
    expect(stderr()).toMatch(said)
    expect(stdout()).toBe('')
    expect(emulator.state.calls).toEqual([])
  })
})

describe('mdwx demo', () => {
  let cwd: string

  beforeAll(async () => {
    cwd = await createTempDir('demo-command')
    await writeFiles(cwd, { 'posts/p.png': await pictures.png(), 'posts/hello.md': '# Hello\n\n![p](p.png)\n' })
  })

  afterAll(removeTempDirs)

  it('publishes a folder to an emulator of its own, prints the summary and where the drafts were', async () => {
    const { io, stdout, stderr } = captureIo({ cwd })
    expect(await runCli(['demo', 'posts'], io)).toBe(0)
    expect(stderr()).toMatch(/^Weixin emulator listening at http:\/\/127\.0\.0\.1:\d+\nPublishing posts with --target auto\.\.\.\n/)
    expect(stderr()).toContain('notice: This account answered 45103')
    expect(stdout()).toMatch(/posts\/hello\.md\s+created\s+draft/)
    expect(stdout()).toMatch(/The drafts were at http:\/\/127\.0\.0\.1:\d+\/ while the demo ran/)
    expect(await readdir(cwd)).toEqual(['posts']) // no lock file left behind
  })

  it('--keep: the emulator serves the drafts until interrupted', async () => {
    const { io, stdout, interrupt } = captureIo({ cwd })
    const run = runCli(['demo', 'posts', '--keep'], io)
    let url: string | undefined
    while (url === undefined) {
      url = /The drafts are at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout())?.[1]
      if (url === undefined) await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const page = await (await fetch(`${url}/`)).text()
    expect(page).toContain('Hello')
    interrupt()
    expect(await run).toBe(0)
    await expect(fetch(`${url}/`)).rejects.toThrow()
  })

  it('a folder that is not there: exit 2 with what to do, in the words it was started with', async () => {
    const { io, stderr } = captureIo({ cwd })
    expect(await runCli(['demo', 'nowhere'], io)).toBe(2)
    expect(stderr()).toBe('mdwx: There is no nowhere here.\nGive a folder of Markdown, or run "mdwx demo" without one to publish the sample posts.\n')
    const npx = captureIo({ cwd, env: { npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false', npm_lifecycle_event: 'npx', npm_command: 'exec' } })
    expect(await runCli(['demo', 'nowhere'], npx.io)).toBe(2)
    expect(npx.stderr()).toContain('or run "npx mdwx demo" without one')
  })

  it('without a folder, from a folder outside the repository: publishes the sample posts it comes with', async () => {
    const { io, stdout, stderr } = captureIo({ cwd, env: { npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false', npm_lifecycle_event: 'npx', npm_command: 'exec' } })
    expect(await runCli(['demo'], io), stderr()).toBe(0)
    expect(stderr()).toContain('Publishing examples/posts with --target auto...')
    expect(stdout()).toMatch(/^examples\/posts\/01-hello-mdwx\.md\s+created\s+draft/m)
    expect(stdout()).toContain('"npx mdwx demo --keep" keeps the emulator running')
    expect(await readdir(cwd)).toEqual(['posts']) // nothing written here
  })
})
