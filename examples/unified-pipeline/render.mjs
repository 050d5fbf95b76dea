// A site generator's own unified pipeline with the Weixin steps of @mdwx/render added: the same
// Markdown gives the site's HTML and, from a second processor, the Weixin article's HTML.
//   node examples/unified-pipeline/render.mjs [file.md]
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import * as wx from '@mdwx/render'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'

const file = process.argv[2] ?? fileURLToPath(new URL('../posts/03-cache-design.md', import.meta.url))
const markdown = await readFile(file, 'utf8')

// The site: whatever the generator already does.
const site = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify)

// Weixin: a processor of its own, the whole mdwx pipeline (its own remark-parse, GFM and front
// matter, then every Weixin step in order), run on a second VFile of the same Markdown: nothing of
// the site's tree is reused. Here images keep a site URL (a real build would upload them, as
// @mdwx/publish does).
const weixin = wx
  .createWeixinProcessor({ theme: 'default', resolveImage: (ref) => new URL(ref.src, 'https://example.com/posts/').href })

const siteHtml = String(await site.process(new VFile({ path: file, value: markdown })))
const article = new VFile({ path: file, value: markdown })
const weixinHtml = String(await weixin.process(article))

console.log(`site HTML:   ${siteHtml.length.toLocaleString()} characters`)
console.log(`Weixin HTML: ${weixinHtml.length.toLocaleString()} characters (limit 20,000), title "${article.data.article?.title}"`)
for (const message of article.messages) console.log(`  ${message.line ?? '-'}:${message.column ?? '-'} ${message.fatal ? 'error' : 'warning'} ${message.reason} (${message.ruleId})`)

// Or pick single plugins: here only the links step, on its own.
const links = unified().use(remarkParse).use(remarkRehype).use(wx.rehypeWeixinLinks).use(rehypeStringify)
console.log(String(await links.process('Read [the spec](https://spec.commonmark.org/) and [unified](https://unifiedjs.com).')))
