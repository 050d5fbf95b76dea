import type { CallRecord } from '@mdwx/emulator'

/** The endpoints that carry a picture, and those that create or change an article. */
export const uploadEndpoints = ['/cgi-bin/media/uploadimg', '/cgi-bin/material/add_material']
export const articleEndpoints = ['/cgi-bin/material/add_news', '/cgi-bin/material/update_news', '/cgi-bin/draft/add', '/cgi-bin/draft/update']

export interface CallSummary {
  byEndpoint: Map<string, { calls: number; errors: Map<number, number> }>
  uploads: number
  articleCalls: number
  /** Emulator clock (ms) of the first and last upload's arrival; undefined without uploads. */
  firstUploadAt: number | undefined
  lastUploadAt: number | undefined
  lastArticleCallAt: number | undefined
}

/** Counts what the emulator saw, by path, with the errcodes it answered other than 0. */
export function summariseCalls(calls: readonly CallRecord[]): CallSummary {
  const byEndpoint: CallSummary['byEndpoint'] = new Map()
  const summary: CallSummary = { byEndpoint, uploads: 0, articleCalls: 0, firstUploadAt: undefined, lastUploadAt: undefined, lastArticleCallAt: undefined }
  for (const call of calls) {
    const entry = byEndpoint.get(call.path) ?? { calls: 0, errors: new Map<number, number>() }
    entry.calls++
    if (call.errcode !== 0) entry.errors.set(call.errcode ?? -1, (entry.errors.get(call.errcode ?? -1) ?? 0) + 1)
    byEndpoint.set(call.path, entry)
    if (uploadEndpoints.includes(call.path)) {
      summary.uploads++
      summary.firstUploadAt ??= call.at
      summary.lastUploadAt = call.at
    }
    if (articleEndpoints.includes(call.path)) {
      summary.articleCalls++
      summary.lastArticleCallAt = call.at
    }
  }
  return summary
}
