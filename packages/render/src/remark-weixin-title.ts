import type { Heading, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { emptyArticle } from './article-meta.js'

/** No options yet: the fallback order is DESIGN.md's contract. */
export interface Options {}

/**
 * Settles `file.data.article.title`: the front matter title, else the first top-level `#`
 * heading, else the file's name without extension (`articleName`), else ''. Weixin prints the
 * title above the content, so a leading `#` heading that repeats the title is removed from the body.
 */
export default function remarkWeixinTitle(_options: Options = {}) {
  return (tree: Root, file: VFile): undefined => {
    const article = (file.data.article ??= emptyArticle())
    const places = (file.data.articlePlaces ??= {})
    const heading = tree.children.find(isTitleHeading)
    if (article.title === '') {
      const text = heading ? headingText(heading) : ''
      if (heading && text !== '') {
        article.title = text
        if (heading.position) places.title = heading.position
      } else {
        article.title = articleName(file)
      }
    }

    const first = tree.children.findIndex(isContent)
    const leading = tree.children[first]
    if (leading && isTitleHeading(leading) && headingText(leading) === article.title) {
      tree.children.splice(first, 1)
    }
  }
}

/**
 * The name of the article a file holds: its name without extension, except that an `index.md`
 * is named after its folder. That is a Hugo page bundle (`posts/my-trip/index.md` with its
 * pictures beside it is the article "my-trip"), and the index page of a section elsewhere.
 */
export function articleName(file: VFile): string {
  const stem = file.stem ?? ''
  if (stem !== 'index' || file.dirname === undefined) return stem
  const folder = file.dirname.split(/[\\/]/).pop() ?? ''
  return folder === '' || folder === '.' || folder === '..' ? stem : folder
}

function isTitleHeading(node: RootContent): node is Heading {
  return node.type === 'heading' && node.depth === 1
}

/** Nodes that print nothing do not make a heading stop being the first thing in the article. */
function isContent(node: RootContent): boolean {
  if (node.type === 'yaml' || node.type === 'definition') return false
  return !(node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value))
}

function headingText(heading: Heading): string {
  return toString(heading).replace(/\s+/g, ' ').trim()
}
