import { seededRandom } from '../images/synthetic.js'

/** One picture an article shows, by the file name it is saved under next to the articles. */
export interface ArticleImage {
  file: string
  alt: string
}

// Clauses of technical writing, combined at random into sentences: the text is nonsense, but its
// characters, punctuation and length are those of real posts, which is what rendering costs.
const chineseClauses = [
  '在高并发场景下',
  '缓存与数据库的双写一致性是一个老问题',
  '我们先从最简单的方案说起',
  '消息队列可以把同步调用变成异步处理',
  '这样做的代价是系统复杂度明显上升',
  '如果服务之间的调用链路过长',
  '任何一个节点的抖动都会被放大',
  '读写分离之后主从延迟不可避免',
  '分库分表要提前规划好路由规则',
  '限流和熔断是保护下游的最后一道防线',
  '线上排查问题时日志往往是唯一的线索',
  '这里的关键在于幂等',
  '重试必须配合退避策略',
  '否则一次故障会演变成一场雪崩',
  '我们在压测中发现了这个瓶颈',
  '把热点数据放进本地缓存之后',
  '接口的平均耗时从两百毫秒降到了三十毫秒',
  '代码本身并不复杂',
  '难的是把边界条件想清楚',
  '下面用一个具体的例子来说明',
  '这个设计在团队里讨论了很久',
  '最终我们选择了更保守的方案',
  '监控告警要覆盖每一个关键指标',
  '部署流程全部自动化以后',
  '回滚只需要几分钟',
]

const englishClauses = [
  'the request first reaches the gateway',
  'which checks the token and the rate limit',
  'a cache in front of the database absorbs most reads',
  'but every write has to invalidate it',
  'we measured the latency under load',
  'and the tail was worse than the average suggested',
  'retries without backoff turn a blip into an outage',
  'so each client waits a little longer every time',
  'the queue decouples the producer from the consumer',
  'at the price of eventual consistency',
  'idempotent handlers make redelivery harmless',
  'the migration ran in three steps',
  'nothing was deleted until the new path had served real traffic for a week',
  'the benchmark ran on a laptop with two cores',
  'numbers from production told a different story',
  'the simplest fix turned out to be a smaller batch size',
  'logs are only useful when they carry the request id',
]

const headings = {
  zh: ['背景', '问题在哪里', '常见的几种方案', '我们的做法', '压测结果', '踩过的坑', '线上效果', '小结'],
  en: ['Background', 'Where it hurts', 'Options', 'What we built', 'Measurements', 'Pitfalls', 'In production', 'Takeaways'],
}

const authors = ['张伟', '李娜', 'Wang Fang', 'Chen Jie', '刘洋', 'Alex Lin', '赵敏']

type Random = () => number
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1))

function sentence(random: Random, chinese: boolean): string {
  const clauses = Array.from({ length: between(random, 2, 4) }, () => pick(random, chinese ? chineseClauses : englishClauses))
  if (chinese) return `${clauses.join('，')}。`
  const text = clauses.join(', ')
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`
}

function paragraph(random: Random, chinese: boolean): string {
  let text = Array.from({ length: between(random, 2, 5) }, () => sentence(random, chinese)).join(chinese ? '' : ' ')
  // Inline marks as posts have them: a term in code, a bold phrase, a link.
  if (random() < 0.4) text = text.replace(chinese ? '缓存' : 'cache', chinese ? '`Cache`' : '`cache`')
  if (random() < 0.3) text += chinese ? ' **这一点非常重要。**' : ' **This matters.**'
  if (random() < 0.3) text += ` 参见 [文档](https://example.com/docs/${between(random, 1, 99)})。`
  return text
}

function codeBlock(random: Random): string {
  const name = pick(random, ['order', 'user', 'payment', 'session', 'inventory'])
  const snippets = [
    [
      'ts',
      `export async function load${name[0]!.toUpperCase()}${name.slice(1)}(id: string): Promise<Record<string, unknown>> {\n` +
        `  const cached = await cache.get(\`${name}:\${id}\`)\n  if (cached) return JSON.parse(cached)\n` +
        `  const row = await db.query('select * from ${name} where id = $1', [id])\n` +
        `  await cache.set(\`${name}:\${id}\`, JSON.stringify(row), { ttl: ${between(random, 30, 600)} })\n  return row\n}`,
    ],
    [
      'java',
      `public class ${name[0]!.toUpperCase()}${name.slice(1)}Service {\n    private final RateLimiter limiter = RateLimiter.create(${between(random, 10, 500)});\n\n` +
        `    public Result handle(Request request) {\n        if (!limiter.tryAcquire()) {\n            return Result.busy();\n        }\n` +
        `        return repository.find(request.getId())\n                .map(Result::ok)\n                .orElseGet(Result::notFound);\n    }\n}`,
    ],
    [
      'bash',
      `# deploy the ${name} service\nset -euo pipefail\nkubectl -n prod set image deploy/${name} app=registry.local/${name}:v${between(random, 1, 9)}.${between(random, 0, 20)}\n` +
        `kubectl -n prod rollout status deploy/${name} --timeout=${between(random, 60, 300)}s`,
    ],
    [
      'python',
      `def retry(fn, attempts=${between(random, 3, 6)}, base=0.${between(random, 1, 5)}):\n    for attempt in range(attempts):\n        try:\n            return fn()\n` +
        `        except TimeoutError:\n            time.sleep(base * 2 ** attempt)\n    raise RuntimeError("${name} still failing")`,
    ],
  ] as const
  const [language, code] = pick(random, snippets)
  return `\`\`\`${language}\n${code}\n\`\`\``
}

function list(random: Random, chinese: boolean): string {
  const items = Array.from({ length: between(random, 3, 5) }, () => `- ${sentence(random, chinese)}`)
  if (random() < 0.4) items.splice(1, 0, `  1. ${sentence(random, chinese)}`.replace(/^/, '  '))
  return items.join('\n')
}

function table(random: Random, chinese: boolean): string {
  const header = chinese ? '| 方案 | 平均耗时 | P99 | 说明 |' : '| Option | Mean | P99 | Note |'
  const rows = Array.from({ length: between(random, 3, 5) }, (_, row) => `| ${chinese ? '方案' : 'option '}${row + 1} | ${between(random, 5, 200)} ms | ${between(random, 50, 900)} ms | ${sentence(random, chinese).slice(0, 24)} |`)
  return [header, '| --- | ---: | ---: | --- |', ...rows].join('\n')
}

/**
 * A blog post of 2,000–12,000 characters: front matter (title, author, digest), sections with
 * paragraphs, a list, code, sometimes a table and a quote, and its five pictures spread through
 * the text (the first, a photo, leads and becomes the cover). Two posts in three are in Chinese.
 */
export function articleMarkdown(index: number, images: readonly ArticleImage[]): string {
  const random = seededRandom(10_000 + index)
  const chinese = random() < 0.66
  const topic = pick(random, chinese ? ['缓存', '消息队列', '分库分表', '限流', '服务治理', '灰度发布'] : ['caching', 'queues', 'sharding', 'rate limits', 'deploys', 'retries'])
  const title = chinese ? `${topic}实践笔记（${index + 1}）` : `Notes on ${topic}, part ${index + 1}`
  const digest = sentence(random, chinese).slice(0, 100)
  const sections = between(random, 4, 6)
  const blocks: string[] = [`---\ntitle: "${title}"\nauthor: ${pick(random, authors)}\ndigest: "${digest}"\n---`, paragraph(random, chinese)]
  const remaining = [...images]
  const placeImage = () => {
    const image = remaining.shift()
    if (image) blocks.push(`![${image.alt}](${image.file})`)
  }
  placeImage()
  for (let section = 0; section < sections; section++) {
    blocks.push(`## ${(chinese ? headings.zh : headings.en)[section]}`, paragraph(random, chinese))
    if (section === 1 || random() < 0.3) blocks.push(codeBlock(random))
    if (random() < 0.5) blocks.push(list(random, chinese))
    if (section === 2 && random() < 0.5) blocks.push(table(random, chinese))
    if (random() < 0.2) blocks.push(`> ${sentence(random, chinese)}`)
    blocks.push(paragraph(random, chinese))
    // Spread the other four pictures over the sections; whatever is left goes at the end.
    if (section < sections - 1 && random() < 0.8) placeImage()
  }
  while (remaining.length > 0) placeImage()
  return `${blocks.join('\n\n')}\n`
}
