import { compileTheme, remarkWeixinCodeMeta, renderMarkdown, type RenderOptions } from '@mdwx/render'
import type { Code, Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { syntaxOf } from '../src/document-syntax.js'
import { elements, present, styleMap } from './presentation.js'

const nbsp = '\u00a0'
// One options object per theme, so the pipeline is built once for each.
const themes: Record<string, RenderOptions> = { default: { theme: 'default' }, tech: { theme: 'tech' }, literary: { theme: 'literary' } }
const noHighlight: RenderOptions = { highlight: false }

async function render(markdown: string, options: RenderOptions = themes['default']!) {
  const file = new VFile({ value: markdown, path: 'post.md' })
  const result = await renderMarkdown(file, options)
  return { ...result, file }
}

/** The inside of the n-th `<pre>` of an article. */
function preContent(html: string, index = 0): string {
  const blocks = [...html.matchAll(/<pre[^>]*>([\s\S]*?)<\/pre>/g)]
  expect(blocks.length, html).toBeGreaterThan(index)
  return blocks[index]![1]!
}

/** The text of each line a block marks, with the tint behind it. */
function markedLines(html: string): Array<{ text: string; background: string | undefined }> {
  return elements(html, 'span')
    .filter((span) => styleMap(span)['display'] === 'block')
    .map((span) => ({ text: textOf(span.children), background: styleMap(span)['background'] }))
}

function textOf(nodes: ReadonlyArray<{ type: string; value?: string; children?: unknown }>): string {
  return nodes.map((node) => (node.type === 'text' ? node.value : 'children' in node ? textOf(node.children as never) : '')).join('')
}

/** The mdast code nodes (and what is before each) after remark-weixin-code-meta. */
async function readFences(markdown: string) {
  const processor = unified().use(remarkParse).use(remarkWeixinCodeMeta)
  const file = new VFile({ value: markdown })
  const tree = (await processor.run(processor.parse(file), file)) as Root
  const codes = tree.children.filter((node): node is Code => node.type === 'code')
  return { tree, codes, file }
}

const code = 'const a = 1\nconst b = 2\nconst c = 3\nconst d = 4\nconst e = 5'

describe('remark-weixin-code-meta: the language', () => {
  const spellings: Array<[string, string]> = [
    ['js{1,3-5}', 'js'],
    ['ts:line-numbers {1}', 'ts'],
    ['ts:no-line-numbers', 'ts'],
    ['ts:line-numbers=2', 'ts'],
    ['js:title=a.js', 'js'],
    ['jsx title="a.js" {2}', 'jsx'],
    ["js title='a.js' showLineNumbers", 'js'],
    ['js [vite.config.js]', 'js'],
    ['js{12-15} twoslash [server.js]', 'js'],
    ['go {linenos=table,hl_lines=[2,"3-4"],linenostart=199}', 'go'],
    ['{ .py title="a.py" }', 'py'],
  ]
  for (const [info, language] of spellings) {
    it(`reads \`${info}\` as ${language}`, async () => {
      const { codes } = await readFences(`\`\`\`${info}\n${code}\n\`\`\``)
      expect(codes[0]!.lang).toBe(language)
    })
  }

  it('leaves a label without a language without one', async () => {
    const { codes } = await readFences('```[.env]\nA=1\n```')
    expect(codes[0]!.lang).toBeNull()
  })

  it('highlights the language of every spelling', async () => {
    for (const [info] of spellings.filter(([, language]) => language !== 'go' && language !== 'py')) {
      const { html } = await render(`\`\`\`${info}\n${code}\n\`\`\``)
      expect(preContent(html), info).toContain('<b>const</b>')
    }
  })

  it('changes nothing in a fence without meta', async () => {
    const plain = '```js\nconst a = "x" // y\n\n  b()\n```'
    const alone = await render(plain)
    const beside = await render(`${plain}\n\n\`\`\`js{1} [a.js]\nx\n\`\`\``)
    expect(preContent(beside.html)).toBe(preContent(alone.html))
  })
})

describe('language aliases of site generators', () => {
  const samples: Record<string, string> = {
    vue: '<template><p class="a">{{ x }}</p></template>',
    'vue-html': '<div v-if="ok">x</div>',
    svelte: '<script>let x = 1</script>',
    astro: '<div class="a">x</div>',
    mdx: '# Title\n\n**bold**',
    jsonc: '{ "a": 1 // note\n}',
    sh: 'echo "hi" # note',
    shell: '$ echo "hi"',
    console: '$ echo "hi"',
    zsh: 'echo "hi" # note',
    ps1: 'Write-Host "hi" # note',
    env: '# note\nKEY="value"',
    dotenv: '# note\nKEY="value"',
    yml: 'a: "b" # note',
    tsx: 'const a: number = <b>x</b>',
    jsx: 'const a = "x"',
    mjs: 'const a = "x"',
    cjs: 'const a = "x"',
    mts: 'const a: string = "x"',
    cts: 'const a: string = "x"',
  }
  for (const [alias, sample] of Object.entries(samples)) {
    it(`highlights \`${alias}\``, async () => {
      const html = await present(`\`\`\`${alias}\n${sample}\n\`\`\``, { after: [] })
      expect(html).toMatch(/class="hljs-/)
    })
  }

  it('highlights vue, svelte and astro as HTML, their script as JavaScript', async () => {
    const html = await present('```vue\n<script setup>\nconst a = 1\n</script>\n<template><p>x</p></template>\n```', { after: [] })
    expect(html).toContain('<span class="hljs-tag">')
    expect(html).toContain('<span class="hljs-keyword">const</span>')
  })
})

describe('remark-weixin-code-meta: marked lines', () => {
  const cases: Array<[string, number[]]> = [
    ['js{1,3-5}', [1, 3, 4, 5]],
    ['ts:line-numbers {1}', [1]],
    ['jsx title="a.js" {2}', [2]],
    ['js{2-3} twoslash [server.js]', [2, 3]],
    ['js {1} title="a.js" {4}', [1, 4]],
    ['js mark={1,3}', [1, 3]],
    ['go {linenos=table,hl_lines=[2,"4-5"],linenostart=199}', [2, 4, 5]],
    ['python hl_lines="2 3"', [2, 3]],
    ['js mark:1,4-5', [1, 4, 5]],
  ]
  for (const [info, lines] of cases) {
    it(`marks lines ${lines.join(', ')} of \`${info}\``, async () => {
      const { html, messages } = await render(`\`\`\`${info}\n${code}\n\`\`\``)
      expect(markedLines(html).map(({ text }) => text)).toEqual(lines.map((line) => code.split('\n')[line - 1]))
      expect(messages).toEqual([])
    })
  }

  it('tints added and removed lines apart from marked ones (Expressive Code ins/del)', async () => {
    const { html } = await render(`\`\`\`js mark={1} ins={2} del={3}\n${code}\n\`\`\``)
    expect(markedLines(html)).toEqual([
      { text: 'const a = 1', background: '#f7ecbe' },
      { text: 'const b = 2', background: '#e2f4e4' },
      { text: 'const c = 3', background: '#f9e3e3' },
    ])
  })

  it('keeps a text marker from marking lines (Expressive Code `mark="x"`, `/re/`)', async () => {
    const { html } = await render('```js mark="const" ins=/b/ "a"\nconst a = 1\n```')
    expect(markedLines(html)).toEqual([])
  })

  it('tints lines lightly on a light block and darkly on a dark one, in every theme', async () => {
    const markdown = `\`\`\`js{2}\n${code}\n\`\`\``
    const light = markedLines((await render(markdown, themes['default'])).html)
    const dark = markedLines((await render(markdown, themes['tech'])).html)
    const literary = markedLines((await render(markdown, themes['literary'])).html)
    expect(light).toEqual([{ text: 'const b = 2', background: '#f7ecbe' }])
    expect(dark).toEqual([{ text: 'const b = 2', background: '#524d44' }])
    expect(literary).toEqual([{ text: 'const b = 2', background: '#f7ecbe' }])
  })

  it('lays a marked line out as a block in place of the line break around it', async () => {
    const { html } = await render('```js{2}\nconst a = 1\nconst b = 2\nconst c = 3\n```')
    expect(preContent(html)).toBe(
      '<b>const</b> a = 1<span style="display:block;background:#f7ecbe"><b>const</b> b = 2</span><b>const</b> c = 3',
    )
  })

  it('keeps blank lines beside marked lines, and the height of a blank marked line', async () => {
    const { html } = await render('```{1,3,5}\na\n\nb\n\n\n\nc\n```')
    // a (marked), blank, b (marked), blank, blank (marked), blank, c.
    const tint = '<span style="display:block;background:#f7ecbe">'
    expect(preContent(html)).toBe(`${tint}a</span><br>${tint}b</span><br>${tint}<br></span><br>c`)
  })

  it('keeps indentation on a marked line', async () => {
    const { html } = await render('```{2}\nif (a) {\n  b()\n}\n```')
    expect(markedLines(html)).toEqual([{ text: `${nbsp}${nbsp}b()`, background: '#f7ecbe' }])
  })

  it('splits a token that crosses into a marked line (a comment over two lines)', async () => {
    const { html } = await render('```js{2}\nx /* a\nb */ y\n```', themes['tech'])
    const content = preContent(html)
    expect(content).toContain('<span style="color:#7f848e;font-style:italic">/* a</span>')
    expect(markedLines(html)).toEqual([{ text: 'b */ y', background: '#524d44' }])
  })

  it('marks lines when highlighting is off', async () => {
    const { html } = await render(`\`\`\`js{1}\n${code}\n\`\`\``, noHighlight)
    expect(markedLines(html)).toEqual([{ text: 'const a = 1', background: '#f7ecbe' }])
  })

  it('lays a block out as before when the theme does not style marked lines', async () => {
    const options: RenderOptions = { theme: compileTheme('pre { color: #333 }') }
    const marked = await render('```js{2}\na\nb\n```', options)
    expect(marked.html).toBe((await render('```js\na\nb\n```', options)).html)
  })

  it('makes a tinted line a block even when a theme gives only its background', async () => {
    const { html } = await render('```js{2}\na\nb\n```', { theme: compileTheme('.mdwx-code-mark { background: #ff0 }') })
    expect(html).toContain('<span style="display:block;background:#ff0">b</span>')
  })

  it('keeps the marks of a document with raw HTML, which is parsed again', async () => {
    const { html } = await render(`<b>raw</b> text\n\n\`\`\`js{2}\n${code}\n\`\`\``)
    expect(markedLines(html).map(({ text }) => text)).toEqual(['const b = 2'])
  })

  it('marks the lines a Hexo `{% codeblock mark:… %}` tag passes on', async () => {
    const { html } = await render('{% codeblock a.js lang:js mark:2 %}\nconst a = 1\nconst b = 2\n{% endcodeblock %}')
    expect(markedLines(html).map(({ text }) => text)).toEqual(['const b = 2'])
  })

  it('marks lines in a fence inside a list and a quote', async () => {
    const { html } = await render('- item\n\n  ```js{1}\n  a\n  b\n  ```\n\n> ```js {2}\n> a\n> b\n> ```')
    expect(markedLines(html).map(({ text }) => text)).toEqual(['a', 'b'])
  })
})

describe('remark-weixin-code-meta: comments that mark lines', () => {
  it('reads VitePress notations and removes them from the code', async () => {
    const markdown = '```json\n{\n  "a": 1, // [!code --]\n  "a": 2, // [!code ++]\n  "b": 3 // [!code highlight]\n}\n```'
    const { html } = await render(markdown)
    expect(markedLines(html)).toEqual([
      { text: '  "a": 1,'.replace(/^ {2}/, nbsp + nbsp), background: '#f9e3e3' },
      { text: '  "a": 2,'.replace(/^ {2}/, nbsp + nbsp), background: '#e2f4e4' },
      { text: '  "b": 3'.replace(/^ {2}/, nbsp + nbsp), background: '#f7ecbe' },
    ])
    expect(html).not.toContain('[!code')
  })

  it('reads a VitePress notation on a line of its own as marking the lines after it', async () => {
    const { html } = await render('```js\n// [!code highlight:2]\na\nb\nc\n```')
    expect(markedLines(html).map(({ text }) => text)).toEqual(['a', 'b'])
    expect(preContent(html)).not.toContain('//')
  })

  it('reads Docusaurus magic comments and removes them', async () => {
    const { html } = await render('```js\na\n// highlight-next-line\nb\nc\n// highlight-start\nd\ne\n// highlight-end\nf\n```')
    expect(markedLines(html).map(({ text }) => text)).toEqual(['b', 'd', 'e'])
    expect(html).not.toContain('highlight-')
  })
})

describe('remark-weixin-code-meta: captions', () => {
  const titles: Array<[string, string]> = [
    ['jsx title="a.js" {2}', 'a.js'],
    ["js title='a.js' showLineNumbers", 'a.js'],
    ['js title=a.js', 'a.js'],
    ['js:title=a.js', 'a.js'],
    ['js filename="src/a.js"', 'src/a.js'],
    ['js [vite.config.js]', 'vite.config.js'],
    ['js{12-15} twoslash [server.js]', 'server.js'],
    ['json [package.json (多入口)]', 'package.json (多入口)'],
    ['[.env.production]', '.env.production'],
    ['js title=\'say "hi"\'', 'say "hi"'],
    ['js title="C:\\\\dir"', 'C:\\dir'],
    ['js Array.map', 'Array.map'],
  ]
  for (const [info, title] of titles) {
    it(`captions \`${info}\` with ${title}`, async () => {
      const { tree } = await readFences(`\`\`\`${info}\nconst a = 1\n\`\`\``)
      expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'code'])
      const caption = tree.children[0]!
      expect(caption.type === 'paragraph' && caption.children).toEqual([{ type: 'text', value: title }])
      expect(caption.data?.hProperties?.['className']).toEqual(['mdwx-code-title'])
    })
  }

  it('ignores display flags, options and text markers rather than caption them', async () => {
    for (const info of ['js twoslash', 'ts:line-numbers', 'js showLineNumbers{5}', 'js live', 'ts style:max-height:400px', 'js line_number:false', 'js "word" /re/', 'js frame="terminal"', 'ts:line-numbers=2 {1}']) {
      const { tree } = await readFences(`\`\`\`${info}\nconst a = 1\n\`\`\``)
      expect(tree.children.map((node) => node.type), info).toEqual(['code'])
    }
  })

  it('captions Hexo’s title, URL and link text with a link', async () => {
    const { tree } = await readFences('```js _.compact http://underscorejs.org/#compact Underscore.js\n_.compact([0, 1])\n```')
    const caption = tree.children[0]!
    expect(caption.type === 'paragraph' && caption.children).toEqual([
      { type: 'text', value: '_.compact ' },
      { type: 'link', url: 'http://underscorejs.org/#compact', children: [{ type: 'text', value: 'Underscore.js' }] },
    ])
  })

  it('puts the caption right on top of its block, in every theme', async () => {
    for (const name of ['default', 'tech', 'literary']) {
      const { html } = await render('Text\n\n```js title="a.js"\nconst a = 1\n```', themes[name])
      const caption = elements(html, 'p')[1]!
      expect(textOf(caption.children), name).toBe('a.js')
      const pre = elements(html, 'pre')[0]!
      expect(styleMap(caption)['margin'], name).toMatch(/^1(?:\.5)?em 0 0$/)
      expect(styleMap(pre)['margin'], name).toMatch(/^0 0 1(?:\.5)?em$/)
      expect(html.indexOf('a.js</p>') + 'a.js</p>'.length, name).toBe(html.indexOf('<pre'))
    }
  })

  it('rounds a tech caption’s top corners and its block’s bottom ones', async () => {
    const { html } = await render('```js title="a.js"\nconst a = 1\n```', themes['tech'])
    expect(styleMap(elements(html, 'p')[0])['border-radius']).toBe('6px 6px 0 0')
    expect(styleMap(elements(html, 'pre')[0])['border-radius']).toBe('0 0 6px 6px')
  })

  it('captions a block in a tight list as a section, which the list keeps', async () => {
    const { html } = await render('- ```js title="a.js"\n  const a = 1\n  ```\n- b')
    const caption = elements(html, 'section').find((node) => textOf(node.children) === 'a.js')
    expect(caption).toBeDefined()
    expect(styleMap(caption)['background']).toBe('#eaeef2')
  })

  it('writes a title as text, never as HTML', async () => {
    const { html } = await render('```js title="<img src=x onerror=alert(1)>" [<script>alert(2)</script>]\nx\n```')
    expect(html).toContain('&#x3C;img src=x onerror=alert(1)>')
    expect(html).not.toMatch(/<img|<script|onerror="/)
    const label = await render('```js [<img src=x onerror=alert(1)>]\nx\n```')
    expect(label.html).toContain('&#x3C;img src=x onerror=alert(1)>')
    expect(label.html).not.toContain('<img')
  })

  it('keeps a javascript: URL in a Hexo caption from becoming a link', async () => {
    const { html } = await render('```js Title javascript:alert(1)\nx\n```')
    expect(html).not.toContain('href')
  })
})

describe('remark-weixin-code-meta: meta that cannot be read', () => {
  // The column is the unreadable part's, on the fence line (line 3).
  const broken: Array<[string, RegExp, number]> = [
    ['js {1,x}', /`x` is not a line number/, 7],
    ['js {5-2}', /`5-2` ends before it starts/, 7],
    ['js {9}', /`9` goes past the block's last line, 5/, 7],
    ['js {4-9}', /`4-9` goes past/, 7],
    ['js {0}', /numbered from 1/, 7],
    ['js {1,3', /not closed/, 7],
    ['js title="a" mark={x}', /`x` is not a line number/, 17],
    ['js{1,x}', /`x` is not a line number/, 6],
  ]
  for (const [info, reason, column] of broken) {
    it(`warns about \`${info}\` where it is, and still highlights the block`, async () => {
      const { html, messages } = await render(`Text\n\n\`\`\`${info}\n${code}\n\`\`\``)
      expect(messages.map((message) => message.ruleId)).toEqual(['code-meta'])
      expect(messages[0]!.fatal).toBe(false)
      expect(messages[0]!.reason).toMatch(reason)
      expect([messages[0]!.line, messages[0]!.column]).toEqual([3, column])
      expect(preContent(html)).toContain('<b>const</b>')
    })
  }

  it('marks what could be read of a group with a bad item, and a range up to the last line', async () => {
    const { html } = await render(`\`\`\`js {1,x,3} {4-9}\n${code}\n\`\`\``)
    expect(markedLines(html).map(({ text }) => text)).toEqual(['const a = 1', 'const c = 3', 'const d = 4', 'const e = 5'])
  })
})

describe('document-syntax: codeMeta', () => {
  const cases: Array<[string, boolean]> = [
    ['```js\nx\n```', false],
    ['```\nx\n```', false],
    ['text {1} [a] a:b', false],
    ['```js{1}\nx\n```', true],
    ['```ts:line-numbers\nx\n```', true],
    ['```[.env]\nx\n```', true],
    ['```js title="a"\nx\n```', true],
    ['~~~ js [a.js]\nx\n~~~', true],
    ['> - ```js {2}\n>   x\n>   ```', true],
    ['```js\nx // [!code ++]\n```', true],
    ['```js\n// highlight-next-line\nx\n```', true],
    ['{% codeblock lang:js mark:1 %}\nx\n{% endcodeblock %}', true],
  ]
  for (const [markdown, expected] of cases) {
    it(`${expected ? 'registers' : 'skips'} the plugin for ${JSON.stringify(markdown)}`, () => {
      expect(syntaxOf(markdown).codeMeta).toBe(expected)
    })
  }
})
