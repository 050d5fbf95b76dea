import path from 'node:path'
import { DEMO_APP_ID, type Emulator, startEmulator } from '@mdwx/emulator'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { articlePaths, callsTo, draftArticles, emulatorEnv, uploadPaths } from './support/emulator.js'
import { sha256, writeFiles } from './support/fixtures.js'
import * as pictures from './support/pictures.js'
import { runCli } from './support/run-cli.js'
import { sharp } from './support/sharp.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

const emulators: Emulator[] = []
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()))
})
afterAll(removeTempDirs)

describe('mdwx and covers: generated from the title, defaultCover from the config, crops', () => {
  it('check says a text-only post gets a generated cover; publish sends it with its crops; a re-run sends nothing', async () => {
    const emulator = await startEmulator()
    emulators.push(emulator)
    const project = await createTempDir('covers-cli')
    await writeFiles(project, { 'posts/words.md': '---\ntitle: 一篇只有文字的文章\nauthor: 韩梅梅\n---\n\n正文。\n' })
    const checked = await runCli(['check', 'posts'], { cwd: project, env: {} })
    expect(checked.code, checked.stdout + checked.stderr).toBe(0)
    expect(checked.stdout).toContain('cover-generated')

    const env = emulatorEnv(emulator, path.join(project, '.cache'))
    const first = await runCli(['publish', 'posts'], { cwd: project, env })
    expect(first.code, first.stderr).toBe(0)
    const [article] = draftArticles(emulator)
    expect([article!.pic_crop_235_1, article!.pic_crop_1_1]).toEqual(['0_0_1_1', '0.287222_0_0.712778_1'])
    const cover = emulator.state.materials.get(article!.thumb_media_id)!
    const meta = await sharp(cover.bytes).metadata()
    expect([meta.width, meta.height]).toEqual([900, 383])

    const before = { uploads: callsTo(emulator, uploadPaths), articles: callsTo(emulator, articlePaths) }
    const again = await runCli(['publish', 'posts'], { cwd: project, env })
    expect(again.code, again.stderr).toBe(0)
    expect({ uploads: callsTo(emulator, uploadPaths), articles: callsTo(emulator, articlePaths) }).toEqual(before)
  })

  it('"defaultCover" of mdwx.config.json (relative to it) wins over a generated cover; a named account\'s own wins over it', async () => {
    const emulator = await startEmulator()
    emulators.push(emulator)
    const project = await createTempDir('covers-config')
    const shared = await pictures.jpeg(470, 200)
    const own = await pictures.png(300, 300)
    await writeFiles(project, {
      'art/shared.jpg': shared,
      'art/own.png': own,
      'mdwx.config.json': JSON.stringify({ defaultCover: 'art/shared.jpg', accounts: { demo: { appId: DEMO_APP_ID, secretEnv: 'DEMO_SECRET', defaultCover: 'art/own.png' } } }),
      'posts/a.md': '# Plain\n\nWords.\n',
    })
    const env = emulatorEnv(emulator, path.join(project, '.cache'))
    const plain = await runCli(['publish', 'posts'], { cwd: project, env })
    expect(plain.code, plain.stderr).toBe(0)
    const coverName = () => emulator.state.materials.get(draftArticles(emulator)[0]!.thumb_media_id)!.filename
    expect(coverName()).toMatch(new RegExp(`^cover-${sha256(shared).slice(0, 16)}\\.`))
    // 470×200 is 2.35:1: the feed shows it whole.
    expect(draftArticles(emulator)[0]!.pic_crop_235_1).toBe('0_0_1_1')

    const named = await runCli(['publish', 'posts', '--account', 'demo', '--lock', 'demo.lock.json'], { cwd: project, env: { ...env, DEMO_SECRET: env['WEIXIN_APPSECRET']! } })
    expect(named.code, named.stderr).toBe(0)
    const materials = [...emulator.state.materials.values()].map((material) => material.filename)
    expect(materials.some((name) => name.startsWith(`cover-${sha256(own).slice(0, 16)}.`))).toBe(true)
  })

  it('a "defaultCover" that does not exist is a usage error naming the config, before anything is sent', async () => {
    const emulator = await startEmulator()
    emulators.push(emulator)
    const project = await createTempDir('covers-missing')
    await writeFiles(project, { 'mdwx.config.json': JSON.stringify({ defaultCover: 'art/nope.png' }), 'posts/a.md': '# A\n\nWords.\n' })
    const run = await runCli(['publish', 'posts'], { cwd: project, env: emulatorEnv(emulator, path.join(project, '.cache')) })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('mdwx.config.json')
    expect(run.stderr).toContain('art/nope.png')
    expect(emulator.state.calls).toEqual([])
  })
})
