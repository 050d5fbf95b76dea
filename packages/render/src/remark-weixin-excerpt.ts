import type { Html, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { emptyArticle } from './article-meta.js'

/** No options: the markers are the site generators', the digest limit Weixin's. */
export interface Options {}

/** Hexo's and Hugo's `<!-- more -->` (`<!--more-->`), Docusaurus's `<!-- truncate -->`. */
const excerptMarker = /^<!--\s*(?:more|truncate)\s*-->$/i
/**
 * Weixin allows 128 characters of digest (120 on older accounts, WEIXIN-API.md): an excerpt is cut
 * to the older limit, so it never makes an article fail that its site publishes fine.
 */
const digestLength = 120
/** Blocks that are no summary: the title and section headings, code, formulas, raw HTML. */
const notProse = new Set<RootContent['type']>(['heading', 'code', 'math', 'html', 'yaml', 'definition', 'thematicBreak'])

/**
 * The excerpt marker of the site generators: removed from the article, and the text before it
 * becomes the digest when front matter gives none (the site shows that text as the post's
 * summary, and Weixin shows the digest under the title in the feed). The marker counts only on a
 * line of its own at the top level, as the generators read it. Must run after
 * remark-weixin-frontmatter, whose digest wins.
 */
export default function remarkWeixinExcerpt(_options: Options = {}) {
  return (tree: Root, file: VFile): undefined => {
    const at = tree.children.findIndex((node) => node.type === 'html' && excerptMarker.test((node as Html).value.trim()))
    if (at === -1) return
    const before = tree.children.slice(0, at)
    tree.children.splice(at, 1)
    const article = (file.data.article ??= emptyArticle())
    if (article.digest !== undefined) return
    const digest = summaryOf(before)
    if (digest !== '') article.digest = digest
  }
}

function summaryOf(blocks: readonly RootContent[]): string {
  const text = blocks
    .filter((block) => !notProse.has(block.type))
    .map((block) => toString(block))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
  const characters = [...text]
  return characters.length <= digestLength ? text : `${characters.slice(0, digestLength - 1).join('').trimEnd()}…`
}
