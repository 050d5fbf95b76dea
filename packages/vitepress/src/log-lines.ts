import type { SiteConfig } from 'vitepress'

export type Level = 'info' | 'warn' | 'error'

/** `guide/x.md:12:3  error  message  rule-id` (the place without line when the problem has none). */
const problemLine = /^(\S.*?)(?::\d+:\d+)?  (error|warning|info)  /
const hintLine = /^    hint: /
/** The last line of `check`, `convert` and `screenshot`. */
const totalsLine = /^[✔✖] /

export interface LogLines {
  /** The `onLine` of runMdwx: each line the command prints, to VitePress's logger. */
  onLine(line: string, stream: 'stdout' | 'stderr'): void
  /** The files named by this run's error lines, in order (for the error the build throws), those already printed by an earlier run too. */
  readonly failedFiles: readonly string[]
}

/**
 * Hands mdwx's lines to VitePress's logger (`siteConfig.logger`, Vite's), unchanged so editors
 * and CI still link `guide/x.md:12:3`: an error line through `logger.error`, a warning through
 * `logger.warn`, the rest through `logger.info`; a hint follows its problem. One build runs up
 * to three commands over the same pages (convert, screenshot, publish), each reporting the same
 * problems and totals: a problem already printed is not printed again.
 */
export function createLogLines(logger: SiteConfig['logger'], printed: Set<string>, options: { quieter?: boolean } = {}): LogLines {
  const failedFiles: string[] = []
  // The level of the lines that continue the last problem (its hint) or `mdwx:` failure (its
  // hint, on stderr too), or 'skip' when that problem was already printed.
  let continuation: { level: Level | 'skip'; stream: 'stdout' | 'stderr' } | undefined
  let lastBlank = false
  // A run whose failures do not fail the build (screenshots) says them as warnings.
  const cap = (level: Level): Level => (options.quieter === true && level === 'error' ? 'warn' : level)
  const say = (level: Level, line: string) => {
    lastBlank = line === ''
    logger[cap(level)](line)
  }
  const continues = (line: string, stream: 'stdout' | 'stderr') =>
    continuation !== undefined && (hintLine.test(line) || (continuation.stream === 'stderr' && stream === 'stderr' && line !== '' && !/^(mdwx: |notice: |\[\d)/.test(line)))

  return {
    failedFiles,
    onLine(line, stream) {
      if (continues(line, stream)) {
        if (continuation!.level !== 'skip') say(continuation!.level, line)
        return
      }
      continuation = undefined
      const problem = problemLine.exec(line)
      if (problem) {
        const level: Level = problem[2] === 'error' ? 'error' : problem[2] === 'warning' ? 'warn' : 'info'
        if (level === 'error' && !failedFiles.includes(problem[1]!)) failedFiles.push(problem[1]!)
        if (printed.has(line)) {
          continuation = { level: 'skip', stream }
          return
        }
        printed.add(line)
        continuation = { level, stream }
        say(level, line)
        return
      }
      if (totalsLine.test(line)) {
        // "✖ 1 of 3 articles cannot be published": the same for every command over the same pages.
        if (!printed.has(line)) say('info', line)
        printed.add(line)
        return
      }
      if (stream === 'stderr' && line.startsWith('mdwx: ')) {
        // The command itself failed (missing credentials, Weixin refused): its hint follows.
        continuation = { level: 'error', stream }
        say('error', line)
        return
      }
      // A blank line left alone by a problem not printed again would make two in a row.
      if (line === '' && lastBlank) return
      say('info', line)
    },
  }
}
