import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

describe('mdwx demo', () => {
  afterAll(removeTempDirs)

  it('publishes examples/posts to an in-process emulator and prints the summary, leaving the repository clean', async () => {
    const posts = (await readdir(path.join(repoRoot, 'examples/posts'), { recursive: true })).filter((file) => file.endsWith('.md'))
    expect(posts.length).toBeGreaterThan(0)

    // As `pnpm demo` at the root starts it: pnpm names itself and the script.
    const run = await runCli(['demo'], { cwd: repoRoot, env: { npm_config_user_agent: 'pnpm/10.34.9 npm/? node/v20.20.2 linux x64', npm_lifecycle_event: 'demo' } })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stderr).toMatch(/Weixin emulator listening at http:\/\/127\.0\.0\.1:\d+/)
    expect(run.stderr).toContain('45103') // the reader sees add_news refused and drafts made instead
    const rows = run.stdout.split('\n').filter((line) => line.startsWith('examples/posts/'))
    expect(rows).toHaveLength(posts.length)
    for (const row of rows) expect(row).toMatch(/\s(created\s+draft|skipped)\s/)
    const created = rows.filter((row) => /\screated\s/.test(row)).length
    expect(created).toBeGreaterThan(0)
    expect(run.stdout).toContain(`${created} created, 0 updated, 0 unchanged, ${posts.length - created} skipped, 0 failed`)
    expect(run.stdout).toMatch(/The drafts were at http:\/\/127\.0\.0\.1:\d+\/ while the demo ran; "pnpm demo --keep" keeps/)
    expect(existsSync(path.join(repoRoot, 'mdwx.lock.json'))).toBe(false)
    expect(existsSync(path.join(repoRoot, 'examples/posts/mdwx.lock.json'))).toBe(false)
  })

  it('from a folder outside the repository, with no folder given: the sample posts the built CLI finds itself', async () => {
    const elsewhere = await createTempDir('demo-elsewhere')
    const run = await runCli(['demo'], { cwd: elsewhere, env: {} })
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^examples\/posts\/01-hello-mdwx\.md\s+created\s+draft/m)
    expect(run.stdout).toContain('"mdwx demo --keep" keeps the emulator running')
    expect(await readdir(elsewhere)).toEqual([])
  })
})
