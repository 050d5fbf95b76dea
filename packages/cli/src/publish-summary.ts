import type { PublishReport } from '@mdwx/publish'
import type { Paint } from './colour.js'
import { displayPath, formatMessage, plural } from './format-messages.js'
import { formatTable, truncate } from './format-table.js'

/** The end of a publish run on a terminal: one row per article, its problems, the totals. */
export function formatPublishSummary(report: PublishReport, cwd: string, colour: Paint): string {
  const statusColour = { created: colour.green, updated: colour.green, unchanged: colour.dim, skipped: colour.dim, failed: colour.red }
  const pushes = report.articles.some((article) => article.push !== undefined)
  const rows = report.articles.map((article) => [
    truncate(displayPath(article.path, cwd), 48),
    statusColour[article.status](article.status),
    article.target ?? '',
    ...(pushes ? [article.push ? `${truncate(article.push.name, 16)} ${article.push.index + 1}/${article.push.total}` : ''] : []),
    article.mediaId ? truncate(article.mediaId, 24) : '',
    `${article.imagesUploaded}/${article.imagesReused}`,
  ])
  const header = ['article', report.dryRun ? 'would be' : 'status', 'target', ...(pushes ? ['push'] : []), 'media_id', 'images up/reused']
  const table = formatTable(header, rows)
  // "Held back because others failed" is one fact about the run, not one per article.
  const heldBack = report.articles.filter((article) => article.messages.some((message) => message.ruleId === 'held-back')).length
  const problems = report.articles.flatMap((article) =>
    article.messages.filter((message) => message.ruleId !== 'held-back').map((message) => formatMessage(message, cwd, colour)),
  )
  if (heldBack > 0) {
    problems.push(colour.yellow(`${plural(heldBack, 'valid article')} not published because others have errors: fix those, or publish the valid ones with --keep-going.`))
  }
  const urls = report.articles.filter((article) => article.articleUrl).map((article) => `${displayPath(article.path, cwd)}: ${article.articleUrl}`)
  const previews = previewLines(report, cwd)
  const { totals } = report
  const counts = [`${totals.created} created`, `${totals.updated} updated`, `${totals.unchanged} unchanged`, `${totals.skipped} skipped`, `${totals.failed} failed`]
  const images = `${plural(totals.imagesUploaded, 'image')} ${report.dryRun ? 'to upload' : `uploaded (${megabytes(totals.bytesUploaded)})`}, ${totals.imagesReused} reused`
  const calls = report.dryRun ? 'dry run: nothing sent' : `${plural(totals.apiCalls, 'API call')}`
  return [
    table,
    ...(problems.length ? ['', ...problems] : []),
    ...(urls.length ? ['', 'Published:', ...urls.map((url) => `  ${url}`)] : []),
    ...(previews.length ? ['', 'Previews:', ...previews.map((line) => `  ${line}`)] : []),
    '',
    `${counts.join(', ')} · ${images} · ${calls} · ${(totals.durationMs / 1000).toFixed(1)} s`,
  ].join('\n')
}

/** One line per draft sent (or to be sent) to a phone: a push once, on its headline. Refusals are among the problems. */
function previewLines(report: PublishReport, cwd: string): string[] {
  const said = {
    sent: (to: string) => `sent to ${to}'s phone`,
    'already-sent': (to: string) => `already on ${to}'s phone (this version was sent before)`,
    unconfirmed: (to: string) => `may have reached ${to}'s phone (Weixin's answer was lost)`,
    'would-send': (to: string) => `would be sent to ${to}'s phone`,
    failed: (to: string) => `not sent to ${to}'s phone (see above)`,
  }
  return report.articles
    .filter((article) => article.preview !== undefined && (article.push === undefined || article.push.index === 0))
    .map((article) => {
      const what = article.push === undefined ? displayPath(article.path, cwd) : `push "${article.push.name}" (${displayPath(article.path, cwd)} and ${plural(article.push.total - 1, 'more article')})`
      return `${what}: ${said[article.preview!.status](article.preview!.to)}`
    })
}

function megabytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.round(bytes / 1000)} KB`
}
