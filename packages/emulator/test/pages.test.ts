import { describe, expect, it } from 'vitest'
import { article, fixture, session, testClock, uploadCover } from './helpers.js'

async function pageSession() {
  const clock = testClock()
  const started = await session({ now: clock.now, publishDelayMs: 0, newsApi: 'available' })
  const { client, token } = started
  const cover = await uploadCover(client, token)
  const imageUrl = (await client.upload('media/uploadimg', token, { data: fixture('small.png'), filename: 'a.png' }))['url'] as string
  const content = `<section style="font-size:16px"><p>正文 <img src="${imageUrl}" alt="chart"></p><pre style="white-space:pre"><code>a&nbsp;&nbsp;b</code></pre></section>`
  const draft = (await client.post('draft/add', { articles: [article(cover, { title: 'First <draft>', author: '作者', content, show_cover_pic: 1 }), article(cover, { title: 'Second' })] }, token))['media_id'] as string
  const html = async (path: string) => {
    const response = await fetch(`${started.emulator.url}${path}`)
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() }
  }
  return { ...started, clock, cover, imageUrl, draft, html }
}

describe('the HTML pages', () => {
  it('GET / lists the drafts, news and publishes with stable ids, titles escaped', async () => {
    const { client, token, cover, draft, html } = await pageSession()
    await client.post('material/add_news', { articles: [article(cover, { title: 'A news item', show_cover_pic: 0, content_source_url: '' })] }, token)
    const page = await html('/')
    expect(page.status).toBe(200)
    expect(page.type).toBe('text/html; charset=utf-8')
    expect(page.text).toContain('<span id="draft-count">1</span>')
    expect(page.text).toContain(`<li class="draft-item" data-media-id="${draft}"><a class="draft-link" href="/draft/${draft}?idx=0">First &lt;draft&gt;</a>`)
    expect(page.text).toContain(`href="/draft/${draft}?idx=1">Second</a>`)
    expect(page.text).toContain('<span id="news-count">1</span>')
    expect(page.text).toContain('>A news item</a>')
    expect(page.text).toContain('<p class="empty" id="publish-list-empty">')
  })

  it('GET /draft/<media_id> renders the article in the 390 px phone frame with its served images', async () => {
    const { draft, imageUrl, html } = await pageSession()
    const page = await html(`/draft/${draft}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('#article-page { width: 390px;')
    expect(page.text).toContain('#article-content pre, #article-content code { white-space: normal; }')
    expect(page.text).toContain('<h1 id="article-title">First &lt;draft&gt;</h1>')
    expect(page.text).toContain('<span id="article-author">作者</span>')
    expect(page.text).toContain(`<div id="article-content"><section style="font-size:16px"><p>正文 <img src="${imageUrl}" alt="chart"></p>`)
    expect(page.text).toMatch(/<div id="article-cover"><img src="http:\/\/127\.0\.0\.1:\d+\/mmbiz_jpg\//)
    expect(page.text).toContain(`<nav id="article-tabs"><a class="article-tab current" href="/draft/${draft}?idx=0">`)
    const image = await fetch(imageUrl)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')

    const second = await html(`/draft/${draft}?idx=1`)
    expect(second.text).toContain('<h1 id="article-title">Second</h1>')
    expect(second.text).not.toContain('id="article-cover"')
  })

  it('GET /s/<article_id> renders a published article; GET / links it', async () => {
    const { client, token, draft, html } = await pageSession()
    const publishId = (await client.post('freepublish/submit', { media_id: draft }, token))['publish_id']
    const status = await client.post('freepublish/get', { publish_id: publishId }, token)
    const url = new URL(status['article_detail'].item[0].article_url as string)
    expect((await html(`${url.pathname}${url.search}`)).text).toContain('<h1 id="article-title">First &lt;draft&gt;</h1>')
    const index = await html('/')
    expect(index.text).toContain(`<li class="publish-item" data-publish-id="${publishId}" data-status="0">`)
    expect(index.text).toContain(`<a class="publish-link" href="${url.href}">`)
  })

  it('answers 404 for unknown drafts, indexes, images and paths, 405 for other methods', async () => {
    const { emulator, draft, imageUrl, html } = await pageSession()
    expect((await html('/draft/unknown')).status).toBe(404)
    expect((await html(`/draft/${draft}?idx=2`)).status).toBe(404)
    expect((await html(`/draft/${draft}?idx=x`)).status).toBe(404)
    expect((await html('/s/unknown')).status).toBe(404)
    expect((await html(new URL(imageUrl.replace(/mmbiz_png\/[A-Za-z0-9]+/, `mmbiz_png/${'B'.repeat(86)}`)).pathname)).status).toBe(404)
    expect((await html('/favicon.ico')).status).toBe(404)
    expect((await fetch(`${emulator.url}/`, { method: 'POST' })).status).toBe(405)
  })
})
