import { cp, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { startEmulator, type Emulator } from '@mdwx/emulator'
import type { PublishReport } from '@mdwx/publish'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { articlePaths, callsTo, draftArticles, emulatorEnv, timesUploaded, uploadPaths } from './support/emulator.js'
import { sha256 } from './support/fixtures.js'
import { repoRoot, runCli, type CliRun } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

/**
 * The Hugo recipe of the README, as a user runs it: `mdwx publish content/posts` at the root of a
 * Hugo site (a copy of examples/hugo-site: hugo.toml, TOML and YAML front matter, a page bundle,
 * `{{< figure >}}` and `{{< highlight >}}`, a section list page, a draft, pictures in static/),
 * with the built CLI against the emulator. No hugo binary: mdwx reads the site's Markdown, not
 * Hugo's output.
 */
describe('the Hugo recipe: mdwx publish content/posts at a Hugo site’s root', () => {
  let emulator: Emulator
  let site: string
  let env: Record<string, string>
  let first: CliRun
  let report: PublishReport
  const example = path.join(repoRoot, 'examples/hugo-site')

  beforeAll(async () => {
    emulator = await startEmulator({ publishDelayMs: 0 })
    site = await createTempDir('hugo-recipe')
    await cp(example, site, { recursive: true })
    env = emulatorEnv(emulator, await createTempDir('hugo-recipe-cache'))
    first = await runCli(['publish', 'content/posts', '--json', '--quiet'], { cwd: site, env })
    report = JSON.parse(first.stdout) as PublishReport
  })

  afterAll(async () => {
    await emulator?.close()
    await removeTempDirs()
  })

  it('creates one draft per post: the bundle named after its folder, TOML and YAML front matter read; the draft and _index.md left out', async () => {
    expect(first.code, first.stderr).toBe(0)
    const statuses = Object.fromEntries(report.articles.map((article) => [article.key, article.status]))
    expect(statuses).toEqual({
      'content/posts/draft-osaka.md': 'skipped',
      'content/posts/kiyomizu.md': 'created',
      'content/posts/kyoto-autumn/index.md': 'created',
      'content/posts/route.md': 'created',
    })
    const drafts = Object.fromEntries(draftArticles(emulator).map((article) => [article.title, article]))
    expect(Object.keys(drafts).sort()).toEqual(['kyoto-autumn', '一天的路线', '清水寺的早晨'])
    expect(drafts['清水寺的早晨']?.digest).toBe('七点开门前到清水寺，看舞台上的第一缕阳光；顺便用一个小脚本排好了一天的路线。')
    expect(drafts['一天的路线']?.digest).toBe('从清水寺走到祇园，一共四公里，YAML 前言的文章。')
    expect(drafts['kyoto-autumn']?.content).toMatch(/<img [^>]*src="http/)
    expect(JSON.parse(await readFile(path.join(site, 'mdwx.lock.json'), 'utf8'))).toBeTypeOf('object')
  })

  it('shows the figure with its caption, and the highlight as code', () => {
    const content = draftArticles(emulator).find((article) => article.title === '清水寺的早晨')!.content
    expect(content).toMatch(/<figure[^>]*>\n?<p[^>]*><img [^>]*src="http[^"]*"[^>]*><\/p>\n?<figcaption[^>]*><strong>清水舞台<\/strong><br>\n?早上七点的 <strong>清水舞台<\/strong> 摄影：小林/)
    expect(content).toContain('<pre')
    expect(content).toContain('二年坂')
    expect(content).not.toContain('{{')
  })

  it('uploads each picture once, from the bundle’s folder and from static/, a cover and a body picture alike', async () => {
    const static_ = (name: string) => readFile(path.join(example, 'static/images', name))
    const kiyomizu = sha256(await static_('kiyomizu.jpg'))
    const route = sha256(await static_('route.png'))
    const maple = sha256(await readFile(path.join(example, 'content/posts/kyoto-autumn/maple.jpg')))
    expect([timesUploaded(emulator, kiyomizu), timesUploaded(emulator, kiyomizu, 'cover')]).toEqual([1, 1])
    expect([timesUploaded(emulator, route), timesUploaded(emulator, route, 'cover')]).toEqual([1, 1])
    expect([timesUploaded(emulator, maple), timesUploaded(emulator, maple, 'cover')]).toEqual([1, 1])
  })

  it('a second run uploads and creates nothing', async () => {
    const before = { articles: callsTo(emulator, articlePaths), uploads: callsTo(emulator, uploadPaths) }
    const second = await runCli(['publish', 'content/posts', '--json', '--quiet'], { cwd: site, env })
    expect(second.code, second.stderr).toBe(0)
    expect((JSON.parse(second.stdout) as PublishReport).articles.map((article) => article.status).sort()).toEqual(['skipped', 'unchanged', 'unchanged', 'unchanged'])
    expect({ articles: callsTo(emulator, articlePaths), uploads: callsTo(emulator, uploadPaths) }).toEqual(before)
  })

  it('mdwx check names a broken shortcode with its file and line, and calls no Weixin', async () => {
    await writeFile(path.join(site, 'content/posts/broken.md'), '+++\ntitle = "写坏的"\n+++\n\n开头。\n\n{{< figure src="/images/kiyomizu.jpg" caption="没有结束"\n\n{{% notice %}}\n没有结束标签\n')
    const calls = emulator.state.calls.length
    const run = await runCli(['check', 'content/posts'], { cwd: site, env })
    const output = run.stdout + run.stderr
    expect(output).toMatch(/content\/posts\/broken\.md:7:1 +warning +A `\{\{<` that is not a Hugo shortcode[^\n]*hugo-shortcode-malformed/)
    expect(output).toMatch(/content\/posts\/broken\.md:9:1 +warning +[^\n]*hugo-shortcode-unknown/)
    expect(emulator.state.calls.length).toBe(calls)
  })
})
