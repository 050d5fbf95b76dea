import { describe, expect, it } from 'vitest'
import { consoleLine } from '../src/console-args.js'
import type { HexoArgs } from '../src/hexo-context.js'

/** What hexo-cli hands a console: minimist's parse, camel-cased, with the kebab-case key kept as a getter (hexo-util's camelCaseKeys). */
function hexoArgs(parsed: Record<string, unknown>): HexoArgs {
  const args: HexoArgs = {}
  for (const [key, value] of Object.entries(parsed)) {
    const camel = key.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
    args[camel] = value
    if (camel !== key) Object.defineProperty(args, key, { get: () => args[camel], enumerable: true })
  }
  return args
}

describe('consoleLine: hexo mdwx’s arguments back into an mdwx command line', () => {
  it('takes the command, its paths and its options, each option once', () => {
    expect(consoleLine(hexoArgs({ _: ['publish', 'source/_posts/a.md'], 'keep-going': true, account: 'blog', 'asset-root': ['a', 'b'] }))).toEqual({
      command: 'publish',
      paths: ['source/_posts/a.md'],
      flags: ['--keep-going', '--account', 'blog', '--asset-root', 'a', '--asset-root', 'b'],
      drafts: false,
    })
  })

  it('gives a word minimist attached to a switch back to the paths, and keeps an option’s value', () => {
    // hexo mdwx convert --quiet source/_posts/tips.md --out weixin
    expect(consoleLine(hexoArgs({ _: ['convert'], quiet: 'source/_posts/tips.md', out: 'weixin' }))).toMatchObject({ paths: ['source/_posts/tips.md'], flags: ['--quiet', '--out', 'weixin'] })
    // hexo mdwx check --drafts source/_posts/a.md
    expect(consoleLine(hexoArgs({ _: ['check'], drafts: 'source/_posts/a.md' }))).toMatchObject({ paths: ['source/_posts/a.md'], flags: [], drafts: true })
  })

  it('leaves Hexo’s own options to Hexo, --drafts and --draft to the choice of folders', () => {
    expect(consoleLine(hexoArgs({ _: ['check'], debug: true, silent: true, config: 'a.yml,b.yml', cwd: 'blog', draft: true }))).toEqual({ command: 'check', paths: [], flags: [], drafts: true })
  })

  it('says --no-x and numbers as given to minimist', () => {
    expect(consoleLine(hexoArgs({ _: ['publish'], color: false, concurrency: 2 })).flags).toEqual(['--no-color', '--concurrency', '2'])
  })

  it('no command at all', () => {
    expect(consoleLine({}).command).toBeUndefined()
  })
})
