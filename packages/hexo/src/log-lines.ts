import type { HexoLog } from './hexo-context.js'

export type Level = 'error' | 'warn' | 'info' | 'debug'

/** `source/_posts/x.md:12:3  error  message  rule-id` (the place may have no line), as mdwx prints problems. */
const problem = /^\S.*? {2}(error|warning|info) {2}/
const severityLevel: Record<string, Level> = { error: 'error', warning: 'warn', info: 'info' }

export interface LineLogger {
  (line: string, stream: 'stdout' | 'stderr'): void
}

/**
 * Hands each line `mdwx` prints to Hexo's logger at the level it means, so a problem reads
 * `WARN  source/_posts/x.md:12:3  warning  …` among Hexo's own lines: problems at their severity
 * (a hint under one at the same level), the failure totals and anything else on stderr (a
 * usage message, its hint) as errors, progress at `progress` (`debug` to keep a build's output
 * short), the rest as info; blank lines are left out. `raw` receives stdout lines instead
 * (`--json`, help texts), unchanged.
 */
export function lineLogger(log: HexoLog, options: { progress: Level; raw?: (line: string) => void }): LineLogger {
  let last: Level = 'info'
  return (line, stream) => {
    if (stream === 'stdout' && options.raw) return options.raw(line)
    // The blank lines between a summary's parts are spacing on a terminal, an empty entry in a log.
    if (line.trim() === '') return
    const level = levelOf(line, stream, last, options.progress)
    last = level
    // '%s': a message holding "%d" is text, not a format.
    log[level]('%s', line)
  }
}

function levelOf(line: string, stream: 'stdout' | 'stderr', previous: Level, progress: Level): Level {
  if (stream === 'stderr') {
    if (/^\[\d+\/\d+\] /.test(line)) return progress
    if (/^(notice: |Account )/.test(line)) return 'info'
    return 'error'
  }
  const severity = problem.exec(line)?.[1]
  if (severity !== undefined) return severityLevel[severity]!
  if (/^\s+hint: /.test(line)) return previous
  if (line.startsWith('✖')) return 'error'
  return 'info'
}
