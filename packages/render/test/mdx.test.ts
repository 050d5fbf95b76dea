import { InvalidOptionError } from '@mdwx/errors'
import { createWeixinProcessor, renderMarkdown, remarkWeixinMdx } from '@mdwx/render'
import type { Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { renderSafe, ruleIds } from './helpers.js'

const mdx = (markdown: string) => renderSafe(markdown, {}, 'docs/page.mdx')
const md = (markdown: string) => renderSafe(markdown, {}, 'docs/page.md')

describe('remark-weixin-mdx: the page code of MDX and VitePress pages', () => {
  it('drops top-level import lines: default, named over several lines, namespace, side effect', async () => {
    const { html, file } = await mdx(
      "import Tabs from '@theme/Tabs';\nimport TabItem from \"@theme/TabItem\"\nimport {\n  a,\n  b,\n} from 'x'\nimport * as all from 'y'\nimport './style.css'\n\n正文",
    )
    expect(html).toBe('<p>正文</p>')
    expect(file.messages).toEqual([])
  })

  it('drops export statements up to the blank line, over several lines and HTML-looking lines', async () => {
    const markdown = [
      'export const meta = {',
      '  title: "x",',
      '}',
      '',
      'export const Highlight = ({children, color}) => (',
      '  <span style={{backgroundColor: color}}>',
      '    {children}',
      '  </span>',
      ');',
      '',
      'export const Box = () =>',
      '<div style={{padding: 1}}>',
      '  box',
      '</div>',
      '',
      'export function f(a) { return a }',
      'export default function Layout({children}) { return children }',
      'export { a, b } from "c"',
      'export * from "d"',
      '',
      '正文',
    ].join('\n')
    const { html, file } = await mdx(markdown)
    expect(html).toBe('<p>正文</p>')
    expect(file.messages).toEqual([])
  })

  it('keeps prose that starts with the words import or export', async () => {
    const prose = ['import 语句很有用', 'export 功能很重要，import 也是。', 'export default 是默认导出', 'import the module from the package first.', 'export const is a keyword', 'importantly, nothing']
    for (const line of prose) {
      const { html } = await mdx(`${line}\n\n正文`)
      expect(html).toBe(`<p>${line}</p><p>正文</p>`)
    }
  })

  it('drops the statements only at the top level and never in code', async () => {
    const { html } = await mdx("- import A from 'a'\n\n> export const b = 1\n\n```js\nimport x from 'y'\n```\n\n    import z from 'z'")
    expect(html).toContain("<li>import A from 'a'</li>")
    expect(html).toContain('<blockquote><p>export const b = 1</p></blockquote>')
    expect(html).toContain("<code class=\"language-js\">import x from 'y'\n</code>")
    expect(html).toContain("<code>import z from 'z'\n</code>")
  })

  it('drops the statements right after the front matter, so the first heading is still the title', async () => {
    const result = await renderMarkdown(new VFile({ path: 'docs/page.mdx', value: "---\nauthor: A\n---\nimport X from 'x'\n\n# 标题\n\n正文" }))
    expect(result.article.title).toBe('标题')
    expect(result.html).not.toContain('import')
    expect(result.html).toContain('正文')
  })

  it('drops VitePress <script setup> and <style> blocks at the top level, silently', async () => {
    const markdown = "前\n\n<script setup>\nimport graphSvg from '../images/graph.svg?raw'\n\nconst x = 1\n</script>\n\n<style scoped>\n.a { color: red }\n</style>\n\n后"
    const { html, file } = await md(markdown)
    expect(html).toBe('<p>前</p><p>后</p>')
    expect(file.messages).toEqual([])
    // Nothing left for the raw HTML parser.
    const processor = unified().use(remarkParse).use(remarkWeixinMdx)
    const tree = (await processor.run(processor.parse(markdown))) as Root
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'paragraph'])
  })

  it('keeps what follows the end tag on its line', async () => {
    const { html } = await md('<script setup>\nconst x = 1\n</script> <b>粗</b>\n\n后')
    expect(html).toBe('<b>粗</b><p>后</p>')
  })

  it('leaves an unclosed <script setup> to rehype-weixin-raw, which reports what it swallowed', async () => {
    const { file } = await md('<script setup>\nconst x = 1\n\n后面的文字')
    expect(ruleIds(file)).toEqual(['html-unclosed'])
  })

  it('leaves a <script> that is not at the top level to the sanitizer, which strips it as before', async () => {
    const { html } = await md('- 项\n\n  <script>alert(1)</script>\n\n> <script>alert(2)</script>\n\n文 <script>alert(3)</script> 字')
    expect(html).not.toMatch(/script|alert/)
    expect(html).toContain('文  字')
  })

  it('warns about each MDX expression, at its place, and leaves it as written', async () => {
    const { html, file } = await mdx('## {frontMatter.title}\n\n值是 {props.x} 和 {new Date().getFullYear()}。')
    expect(html).toContain('<h2>{frontMatter.title}</h2>')
    expect(html).toContain('<p>值是 {props.x} 和 {new Date().getFullYear()}。</p>')
    expect(ruleIds(file)).toEqual(['mdx-expression', 'mdx-expression', 'mdx-expression'])
    expect(file.messages.map((message) => [message.line, message.column, message.fatal])).toEqual([
      [1, 4, false],
      [3, 4, false],
      [3, 16, false],
    ])
    expect(file.messages[1]!.place).toMatchObject({ start: { line: 3, column: 4 }, end: { line: 3, column: 13 } })
    expect(file.messages[0]!.reason).toContain('`{frontMatter.title}`')
  })

  it('does not take heading ids, escaped braces or code for expressions', async () => {
    const { file } = await mdx('## 安装 {#install}\n\n\\{escaped} `{code}`\n\n```\n{x}\n```')
    expect(ruleIds(file)).toEqual([])
  })

  it('takes braces for expressions only in MDX: a .mdx file, or one with top-level import/export', async () => {
    // VitePress: `{string}` is prose, and nothing in the braces tells it from an expression.
    expect(ruleIds((await md('- `MODE`: {string} 应用运行的模式')).file)).toEqual([])
    expect(ruleIds((await md("import X from 'x'\n\n{props.x}")).file)).toEqual(['mdx-expression'])
    expect(ruleIds((await mdx('{props.x}')).file)).toEqual(['mdx-expression'])
  })

  it('removes MDX comments, and a paragraph that held only one', async () => {
    const { html, file } = await mdx('{/* truncate */}\n\n前 {/* 注释 */} 后\n\n{/*\n  多行\n*/}\n\n末')
    expect(html).toBe('<p>前  后</p><p>末</p>')
    expect(file.messages).toEqual([])
  })

  it('expressions: false turns the expression warnings off; a bad option throws', async () => {
    const processor = unified().use(remarkParse).use(remarkWeixinMdx, { expressions: false })
    const file = new VFile({ path: 'a.mdx', value: '{props.x}' })
    await processor.run(processor.parse(file), file)
    expect(file.messages).toEqual([])
    expect(() => unified().use(remarkWeixinMdx, { expressions: 'yes' as unknown as boolean }).freeze()).toThrow(InvalidOptionError)
  })

  it('is part of the pipeline', () => {
    const plugins: unknown[] = createWeixinProcessor().attachers.map(([plugin]) => plugin)
    expect(plugins).toContain(remarkWeixinMdx)
  })
})
