import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { childEnv } from './support/child-env.js'
import { writeFiles } from './support/fixtures.js'
import { assertCliBuilt, cliBin } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

const run = promisify(execFile)

/**
 * `mdwx check` on a real pseudo-terminal (util-linux `script` allocates one): colour and a
 * progress bar there, no colour with NO_COLOR. `script -e` exits with the command's exit status.
 */
async function onTerminal(cwd: string, env: Record<string, string>): Promise<{ output: string; code: number }> {
  assertCliBuilt()
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(cliBin)} check posts`
  const options = { cwd, env: childEnv({ TERM: 'xterm', ...env }) }
  return run('script', ['-qec', command, '/dev/null'], options).then(
    ({ stdout }) => ({ output: stdout, code: 0 }),
    (error: { stdout: string; code: number }) => ({ output: error.stdout, code: error.code }),
  )
}

describe('on a terminal', () => {
  let cwd: string

  beforeAll(async () => {
    cwd = await createTempDir('terminal')
    await writeFiles(path.join(cwd, 'posts'), { 'a.md': '# A\n\n![gone](gone.png)\n', 'b.md': '# B\n\nFine.\n' })
  })

  afterAll(removeTempDirs)

  it('colours the report and draws a progress bar; exit 1 for the article that cannot be published', async () => {
    const { output, code } = await onTerminal(cwd, {})
    expect(output).toContain('\u001b[31merror\u001b[39m')
    expect(output).toContain('\r\u001b[2K[')
    expect(code).toBe(1)
  })

  it('NO_COLOR: no colour at all, the progress bar still', async () => {
    const { output, code } = await onTerminal(cwd, { NO_COLOR: '1' })
    expect(output).toMatch(/posts\/a\.md:3:1  error  /)
    expect(output).toMatch(/\r\u001b\[2K\[[█░]+\] 2\/2 posts\/[ab]\.md/)
    expect(output.replaceAll('\r\u001b[2K', '')).not.toMatch(/\u001b\[\d+m/)
    expect(code).toBe(1)
  })
})
