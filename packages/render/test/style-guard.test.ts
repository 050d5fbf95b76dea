import { describe, expect, it } from 'vitest'
import { renderSafe, ruleIds } from './helpers.js'

async function styled(style: string) {
  const { html, file } = await renderSafe(`<span style="${style}">x</span>`)
  return { style: /style="([^"]*)"/.exec(html)?.[1], rules: ruleIds(file), reasons: file.messages.map((message) => message.reason) }
}

describe('rehype-weixin-style-guard', () => {
  it('keeps ordinary declarations, written compactly', async () => {
    expect((await styled('color: red ;  font-size : 14px; ; font-family: &quot;PingFang SC&quot;, serif')).style).toBe(
      'color:red;font-size:14px;font-family:&#x22;PingFang SC&#x22;, serif',
    )
  })

  it.each([
    'background:url(javascript:alert(1))',
    "background-image: URL( 'x.png' )",
    'width:expression(alert(1))',
    '-moz-binding:url(http://x/x.xml#x)',
    'behavior:url(x.htc)',
    "background:image-set('x.png' 1x)",
    'color:red;background:\\75 rl(x)',
    'width:ex/**/pression(alert(1))',
    'x:javascript:alert(1)',
    "color:red;@import 'x.css'",
  ])('drops what can load or run code: %s', async (style) => {
    const result = await styled(style)
    expect(result.style ?? '').not.toMatch(/url|expression|binding|behavior|javascript|import|image-set/i)
    expect(result.rules).toContain('style-removed')
  })

  it('drops what Weixin removes: custom properties, var(), position, transform', async () => {
    const result = await styled('--main:red;color:var(--main);position:fixed;top:0;transform:rotate(1deg);-webkit-transform:none;margin:0')
    expect(result.style).toBe('top:0;margin:0')
    expect(result.reasons).toEqual([
      'Removed from a style attribute: `--main` (Weixin removes it), `color` (Weixin removes it), `position` (Weixin removes it), `transform` (Weixin removes it), `-webkit-transform` (Weixin removes it)',
    ])
  })

  it('resolves escapes and comments before judging, and keeps what is then harmless', async () => {
    expect((await styled('co/* c */lor:\\72 ed')).style).toBe('color:red')
    expect((await styled('\\70 osition:fixed;color:blue')).style).toBe('color:blue')
  })

  it('drops a declaration whose escapes turn into syntax, and unclosed strings', async () => {
    expect((await styled('color:red\\3b position:fixed;margin:0')).style).toBe('margin:0')
    expect((await styled("margin:0;font-family:'unclosed")).style).toBe('margin:0')
  })

  it('removes a style attribute left empty', async () => {
    const { html } = await renderSafe('<span style="position:absolute">x</span>')
    expect(html).toBe('<p><span>x</span></p>')
  })
})
