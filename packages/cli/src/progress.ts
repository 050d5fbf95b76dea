import type { CliIo } from './io.js'

export interface ArticleProgress {
  start(total: number): void
  /**
   * One article finished; `outcome` says what happened to it ("created", "checked", "failed"...).
   * `file` is its Markdown file: the parts of a split article count as one file, so the count
   * never passes the number of files the run started with.
   */
  done(label: string, outcome: string, file?: string): void
  /** A notice on a line of its own; on a terminal the bar is cleared first and redrawn after. */
  notice(message: string): void
  finish(): void
}

const barWidth = 24
const clearLine = '\r\u001b[2K'

/**
 * Progress on stderr: a bar redrawn in place on a terminal, one line per article otherwise (CI
 * logs keep every line; a bar there is noise). Everything else a command says on stderr while the
 * bar is up goes through `notice`, so that nothing is written over the bar or the bar over it.
 */
export function articleProgress(io: Pick<CliIo, 'stderr' | 'interactive'>, silent: boolean): ArticleProgress {
  if (silent) return { start() {}, done() {}, notice() {}, finish() {} }
  let total = 0
  let finished = 0
  const filesDone = new Set<string>()
  /** Counts a finished article, once per file. */
  const count = (file: string | undefined): void => {
    if (file === undefined || !filesDone.has(file)) finished++
    if (file !== undefined) filesDone.add(file)
  }
  if (!io.interactive) {
    return {
      start(count) {
        total = count
      },
      done(label, outcome, file) {
        count(file)
        io.stderr.write(`[${finished}/${total}] ${outcome} ${label}\n`)
      },
      notice(message) {
        io.stderr.write(`notice: ${message}\n`)
      },
      finish() {},
    }
  }
  let shown = false
  let lastLabel = ''
  const draw = (): void => {
    const filled = total === 0 ? barWidth : Math.round((finished / total) * barWidth)
    const line = `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${finished}/${total} ${lastLabel}`
    io.stderr.write(`${clearLine}${line.slice(0, 100)}`)
    shown = true
  }
  return {
    start(count) {
      total = count
      draw()
    },
    done(label, _outcome, file) {
      count(file)
      lastLabel = label
      draw()
    },
    notice(message) {
      io.stderr.write(`${clearLine}notice: ${message}\n`)
      if (shown) draw()
    },
    finish() {
      if (shown) io.stderr.write(clearLine)
      shown = false
    },
  }
}
