import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createWeixinProcessor, renderMarkdown } from '@mdwx/render'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { syntaxOf, withoutFencedCode, type DocumentSyntax } from '../src/document-syntax.js'

const dialects = ['alerts', 'hexoTags', 'containers', 'excerpt', 'toc', 'headingAttributes', 'emoji', 'mark', 'mdx', 'components', 'codeMeta'] as const

function switchedOn(syntax: DocumentSyntax): string[] {
  return dialects.filter((name) => syntax[name])
}

describe('document-syntax: a dialect plugin runs only for a document that may use it', () => {
  it('code-heavy Markdown that uses no dialect switches none on, whatever its code holds', () => {
    const code = [
      '# 运算符',
      '',
      '相等运算符（`==`）和严格相等运算符（`===`）；`a == b` 也不是高亮。`00:01` 到 `00:58` 之间。',
      '',
      'import 命令目前只能用于加载 ES 模块。',
      '',
      '```javascript',
      "import { readFile } from 'node:fs'",
      'export const same = a == b ? { ok: true } : {}',
      'const map = new Map<String, List<Integer>>() // :::, {% raw %}, [!NOTE], ==x==, :tada:',
      '```',
      '',
      '~~~java',
      'Map<K, V> cache = new HashMap<>(); // {#id}',
      '~~~',
    ].join('\n')
    expect(switchedOn(syntaxOf(code))).toEqual([])
  })

  it.each([
    ['alerts', '> [!NOTE]\n> x'],
    ['hexoTags', '{% note %}x{% endnote %}'],
    ['containers', '::: tip\nx\n:::'],
    ['excerpt', 'intro\n\n<!-- more -->\n\nrest'],
    ['toc', '[[toc]]'],
    ['headingAttributes', '## 标题 {#id}'],
    ['emoji', '完成 :tada:'],
    ['mark', '一个 ==重点== 词'],
    ['mdx', "import Tabs from '@theme/Tabs'"],
    ['components', '<Badge text="v2"/>'],
    ['codeMeta', '```js{1}\nx\n```'],
  ] as const)('%s: on when written outside code, off when only inside a fence', (name, markdown) => {
    expect(syntaxOf(markdown)[name]).toBe(true)
    expect(syntaxOf(`\`\`\`text\n${markdown}\n\`\`\``)[name]).toBe(false)
  })

  it('withoutFencedCode keeps the fence lines and drops what is between them, also in lists and quotes', () => {
    expect(withoutFencedCode('a\n```js\ncode\n```\nb')).toBe('a\n```js\n```\nb')
    expect(withoutFencedCode('- x\n  ````\n  ```\n  inner\n  ````\nafter')).toBe('- x\n  ````\n  ````\nafter')
    expect(withoutFencedCode('> ~~~\n> code\n> ~~~\nafter')).toBe('> ~~~\n> ~~~\nafter')
    // An inline span of three backticks is no fence; an unclosed fence runs to the end.
    expect(withoutFencedCode('```a``` b\n```\nopen')).toBe('```a``` b\n```')
  })

  // The safety of the shortcut: every fixture renders the same with only the syntax its text
  // shows as with every syntax switched on.
  const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url))
  it.each(readdirSync(fixtures).sort())('fixture %s renders the same with the least syntax as with all of it', async (name) => {
    const value = readFileSync(`${fixtures}${name}/input.md`, 'utf8')
    const least = await renderMarkdown(new VFile({ path: `${name}.md`, value }))
    const full = String(await createWeixinProcessor().process(new VFile({ path: `${name}.md`, value })))
    expect(least.html).toBe(full)
  })
})
