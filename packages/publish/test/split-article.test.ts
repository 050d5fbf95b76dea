import { type ArticlePart, type MeasureContent, partTitle, splitArticle, type SplitResult } from '@mdwx/publish'
import { createWeixinProcessor, renderMarkdown } from '@mdwx/render'
import { describe, expect, it } from 'vitest'

/** A stand-in for rendering: the content is the Markdown itself. */
const byLength: MeasureContent = async (markdown) => ({ characters: markdown.length, bytes: Buffer.byteLength(markdown) })

/** The real renderer, measured as publish measures it. */
const rendered: MeasureContent = async (markdown) => {
  const { html } = await renderMarkdown(markdown)
  return { characters: html.length, bytes: Buffer.byteLength(html) }
}

function counting(measure: MeasureContent): { measure: MeasureContent; calls: () => number } {
  let calls = 0
  return {
    measure: async (markdown) => {
      calls++
      return measure(markdown)
    },
    calls: () => calls,
  }
}

/** A paragraph of exactly `length` characters, recognisable by its `id`. */
function para(id: string, length: number): string {
  const head = `〔${id}〕`
  return head + '文'.repeat(Math.max(0, length - head.length))
}

function parts(result: SplitResult): ArticlePart[] {
  if ('failure' in result) throw new Error(`expected parts, got the failure: ${result.failure}`)
  return result.parts
}

/** A part's Markdown after its front matter and part line. */
function body(part: ArticlePart): string {
  return part.markdown.replace(/^---\n[\s\S]*?\n---\n+/, '').replace(/^本文分 \d+ 篇，这是第 \d+ 篇。\n+/, '')
}

/** The parts each text is in. */
function whereIs(list: readonly ArticlePart[], text: string): number[] {
  return list.filter((part) => part.markdown.includes(text)).map((part) => part.index)
}

/** The top-level blocks of Markdown as the renderer parses them, as written. */
function blocksOf(markdown: string): string[] {
  const tree = createWeixinProcessor().parse(markdown)
  return tree.children.filter((node) => node.type !== 'yaml').map((node) => markdown.slice(node.position!.start.offset, node.position!.end.offset))
}

const partLinePattern = /^本文分 \d+ 篇，这是第 \d+ 篇。$/

/** Five sections of about 400 characters, each with two subsections. */
function fiveSections(): string {
  const sections = ['甲', '乙', '丙', '丁', '戊'].map(
    (name, index) =>
      `## 第${index + 1}节 ${name}\n\n${para(`${name}0`, 150)}\n\n### 小节 ${index + 1}.1\n\n${para(`${name}1`, 100)}\n\n### 小节 ${index + 1}.2\n\n${para(`${name}2`, 100)}\n`,
  )
  return `---\ntitle: 五节\n---\n\n# 五节\n\n${para('引言', 60)}\n\n${sections.join('\n')}`
}

describe('splitArticle: where the cuts fall', () => {
  it('cuts at H2 headings into the fewest parts, each under the limit', async () => {
    const markdown = fiveSections()
    const list = parts(await splitArticle(markdown, byLength, { title: '五节', maxCharacters: 1000 }))
    // About 2,050 characters: three parts at least, and three suffice with cuts at H2. Of the
    // ways to make three, [引言 甲] [乙 丙] [丁 戊] has the smallest largest part.
    expect(list).toHaveLength(3)
    for (const part of list) expect(part.markdown.length).toBeLessThan(1000)
    expect(list.slice(1).map((part) => body(part).split('\n')[0])).toEqual(['## 第2节 乙', '## 第4节 丁'])
    // Every block of the article is in exactly one part.
    for (const block of blocksOf(markdown)) expect(whereIs(list, block), block).toHaveLength(1)
  })

  it('measures each section once and each part once', async () => {
    const { measure, calls } = counting(byLength)
    const list = parts(await splitArticle(fiveSections(), measure, { title: '五节', maxCharacters: 1000 }))
    // The frame (3), the preamble and five sections (6), the three parts (3).
    expect(calls()).toBeLessThanOrEqual(3 + 6 + list.length)
  })

  it('among as many parts, prefers the cuts at higher headings, then even sizes', async () => {
    // Sections of 600, 300, 300, 600: two parts either way; [600, 300] + [300, 600] is the even one.
    const markdown = ['600', '300', '300', '600'].map((size, index) => `## 节${index}\n\n${para(`p${index}`, Number(size) - 10)}\n`).join('\n')
    const list = parts(await splitArticle(markdown, byLength, { title: 't', maxCharacters: 1000 }))
    expect(list.map((part) => body(part).split('\n')[0])).toEqual(['## 节0', '## 节2'])
  })

  it('cuts a section too long for a part at its H3 headings, and a subsection too long at its paragraphs', async () => {
    const subsections = [1, 2, 3, 4, 5].map((n) => `### 2.${n}\n\n${para(`二${n}`, 230)}\n`).join('\n')
    const paragraphs = [1, 2, 3, 4, 5, 6].map((n) => para(`三${n}`, 200)).join('\n\n')
    const markdown = `## 一\n\n${para('一', 250)}\n\n## 二\n\n${para('二', 100)}\n\n${subsections}\n## 三\n\n${paragraphs}\n\n## 四\n\n${para('四', 250)}\n`
    const list = parts(await splitArticle(markdown, byLength, { title: 't', maxCharacters: 1000 }))
    for (const part of list) expect(part.markdown.length).toBeLessThan(1000)
    // Every cut is at a heading, or (in section 三, which has none) between its paragraphs.
    const starts = list.slice(1).map((part) => body(part).split('\n')[0]!)
    for (const start of starts) expect(start).toMatch(/^(?:## |### 2\.|〔三\d〕)/)
    expect(starts.some((start) => start.startsWith('### 2.'))).toBe(true)
    expect(starts.some((start) => start.startsWith('〔三'))).toBe(true)
    // No part ends with a heading.
    for (const part of list) expect(part.markdown.trimEnd().split('\n').at(-1)).not.toMatch(/^#/)
    // Fewest: about 3,200 characters need four parts.
    expect(list).toHaveLength(4)
    for (const block of blocksOf(markdown)) expect(whereIs(list, block), block).toHaveLength(1)
  })

  it('never cuts inside code, a table, a list, a quote or callout, a container, a formula or a pair of tags', async () => {
    const big = (id: string) => para(id, 120)
    const constructs = [
      `\`\`\`js\n// ${big('code-a')}\n\n## not a heading\n\n// ${big('code-b')}\n\`\`\``,
      `| 列 | 值 |\n| --- | --- |\n| ${big('table-a')} | 1 |\n| ${big('table-b')} | 2 |`,
      `- ${big('list-a')}\n\n  ## 列表里的标题\n\n- ${big('list-b')}`,
      `> [!TIP]\n> ${big('alert-a')}\n>\n> ${big('alert-b')}`,
      `::: tip 提示\n${big('container-a')}\n\n## 容器里的标题\n\n${big('container-b')}\n:::`,
      `$$\n${'x+'.repeat(60)}1\n\n${'y+'.repeat(60)}1\n$$`,
      `{% note info %}\n${big('hexo-a')}\n\n## 注释里的标题\n\n${big('hexo-b')}\n{% endnote %}`,
      `{{< notice tip >}}\n${big('hugo-a')}\n\n## 短代码里的标题\n\n${big('hugo-b')}\n{{< /notice >}}`,
      `<details>\n<summary>详情</summary>\n\n${big('html-a')}\n\n## 元素里的标题\n\n${big('html-b')}\n\n</details>`,
    ]
    // No section headings: the cuts fall between blocks, and the headings inside the pairs of
    // tags (top-level headings to the parser) would be the first choice if they were cut points.
    const markdown = `# 结构\n\n${constructs.map((construct, index) => `${para(`前${index}`, 200)}\n\n${construct}\n\n${para(`后${index}`, 200)}\n`).join('\n')}`
    const list = parts(await splitArticle(markdown, byLength, { title: '结构', maxCharacters: 800, maxParts: 20 }))
    expect(list.length).toBeGreaterThan(3)
    for (const part of list) expect(part.markdown.length).toBeLessThan(800)
    for (const construct of constructs) expect(whereIs(list, construct), construct).toHaveLength(1)
    // The headings inside the pairs are no cut points either: no part starts with one.
    for (const part of list) expect(body(part)).not.toMatch(/^## (?:注释|短代码|元素)里的标题/)
  })

  it('keeps the blocks between tags whole when the parser reads them apart', async () => {
    // `## 标题` inside the note is a top-level heading to the parser, yet no cut point.
    const note = `{% note warning %}\n${para('n1', 300)}\n\n## 注释里的标题\n\n${para('n2', 300)}\n{% endnote %}`
    const markdown = `## 一\n\n${para('一', 500)}\n\n## 二\n\n${note}\n\n## 三\n\n${para('三', 500)}\n`
    const list = parts(await splitArticle(markdown, byLength, { title: 't', maxCharacters: 900 }))
    expect(whereIs(list, note)).toHaveLength(1)
    expect(list).toHaveLength(3)
  })
})

describe('splitArticle: when it cannot', () => {
  it('more parts than one push holds: says how many --split would make', async () => {
    const markdown = Array.from({ length: 10 }, (_, index) => `## 节${index}\n\n${para(`p${index}`, 700)}\n`).join('\n')
    const result = await splitArticle(markdown, byLength, { title: 't', maxCharacters: 1000 })
    expect(result).toEqual({ failure: '`--split` would make 10 parts, more than the 8 of one push', partsNeeded: 10 })
    // With room for them, the same article is ten parts.
    expect(parts(await splitArticle(markdown, byLength, { title: 't', maxCharacters: 1000, maxParts: 10 }))).toHaveLength(10)
  })

  it('a single block over the limit: says which and where', async () => {
    const code = `\`\`\`js\n${Array.from({ length: 40 }, (_, index) => `const line${index} = '${'x'.repeat(40)}'`).join('\n')}\n\`\`\``
    const markdown = `## 一\n\n${para('一', 300)}\n\n## 二\n\n${para('二', 100)}\n\n${code}\n\n## 三\n\n${para('三', 300)}\n`
    const result = await splitArticle(markdown, byLength, { title: 't', maxCharacters: 1000 })
    expect(result).toMatchObject({ line: 9 })
    expect('failure' in result && result.failure).toMatch(/^a single code block at line 9 is over the limit \([\d,]+ characters; each part must be under 1,000\)$/)
  })

  it('names the table, the formula or the pair of tags that cannot fit', async () => {
    const table = `| a | b |\n| --- | --- |\n${Array.from({ length: 30 }, (_, index) => `| ${index} | ${'值'.repeat(40)} |`).join('\n')}`
    const formula = `$$\n${'a+'.repeat(700)}b\n$$`
    const note = `{% note %}\n${para('a', 600)}\n\n${para('b', 600)}\n{% endnote %}`
    for (const [block, name] of [
      [table, 'table'],
      [formula, 'formula'],
      [note, '`{% note %}` block'],
    ] as const) {
      const result = await splitArticle(`## 一\n\n${para('一', 100)}\n\n${block}\n`, byLength, { title: 't', maxCharacters: 1000 })
      expect('failure' in result && result.failure).toContain(`a single ${name} at line 5 is over the limit`)
    }
  })

  it('an article that fits is one part, as written', async () => {
    const markdown = `---\ntitle: 短\n---\n\n# 短\n\n${para('短', 100)}\n`
    expect(await splitArticle(markdown, byLength, { title: '短' })).toEqual({ parts: [{ index: 1, total: 1, title: '短', markdown }] })
  })

  it('checks its options', async () => {
    await expect(splitArticle('x', byLength, { title: 't', maxParts: 0 })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION' })
    await expect(splitArticle('x', byLength, { title: 't', maxCharacters: 1.5 })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION' })
    // @ts-expect-error: a wrong language
    await expect(splitArticle('x', byLength, { title: 't', language: 'fr' })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION' })
  })
})

describe('splitArticle: titles and part lines', () => {
  it('titles parts 标题（n/total）, shortening the title to keep 32 characters', () => {
    expect(partTitle('标题', 1, 3)).toBe('标题（1/3）')
    const long = '一个非常非常长的标题，长到加上篇号以后会超过三十二个字符的限制'
    const title = partTitle(long, 2, 3)
    expect(title).toHaveLength(32)
    expect(title).toMatch(/^一个非常非常长的标题.*…（2\/3）$/)
    // A title of exactly the room left stays whole.
    expect(partTitle('字'.repeat(27), 1, 3)).toBe(`${'字'.repeat(27)}（1/3）`)
    expect(partTitle('字'.repeat(28), 1, 3)).toBe(`${'字'.repeat(26)}…（1/3）`)
    // Emoji (two UTF-16 units) are never cut in half.
    expect(partTitle('😀'.repeat(20), 1, 3)).toBe(`${'😀'.repeat(13)}…（1/3）`)
    expect(partTitle('Title', 1, 2, '第{n}篇 · {title}')).toBe('第1篇 · Title')
    expect(partTitle('Title', 1, 2, '{title} ({n}/{total})')).toBe('Title (1/2)')
    // `$` in a title is text, not a replacement pattern.
    expect(partTitle('$& costs', 1, 2)).toBe('$& costs（1/2）')
  })

  it('gives every part its title and a first line saying which part it is', async () => {
    const list = parts(await splitArticle(fiveSections(), byLength, { title: '五节', maxCharacters: 1000 }))
    expect(list.map((part) => part.title)).toEqual(['五节（1/3）', '五节（2/3）', '五节（3/3）'])
    expect(list.map((part) => [part.index, part.total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ])
    // Part 1: after the title heading (publish's title, removed from the body); the others: first.
    expect(list[0]!.markdown).toMatch(/^---\ntitle: 五节\n---\n\n# 五节\n\n本文分 3 篇，这是第 1 篇。\n\n〔引言〕/)
    expect(list[1]!.markdown).toMatch(/^---\ntitle: 五节\n---\n\n本文分 3 篇，这是第 2 篇。\n\n## 第2节/)
    expect(list[2]!.markdown.split('\n')[4]).toMatch(partLinePattern)
  })

  it('takes a pattern of its own, English defaults, or no part line', async () => {
    const markdown = fiveSections()
    const custom = parts(await splitArticle(markdown, byLength, { title: 'Five', maxCharacters: 1000, titlePattern: 'Five, part {n}', partLine: '*Part {n} of {total}*' }))
    expect(custom.map((part) => part.title)).toEqual(['Five, part 1', 'Five, part 2', 'Five, part 3'])
    expect(custom[1]!.markdown).toContain('---\n\n*Part 2 of 3*\n\n## ')
    const english = parts(await splitArticle(markdown, byLength, { title: 'Five', maxCharacters: 1000, language: 'en' }))
    expect(english[2]!.title).toBe('Five (3/3)')
    expect(english[2]!.markdown).toContain('---\n\nThis article is in 3 parts; this is part 3.\n\n## ')
    const none = parts(await splitArticle(markdown, byLength, { title: 'Five', maxCharacters: 1000, partLine: '' }))
    expect(none[1]!.markdown).toMatch(/^---\ntitle: 五节\n---\n\n## 第2节/)
  })
})

describe('splitArticle: what each part carries', () => {
  /** Three sections of about 700 characters: one part each at a limit of 1,000. */
  function withNotes(): string {
    return [
      '---',
      'title: 脚注',
      'math: false',
      '---',
      '',
      '# 脚注',
      '',
      `引言引用了两处[^both]，也引用了[一本书][ref]。${para('引', 300)}`,
      '',
      '<!-- more -->',
      '',
      '## 二',
      '',
      `这里引用了只在这里用的[^only]和一串[^chain]。${para('二', 650)}`,
      '',
      '## 三',
      '',
      `这里又引用了[^both]，还有[那本书][ref]和![图][pic]。${para('三', 650)}`,
      '',
      '[^both]: 两部分都引用的脚注。',
      '[^only]: 只有第二部分引用的脚注。',
      '[^chain]: 这个脚注引用了另一个[^inner]。',
      '[^inner]: 被脚注引用的脚注。',
      '[^unused]: 没有人引用的脚注。',
      '',
      '[ref]: https://example.com/book "书"',
      '[pic]: https://example.com/pic.png',
      '',
    ].join('\n')
  }

  it('moves a footnote to the one part that cites it, and copies those several parts cite', async () => {
    const list = parts(await splitArticle(withNotes(), byLength, { title: '脚注', maxCharacters: 1000 }))
    expect(list).toHaveLength(3)
    expect(whereIs(list, '[^both]: ')).toEqual([1, 3])
    expect(whereIs(list, '[^only]: ')).toEqual([2])
    expect(whereIs(list, '[^chain]: ')).toEqual([2])
    expect(whereIs(list, '[^inner]: ')).toEqual([2])
    // Cited nowhere: it stays where it was written.
    expect(whereIs(list, '[^unused]: ')).toEqual([3])
    expect(whereIs(list, '[ref]: https://example.com/book "书"')).toEqual([1, 3])
    expect(whereIs(list, '[pic]: ')).toEqual([3])
  })

  it('keeps the front matter in every part, the title heading and excerpt marker in the first', async () => {
    const list = parts(await splitArticle(withNotes(), byLength, { title: '脚注', maxCharacters: 1000 }))
    for (const part of list) expect(part.markdown.startsWith('---\ntitle: 脚注\nmath: false\n---\n\n')).toBe(true)
    expect(whereIs(list, '# 脚注\n')).toEqual([1])
    expect(whereIs(list, '<!-- more -->')).toEqual([1])
  })

  it('brings an excerpt marker written after the first cut to the end of the first part', async () => {
    const markdown = `# 标题\n\n${para('一', 600)}\n\n## 二\n\n${para('二', 600)}\n\n<!-- more -->\n\n## 三\n\n${para('三', 600)}\n`
    const list = parts(await splitArticle(markdown, byLength, { title: '标题', maxCharacters: 1000 }))
    expect(whereIs(list, '<!-- more -->')).toEqual([1])
    expect(list[0]!.markdown.trimEnd().endsWith('<!-- more -->')).toBe(true)
  })

  it('renders each part with its own notes and references (the real renderer)', async () => {
    const list = parts(await splitArticle(withNotes(), byLength, { title: '脚注', maxCharacters: 1000 }))
    const htmls = await Promise.all(list.map(async (part) => (await renderMarkdown(part.markdown)).html))
    expect(htmls[0]).toContain('两部分都引用的脚注。')
    expect(htmls[0]).toContain('https://example.com/book')
    expect(htmls[1]).toContain('只有第二部分引用的脚注。')
    expect(htmls[1]).toContain('被脚注引用的脚注。')
    expect(htmls[1]).not.toContain('两部分都引用的脚注。')
    expect(htmls[2]).toContain('两部分都引用的脚注。')
    expect(htmls[2]).not.toContain('[一本书]')
  })

  it('moves a definition written early to the later part that uses it; TOML front matter; sections at H1', async () => {
    // Sections at H1 after the title heading: those are the cut points.
    const markdown = `+++\ntitle = "早"\n+++\n\n# 早\n\n[^early]: 写在前面、只有第三部分引用的脚注。\n\n${para('引', 600)}\n\n# 二\n\n${para('二', 700)}\n\n# 三\n\n引用[^early]。${para('三', 700)}\n`
    const list = parts(await splitArticle(markdown, byLength, { title: '早', maxCharacters: 1000 }))
    expect(list).toHaveLength(3)
    for (const part of list) expect(part.markdown.startsWith('+++\ntitle = "早"\n+++\n\n')).toBe(true)
    expect(list.slice(1).map((part) => part.markdown.split('\n')[6])).toEqual(['# 二', '# 三'])
    expect(whereIs(list, '[^early]: ')).toEqual([3])
    expect((await renderMarkdown(list[2]!.markdown)).html).toContain('写在前面、只有第三部分引用的脚注。')
  })

  it('copies a link definition written inside a list to the other parts that use it', async () => {
    const markdown = `## 一\n\n- 列表\n\n  [inside]: https://example.com/inside\n\n${para('一', 700)}\n\n## 二\n\n见[这里][inside]。${para('二', 700)}\n`
    const list = parts(await splitArticle(markdown, byLength, { title: 't', maxCharacters: 1000 }))
    expect(list).toHaveLength(2)
    expect(list[1]!.markdown).toContain('[inside]: <https://example.com/inside>')
    expect((await renderMarkdown(list[1]!.markdown)).html).toContain('https://example.com/inside')
  })
})

describe('splitArticle with the real renderer', () => {
  /** A long Chinese article: sections of prose, code, lists, tables and links. */
  function longArticle(sections: number): string {
    const out = ['---', 'title: 长文', 'author: 作者', '---', '', '# 长文', '', para('导言', 200), '']
    for (let s = 1; s <= sections; s++) {
      out.push(`## 第 ${s} 章 标题`, '', `本章介绍第 ${s} 个主题，参见[文档](https://example.com/doc/${s})。${para(`章${s}`, 400)}`, '')
      for (let t = 1; t <= 3; t++) {
        out.push(`### ${s}.${t} 小节`, '', para(`节${s}.${t}`, 300), '')
        out.push('```js', `function demo${s}_${t}(value) {`, `  // 第 ${s}.${t} 个例子`, '  return value * 2', '}', '```', '')
        out.push(`- 要点一：${para(`点${s}.${t}a`, 60)}`, `- 要点二：${para(`点${s}.${t}b`, 60)}`, '')
      }
      out.push('| 名称 | 说明 |', '| --- | --- |', `| 甲${s} | ${para(`表${s}`, 60)} |`, `| 乙${s} | 第二行 |`, '')
    }
    return out.join('\n')
  }

  /**
   * The text of every top-level block of a render (and of each entry of its references), without
   * reference numbers, which start again in each part.
   */
  async function renderedBlocks(markdown: string): Promise<string[]> {
    const { html } = await renderMarkdown(markdown)
    const inner = html.replace(/^<section[^>]*>/, '').replace(/<\/section>$/, '')
    return inner
      .split(/(?=<(?:p|h[1-6]|section|pre|ul|ol|table|blockquote)[\s>])/)
      .map((block) => block.replace(/<sup>\[\d+\]<\/sup>/g, '').replace(/<[^>]+>/g, '').replace(/^\[\d+\] /, '').trim())
      .filter((text) => text !== '' && text !== '参考链接')
  }

  it('cuts a long article into parts that each render under 19,000 characters, losing nothing', async () => {
    const markdown = longArticle(12)
    const whole = await rendered(markdown)
    expect(whole.characters).toBeGreaterThan(40_000)
    const { measure, calls } = counting(rendered)
    const list = parts(await splitArticle(markdown, measure, { title: '长文' }))
    const sizes = await Promise.all(list.map(async (part) => (await rendered(part.markdown)).characters))
    for (const size of sizes) expect(size).toBeLessThan(19_000)
    expect(list.length).toBeGreaterThanOrEqual(Math.ceil(whole.characters / 19_000))
    // Fewest: no part could take the next part's first section.
    const sectionsOf = (part: ArticlePart) => body(part).split(/\n(?=## )/)
    for (let index = 0; index + 1 < list.length; index++) {
      const next = sectionsOf(list[index + 1]!)[0]!
      const grown = `${list[index]!.markdown.trimEnd()}\n\n${next}`
      expect((await rendered(grown)).characters, `part ${index + 1} could take more`).toBeGreaterThanOrEqual(19_000)
    }
    // Each section rendered once, each part measured once or twice.
    expect(calls()).toBeLessThanOrEqual(3 + 13 + 2 * list.length + 2)
    // Every block of the whole render is in exactly one part's render (less the part lines).
    const wholeBlocks = await renderedBlocks(markdown)
    const partBlocks = (await Promise.all(list.map((part) => renderedBlocks(part.markdown)))).flat().filter((text) => !partLinePattern.test(text))
    expect(partBlocks.sort()).toEqual(wholeBlocks.sort())
  })

  it('measures formulas as the renderer draws them', async () => {
    // Each formula becomes an SVG of a few thousand characters: the Markdown is short, the parts many.
    const formula = (n: number) => `$$\n\\sum_{k=1}^{${n}} \\frac{k^2}{\\sqrt{k+${n}}} = \\int_0^{${n}} x^2\\,dx\n$$`
    const markdown = Array.from({ length: 6 }, (_, s) => `## 公式 ${s}\n\n${para(`式${s}`, 100)}\n\n${formula(s + 1)}\n\n${formula(s + 11)}\n`).join('\n')
    const whole = await rendered(markdown)
    const list = parts(await splitArticle(markdown, rendered, { title: '公式', maxCharacters: Math.ceil(whole.characters / 2.5) }))
    expect(list.length).toBeGreaterThanOrEqual(3)
    for (const part of list) expect((await rendered(part.markdown)).characters).toBeLessThan(Math.ceil(whole.characters / 2.5))
  })
})
