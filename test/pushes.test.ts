import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { type Emulator, startEmulator } from '@mdwx/emulator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emulatorEnv } from './support/emulator.js'
import { writeFiles } from './support/fixtures.js'
import * as pictures from './support/pictures.js'
import { runCli } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

// `mdwx publish week/ --together`: one draft of three articles, an edit updates one of them.
describe('mdwx publish --together: a push of three articles', () => {
  let emulator: Emulator
  let project: string
  let env: Record<string, string>
  const publish = (...flags: string[]) => runCli(['publish', 'week', '--together', ...flags], { cwd: project, env })
  const drafts = () => [...emulator.state.drafts.values()].map((draft) => draft.articles.map((article) => article.title))

  beforeAll(async () => {
    emulator = await startEmulator()
    project = await createTempDir('push-cli')
    await writeFiles(path.join(project, 'week'), {
      'c.png': await pictures.png(40, 30),
      '1-headline.md': '# 本周头条\n\n![](c.png)\n\n头条的正文。\n',
      '2-second.md': '# 第二篇\n\n![](c.png)\n\n第二篇的正文。\n',
      '3-third.md': '# 第三篇\n\n![](c.png)\n\n第三篇的正文。\n',
    })
    env = emulatorEnv(emulator, path.join(project, '.cache'))
  })

  afterAll(async () => {
    await emulator.close()
    await removeTempDirs()
  })

  it('makes one draft of the three articles in file-name order, and the summary names the push', async () => {
    const run = await publish()
    expect(run.code, run.stderr).toBe(0)
    expect(drafts()).toEqual([['本周头条', '第二篇', '第三篇']])
    expect(run.stdout).toMatch(/week\/2-second\.md\s+created\s+draft\s+together 2\/3/)
    expect(run.stderr).toMatch(/created week\/1-headline\.md \(push together, 1\/3\)/)
  })

  it('an unchanged re-run writes nothing', async () => {
    const calls = emulator.state.calls.length
    const run = await publish()
    expect(run.code).toBe(0)
    expect(emulator.state.count('draft/add') + emulator.state.count('draft/update')).toBe(1)
    expect(emulator.state.calls.length - calls).toBeLessThanOrEqual(1) // at most the token
  })

  it('an edit of the second article is one draft/update at index 1', async () => {
    await writeFile(path.join(project, 'week/2-second.md'), '# 第二篇\n\n![](c.png)\n\n第二篇改过了。\n')
    const run = await publish('--json')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as { articles: Array<{ status: string; index: number; push: { name: string; index: number; total: number } }> }
    expect(report.articles.map((article) => article.status)).toEqual(['unchanged', 'updated', 'unchanged'])
    expect(report.articles[1]).toMatchObject({ index: 1, push: { name: 'together', index: 1, total: 3 } })
    expect(emulator.state.count('draft/update')).toBe(1)
    const update = emulator.state.calls.filter((call) => call.path === '/cgi-bin/draft/update')
    expect(update).toHaveLength(1)
    expect(drafts()).toEqual([['本周头条', '第二篇', '第三篇']])
    expect([...emulator.state.drafts.values()][0]!.articles[1]!.content).toContain('第二篇改过了')
  })

  it('check and convert say which push each article is in', async () => {
    const check = await runCli(['check', 'week', '--together'], { cwd: project, env: {} })
    expect(check.code).toBe(0)
    expect(check.stderr).toMatch(/checked week\/3-third\.md \(push together, 3\/3\)/)
  })
})
