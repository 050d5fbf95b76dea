import { renderMarkdown } from '@mdwx/render'
import { countCodePoints, type Article } from './corpus.js'
import { createUnlimitedWeixinProcessor, processToString } from './pipeline-stages.js'

/** Weixin's limits on an article's `content` (DESIGN.md). */
export const contentCharLimit = 20_000
export const contentByteLimit = 1_000_000

export interface MdwxInspection {
  /** Per article: code points of mdwx's HTML, or of the HTML it would send were it not over a limit. */
  outputChars: number[]
  /** Per article: the `ruleId`s of the fatal messages mdwx reported (empty: publishable). */
  fatalRules: string[][]
  /** Per article: whether the HTML is at or over 20,000 characters or 1 MB, counted by the bench. */
  overLimits: boolean[]
}

/**
 * Renders every article once more, untimed, to see what mdwx says about it: which articles it
 * refuses (fatal messages) and how big its HTML is, including for the refused ones.
 */
export async function inspectMdwx(articles: readonly Article[]): Promise<MdwxInspection> {
  const unlimited = createUnlimitedWeixinProcessor()
  const inspection: MdwxInspection = { outputChars: [], fatalRules: [], overLimits: [] }
  for (const article of articles) {
    const result = await renderMarkdown(article.markdown)
    const fatal = result.messages.filter((message) => message.fatal === true)
    const html = fatal.length === 0 ? result.html : await processToString(unlimited, article.markdown)
    const chars = countCodePoints(html)
    inspection.outputChars.push(chars)
    inspection.fatalRules.push(fatal.map((message) => message.ruleId ?? 'unknown'))
    inspection.overLimits.push(chars >= contentCharLimit || Buffer.byteLength(html) >= contentByteLimit)
  }
  return inspection
}
