import { DEMO_APP_ID, DEMO_APP_SECRET, type Emulator } from '@mdwx/emulator'
import { publish, type PublishOptions, type PublishReport } from '@mdwx/publish'

/**
 * `publish()` against the emulator with the demo account, the way a script would call it, with
 * retries a few milliseconds apart (the default backoff starts at a second).
 */
export function publishTo(emulator: Emulator, cwd: string, paths: readonly string[], options: PublishOptions = {}): Promise<PublishReport> {
  return publish(paths, {
    cwd,
    weixin: { appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: emulator.url, retry: { minDelayMs: 5, maxDelayMs: 20 } },
    ...options,
  })
}

/** `[key, status]` of every article, for compact assertions. */
export function statuses(report: PublishReport): Array<[string, string]> {
  return report.articles.map((article) => [article.key, article.status])
}

/** Every message of a report as `key  severity  ruleId`, for compact assertions. */
export function ruleIds(report: PublishReport): string[] {
  return report.articles.flatMap((article) => article.messages.map((message) => `${article.key}  ${message.severity}  ${message.ruleId ?? ''}`))
}
