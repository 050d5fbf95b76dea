import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { createRelay, type Relay } from '@mdwx/relay'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { draftArticles } from './support/emulator.js'
import { writeFiles } from './support/fixtures.js'
import { RELAY_ADDRESS } from './support/local-address.js'
import * as pictures from './support/pictures.js'
import { type CliRun, runCli } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

describe('named accounts: one run, several accounts, each with its own lock section, token and way in', () => {
  const blog = { appId: 'wxb10b00c0ffee0001', appSecret: randomBytes(16).toString('hex') }
  const news = { appId: 'wx4e0500c0ffee0002', appSecret: randomBytes(16).toString('hex') }
  const relayKey = randomBytes(24).toString('hex')
  let blogWeixin: Emulator
  let newsWeixin: Emulator
  let relay: Relay
  let project: string
  let env: Record<string, string>
  let first: CliRun
  let second: CliRun

  beforeAll(async () => {
    blogWeixin = await startEmulator({ ...blog, publishDelayMs: 0 })
    // The news account answers only to its relay's address.
    newsWeixin = await startEmulator({ ...news, publishDelayMs: 0, faults: { ipWhitelist: [RELAY_ADDRESS] } })
    relay = await createRelay({ accounts: [news], keys: [relayKey], weixinBaseUrl: newsWeixin.url, localAddress: RELAY_ADDRESS })
    project = await createTempDir('accounts')
    await writeFiles(project, {
      'mdwx.config.json': JSON.stringify({
        accounts: {
          blog: { appId: blog.appId, secretEnv: 'BLOG_SECRET' },
          news: { appId: news.appId, relay: relay.url, relayKeyEnv: 'NEWS_RELAY_KEY' },
        },
      }),
      'posts/cover.jpg': await pictures.jpeg(),
      'posts/a.md': '---\naccount: news\ncover: cover.jpg\n---\n\n# For the news account\n\nText.\n',
      'posts/b.md': '---\ncover: cover.jpg\n---\n\n# For the blog\n\nText.\n',
      'posts/c.md': '---\naccount: news\n---\n\n# Also news\n\n![p](cover.jpg)\n',
    })
    env = { BLOG_SECRET: blog.appSecret, NEWS_RELAY_KEY: relayKey, WEIXIN_API_BASE: blogWeixin.url, XDG_CACHE_HOME: await createTempDir('accounts-cache') }
    first = await runCli(['publish', 'posts', '--account', 'blog', '--json'], { cwd: project, env })
    second = await runCli(['publish', 'posts', '--account', 'blog'], { cwd: project, env })
  })

  afterAll(async () => {
    await relay?.close()
    await blogWeixin?.close()
    await newsWeixin?.close()
    await removeTempDirs()
  })

  it('front matter `account:` sends an article to its account; --account takes the rest', async () => {
    expect(first.code, first.stderr).toBe(0)
    expect(draftArticles(blogWeixin).map((article) => article.title)).toEqual(['For the blog'])
    expect(draftArticles(newsWeixin).map((article) => article.title).sort()).toEqual(['Also news', 'For the news account'])
    const report = JSON.parse(first.stdout) as { accounts: Array<{ account: string; appId: string; articles: Array<{ path: string; status: string }> }> }
    expect(report.accounts.map((account) => [account.account, account.appId, account.articles.map((article) => article.status)])).toEqual([
      ['news', news.appId, ['created', 'created']],
      ['blog', blog.appId, ['created']],
    ])
  })

  it('each account has its own lock-file section, and a second run changes nothing in either', async () => {
    const lock = JSON.parse(await readFile(path.join(project, 'mdwx.lock.json'), 'utf8')) as { accounts: Record<string, { articles: Record<string, unknown>; covers: Record<string, unknown> }> }
    expect(Object.keys(lock.accounts).sort()).toEqual([blog.appId, news.appId].sort())
    expect(Object.keys(lock.accounts[blog.appId]!.articles)).toEqual(['posts/b.md'])
    expect(Object.keys(lock.accounts[news.appId]!.articles).sort()).toEqual(['posts/a.md', 'posts/c.md'])
    // The same cover was uploaded once to each account: a media_id of one account means nothing in the other.
    expect(Object.keys(lock.accounts[blog.appId]!.covers)).toHaveLength(1)
    expect(Object.keys(lock.accounts[news.appId]!.covers)).toHaveLength(1)
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toContain(`Account news (${news.appId})`)
    expect(second.stdout).toContain(`Account blog (${blog.appId})`)
    expect(second.stdout.match(/unchanged/g)?.length).toBeGreaterThanOrEqual(3)
    expect(draftArticles(blogWeixin)).toHaveLength(1)
    expect(draftArticles(newsWeixin)).toHaveLength(2)
  })

  it('each account has its own token: the blog one fetched directly, the news one only at the relay', () => {
    expect(blogWeixin.state.count('stable_token')).toBeGreaterThan(0)
    // Two runs, one relay: the relay asked once, the client never did.
    expect(newsWeixin.state.count('stable_token')).toBe(1)
  })

  it('no secret, key or token in what the runs printed or in the lock file', async () => {
    const lock = await readFile(path.join(project, 'mdwx.lock.json'), 'utf8')
    for (const text of [first.stdout, first.stderr, second.stdout, second.stderr, lock]) {
      for (const secret of [blog.appSecret, news.appSecret, relayKey]) expect(text).not.toContain(secret)
    }
  })

  it("an unset secret variable stops the run before anything is sent, naming the variable", async () => {
    const before = blogWeixin.state.calls.length + newsWeixin.state.calls.length
    const { BLOG_SECRET: _unset, ...without } = env
    const run = await runCli(['publish', 'posts', '--account', 'blog', '--force'], { cwd: project, env: without })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('The account "blog" (mdwx.config.json) takes its AppSecret from BLOG_SECRET, which is not set: set BLOG_SECRET.')
    expect(blogWeixin.state.calls.length + newsWeixin.state.calls.length).toBe(before)
  })

  it('an article naming an account the config does not have is a usage error naming the file', async () => {
    await writeFile(path.join(project, 'posts/d.md'), '---\naccount: podcast\n---\n\n# Lost\n')
    try {
      const run = await runCli(['publish', 'posts', '--account', 'blog'], { cwd: project, env })
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('posts/d.md: the account "podcast" is not in mdwx.config.json.')
      expect(run.stderr).toContain('It names blog, news.')
    } finally {
      await writeFile(path.join(project, 'posts/d.md'), '---\ndraft: true\n---\n\n# Lost\n')
    }
  })
})
