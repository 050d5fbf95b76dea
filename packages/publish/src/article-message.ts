import type { VFileMessage } from 'vfile-message'

/** A problem found in an article, as reports and the CLI show it: `path:line:column  severity  message  rule`. */
export interface ArticleMessage {
  /** Absolute path of the Markdown file. */
  path: string
  line?: number
  column?: number
  severity: 'error' | 'warning' | 'info'
  message: string
  ruleId?: string
  hint?: string
}

export function fromVFileMessage(message: VFileMessage, path: string): ArticleMessage {
  const result: ArticleMessage = {
    path,
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    message: message.reason,
  }
  if (message.line != null) result.line = message.line
  if (message.column != null) result.column = message.column
  if (message.ruleId != null) result.ruleId = message.ruleId
  return result
}

/** A problem with no place in the text (an unreadable file, a failed upload). */
export function articleError(path: string, message: string, details: { ruleId?: string; hint?: string | undefined; line?: number; column?: number } = {}): ArticleMessage {
  const result: ArticleMessage = { path, severity: 'error', message }
  if (details.line !== undefined) result.line = details.line
  if (details.column !== undefined) result.column = details.column
  if (details.ruleId !== undefined) result.ruleId = details.ruleId
  if (details.hint !== undefined) result.hint = details.hint
  return result
}

export function hasErrors(messages: readonly ArticleMessage[]): boolean {
  return messages.some((message) => message.severity === 'error')
}

/** Errors and warnings over all the articles' messages, for report totals. */
export function countProblems(articles: ReadonlyArray<{ messages: readonly ArticleMessage[] }>): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const article of articles) {
    for (const message of article.messages) {
      if (message.severity === 'error') errors++
      else if (message.severity === 'warning') warnings++
    }
  }
  return { errors, warnings }
}
