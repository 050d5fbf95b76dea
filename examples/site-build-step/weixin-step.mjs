// A build step for a static-site generator: after the site is built, publish the posts to the
// Weixin account. The lock file makes it cheap to run on every build: a post that did not change
// costs no upload and no API call, an edited one is updated in place, a new one is created.
import path from 'node:path'
import { publish } from '@mdwx/publish'

/**
 * @param {{ posts: string[], weixin: import('@mdwx/publish').PublishOptions['weixin'], lockFile?: string, log?: (line: string) => void }} options
 * @returns {Promise<import('@mdwx/publish').PublishReport>}
 */
export async function publishToWeixin({ posts, weixin, lockFile, log = console.log }) {
  const report = await publish(posts, {
    weixin,
    ...(lockFile ? { lockFile } : {}),
    // A broken post must not block the others on a site that publishes continuously.
    keepGoing: true,
    onNotice: log,
  })
  const changed = report.articles.filter((article) => article.status === 'created' || article.status === 'updated')
  for (const article of changed) log(`weixin: ${article.status} ${path.relative(process.cwd(), article.path)} (${article.target} ${article.mediaId})`)
  for (const article of report.articles.filter((article) => article.status === 'failed')) {
    for (const message of article.messages) log(`weixin: ${path.relative(process.cwd(), article.path)}: ${message.message}`)
  }
  log(`weixin: ${changed.length} published, ${report.totals.unchanged} unchanged, ${report.totals.failed} failed`)
  return report
}
