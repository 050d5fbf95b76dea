import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { startEmulator, type Emulator } from '@mdwx/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { articlePaths, callsTo, draftArticles, emulatorEnv, uploadPaths } from '../../../test/support/emulator.js'
import { createTempDir, filesBelow, removeTempDirs } from '../../../test/support/temp.js'
import { buildSite, pages, writeRootSite, writeSrcDirSite } from './vitepress-site.js'

// Real VitePress 1 builds (its CLI, in a child process) of real sites in temp folders, against
// the Weixin emulator. The cases of one describe block share a site and run in order.

let emulator: Emulator
let home: string

beforeAll(async () => {
  emulator = await startEmulator()
  home = await createTempDir('vitepress-home')
})

afterAll(async () => {
  await emulator.close()
  await removeTempDirs()
})

describe('a site at its root, withMdwx(config, { screenshots: true })', () => {
  let site: string
  const weixin = () => path.join(site, '.vitepress', 'dist', 'weixin')

  beforeAll(async () => {
    site = await createTempDir('vitepress-site')
    await writeRootSite(site, '{ screenshots: true }')
  })

  it('validates and writes the Weixin HTML after the build, names the broken page, and never calls Weixin', async () => {
    // No Chromium at this path: screenshots are an optional part, the build must not fail for them.
    const build = await buildSite(site, home, { ...emulatorEnv(emulator, path.join(home, '.cache')), MDWX_CHROMIUM: path.join(site, 'no-chromium') })

    expect(build.output).toContain(`${pages.broken.file}:${pages.broken.pictureAt}  error  `)
    expect(build.output).toContain('mdwx convert . --out .vitepress/dist/weixin')
    // The site's own buildEnd still runs, before mdwx's.
    expect(build.output.indexOf("the site's own buildEnd ran")).toBeGreaterThan(-1)
    expect(build.output.indexOf("the site's own buildEnd ran")).toBeLessThan(build.output.indexOf('mdwx convert'))
    expect(build.output).toContain('Screenshots were not taken; the build goes on.')
    expect(build.output).toContain('build complete')
    expect(build.code).toBe(0)

    // The HTML mirrors the pages' paths below srcDir. (index.md is left out of this: mdwx is
    // changing how it names an index.md's output, after its folder for Hugo's page bundles.)
    const tip = await readFile(path.join(weixin(), pages.tip.html), 'utf8')
    expect(existsSync(path.join(weixin(), pages.broken.html))).toBe(true)
    expect(tip).toContain('小心')
    expect(tip).toContain('构建时只检查')
    expect(tip).not.toContain(':::')
    // Only what VitePress built: neither the dynamic route's template nor what srcExclude leaves out.
    const written = (await filesBelow(weixin())).filter((file) => file.endsWith('.html'))
    expect(written).toHaveLength(3)
    const contents = await Promise.all(written.map((file) => readFile(file, 'utf8')))
    expect(contents.filter((html) => html.includes('这张图片放在') && /<img\b/.test(html))).toHaveLength(1)
    expect(contents.join('\n')).not.toMatch(/动态路由|草稿/)
    expect(emulator.state.calls).toEqual([])
    expect(existsSync(path.join(site, 'mdwx.lock.json'))).toBe(false)
  })

  it('with MDWX_PUBLISH=1, publishes the two good pages as drafts and fails the build for the broken one', async () => {
    const build = await buildSite(site, home, { ...emulatorEnv(emulator, path.join(home, '.cache')), MDWX_PUBLISH: '1', MDWX_CHROMIUM: path.join(site, 'no-chromium') })

    expect(build.code).not.toBe(0)
    expect(build.output).toContain(`${pages.broken.file}:${pages.broken.pictureAt}  error  `)
    expect(build.output).toContain(`MdwxBuildError: Publishing to Weixin failed: ${pages.broken.file} could not be published`)
    expect(build.output).toContain('The other pages are published')
    expect(draftArticles(emulator).map((article) => article.title).sort()).toEqual([pages.picture.title, pages.tip.title].sort())
    // The ledger is at the site root, beside .vitepress/.
    const lock = await readFile(path.join(site, 'mdwx.lock.json'), 'utf8')
    expect(lock).toContain(pages.tip.file)
    expect(lock).not.toContain(pages.broken.file)
  })

  it('a second build with publishing uploads nothing and creates nothing', async () => {
    const uploads = callsTo(emulator, uploadPaths)
    const creates = callsTo(emulator, articlePaths)

    const build = await buildSite(site, home, { ...emulatorEnv(emulator, path.join(home, '.cache')), MDWX_PUBLISH: '1', MDWX_CHROMIUM: path.join(site, 'no-chromium') })

    expect(build.code).not.toBe(0) // the broken page is still broken
    expect(callsTo(emulator, uploadPaths)).toBe(uploads)
    expect(callsTo(emulator, articlePaths)).toBe(creates)
    expect(draftArticles(emulator)).toHaveLength(2)
    expect(build.output).toMatch(/0 created, 0 updated, 2 unchanged/)
  })
})

describe("a site with srcDir: 'docs', mdwxBuildEnd({ strict: true, out: 'wx', include: ['guide/**'] })", () => {
  it('fails the build on the broken page before publishing anything, and takes only the included pages', async () => {
    const site = await createTempDir('vitepress-srcdir')
    await writeSrcDirSite(site, "{ strict: true, out: 'wx', include: ['guide/**'] }")
    const calls = emulator.state.calls.length

    const build = await buildSite(site, home, { ...emulatorEnv(emulator, path.join(home, '.cache')), MDWX_PUBLISH: '1' })

    expect(build.output).toContain('mdwx convert docs --out .vitepress/dist/wx --include')
    expect(build.output).toContain('docs/guide/broken.md:3:1  error  ')
    expect(build.output).toContain('MdwxBuildError: 1 page cannot be published to Weixin: docs/guide/broken.md.')
    expect(build.code).not.toBe(0)
    // docs/public is where /images/cover.png is found; docs/index.md is outside include.
    const wx = path.join(site, '.vitepress', 'dist', 'wx')
    expect(await readFile(path.join(wx, 'guide', 'ok.html'), 'utf8')).toMatch(/<img\b/)
    expect(existsSync(path.join(wx, 'index.html'))).toBe(false)
    expect(build.output).not.toContain('docs/index.md')
    // strict: a build that fails publishes nothing, even with MDWX_PUBLISH=1.
    expect(emulator.state.calls.length).toBe(calls)
  })
})
