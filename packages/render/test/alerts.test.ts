import { renderMarkdown, remarkWeixinAlerts } from '@mdwx/render'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { renderSafe, ruleIds } from './helpers.js'

const render = (markdown: string, options: Parameters<typeof renderMarkdown>[1] = {}) => renderMarkdown(new VFile({ path: 'posts/alerts.md', value: markdown }), options)

/** The callout sections of safe HTML (classes kept: the theme has not run), as [kind, title]. */
function callouts(html: string): Array<[string, string]> {
  return [...html.matchAll(/<section class="mdwx-callout mdwx-callout-(\w+)">(?:<p class="mdwx-callout-title">([^<]*)<\/p>)?/g)].map((match) => [match[1]!, match[2] ?? ''])
}

describe('remark-weixin-alerts: GitHub alerts and Obsidian callouts', () => {
  it.each([
    ['NOTE', 'note', '注意'],
    ['TIP', 'tip', '提示'],
    ['IMPORTANT', 'important', '重要'],
    ['WARNING', 'warning', '警告'],
    ['CAUTION', 'caution', '危险'],
  ])('> [!%s] is a %s callout titled %s', async (type, kind, title) => {
    const { html, file } = await renderSafe(`> [!${type}]\n> 内容`)
    expect(callouts(html)).toEqual([[kind, title]])
    expect(html).toContain('<p>内容</p>')
    expect(file.messages).toEqual([])
  })

  it('takes the rest of the first line as the title, as text, and keeps the lines after it', async () => {
    const { html } = await renderSafe('> [!tip] 自定义 **标题** `x`\n> 第一行\n> 第二行\n>\n> 第二段')
    expect(callouts(html)).toEqual([['tip', '自定义 标题 x']])
    expect(html).toContain('<p>第一行\n第二行</p><p>第二段</p>')
  })

  it('shows Obsidian folded callouts (-, +) open, and reads Obsidian aliases', async () => {
    const { html } = await renderSafe('> [!faq]- 问题\n> 答案\n\n> [!success]+\n> 好\n\n> [!error]\n> 坏')
    expect(callouts(html)).toEqual([
      ['info', '问题'],
      ['tip', '提示'],
      ['danger', '危险'],
    ])
  })

  it('gives an unknown type the neutral look titled with the type, and an info message', async () => {
    const { html, file } = await renderSafe('> [!Recipe]\n> 两个鸡蛋')
    expect(callouts(html)).toEqual([['neutral', 'Recipe']])
    expect(ruleIds(file)).toEqual(['callout-unknown'])
    expect(file.messages[0]).toMatchObject({ line: 1, column: 3, fatal: undefined })
  })

  it('titles in English with language: en', async () => {
    const { html } = await render('> [!WARNING]\n> careful', { calloutLanguage: 'en' })
    expect(html).toMatch(/>Warning<\/p>/)
  })

  it('leaves quotes that are not alerts alone: an escaped marker, a marker later in the line, an empty alert', async () => {
    for (const markdown of ['> \\[!NOTE]\n> x', '> see [!NOTE]\n> x', '> [!]\n> x', '> [!NOTE]x']) {
      const { html } = await renderSafe(markdown)
      expect(html).toMatch(/^<blockquote>/)
    }
  })

  it('an alert with nothing but its marker is a titled callout', async () => {
    const { html } = await renderSafe('> [!NOTE]')
    expect(callouts(html)).toEqual([['note', '注意']])
  })

  it('nests: an alert inside a list item and inside another alert', async () => {
    const { html } = await renderSafe('- item\n\n  > [!TIP]\n  > inside\n\n> [!NOTE]\n> outer\n>\n> > [!WARNING]\n> > inner')
    expect(callouts(html)).toEqual([
      ['tip', '提示'],
      ['note', '注意'],
      ['warning', '警告'],
    ])
  })

  it('never lets a title become markup', async () => {
    const { html } = await renderSafe('> [!NOTE] <img src=x onerror=alert(1)> 标题 **粗**\n> body')
    expect(html).not.toMatch(/<img/i)
    expect(html).toContain('<p class="mdwx-callout-title">&#x3C;img src=x onerror=alert(1)> 标题 粗</p>')
  })

  it('styles callouts through the theme, with no class left in the published HTML', async () => {
    const { html } = await render('> [!TIP]\n> 内容')
    expect(html.replace(/>\n+</g, '><')).toContain('<section style="margin:1em 0;padding:.5em 1em;border-left:4px solid #1a7f37;background:#eefaf1"><p style="margin:.4em 0;font-weight:bold;color:#1a7f37">提示</p>')
    expect(html).not.toContain('class=')
  })

  it('validates its option', () => {
    expect(() => remarkWeixinAlerts({ language: 'fr' as 'en' })).toThrow('Expected one of zh, en for language, got "fr"')
  })
})
