import { readFile } from 'node:fs/promises'
import { runCli, UsageError } from 'mdwx'
import { describe, expect, it } from 'vitest'
import { captureIo } from '../../../test/support/cli-io.js'

describe('mdwx', () => {
  it('with no command: the usage on stdout, exit 2', async () => {
    const { io, stdout } = captureIo({ cwd: process.cwd() })
    expect(await runCli([], io)).toBe(2)
    expect(stdout()).toMatch(/^Usage: mdwx <command>/)
    for (const command of ['convert', 'check', 'publish', 'emulator', 'preview', 'demo']) expect(stdout()).toContain(`  ${command} `)
  })

  it.each([['--help'], ['-h'], ['help']])('%s: the usage, exit 0', async (flag) => {
    const { io, stdout } = captureIo({ cwd: process.cwd() })
    expect(await runCli([flag], io)).toBe(0)
    expect(stdout()).toMatch(/^Usage: mdwx <command>/)
  })

  it('--version: the version of the mdwx package', async () => {
    const { io, stdout } = captureIo({ cwd: process.cwd() })
    expect(await runCli(['--version'], io)).toBe(0)
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(stdout()).toBe(`${version}\n`)
  })

  it('an unknown command: exit 2, named, with where to look', async () => {
    const { io, stdout, stderr } = captureIo({ cwd: process.cwd() })
    expect(await runCli(['pubish', 'posts'], io)).toBe(2)
    expect(stderr()).toBe('mdwx: Unknown command "pubish".\nRun "mdwx --help" to see the commands.\n')
    expect(stdout()).toBe('')
  })

  it('UsageError carries its code and hint', () => {
    const error = new UsageError('wrong', 'do this')
    expect(error).toMatchObject({ code: 'MDWX_USAGE', message: 'wrong', hint: 'do this', name: 'UsageError' })
  })
})
