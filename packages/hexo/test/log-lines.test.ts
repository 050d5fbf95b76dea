import { describe, expect, it } from 'vitest'
import type { HexoLog } from '../src/hexo-context.js'
import { lineLogger } from '../src/log-lines.js'

function recorder(): { log: HexoLog; entries: string[] } {
  const entries: string[] = []
  const at = (level: string) => (format: string, ...values: unknown[]) => entries.push(`${level} ${format === '%s' ? String(values[0]) : format}`)
  return { log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, entries }
}

describe('lineLogger: mdwx’s lines at the level Hexo should log them', () => {
  it('a problem at its severity, its hint under it at the same level, the failure totals as an error', () => {
    const { log, entries } = recorder()
    const line = lineLogger(log, { progress: 'debug' })
    line('source/_posts/a.md:3:1  warning  Heading level skipped  heading-level', 'stdout')
    line('    hint: Use ## after #.', 'stdout')
    line('source/_posts/b.md:7:1  error  Image "x.png" could not be resolved  image-unresolved', 'stdout')
    line('source/_posts/c.md  info  Math drawn as pictures  math-image', 'stdout')
    line('', 'stdout')
    line('✖ 1 of 3 articles cannot be published (1 error, 1 warning)', 'stdout')
    line('2 created, 0 updated', 'stdout')
    expect(entries).toEqual([
      'warn source/_posts/a.md:3:1  warning  Heading level skipped  heading-level',
      'warn     hint: Use ## after #.',
      'error source/_posts/b.md:7:1  error  Image "x.png" could not be resolved  image-unresolved',
      'info source/_posts/c.md  info  Math drawn as pictures  math-image',
      'error ✖ 1 of 3 articles cannot be published (1 error, 1 warning)',
      'info 2 created, 0 updated',
    ])
  })

  it('on stderr: progress at the level asked, notices as info, anything else (a usage message and its hint) as an error', () => {
    const { log, entries } = recorder()
    const line = lineLogger(log, { progress: 'debug' })
    line('[1/2] checked source/_posts/a.md', 'stderr')
    line('notice: This account answered 45103 to add_news', 'stderr')
    line("mdwx: Unknown option '--x'.", 'stderr')
    line('Run "mdwx check --help" for its options.', 'stderr')
    expect(entries).toEqual([
      'debug [1/2] checked source/_posts/a.md',
      'info notice: This account answered 45103 to add_news',
      "error mdwx: Unknown option '--x'.",
      'error Run "mdwx check --help" for its options.',
    ])
  })

  it('a line holding %d is logged as text; with raw, stdout goes there unchanged', () => {
    const { log, entries } = recorder()
    const raw: string[] = []
    const line = lineLogger(log, { progress: 'info', raw: (text) => raw.push(text) })
    line('{ "errors": 0 }', 'stdout')
    line('', 'stdout')
    line('100%d done', 'stderr')
    expect(raw).toEqual(['{ "errors": 0 }', ''])
    expect(entries).toEqual(['error 100%d done'])
  })
})
