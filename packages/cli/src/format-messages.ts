import path from 'node:path'
import type { ArticleMessage } from '@mdwx/publish'
import type { Paint } from './colour.js'

/** An article as progress lines name it: its path, and its push when it is in one (`posts/b.md (push 2026-12-08, 2/3)`). */
export function articleLabel(article: { path: string; push?: { name: string; index: number; total: number } | undefined }, cwd: string): string {
  const name = displayPath(article.path, cwd)
  return article.push === undefined ? name : `${name} (push ${article.push.name}, ${article.push.index + 1}/${article.push.total})`
}

/**
 * `posts/a.md:12:3  error  Image is 3.2 MB ...  image-too-large`, the form editors and CI logs
 * turn into links; a hint, when there is one, on the next line.
 */
export function formatMessage(message: ArticleMessage, cwd: string, colour: Paint): string {
  const file = displayPath(message.path, cwd)
  const place = message.line === undefined ? file : `${file}:${message.line}:${message.column ?? 1}`
  const severity = message.severity === 'error' ? colour.red('error') : colour.yellow(message.severity)
  const rule = message.ruleId ? `  ${colour.dim(message.ruleId)}` : ''
  const hint = message.hint ? `\n    ${colour.dim(`hint: ${message.hint}`)}` : ''
  return `${place}  ${severity}  ${message.message}${rule}${hint}`
}

export interface CheckedTotals {
  articles: ReadonlyArray<{ status: 'ok' | 'failed' | 'draft' }>
  errors: number
  warnings: number
}

/**
 * The last line of `check` and `convert`: how many articles cannot be published, or that all can;
 * drafts are counted apart (publish skips them, so their errors do not fail the run).
 */
export function formatTotals(report: CheckedTotals, colour: Paint): string {
  const count = (status: string) => report.articles.filter((article) => article.status === status).length
  const failed = count('failed')
  const drafts = count('draft')
  const counts = `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`
  const draftNote = drafts > 0 ? `; ${plural(drafts, 'draft')} not counted` : ''
  if (failed > 0) return colour.red(`✖ ${failed} of ${plural(report.articles.length, 'article')} cannot be published (${counts}${draftNote})`)
  const publishable = report.articles.length - drafts
  const notes = [report.warnings > 0 ? plural(report.warnings, 'warning') : '', drafts > 0 ? `${plural(drafts, 'draft')} skipped by publish${report.errors > 0 ? `, with ${plural(report.errors, 'error')}` : ''}` : '']
    .filter(Boolean)
    .join('; ')
  return colour.green(`✔ ${plural(publishable, 'article')} can be published${notes ? ` (${notes})` : ''}`)
}

export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}

/** Relative to the working folder when inside it (short, clickable), else absolute. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file)
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative
}
