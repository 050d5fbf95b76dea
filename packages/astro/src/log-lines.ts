import type { AstroIntegrationLogger } from 'astro'

type Level = 'error' | 'warn' | 'info'

/** A logger line by line, for `runMdwx`'s `onLine`. */
export type LineSink = (line: string, stream: 'stdout' | 'stderr') => void

/**
 * Hands mdwx's output lines to Astro's integration logger at the level they carry:
 * `src/content/blog/x.md:12:3  error  …` as an error, `…  warning  …` as a warning, a `hint:`
 * line at the level of the problem above it, `mdwx: …` (a command that could not run) and the
 * lines after it (its hint) as errors, the rest as information. Blank lines are dropped: Astro
 * prefixes every line with the integration's name.
 *
 * One sink serves the whole build: the commands after `convert` (screenshot, publish) render the
 * same posts again and print the same problems, so a problem line already shown is not shown
 * twice, nor its hint, nor the same totals. `downgrade` logs errors as warnings: a screenshot
 * that cannot be taken does not make a post unpublishable.
 */
export function createLineSink(logger: AstroIntegrationLogger): (options?: { downgrade?: boolean }) => LineSink {
  const shown = new Set<string>()
  return ({ downgrade = false } = {}) => {
    const demote = (level: Level): Level => (downgrade && level === 'error' ? 'warn' : level)
    let previous: { level: Level; skipped: boolean } = { level: 'info', skipped: false }
    let failed = false
    return (line, stream) => {
      if (line.trim() === '') return
      if (/^\s+hint: /.test(line)) {
        if (!previous.skipped) log(logger, previous.level, line.trim())
        return
      }
      if (stream === 'stderr' && (failed || line.startsWith('mdwx: '))) {
        // The command stopped: its message, then its hint on the lines after.
        failed = true
        log(logger, demote('error'), line)
        return
      }
      const problem = /^\S.*? {2}(error|warning|info) {2}/.exec(line)
      const level = demote(problem?.[1] === 'error' || line.startsWith('✖') ? 'error' : problem?.[1] === 'warning' ? 'warn' : 'info')
      // Problems and the check's totals repeat from one command to the next; other lines do not.
      const repeatable = problem !== null || /^[✖✔] /.test(line)
      const skipped = repeatable && shown.has(line)
      if (repeatable) shown.add(line)
      previous = { level, skipped }
      if (!skipped) log(logger, level, line)
    }
  }
}

function log(logger: AstroIntegrationLogger, level: Level, line: string): void {
  logger[level](line)
}
