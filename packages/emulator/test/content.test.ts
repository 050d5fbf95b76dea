import { describe, expect, it } from 'vitest'
import { article, fixture, session, uploadCover } from './helpers.js'

async function contentSession() {
  const started = await session()
  const cover = await uploadCover(started.client, started.token)
  const imageUrl = (await started.client.upload('media/uploadimg', started.token, { data: fixture('small.png'), filename: 'a.png' }))['url'] as string
  /** What draft/get returns for `content` sent through draft/add. */
  const treated = async (content: string): Promise<string> => {
    const added = await started.client.post('draft/add', { articles: [article(cover, { content })] }, started.token)
    if (typeof added['media_id'] !== 'string') throw new Error(`draft/add failed: ${JSON.stringify(added)}`)
    const got = await started.client.post('draft/get', { media_id: added['media_id'] }, started.token)
    return got['news_item'][0].content as string
  }
  return { ...started, cover, imageUrl, treated }
}

describe('content treatment (what the editor keeps)', () => {
  it('leaves Weixin-safe HTML byte for byte as it was', async () => {
    const { treated, imageUrl } = await contentSession()
    const safe =
      '<section style="font-size:16px;line-height:1.75;color:#333"><h2 style="font-size:20px">标题</h2>' +
      '<p>Text with <strong>bold</strong>, <code style="background:#f6f8fa">code</code> &amp; entities&nbsp;&lt;kept&gt;</p>' +
      '<pre style="white-space:pre;overflow-x:auto"><code><span style="color:#d73a49">const</span>&nbsp;x&nbsp;=&nbsp;1<br>&nbsp;&nbsp;return</code></pre>' +
      `<p style="text-align:center"><img src="${imageUrl}" alt="chart" style="max-width:100%"></p>` +
      '<a href="https://mp.weixin.qq.com/s/AbCdEf">a published article</a><br><hr></section>'
    expect(await treated(safe)).toBe(safe)
  })

  it('keeps tags that lose nothing exactly as written (quotes, spacing, self-closing)', async () => {
    const { treated } = await contentSession()
    const html = "<p style='color: red; margin: 0 ;'>a<br/>b<br>c <span title=plain data-x>d</span><svg viewBox=\"0 0 1 1\"><path d='M0 0'/></svg></p>"
    expect(await treated(html)).toBe(html)
    expect(await treated("<p style='color: red; position: absolute' class=x>a</p>")).toBe('<p style="color: red">a</p>')
  })

  it('removes script and style elements with their content, and comments', async () => {
    const { treated } = await contentSession()
    expect(await treated('<p>a</p><script>alert("<p>x</p>")</script><style>p{color:red}</style><!-- note --><p>b</p>')).toBe('<p>a</p><p>b</p>')
    expect(await treated('<p>a<SCRIPT type="module">1<2</SCRIPT >b</p>')).toBe('<p>ab</p>')
    expect(await treated('<p>a</p><script/>x</script><p>b</p>')).toBe('<p>a</p><p>b</p>')
    expect(await treated('<p>a</p><iframe src="https://evil.example"></iframe><object><param></object><p>b</p>')).toBe('<p>a</p><p>b</p>')
  })

  it('drops event handlers, class and id', async () => {
    const { treated } = await contentSession()
    expect(await treated('<p class="x" id="y" onclick="steal()" ONMOUSEOVER=z data-k="v" style="color:red">t</p>')).toBe('<p data-k="v" style="color:red">t</p>')
  })

  it('drops attributes that carry script URLs', async () => {
    const { treated } = await contentSession()
    expect(await treated('<section background="javascript:x" title="javascript: is text here">t</section>')).toBe('<section title="javascript: is text here">t</section>')
  })

  it('removes position, transform and CSS variables from inline styles', async () => {
    const { treated } = await contentSession()
    expect(await treated('<p style="position:absolute; top:0; color:red; transform:rotate(3deg); -webkit-transform:none; text-transform:uppercase">t</p>')).toBe(
      '<p style="top:0;color:red;text-transform:uppercase">t</p>',
    )
    expect(await treated('<p style="--accent:#f00;color:var(--accent);margin:0">t</p>')).toBe('<p style="margin:0">t</p>')
    expect(await treated('<p style="position:fixed">t</p>')).toBe('<p>t</p>')
    expect(await treated('<p style="font-family:&quot;PingFang SC&quot;, sans-serif;background:url(&quot;a;b.png&quot;)">t</p>')).toBe(
      '<p style="font-family:&quot;PingFang SC&quot;, sans-serif;background:url(&quot;a;b.png&quot;)">t</p>',
    )
  })

  it('keeps images it issued (uploadimg and add_material, http or https) and drops the others', async () => {
    const { client, token, treated, imageUrl } = await contentSession()
    const material = (await client.upload('material/add_material', token, { data: fixture('small.gif'), filename: 'a.gif' }, {}, { type: 'image' }))['url'] as string
    const httpsUrl = imageUrl.replace('http:', 'https:')
    const forged = imageUrl.replace(/mmbiz_png\/[A-Za-z0-9]+/, `mmbiz_png/${'A'.repeat(86)}`)
    const html = `<p><img src="${imageUrl}"><img src="${material}"><img src="${httpsUrl}"><img src="https://example.com/a.png"><img src="${forged}"><img src="data:image/png;base64,AAAA"><img alt="no src"></img></p>`
    expect(await treated(html)).toBe(`<p><img src="${imageUrl}"><img src="${material}"><img src="${httpsUrl}"></p>`)
  })

  it('unwraps links outside mp.weixin.qq.com to their text', async () => {
    const { treated } = await contentSession()
    expect(await treated('<p>See <a href="https://example.com" style="color:blue">the <b>docs</b></a> and <a href="javascript:alert(1)">this</a> or <a name="x">here</a>.</p>')).toBe(
      '<p>See the <b>docs</b> and this or here.</p>',
    )
    expect(await treated('<p><a href="https://mp.weixin.qq.com/s?__biz=MzA&amp;mid=1#rd">kept</a> <a href="https://mp.weixin.qq.com.evil.example/s">gone</a></p>')).toBe(
      '<p><a href="https://mp.weixin.qq.com/s?__biz=MzA&amp;mid=1#rd">kept</a> gone</p>',
    )
  })

  it('unwraps html, head and body wrappers and drops their metadata', async () => {
    const { treated } = await contentSession()
    expect(await treated('<!doctype html><html><head><meta charset="utf-8"><title>T</title><link rel="stylesheet" href="x.css"></head><body><p>b</p></body></html>')).toBe('<p>b</p>')
  })

  it('escapes a "<" that does not start a tag, so it can never become one', async () => {
    const { treated } = await contentSession()
    expect(await treated('<p>1 < 2 and a<b</p>')).toBe('<p>1 &lt; 2 and a&lt;b</p>')
    expect(await treated('<p>x</p><img src=x onerror=alert(1)')).toBe('<p>x</p>&lt;img src=x onerror=alert(1)')
  })

  it('never fails on garbage, and nothing executable survives', async () => {
    const { client, token, cover } = await contentSession()
    const pieces = ['<', '>', '</', '/>', '"', "'", '=', ' ', 'p', 'a', 'script', 'style', 'img', 'on', 'click', 'href', 'src', 'javascript:', '<!--', '-->', '&', '#', ';', 'x', '<a href="', '<script>', '</script>', '<img src=', '\u0000', '中']
    let seed = 7
    const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % n)
    const inputs = Array.from({ length: 150 }, () => Array.from({ length: 1 + random(60) }, () => pieces[random(pieces.length)]).join(''))
    for (const content of inputs) {
      const added = await client.post('draft/add', { articles: [article(cover, { content })] }, token)
      expect(added).toHaveProperty('media_id')
      const stored = ((await client.post('draft/get', { media_id: added['media_id'] }, token))['news_item'][0].content as string).toLowerCase()
      expect(stored).not.toMatch(/<(script|style|iframe)[\s/>]/)
      expect(stored).not.toMatch(/<[^>]*\son[a-z]*\s*=/)
      expect(stored).not.toMatch(/<[^>]*(href|src)\s*=\s*["']?\s*javascript:/)
    }
  })
})
