import { writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import path from 'node:path'
import { openBrowser, type MdwxBrowser } from '@mdwx/browser'
import { runCli } from 'mdwx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test/support/cli-io.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { spawnCli, waitFor } from '../../../test/support/run-cli.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

type Page = Awaited<ReturnType<MdwxBrowser['playwright']['newPage']>>

/** Sixty paragraphs: an article a few screens tall, to scroll in. */
const body = Array.from({ length: 60 }, (_, index) => `段落 ${index}：消息队列解耦、异步、削峰。`).join('\n\n')

/** GET of a path exactly as written (fetch would resolve `..` before sending it), with another Host when asked. */
function rawGet(url: string, pathname: string, host?: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const sent = request({ hostname, port, path: pathname, headers: host === undefined ? {} : { host } }, (response) => {
      let text = ''
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }))
    })
    sent.on('error', reject)
    sent.end()
  })
}

describe('mdwx preview, live', () => {
  let cwd: string
  let browser: MdwxBrowser

  beforeAll(async () => {
    cwd = await createTempDir('preview-live')
    await writeFiles(cwd, {
      'posts/p.png': await pictures.png(300, 200),
      'site/a.md': '# 甲\n\n正文。\n',
      'site/deep/b.md': '# 乙\n\n![gone](gone.png)\n',
      'site/p.png': await pictures.png(40, 30),
      'theme.css': 'p { color: #123456; }\n',
    })
    browser = await openBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await removeTempDirs()
  })

  /** Starts a preview and resolves with its URL once printed. */
  async function started(args: string[], where = cwd) {
    const captured = captureIo({ cwd: where })
    const run = runCli(['preview', ...args], captured.io)
    let url: string | undefined
    await waitFor(() => (url = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(captured.stdout())?.[1]) !== undefined, 'the preview URL')
    return { ...captured, run, url: url! }
  }

  /** Opens `url` in a fresh browser tab and waits for the page to be shown and listening for updates. */
  async function opened(url: string): Promise<Page> {
    const page = await browser.playwright.newPage({ viewport: { width: 1200, height: 700 } })
    await page.goto(url)
    await page.waitForFunction(() => document.getElementById('mdwx-hold-layout') === null && document.documentElement.dataset['connection'] === 'live')
    return page
  }

  const problemsText = (page: Page) => page.evaluate(() => document.getElementById('mdwx-problems')!.textContent!)

  it('a save of the Markdown shows within 1 s without a reload, keeping the scroll position', async () => {
    const file = path.join(cwd, 'posts/live.md')
    await writeFile(file, `# 第一版\n\nFirst version.\n\n![p](p.png)\n\n${body}\n`)
    const preview = await started(['posts/live.md'])
    const page = await opened(`${preview.url}/`)
    expect(await page.evaluate(() => document.getElementById('article-title')!.textContent)).toBe('第一版')
    // The same count as publish, against Weixin's limit.
    expect(await page.evaluate(() => document.getElementById('mdwx-summary')!.textContent)).toMatch(/[\d,]+ \/ 20,000 characters/)
    const scrolled = await page.evaluate(() => {
      ;(window as unknown as { marker: string }).marker = 'before the edit'
      window.scrollTo(0, 1500)
      return window.scrollY
    })
    expect(scrolled).toBe(1500)

    await writeFile(file, `# 第二版\n\nSecond version.\n\n![p](p.png)\n\n${body}\n`)
    await page.waitForFunction(() => document.getElementById('article-content')!.textContent!.includes('Second version.'), undefined, { timeout: 1000 })

    expect(
      await page.evaluate(() => ({
        marker: (window as unknown as { marker?: string }).marker,
        title: document.getElementById('article-title')!.textContent,
        scrollY: window.scrollY,
        picture: (document.querySelector('#article-content img') as HTMLImageElement).naturalWidth,
      })),
    ).toEqual({ marker: 'before the edit', title: '第二版', scrollY: 1500, picture: 300 })
    await page.close()
    preview.interrupt()
    expect(await preview.run).toBe(0)
  })

  it('a broken edit shows its problems with their lines; saving the missing picture, then the fixed Markdown, clears them', async () => {
    const file = path.join(cwd, 'posts/broken.md')
    await writeFile(file, '# 好\n\n正文。\n')
    const preview = await started(['posts/broken.md'])
    const page = await opened(`${preview.url}/`)
    expect(await problemsText(page)).toMatch(/^No problems\./)

    await writeFile(file, '# 坏\n\n正文。\n\n::: tip\n没有结尾\n\n![new](new.png)\n')
    await page.waitForFunction(() => document.getElementById('mdwx-problems')!.textContent!.includes('image-unresolved'))
    const problems = await problemsText(page)
    expect(problems).toContain(`${path.join('posts', 'broken.md')}:8:1 error Image "new.png" could not be resolved`)
    expect(problems).toContain(`${path.join('posts', 'broken.md')}:5:1 warning Container \`::: tip\` opened at line 5 is not closed`)
    expect(await page.evaluate(() => document.getElementById('mdwx-summary')!.textContent)).toContain('2 problems (1 error)')

    // The picture appears: the page renders again without an edit of the Markdown.
    await writeFile(path.join(cwd, 'posts/new.png'), await pictures.png(60, 40))
    await page.waitForFunction(() => !document.getElementById('mdwx-problems')!.textContent!.includes('image-unresolved'))
    expect(await problemsText(page)).toContain('container-unclosed')

    await writeFile(file, '# 好\n\n正文。\n\n::: tip\n有结尾\n:::\n\n![new](new.png)\n')
    await page.waitForFunction(() => document.getElementById('mdwx-problems')!.textContent!.startsWith('No problems.'))
    expect(await page.evaluate(() => (document.querySelector('#article-content img') as HTMLImageElement).naturalWidth)).toBe(60)
    await page.close()
    preview.interrupt()
    expect(await preview.run).toBe(0)
  })

  it('a save of the theme file restyles the open page; the dark switch treats it as screenshot --dark does, and back', async () => {
    await writeFile(path.join(cwd, 'posts/styled.md'), '# 主题\n\n一段文字。\n')
    const preview = await started(['posts/styled.md', '--theme', 'theme.css'])
    const page = await opened(`${preview.url}/`)
    const colours = () =>
      page.evaluate(() => ({
        scheme: document.documentElement.dataset['scheme'],
        text: getComputedStyle(document.querySelector('#article-content p')!).color,
        page: getComputedStyle(document.getElementById('article-page')!).backgroundColor,
      }))
    expect(await colours()).toEqual({ scheme: undefined, text: 'rgb(18, 52, 86)', page: 'rgb(255, 255, 255)' })

    await writeFile(path.join(cwd, 'theme.css'), 'p { color: #654321; }\n')
    await page.waitForFunction(() => getComputedStyle(document.querySelector('#article-content p')!).color === 'rgb(101, 67, 33)')

    await page.click('#mdwx-dark')
    const dark = await colours()
    // The app's #191919 page; the dark brown lightened to be read on it (applyDarkScheme).
    expect([dark.scheme, dark.page]).toEqual(['dark', 'rgb(25, 25, 25)'])
    expect(dark.text).not.toBe('rgb(101, 67, 33)')
    await page.click('#mdwx-dark')
    expect(await colours()).toEqual({ scheme: 'light', text: 'rgb(101, 67, 33)', page: 'rgb(255, 255, 255)' })
    await page.close()
    preview.interrupt()
    expect(await preview.run).toBe(0)
  })

  it('a save of mdwx.config.json applies it to the open page (here, where root-relative pictures live)', async () => {
    const project = await createTempDir('preview-config')
    await writeFiles(project, { 'post.md': '# 配置\n\n![r](/img/r.png)\n', 'static/img/r.png': await pictures.png(50, 20) })
    const preview = await started(['post.md'], project)
    const page = await opened(`${preview.url}/`)
    expect(await problemsText(page)).toContain('image-unresolved')
    await writeFile(path.join(project, 'mdwx.config.json'), JSON.stringify({ assetRoots: ['static'] }))
    await page.waitForFunction(() => document.getElementById('mdwx-problems')!.textContent!.startsWith('No problems.'))
    expect(await page.evaluate(() => (document.querySelector('#article-content img') as HTMLImageElement).naturalWidth)).toBe(50)
    await page.close()
    preview.interrupt()
    expect(await preview.run).toBe(0)
  })

  it('a folder: the index lists its articles with their status, each linking to its live page', async () => {
    const preview = await started(['site'])
    const index = await (await fetch(`${preview.url}/`)).text()
    expect(index).toMatch(/<a href="\/article\/a\.md">site\/a\.md<\/a><span class="title">甲<\/span><\/td><td class="ok">ok<\/td><td class="size"><span class="ok">[\d,]+ \/ 20,000<\/span> characters/)
    expect(index).toContain('<a href="/article/deep/b.md">site/deep/b.md</a><span class="title">乙</span></td><td class="failed">1 problem (1 error)</td>')

    const page = await opened(`${preview.url}/`)
    await page.click('a[href="/article/deep/b.md"]')
    await page.waitForFunction(() => document.getElementById('mdwx-hold-layout') === null && document.documentElement.dataset['connection'] === 'live')
    expect(await problemsText(page)).toContain('image-unresolved')
    await writeFile(path.join(cwd, 'site/deep/b.md'), '# 乙\n\n![p](../p.png)\n')
    await page.waitForFunction(() => document.getElementById('mdwx-problems')!.textContent!.startsWith('No problems.'))
    await page.click('text=← all articles')
    await page.waitForFunction(() => document.documentElement.dataset['connection'] === 'live')
    expect(await page.evaluate(() => document.getElementById('mdwx-articles')!.textContent)).toMatch(/site\/deep\/b\.md乙ok/)

    // An article added while the index is open joins it.
    await writeFile(path.join(cwd, 'site/c.md'), '# 丙\n\n新的。\n')
    await page.waitForFunction(() => document.getElementById('mdwx-articles')!.textContent!.includes('site/c.md'))
    await page.close()
    preview.interrupt()
    expect(await preview.run).toBe(0)
  })

  it('serves nothing outside the articles, their pictures, the fonts and its own page; answers only as 127.0.0.1', async () => {
    const preview = await started(['site'])
    const page = await (await fetch(`${preview.url}/article/a.md`)).text()
    expect(page).toContain('正文。')
    for (const pathname of [
      '/../x',
      '/assets/../../',
      '/assets/../../package.json',
      '/assets/..%2F..%2Fsite%2Fa.md',
      '/article/../a.md',
      '/article/%2e%2e/site/a.md',
      '/article/deep/../a.md',
      '/mdwx-fonts/../../package.json',
      '/site/a.md',
      '/a.md',
      '/p.png',
      '/article/nope.md',
      '/assets/p.png',
    ]) {
      expect([pathname, (await rawGet(preview.url, pathname)).status]).toEqual([pathname, 404])
    }
    expect((await rawGet(preview.url, '/mdwx-fonts/noto-sans-sc.css')).status).toBe(200)
    expect((await rawGet(preview.url, '/', 'preview.example:80')).status).toBe(403)
    preview.interrupt()
    expect(await preview.run).toBe(0)
  })

  it('Ctrl-C with a page listening: its event stream ends, the server closes, exit 0', async () => {
    const preview = await started(['site'])
    const stream = await fetch(`${preview.url}/_mdwx/events?v=0`)
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const reader = stream.body!.getReader()
    let received = ''
    const ended = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += new TextDecoder().decode(chunk.value)
    })()
    await waitFor(() => received.includes('event: update'), 'the index sent to a page that shows an older version')
    preview.interrupt()
    expect(await preview.run).toBe(0)
    await ended
    await expect(fetch(`${preview.url}/`)).rejects.toThrow()
  })

  it('the built mdwx: SIGINT (Ctrl-C) while a page listens ends the process with exit 0', async () => {
    const run = spawnCli(['preview', 'site'], { cwd, env: { XDG_CACHE_HOME: path.join(cwd, 'cache') } })
    let url: string | undefined
    await waitFor(() => (url = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(run.output().stdout)?.[1]) !== undefined, 'the preview URL')
    const stream = await fetch(`${url}/_mdwx/events?v=0`)
    const reader = stream.body!.getReader()
    let received = ''
    const ended = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += new TextDecoder().decode(chunk.value)
    })()
    await waitFor(() => received.includes('event: update'), 'the first event')
    run.child.kill('SIGINT')
    expect(await run.done).toMatchObject({ code: 0, signal: null, stderr: '' })
    await ended
  })
})
