import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { PostLinkTarget } from '@mdwx/render'
import { articleNameOf, discoverMarkdown, withoutMarkdownExtension, type MarkdownFile } from './discover.js'
import { frontMatterBlock, frontMatterValues } from './front-matter-block.js'

/** Hexo's tags that name another post by its slug. */
const postLinkTag = /\{%-?\s*post_(?:link|path)\s/

/**
 * What Hexo's `{% post_link slug %}` points at: each post's title (front matter `title`, else its
 * first `#` heading, else its file name) and, once the lock file knows it, the URL of its
 * published Weixin article. The posts are those of the run and those beside a post that links
 * (the whole `_posts` folder it is in), so publishing one post still names the others. A slug is
 * the post's path below `_posts` without the extension (`2024/hello`), as Hexo reads it, and its
 * bare file name (`hello`). Built only when an article uses the tag, so other runs read nothing
 * more. Plain data, so render threads receive it.
 */
export async function postLinksOf(files: readonly MarkdownFile[], urlOf: (file: MarkdownFile) => string | undefined = () => undefined): Promise<Record<string, PostLinkTarget> | undefined> {
  const linking = (await Promise.all(files.map(async (file) => (postLinkTag.test(await readSource(file)) ? file : undefined)))).filter((file) => file !== undefined)
  if (linking.length === 0) return undefined
  const folders = [...new Set(linking.map(postsFolderOf))]
  const beside = await discoverMarkdown(folders).catch(() => [])
  const posts = [...new Map([...files, ...beside].map((file) => [file.path, file])).values()]
  const links: Record<string, PostLinkTarget> = {}
  for (const file of posts) {
    const target: PostLinkTarget = { title: await titleOf(await readSource(file), file) }
    const url = urlOf(file)
    if (url !== undefined) target.url = url
    for (const slug of slugsOf(file)) if (!Object.hasOwn(links, slug)) links[slug] = target
  }
  return links
}

function readSource(file: MarkdownFile): Promise<string> {
  return readFile(file.path, 'utf8').catch(() => '')
}

/** The `_posts` folder a post is in (Hexo's slugs start there), else its own folder. */
function postsFolderOf(file: MarkdownFile): string {
  const parts = path.dirname(file.path).split(path.sep)
  const posts = parts.lastIndexOf('_posts')
  return posts === -1 ? path.dirname(file.path) : parts.slice(0, posts + 1).join(path.sep)
}

function slugsOf(file: MarkdownFile): string[] {
  const parts = withoutMarkdownExtension(file.path).split(path.sep)
  const posts = parts.lastIndexOf('_posts')
  const stem = parts.at(-1)!
  return posts === -1 ? [stem] : [parts.slice(posts + 1).join('/'), stem]
}

/** As remark-weixin-title settles it: front matter (YAML or TOML), else the first `#` heading, else the file's name. */
async function titleOf(source: string, file: MarkdownFile): Promise<string> {
  const block = frontMatterBlock(source)
  if (block !== undefined) {
    // Front matter that does not parse gives no title here; rendering that post reports it.
    const title = (await frontMatterValues(block))?.['title']
    if ((typeof title === 'string' && title.trim() !== '') || typeof title === 'number') return String(title).trim()
  }
  const heading = /^#[ \t]+(.+?)[ \t#]*$/m.exec(source.slice(block === undefined ? 0 : source.indexOf(block.text) + block.text.length))
  return heading?.[1]?.trim() ?? articleNameOf(file.path)
}
