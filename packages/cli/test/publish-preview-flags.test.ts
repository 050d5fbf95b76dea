import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DEMO_APP_ID, DEMO_APP_SECRET, DEMO_OPENID, type Emulator, type EmulatorOptions, startEmulator } from '@mdwx/emulator'
import type { PublishReport } from '@mdwx/publish'
import { runCli } from 'mdwx'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test/support/cli-io.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

describe('mdwx publish --preview-to / --preview-openid / --preview-again', () => {
  let emulator: Emulator | undefined
  let cacheHome: string

  beforeAll(async () => {
    cacheHome = await createTempDir('preview-flags-cache')
  })
  afterEach(async () => {
    await emulator?.close()
    emulator = undefined
  })
  afterAll(removeTempDirs)

  async function project(options: EmulatorOptions = {}, config?: unknown): Promise<{ cwd: string; env: Record<string, string>; emulator: Emulator }> {
    emulator = await startEmulator(options)
    const cwd = await createTempDir('preview-flags')
    await writeFiles(cwd, {
      'posts/p.png': await pictures.png(),
      'posts/a.md': '# A\n\n![p](p.png)\n',
      'posts/b.md': '# B\n\n![p](p.png)\n\nMore.\n',
    })
    if (config !== undefined) await writeFile(path.join(cwd, 'mdwx.config.json'), JSON.stringify(config))
    const env = { WEIXIN_API_BASE: emulator.url, WEIXIN_APPID: DEMO_APP_ID, WEIXIN_APPSECRET: DEMO_APP_SECRET, BLOG_SECRET: DEMO_APP_SECRET, XDG_CACHE_HOME: cacheHome }
    return { cwd, env, emulator }
  }

  it('sends each new draft to the 微信号 and says so per draft; an unchanged re-run sends nothing; --preview-again does', async () => {
    const { cwd, env, emulator } = await project()
    const first = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts', '--preview-to', 'writer_01'], first.io)).toBe(0)
    expect(first.stdout()).toContain('Previews:')
    expect(first.stdout()).toContain("posts/a.md: sent to writer_01's phone")
    expect(first.stdout()).toContain("posts/b.md: sent to writer_01's phone")
    expect(emulator.state.previews.map((preview) => preview.to)).toEqual([{ wxname: 'writer_01' }, { wxname: 'writer_01' }])

    const second = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts', '--preview-to', 'writer_01'], second.io)).toBe(0)
    expect(second.stdout()).toContain("posts/a.md: already on writer_01's phone")
    expect(emulator.state.previews).toHaveLength(2)

    const again = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts/a.md', '--preview-to', 'writer_01', '--preview-again'], again.io)).toBe(0)
    expect(emulator.state.previews).toHaveLength(3)
  })

  it('--preview-openid sends to an openid (touser); --json carries the preview of each article', async () => {
    const { cwd, env, emulator } = await project()
    const { io, stdout } = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts/a.md', '--preview-openid', DEMO_OPENID, '--json'], io)).toBe(0)
    const report = JSON.parse(stdout()) as PublishReport
    expect(report.articles[0]!.preview).toEqual({ to: `openid ${DEMO_OPENID}`, status: 'sent', msgId: expect.stringMatching(/^\d+$/) })
    expect(emulator.state.previews[0]!.to).toEqual({ openid: DEMO_OPENID })
  })

  it.each([
    [['--preview-to', 'writer_01', '--preview-openid', DEMO_OPENID], 'cannot both be given'],
    [['--preview-again'], '--preview-again needs someone'],
    [['--preview-to', 'a nickname'], '--preview-to expects a 微信号'],
  ])('usage errors: %j → exit 2', async (flags, text) => {
    const { cwd, env, emulator } = await project()
    const { io, stderr } = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts', ...flags], io)).toBe(2)
    expect(stderr()).toContain(text)
    expect(emulator.state.calls).toHaveLength(0)
  })

  it('"previewTo" in mdwx.config.json; a named account\'s own previewTo wins; a flag wins over both', async () => {
    const config = { previewTo: { openid: DEMO_OPENID }, accounts: { blog: { appId: DEMO_APP_ID, secretEnv: 'BLOG_SECRET', previewTo: 'blog_writer' } } }
    const { cwd, env, emulator } = await project({}, config)
    expect(await runCli(['publish', 'posts/a.md'], captureIo({ cwd, env }).io)).toBe(0)
    expect(await runCli(['publish', 'posts/b.md', '--account', 'blog'], captureIo({ cwd, env }).io)).toBe(0)
    await writeFile(path.join(cwd, 'posts/b.md'), '# B\n\n![p](p.png)\n\nEdited.\n')
    expect(await runCli(['publish', 'posts/b.md', '--account', 'blog', '--preview-to', 'flag_writer'], captureIo({ cwd, env }).io)).toBe(0)
    expect(emulator.state.previews.map((preview) => preview.to)).toEqual([{ openid: DEMO_OPENID }, { wxname: 'blog_writer' }, { wxname: 'flag_writer' }])
    // --preview-again takes the account's own recipient.
    expect(await runCli(['publish', 'posts/b.md', '--account', 'blog', '--preview-again'], captureIo({ cwd, env }).io)).toBe(0)
    expect(emulator.state.previews.at(-1)!.to).toEqual({ wxname: 'blog_writer' })
  })

  it('a malformed "previewTo" in the config is a usage error naming the key', async () => {
    const { cwd, env } = await project({}, { previewTo: { phone: '123' } })
    const { io, stderr } = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts'], io)).toBe(2)
    expect(stderr()).toContain('mdwx.config.json: "previewTo" must be a 微信号')
  })

  it('an unverified account: the drafts are made, each refusal is shown with its hint, exit 1', async () => {
    const { cwd, env, emulator } = await project({ faults: { unverified: true } })
    const { io, stdout } = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts', '--preview-to', 'writer_01'], io)).toBe(1)
    expect(stdout()).toContain('48001')
    expect(stdout()).toContain('认证')
    expect(stdout()).toContain("not sent to writer_01's phone")
    expect(stdout()).toMatch(/2 created, 0 updated, 0 unchanged, 0 skipped, 0 failed/)
    expect(emulator.state.drafts.size).toBe(2)
  })

  it('--dry-run says what would be sent and sends nothing', async () => {
    const { cwd, env, emulator } = await project()
    const { io, stdout } = captureIo({ cwd, env })
    expect(await runCli(['publish', 'posts', '--preview-to', 'writer_01', '--dry-run'], io)).toBe(0)
    expect(stdout()).toContain("posts/a.md: would be sent to writer_01's phone")
    expect(emulator.state.calls).toHaveLength(0)
  })
})
