import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { startEmulator, type Emulator } from '@mdwx/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { articlePaths, callsTo, draftArticles, emulatorEnv, imageSources, uploadPaths } from '../../../test/support/emulator.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'
import { astroBuild, integrationEntry, posts, writeAstroSite } from './astro-site.js'

/**
 * The real Astro 5 (from npm) builds a real site with the integration in astro.config.mjs, against
 * the Weixin emulator. The cases run in order on one site, as a blog's history does: a build, a
 * build that publishes, the same build again. One `astro build` per case.
 */
// An `astro build` takes 5 to 20 s on a loaded machine: the limit only stops a hung build.
const buildTimeout = 180_000

describe('@mdwx/astro in astro build', () => {
  let emulator: Emulator
  let site: string
  let home: string
  let env: Record<string, string>

  beforeAll(async () => {
    if (!existsSync(integrationEntry)) throw new Error(`${integrationEntry} is missing: build the package first (npx tsc -b packages/astro).`)
    emulator = await startEmulator()
    site = await createTempDir('astro-site')
    home = await createTempDir('astro-home')
    await writeAstroSite(site)
    // Credentials are there in every build, so "no call" means the build chose not to call.
    env = emulatorEnv(emulator, path.join(home, '.cache'))
  })

  afterAll(async () => {
    await emulator?.close()
    await removeTempDirs()
  })

  it('a build checks the posts, writes their Weixin HTML to dist/weixin, names the broken post by file:line, and never calls Weixin', async () => {
    const build = await astroBuild(site, home, env)

    expect(build.code, build.output).toBe(0)
    expect(build.output).toMatch(new RegExp(`\\[@mdwx/astro\\] ${posts.broken.file}:${posts.broken.missingPictureAt} {2}error {2}.*/images/missing\\.png.*image-unresolved`))
    expect(build.output).toContain('[@mdwx/astro] mdwx convert src --include \'src/content/blog/**\' --asset-root public --out dist/weixin --quiet')
    const weixin = path.join(site, 'dist', 'weixin', 'content', 'blog')
    const picture = await readFile(path.join(weixin, 'picture.html'), 'utf8')
    // Both pictures were found: public/images/photo.jpg (root-relative) and src/assets/diagram.png (relative).
    expect(imageSources(picture)).toHaveLength(2)
    for (const source of imageSources(picture)) expect(existsSync(path.resolve(weixin, source)), source).toBe(true)
    expect(await readFile(path.join(weixin, 'tip.html'), 'utf8')).toMatch(/提示[\s\S]*构建时只检查，不会发到公众号。/)
    expect(existsSync(path.join(weixin, 'broken.html'))).toBe(true)
    expect(existsSync(path.join(site, 'dist', 'index.html'))).toBe(true)

    expect(emulator.state.calls).toEqual([])
    expect(existsSync(path.join(site, 'mdwx.lock.json'))).toBe(false)
  }, buildTimeout)

  it('with MDWX_PUBLISH=1 the build publishes the two valid posts as drafts and fails, naming the broken post', async () => {
    const build = await astroBuild(site, home, { ...env, MDWX_PUBLISH: '1' })

    expect(build.code, build.output).not.toBe(0)
    expect(build.output).toMatch(new RegExp(`${posts.broken.file}:${posts.broken.missingPictureAt} {2}error`))
    expect(build.output).toContain('--keep-going')
    expect(build.output).toMatch(new RegExp(`\\[@mdwx/astro\\] ${posts.broken.file} +failed`))
    expect(build.output).toContain('@mdwx/astro: publishing to Weixin failed for the posts marked failed above.')
    const drafts = draftArticles(emulator)
    expect(drafts.map((draft) => draft.title).sort()).toEqual([posts.picture.title, posts.tip.title].sort())
    const picture = drafts.find((draft) => draft.title === posts.picture.title)!
    expect(imageSources(picture.content)).toHaveLength(2)
    // The lock file is at the site root, naming each post by its path from there.
    const lock = await readFile(path.join(site, 'mdwx.lock.json'), 'utf8')
    expect(lock).toContain(posts.picture.file)
    expect(lock).toContain(posts.tip.file)
    expect(lock).not.toContain(posts.broken.file)
  }, buildTimeout)

  it('the same build with publishing again uploads nothing and creates nothing', async () => {
    const before = { uploads: callsTo(emulator, uploadPaths), articles: callsTo(emulator, articlePaths), drafts: emulator.state.drafts.size }

    const build = await astroBuild(site, home, { ...env, MDWX_PUBLISH: '1' })

    // The broken post still cannot be published: the publish that was asked for still fails.
    expect(build.code, build.output).not.toBe(0)
    expect(callsTo(emulator, uploadPaths)).toBe(before.uploads)
    expect(callsTo(emulator, articlePaths)).toBe(before.articles)
    expect(emulator.state.drafts.size).toBe(before.drafts)
    expect(build.output).toMatch(/0 created, 0 updated, 2 unchanged/)
  }, buildTimeout)
})
