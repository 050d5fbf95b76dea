import { InvalidOptionError } from '@mdwx/errors'
import { describe, expect, it } from 'vitest'
import { readSettings, settingsFlags } from '../src/settings.js'

describe('the mdwx: block of _config.yml and the deploy entries', () => {
  it('maps each key to its mdwx flag, the publish ones for publish only', () => {
    const settings = readSettings(
      { theme: 'tech', math: 'image', include: 'source/_posts/2024/**', exclude: ['a', 'b'], account: 'blog', keep_going: true, submit: true, target: 'draft', concurrency: 2, allow_private_network: true, lock: 'weixin.lock.json', dry_run: true, force: false, strict: true, publish: false, drafts: true },
      'mdwx',
      { strict: true },
    )
    expect(settingsFlags(settings, 'check')).toEqual(['--theme=tech', '--math=image', '--include=source/_posts/2024/**', '--exclude=a', '--exclude=b'])
    expect(settingsFlags(settings, 'publish')).toEqual([
      '--theme=tech', '--math=image', '--include=source/_posts/2024/**', '--exclude=a', '--exclude=b',
      '--account=blog', '--keep-going', '--submit', '--target=draft', '--concurrency=2', '--allow-private-network', '--lock=weixin.lock.json', '--dry-run',
    ])
  })

  it('reads keepGoing and keep-going as keep_going (Hexo camel-cases its command line)', () => {
    expect(readSettings({ keepGoing: true, 'dry-run': true }, 'deploy', { strict: true })).toEqual({ keep_going: true, dry_run: true })
  })

  it('refuses a value of the wrong kind, naming the key', () => {
    expect(() => readSettings({ keep_going: 'yes' }, 'mdwx', { strict: true })).toThrow('Expected true or false for mdwx.keep_going, got "yes"')
    expect(() => readSettings({ math: 'png' }, 'mdwx', { strict: true })).toThrow('Expected one of auto, svg, image for mdwx.math, got "png"')
    expect(() => readSettings({ concurrency: 0 }, 'mdwx', { strict: true })).toThrow('Expected a whole number of 1 or more for mdwx.concurrency, got 0')
    expect(() => readSettings({ exclude: [''] }, 'mdwx', { strict: true })).toThrow(InvalidOptionError)
    expect(() => readSettings('strict', 'mdwx', { strict: true })).toThrow('Expected a mapping of mdwx options for mdwx, got "strict"')
  })

  it('a key it does not know is an error in the mdwx: block, left alone where Hexo mixes in its own', () => {
    expect(() => readSettings({ keep_goin: true }, 'mdwx', { strict: true })).toThrow(/Expected one of the keys theme, .* for mdwx\.keep_goin, got true/)
    expect(readSettings({ type: 'mdwx', g: true, _: [], submit: true }, 'deploy', { strict: false })).toEqual({ submit: true })
    expect(readSettings({ type: 'mdwx', submit: true }, 'deploy', { strict: true, ignore: ['type'] })).toEqual({ submit: true })
  })
})
