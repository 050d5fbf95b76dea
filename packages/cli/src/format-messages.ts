import path from 'node:path'
import type { ArticleMessage } from '@mdwx/publish'
import type { Paint } from './colour.js'

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

export function formatTotals(articles: number, failed: number, errors: number, warnings: number, colour: Paint): string {
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
  if (failed > 0) return colour.red(`✖ ${failed} of ${plural(articles, 'article')} cannot be published (${counts})`)
  return colour.green(`✔ ${plural(articles, 'article')} can be published${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}`)
}

export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}

/** Relative to the working folder when inside it (short, clickable), else absolute. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file)
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative
}
