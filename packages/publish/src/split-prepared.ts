import { articleError, type ArticleMessage } from './article-message.js'
import { contentSize } from './content-size.js'
import { firstCoverCandidate } from './cover.js'
import type { RenderedArticle } from './render-in-process.js'
import { splitArticle, type ArticlePart } from './split-article.js'

/** The key of a part of a split article in the lock file, and the name of its push: `posts/a.md#2`, `posts/a.md`. */
export function partKey(key: string, part: number): string {
  return `${key}#${part}`
}

/** Whether an article's problems say it is too long for one Weixin article (the only problem splitting can solve). */
export function tooLong(messages: readonly ArticleMessage[]): boolean {
  return messages.some((message) => message.ruleId === 'content-too-long')
}

/** What a part takes from the whole article: the fields the parts all share. */
export interface WholeArticle {
  /** The cover of the whole article (front matter, or its first picture): every part carries it. */
  cover: string | undefined
  /** The whole article's digest: a part's own excerpt would begin with its part line. */
  digest: string | undefined
}

export function wholeArticleOf(rendered: RenderedArticle): WholeArticle {
  return { cover: rendered.article.cover ?? firstCoverCandidate(rendered)?.src, digest: rendered.article.digest }
}

/**
 * Cuts an article that is over the length limit into parts (split-article.ts), each measured by
 * rendering it as publish renders articles (`render`, with the same picture URLs), so formulas
 * may become pictures before a cut is made. The parts, or the message saying why it cannot be cut
 * (and how many parts it would take).
 */
export async function partsOf(
  path: string,
  source: string,
  title: string,
  render: (markdown: string) => Promise<RenderedArticle>,
  split: boolean,
): Promise<{ parts: ArticlePart[] } | { failure: ArticleMessage }> {
  const result = await splitArticle(source, async (markdown) => contentSize((await render(markdown)).html), { title })
  if ('parts' in result) return result
  const where = result.line === undefined ? {} : { line: result.line }
  // Asked to split, that is an error; otherwise it only says splitting would not help.
  const failure = split
    ? articleError(path, `It cannot be split into parts that fit: ${result.failure}.`, { ruleId: 'split-impossible', hint: 'Shorten the part named, or split the article into several files by hand.', ...where })
    : { path, severity: 'info' as const, message: `Splitting it into a push of parts would not help: ${result.failure}.`, ruleId: 'split-offer', ...where }
  return { failure }
}

/** A render of one part, with its title, and the whole article's cover and digest. */
export function asPart(rendered: RenderedArticle, part: ArticlePart, whole: WholeArticle): RenderedArticle {
  const article = { ...rendered.article, title: part.title }
  if (whole.cover !== undefined) article.cover = whole.cover
  if (whole.digest !== undefined) article.digest = whole.digest
  else delete article.digest
  return { ...rendered, article }
}

/** What `check` and `publish` say of an article too long for one Weixin article that could go out as parts. */
export function splitOffer(path: string, parts: number): ArticleMessage {
  return { path, severity: 'info', message: `With \`split: auto\` in its front matter (or --split), it would go out as a push of ${parts} parts, each under the limit.`, ruleId: 'split-offer' }
}
