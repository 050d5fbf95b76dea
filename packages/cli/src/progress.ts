import type { CliIo } from './io.js'

export interface ArticleProgress {
  start(total: number): void
  done(label: string, failed: boolean): void
  finish(): void
}

const barWidth = 24

/**
 * Progress on stderr: a bar redrawn in place on a terminal, one line per article otherwise (CI
 * logs keep every line; a bar there is noise).
 */
export function articleProgress(io: Pick<CliIo, 'stderr' | 'interactive'>, verb: string, silent: boolean): ArticleProgress {
  if (silent) return { start() {}, done() {}, finish() {} }
  let total = 0
  let finished = 0
  if (!io.interactive) {
    return {
      start(count) {
        total = count
      },
      done(label, failed) {
        finished++
        io.stderr.write(`[${finished}/${total}] ${failed ? 'failed' : verb} ${label}\n`)
      },
      finish() {},
    }
  }
  const draw = (label: string): void => {
    const filled = total === 0 ? barWidth : Math.round((finished / total) * barWidth)
    const line = `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${finished}/${total} ${label}`
    io.stderr.write(`\r\u001b[2K${line.slice(0, 100)}`)
  }
  return {
    start(count) {
      total = count
      draw('')
    },
    done(label) {
      finished++
      draw(label)
    },
    finish() {
      io.stderr.write('\r\u001b[2K')
    },
  }
}
