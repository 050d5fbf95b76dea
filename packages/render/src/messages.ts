import type { Node, Point, Position } from 'unist'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

/** `source` of every message mdwx reports, so callers can tell ours from other plugins'. */
export const messageSource = 'mdwx'

interface Report {
  ruleId: string
  /** The node the problem is about, or its place when there is no node (a front matter key). */
  place?: Node | Position | Point | undefined
}

/** A problem that does not stop publishing. */
export function warn(file: VFile, reason: string, report: Report): VFileMessage {
  return file.message(reason, { ruleId: report.ruleId, source: messageSource, ...placeOf(report.place) })
}

/** Something the writer may want to know that is not a problem: nothing changes in what is published. */
export function info(file: VFile, reason: string, report: Report): VFileMessage {
  const message = warn(file, reason, report)
  message.fatal = undefined
  return message
}

/**
 * A problem that stops this article from being published. Unlike `file.fail` it does not throw,
 * so the rest of the pipeline still runs and one run reports every problem of the article.
 */
export function error(file: VFile, reason: string, report: Report): VFileMessage {
  const message = warn(file, reason, report)
  message.fatal = true
  return message
}

function placeOf(place: Report['place']): { place?: Position | Point } {
  if (place === undefined) return {}
  if ('type' in place) return place.position ? { place: place.position } : {}
  return { place }
}
