import { renderMarkdown, rehypeWeixinMermaid } from '@mdwx/render'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

const kinds: Record<string, string> = {
  flowchart: 'flowchart LR\n  A[开始] --> B[结束]',
  sequence: 'sequenceDiagram\n  Alice->>Bob: 你好',
  class: 'classDiagram\n  Animal <|-- Duck',
  state: 'stateDiagram-v2\n  [*] --> Still\n  Still --> [*]',
  er: 'erDiagram\n  CUSTOMER ||--o{ ORDER : places',
  xychart: 'xychart-beta\n  x-axis [a, b]\n  bar [1, 2]',
  pie: 'pie showData\n  title 宠物\n  "狗" : 386\n  "猫" : 85',
  mindmap: 'mindmap\n  root((主题))\n    分支一\n      叶子\n    分支二',
  gantt: 'gantt\n  title 计划\n  dateFormat YYYY-MM-DD\n  section 写作\n  初稿 :a1, 2024-01-01, 7d\n  修改 :after a1, 3d',
}

async function render(markdown: string, options: Parameters<typeof renderMarkdown>[1] = {}) {
  return renderMarkdown(new VFile({ path: 'posts/d.md', value: markdown }), options)
}

function svgOf(src: string): string {
  return Buffer.from(/^data:image\/svg\+xml;base64,(.*)$/.exec(src)![1]!, 'base64').toString('utf8')
}

describe('rehype-weixin-mermaid', () => {
  it.each(Object.entries(kinds))('draws a %s diagram as a picture of self-contained SVG, its source as alt', async (_kind, source) => {
    // Resolved as publish resolves it: the data: URI alone would count toward the limit.
    const { html, images, messages } = await render(`\`\`\`mermaid\n${source}\n\`\`\``, { resolveImage: () => 'https://mmbiz.qpic.cn/d.png' })
    expect(messages).toEqual([])
    expect(images).toHaveLength(1)
    const [image] = images
    expect(image!.alt).toBe(source.replace(/\s+/g, ' '))
    expect(image!.position).toEqual({ line: 1, column: 1 })
    expect(image!.drawn).toBe('diagram')
    const svg = svgOf(image!.src)
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    // Rasterised at twice the width the article shows, for a phone's 2× screen.
    const shown = Number(/width:(\d+)px/.exec(html)![1])
    expect(Math.abs(Number(/^<svg [^>]*width="([\d.]+)"/.exec(svg)![1]) - 2 * shown)).toBeLessThanOrEqual(1)
    // What rasterisers cannot draw or would fetch is written out.
    expect(svg).not.toMatch(/var\(|color-mix|@import|https?:\/\/(?!www.w3.org)/)
    // Opaque: painted on white first, so dark lines do not vanish in the app's dark mode.
    expect(svg).toMatch(/^<svg\b[^>]*><rect [^>]*fill="#(?:FFFFFF|ffffff)"/)
    expect(html).toMatch(/<section style="text-align:center;margin:1em 0"><img src="https:\/\/mmbiz.qpic.cn\/d.png" alt="[^"]+" style="max-width:100%;width:\d+px"><\/section>/)
  })

  it.each(['journey\n  title 一天', 'gitGraph\n  commit', 'timeline\n  title 历史'])('keeps a kind mdwx cannot draw as code, warning where (diagram-unsupported): %s', async (source) => {
    const { html, images, messages } = await render(`Text.\n\n\`\`\`mermaid\n${source}\n\`\`\``)
    expect(images).toEqual([])
    expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal ? 'error' : 'warning'}`)).toEqual(['3:1 diagram-unsupported warning'])
    expect(String(messages[0]!.reason)).toMatch(/mdwx cannot draw (journey|gitGraph|timeline) diagrams/)
    expect(html).toContain('<pre')
    expect(html).toContain(source.split('\n')[0]!.replace(/"/g, '"'))
  })

  it('keeps a diagram Mermaid cannot read as code (diagram-invalid)', async () => {
    const { html, messages } = await render('```mermaid\nnot a diagram\n```')
    expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['1:1 diagram-invalid'])
    expect(html).toContain('not a diagram</pre>')
  })

  it('keeps markup in labels as text: the SVG gets no element from the source', async () => {
    const { images } = await render('```mermaid\nflowchart LR\n  A["<image href=\'file:///etc/passwd\'/><script>alert(1)</script>"] --> B\n```')
    const svg = svgOf(images[0]!.src)
    expect(svg).not.toMatch(/<(?:image|script|foreignObject)\b/)
    expect(svg).toContain('&lt;script&gt;')
  })

  it('draws a pie chart itself (beautiful-mermaid has none): slices largest first, percentages, a legend, the title', async () => {
    const { images, messages } = await render('```mermaid\npie title 宠物\n  %% a comment\n  "猫" : 85\n  "狗" : 386\n```')
    expect(messages).toEqual([])
    const svg = svgOf(images[0]!.src)
    expect(svg.indexOf('狗')).toBeLessThan(svg.indexOf('猫'))
    expect(svg).toContain('>82%<')
    expect(svg).toContain('>狗 82.0%<')
    expect(svg).toContain('>宠物<')
  })

  it('draws a mindmap itself: every node in its shape’s text, icons and classes left out', async () => {
    const { images, messages } = await render('```mermaid\nmindmap\n  root((根))\n    a[方形]\n      ::icon(fa fa-book)\n      b(圆角):::urgent\n    c{{六边形}}\n    "`**粗**体`"\n```')
    expect(messages).toEqual([])
    const svg = svgOf(images[0]!.src)
    for (const text of ['根', '方形', '圆角', '六边形', '粗体']) expect(svg).toContain(`>${text}</text>`)
    expect(svg).not.toMatch(/icon|urgent|\*\*/)
  })

  it('draws a Gantt chart itself: sections, tasks after others, done/active/crit/milestone', async () => {
    const source = 'gantt\n  dateFormat YYYY-MM-DD\n  section 准备\n  资料 :done, a1, 2024-01-01, 7d\n  提纲 :active, a2, after a1, 3d\n  section 写作\n  初稿 :crit, 10d\n  发布 :milestone, m1, 2024-01-21, 0d'
    const { images, messages } = await render(`\`\`\`mermaid\n${source}\n\`\`\``)
    expect(messages).toEqual([])
    const svg = svgOf(images[0]!.src)
    for (const text of ['准备', '资料', '提纲', '写作', '初稿', '发布', '01-04']) expect(svg).toContain(`>${text}</text>`)
    // done grey, crit red, active outlined, the milestone a diamond.
    expect(svg).toMatch(/fill="#bab0ac"/)
    expect(svg).toMatch(/fill="#e15759"/)
    expect(svg).toMatch(/<rect [^>]*fill="#ffffff" stroke="#4e79a7"/)
    expect(svg).toMatch(/<path d="M[\d.]+ [\d.]+l9 9-9 9-9-9z"/)
  })

  it.each([
    ['gantt\n  dateFormat DD/MM/YYYY\n  a :01/02/2024, 3d', 'only YYYY-MM-DD'],
    ['gantt\n  a :after nothing, 3d', 'names a task not defined before it'],
    ['gantt\n  a :2024-01-01, soon', 'neither a duration'],
  ])('keeps a Gantt chart it cannot read as code (diagram-invalid): %s', async (source, said) => {
    const { messages } = await render(`\`\`\`mermaid\n${source}\n\`\`\``)
    expect(messages.map((m) => m.ruleId)).toEqual(['diagram-invalid'])
    expect(String(messages[0]!.reason)).toContain(said)
  })

  it('keeps a mindmap with two roots as code (diagram-invalid)', async () => {
    const { messages } = await render('```mermaid\nmindmap\n  一\n  二\n```')
    expect(messages.map((m) => m.ruleId)).toEqual(['diagram-invalid'])
    expect(String(messages[0]!.reason)).toContain('a mindmap has one root')
  })

  it('keeps a pie chart it cannot read as code (diagram-invalid)', async () => {
    const { messages } = await render('```mermaid\npie\n  "狗" : many\n```')
    expect(messages.map((m) => `${m.ruleId} ${m.reason}`)).toEqual(['diagram-invalid Mermaid could not read this pie chart (expected `"label" : value` (a positive number), got `"狗" : many`): the diagram is shown as its Mermaid source'])
  })

  it('draws the same source as the same picture, so it is uploaded once', async () => {
    const fence = '```mermaid\nflowchart LR\n  A --> B\n```'
    const { images } = await render(`${fence}\n\n${fence}`)
    expect(images[0]!.src).toBe(images[1]!.src)
  })

  it('counts toward the limit: a heavy diagram is named in the limit report', async () => {
    const { messages } = await render(`\`\`\`mermaid\nflowchart LR\n  A --> B\n\`\`\`\n\n${'长'.repeat(20_000)}`)
    expect(messages.find((m) => m.ruleId === 'content-too-long')!.reason).toMatch(/diagram `flowchart LR A --> B` \(line 1\) [\d,]+/)
  })

  it('option mermaid: false leaves the fence as code', async () => {
    const { images, messages } = await render('```mermaid\nflowchart LR\n  A --> B\n```', { mermaid: false })
    expect(images).toEqual([])
    expect(messages).toEqual([])
  })

  it('front matter mermaid: false keeps one article’s diagrams as code', async () => {
    const { images, messages, html } = await render('---\nmermaid: false\n---\n\n```mermaid\nflowchart LR\n  A --> B\n```')
    expect(images).toEqual([])
    expect(messages).toEqual([])
    expect(html).toContain('flowchart LR')
  })

  it('front matter mermaid of another type is an error at its line (frontmatter-type); diagrams stay on', async () => {
    const { images, messages } = await render('---\ntitle: t\nmermaid: "no"\n---\n\n```mermaid\nflowchart LR\n  A --> B\n```')
    expect(messages.map((m) => `${m.ruleId} ${m.fatal} ${m.line}:${m.column}`)).toEqual(['frontmatter-type true 3:1'])
    expect(String(messages[0]!.reason)).toBe('Front matter key `mermaid` must be true or false, got "no"')
    expect(images.map((image) => image.drawn)).toEqual(['diagram'])
  })

  it('refuses a bad enabled option, naming it', () => {
    expect(() => rehypeWeixinMermaid({ enabled: 'yes' as never })).toThrow(/Expected a boolean for enabled, got "yes"/)
  })
})
