import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulatorEnv } from './support/emulator.js'
import { writeFiles } from './support/fixtures.js'
import * as pictures from './support/pictures.js'
import { runCli } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

describe('mdwx publish: bad input', () => {
  let emulator: Emulator
  let project: string

  beforeAll(async () => {
    emulator = await startEmulator()
    project = await createTempDir('bad-input')
    const paragraph = 'A sentence long enough to make this article heavy, repeated until it is far too long for Weixin. '
    await writeFiles(path.join(project, 'posts'), {
      'images/fine.png': await pictures.png(),
      'images/broken.jpg': await pictures.truncatedJpeg(),
      'a-good.md': '# Good\n\n![fine](images/fine.png)\n',
      'b-missing-image.md': '# Missing\n\nText first.\n\n![gone](images/nowhere.png)\n',
      'c-corrupt-image.md': '# Corrupt\n\n![broken](images/broken.jpg)\n',
      'd-too-long.md': `# Too long\n\n![fine](images/fine.png)\n\n${Array.from({ length: 260 }, (_, i) => `${i}. ${paragraph}`).join('\n\n')}\n`,
      'e-bad-front-matter.md': '---\ntitle: [never closed\nauthor: x\n---\n\n# Bad YAML\n\n![fine](images/fine.png)\n',
      'f-wrong-type.md': '---\ncomments: maybe later\n---\n\n# Wrong type\n\n![fine](images/fine.png)\n',
    })
  })

  afterAll(async () => {
    await emulator.close()
    await removeTempDirs()
  })

  it('reports every problem of every article together, exits 1, and sends nothing at all', async () => {
    const run = await runCli(['publish', 'posts'], { cwd: project, env: emulatorEnv(emulator, path.join(project, '.cache')) })
    expect(run.code, run.stdout + run.stderr).toBe(1)
    // `path:line:column  error  message  rule-id`; a problem of the whole article has no position.
    const problem = (file: string, rule: string) => new RegExp(`^posts/${file}(:\\d+:\\d+)?  error  .+  ${rule}$`, 'm')
    expect(run.stdout).toMatch(problem('b-missing-image\\.md', 'image-unresolved'))
    expect(run.stdout).toMatch(/b-missing-image\.md:5:1  error  .*nowhere\.png/)
    expect(run.stdout).toMatch(problem('c-corrupt-image\\.md', 'image-unresolved'))
    expect(run.stdout).toMatch(/c-corrupt-image\.md.*broken\.jpg/)
    expect(run.stdout).toMatch(problem('d-too-long\\.md', 'content-too-long'))
    expect(run.stdout).toMatch(/d-too-long\.md.*20,000/)
    expect(run.stdout).toMatch(problem('e-bad-front-matter\\.md', 'frontmatter-yaml'))
    expect(run.stdout).toMatch(problem('f-wrong-type\\.md', 'frontmatter-type'))
    expect(run.stdout).toMatch(/f-wrong-type\.md.*comments/)
    expect(run.stdout).toMatch(/posts\/a-good\.md\s+skipped/)
    expect(run.stdout).toContain('not published because others have errors')
    expect(run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/) // no stack trace
    expect(emulator.state.calls).toEqual([])
  })

  it('check finds the same problems without credentials or network', async () => {
    const run = await runCli(['check', 'posts'], { cwd: project, env: {} })
    expect(run.code).toBe(1)
    for (const rule of ['image-unresolved', 'content-too-long', 'frontmatter-yaml', 'frontmatter-type']) expect(run.stdout).toContain(`  ${rule}`)
    expect(run.stdout).toMatch(/✖ 5 of 6 articles cannot be published/)
    expect(emulator.state.calls).toEqual([])
  })
})
