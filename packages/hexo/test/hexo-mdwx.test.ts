import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { startEmulator, type Emulator } from '@mdwx/emulator'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { articlePaths, callsTo, draftArticles, emulatorEnv, uploadPaths } from '../../../test/support/emulator.js'
import { removeTempDirs } from '../../../test/support/temp.js'
import { assertPluginBuilt, brokenPlace, copyExample, runHexo, writeSite } from './site.js'

/**
 * A real Hexo 8 site in a temp folder, built and published through Hexo's own command line, with
 * the plugin loaded by Hexo from the site's package.json; Weixin is the emulator.
 */
describe('hexo-mdwx in a Hexo site', () => {
  let emulator: Emulator

  beforeAll(assertPluginBuilt)
  beforeEach(async () => {
    emulator = await startEmulator()
  })
  afterEach(() => emulator.close())
  afterAll(removeTempDirs)

  const envFor = (site: string) => emulatorEnv(emulator, path.join(site, '.home/.cache'))
  const postPage = (site: string, slug: string) => path.join(site, 'public', slug, 'index.html')

  it('hexo generate builds the site, logs each problem at its place, and never calls Weixin', async () => {
    const site = await writeSite()
    // Credentials and the emulator are there: nothing but the plugin's restraint keeps it from calling.
    const run = await runHexo(site, ['generate'], envFor(site))
    expect(run.code).toBe(0)
    expect(run.output).toContain('INFO  Checking the posts for Weixin: mdwx check source/_posts --asset-root=source --quiet')
    expect(run.stderr).toMatch(new RegExp(`^ERROR ${brokenPlace}  error  Image "missing\\.png" could not be resolved.*image-unresolved$`, 'm'))
    expect(run.stderr).toContain('ERROR ✖ 1 of 3 articles cannot be published')
    // The other posts have no problem, and the site is written.
    expect(run.output).not.toMatch(/source\/_posts\/(hello|tips)\.md/)
    expect(existsSync(postPage(site, '2024/05/01/hello'))).toBe(true)
    expect(emulator.state.calls).toEqual([])
    expect(existsSync(path.join(site, 'mdwx.lock.json'))).toBe(false)
  })

  it('with mdwx.strict, a post that cannot be published fails hexo generate before anything is written', async () => {
    const site = await writeSite('mdwx:\n  strict: true\n')
    const run = await runHexo(site, ['generate'], envFor(site))
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain(`ERROR ${brokenPlace}  error`)
    expect(run.stderr).toContain('mdwx check ended with exit code 1 and mdwx.strict is on')
    expect(existsSync(path.join(site, 'public'))).toBe(false)
    expect(emulator.state.calls).toEqual([])
  })

  it('hexo mdwx publish makes two drafts and names the broken post; a second build that publishes (MDWX_PUBLISH=1) creates and uploads nothing', async () => {
    const site = await writeSite('mdwx:\n  keep_going: true\n')
    const first = await runHexo(site, ['mdwx', 'publish'], envFor(site))
    expect(first.code).toBe(1)
    expect(first.stderr).toMatch(new RegExp(`^ERROR ${brokenPlace}  error  .*image-unresolved$`, 'm'))
    const drafts = draftArticles(emulator)
    expect(drafts.map((draft) => draft.title).sort()).toEqual(['你好，世界', '写作小贴士'])
    // Hexo's front matter and excerpt, read by mdwx: the text before <!-- more --> is the digest.
    const hello = drafts.find((draft) => draft.title === '你好，世界')!
    expect(hello.digest).toBe('第一篇文章的摘要。')
    // The NexT-style callout is a callout, its title kept.
    const tips = drafts.find((draft) => draft.title === '写作小贴士')!
    expect(tips.content).toContain('提示')
    expect(tips.content).toContain('多写，多改。')
    expect(tips.content).not.toContain('{%')
    // The ledger is the site's.
    const lock = await readFile(path.join(site, 'mdwx.lock.json'), 'utf8')
    expect(lock).toContain('source/_posts/hello.md')

    const created = callsTo(emulator, articlePaths)
    const uploaded = callsTo(emulator, uploadPaths)
    expect(uploaded).toBeGreaterThanOrEqual(3) // the asset-folder picture and the two covers
    const second = await runHexo(site, ['generate'], { ...envFor(site), MDWX_PUBLISH: '1' })
    expect(second.output).toContain('INFO  Publishing the posts to Weixin: mdwx publish source/_posts --asset-root=source --keep-going')
    expect(second.stdout).toContain('0 created, 0 updated, 2 unchanged')
    // Publishing in the build: a post that failed fails the build.
    expect(second.code).not.toBe(0)
    expect(second.stderr).toContain(`ERROR ${brokenPlace}  error`)
    expect(callsTo(emulator, articlePaths)).toBe(created)
    expect(callsTo(emulator, uploadPaths)).toBe(uploaded)
    expect(draftArticles(emulator)).toHaveLength(2)
  })

  it('hexo deploy with "type: mdwx" builds, then publishes with the entry’s options, and fails on the broken post', async () => {
    const site = await writeSite('deploy:\n  - type: mdwx\n    keep_going: true\n')
    const run = await runHexo(site, ['deploy'], envFor(site))
    expect(run.code).not.toBe(0)
    expect(run.output).toContain('INFO  Publishing to Weixin: mdwx publish source/_posts --asset-root=source --keep-going')
    expect(run.stderr).toContain(`ERROR ${brokenPlace}  error`)
    expect(run.stderr).toContain('mdwx publish ended with exit code 1')
    // The deployer reports the problems: the build step does not check the same posts first.
    expect(run.output).not.toContain('Checking the posts for Weixin')
    expect(existsSync(postPage(site, '2024/05/01/hello'))).toBe(true)
    expect(draftArticles(emulator).map((draft) => draft.title).sort()).toEqual(['你好，世界', '写作小贴士'])
  })

  it('hexo mdwx passes mdwx’s options through, with the mdwx: block as their defaults', async () => {
    const site = await writeSite('mdwx:\n  exclude: source/_posts/broken.md\n  theme: tech\n')
    // --json: the report itself on stdout, unprefixed; --drafts adds source/_drafts.
    const check = await runHexo(site, ['mdwx', 'check', '--json', '--drafts'], envFor(site))
    expect(check.code).toBe(0)
    const report = JSON.parse(check.stdout.slice(check.stdout.indexOf('{'))) as { articles: Array<{ relativePath: string; status: string }> }
    expect(report.articles.map((article) => `${article.relativePath} ${article.status}`).sort()).toEqual(['hello.md ok', 'idea.md ok', 'tips.md ok'])
    // A word after a switch (minimist took it as the switch's value) is still a path; --out takes its value.
    const convert = await runHexo(site, ['mdwx', 'convert', '--quiet', 'source/_posts/tips.md', '--out', 'weixin'], envFor(site))
    expect(convert.code).toBe(0)
    expect(convert.stdout).toContain('INFO  1 HTML file written to weixin')
    const html = await readFile(path.join(site, 'weixin/tips.html'), 'utf8')
    expect(html).toContain('多写，多改。')
    expect(emulator.state.calls).toEqual([])
  })

  it('examples/hexo-site: hexo deploy builds the blog and publishes its two posts for Weixin, as its README says', async () => {
    const site = await copyExample()
    const run = await runHexo(site, ['deploy'], envFor(site))
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('INFO  Deploy done: mdwx')
    expect(existsSync(path.join(site, 'public/index.html'))).toBe(true)
    const drafts = draftArticles(emulator)
    // site-notice.md says weixin: false.
    expect(drafts.map((draft) => draft.title).sort()).toEqual(['写作的三个小习惯', '博客和公众号，一份 Markdown'])
    expect(drafts.find((draft) => draft.title === '博客和公众号，一份 Markdown')!.digest).toBe('同一篇文章，既发在博客上，也发到公众号：Hexo 照常生成网站，hexo-mdwx 把文章交给公众号。')
  })
})
