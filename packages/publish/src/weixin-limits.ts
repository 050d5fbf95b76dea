import { articleError, type ArticleMessage } from './article-message.js'

/** Weixin's limits (WEIXIN-API.md "Articles"): content under these, fields at most these. */
export const maxContentCharacters = 20_000
const maxContentBytes = 1_000_000
const fieldLimits = { title: 64, author: 16, digest: 128 } as const
const fieldNames = { title: 'Title', author: 'Author', digest: 'Digest' } as const

/** What Weixin measures of an article. */
export interface MeasuredFields {
  title: string
  author?: string | undefined
  digest?: string | undefined
  content: string
}

/**
 * Weixin's limits on the exact text that is sent. How Weixin counts characters is not
 * documented: @mdwx/render counts code points, the emulator UTF-16 code units (an emoji, or a CJK
 * character outside the basic plane, counts 2). This takes the stricter count, so nothing passes
 * here and fails at Weixin. An error already in `known` (render found it) is not reported twice.
 */
export function weixinLimitProblems(path: string, fields: MeasuredFields, known: readonly ArticleMessage[] = []): ArticleMessage[] {
  const problems: ArticleMessage[] = []
  const report = (ruleId: string, message: string, hint: string) => {
    if (!known.some((message) => message.ruleId === ruleId && message.severity === 'error')) problems.push(articleError(path, message, { ruleId, hint }))
  }
  const characters = fields.content.length
  if (characters >= maxContentCharacters) {
    report(
      'content-too-long',
      `The article's HTML is ${format(characters)} characters as Weixin counts them (UTF-16 code units: an emoji counts 2); Weixin accepts under ${format(maxContentCharacters)}.`,
      'Shorten it or split the article.',
    )
  }
  const bytes = Buffer.byteLength(fields.content, 'utf8')
  if (bytes >= maxContentBytes) {
    report('content-too-large', `The article's HTML is ${format(bytes)} bytes; Weixin accepts under ${format(maxContentBytes)}.`, 'Shorten it or split the article.')
  }
  for (const field of ['title', 'author', 'digest'] as const) {
    const length = fields[field]?.length ?? 0
    if (length > fieldLimits[field]) {
      report(
        `${field}-too-long`,
        `${fieldNames[field]} is ${length} characters as Weixin counts them (UTF-16 code units: an emoji counts 2); Weixin accepts at most ${fieldLimits[field]}.`,
        'Shorten it.',
      )
    }
  }
  return problems
}

function format(count: number): string {
  return count.toLocaleString('en-US')
}
