// A tiny static-site build followed by the Weixin step, run twice: the second build changes
// nothing, so the Weixin step uploads nothing and calls no article API.
//   node examples/site-build-step/build.mjs
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { weixinAccount } from '../weixin-account.mjs'
import { publishToWeixin } from './weixin-step.mjs'

const postsDir = fileURLToPath(new URL('../posts', import.meta.url))
const siteDir = path.join(tmpdir(), 'mdwx-example-site')

async function buildSite() {
  const site = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify)
  const posts = (await readdir(postsDir)).filter((name) => name.endsWith('.md')).sort()
  await mkdir(siteDir, { recursive: true })
  for (const name of posts) {
    const html = String(await site.process(await readFile(path.join(postsDir, name), 'utf8')))
    await writeFile(path.join(siteDir, name.replace(/\.md$/, '.html')), html)
  }
  console.log(`site: ${posts.length} pages in ${siteDir}`)
  return posts.map((name) => path.join(postsDir, name))
}

const account = await weixinAccount()
try {
  for (const round of ['first build', 'second build (nothing changed)']) {
    console.log(`\n== ${round}`)
    const posts = await buildSite()
    await publishToWeixin({ posts, weixin: account.weixin, lockFile: account.lockFile })
  }
} finally {
  await account.close()
}
