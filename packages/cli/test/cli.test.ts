import { readFile } from 'node:fs/promises'
import { runCli, UsageError } from 'mdwx'
import { afterAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test/support/cli-io.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

describe('mdwx', () => {
  afterAll(removeTempDirs)

  it('with no command: the usage on stderr (it is misuse), exit 2', async () => {
    const { io, stdout, stderr } = captureIo({ cwd: process.cwd() })
    expect(await runCli([], io)).toBe(2)
    expect(stderr()).toMatch(/^Usage: mdwx <command>/)
    for (const command of ['convert', 'check', 'publish', 'emulator', 'preview', 'demo']) expect(stderr()).toContain(`  ${command} `)
    expect(stdout()).toBe('')
  })

  it.each([['--help'], ['-h'], ['help']])('%s: the usage, exit 0', async (flag) => {
    const { io, stdout } = captureIo({ cwd: process.cwd() })
    expect(await runCli([flag], io)).toBe(0)
    expect(stdout()).toMatch(/^Usage: mdwx <command>/)
  })

  it('help <command>: that command\'s help, exit 0; an unknown one is misuse', async () => {
    const { io, stdout } = captureIo({ cwd: process.cwd() })
    expect(await runCli(['help', 'publish'], io)).toBe(0)
    expect(stdout()).toMatch(/^Usage: mdwx publish <path\.\.\.>/)
    const unknown = captureIo({ cwd: process.cwd() })
    expect(await runCli(['help', 'pubish'], unknown.io)).toBe(2)
    expect(unknown.stderr()).toBe('mdwx: Unknown command "pubish".\nRun "mdwx --help" to see the commands.\n')
  })

  it('Ctrl-C during a command that does not stop by itself: exit 130 at once, said on stderr', async () => {
    const cwd = await createTempDir('cli-interrupt')
    await writeFiles(cwd, { 'posts/a.md': '# A\n' })
    const { io, stdout, stderr, interrupt } = captureIo({ cwd })
    interrupt()
    expect(await runCli(['check', 'posts'], io)).toBe(130)
    expect(stderr()).toBe('Interrupted.\n')
    expect(stdout()).toBe('')
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
