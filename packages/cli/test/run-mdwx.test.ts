import { runMdwx } from 'mdwx'
import { afterAll, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

afterAll(removeTempDirs)

describe('runMdwx: an mdwx command in process, for site generators’ plugins', () => {
  it('runs the command as the CLI would, handing over each line as it is printed', async () => {
    const cwd = await createTempDir('run-mdwx')
    await writeFiles(cwd, { 'posts/a.md': '# A\n\n![p](p.png)\n', 'posts/p.png': await pictures.png(), 'posts/b.md': '# B\n\n![gone](gone.png)\n' })
    const lines: Array<[string, string]> = []
    const run = await runMdwx(['check', 'posts'], { cwd, env: {}, onLine: (line, stream) => lines.push([stream, line]) })
    expect(run.code).toBe(1)
    expect(lines).toContainEqual(['stdout', expect.stringMatching(/^posts\/b\.md:3:1  error  .*gone\.png.*  image-unresolved$/)])
    // Progress comes in the order the articles finish.
    const progress = lines.filter(([stream]) => stream === 'stderr').map(([, line]) => line.replace(/^\[\d\/2\] /, ''))
    expect(progress.sort()).toEqual(['checked posts/a.md', 'failed posts/b.md'])
    expect(run.stdout).toBe(lines.filter(([stream]) => stream === 'stdout').map(([, line]) => `${line}\n`).join(''))
  })

  it('misuse is exit 2 with the message, never a throw', async () => {
    const run = await runMdwx(['publish'], { cwd: await createTempDir('run-mdwx-misuse'), env: {} })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('mdwx publish needs at least one file or folder.')
  })
})
