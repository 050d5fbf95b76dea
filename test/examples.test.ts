import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { assertCliBuilt, repoRoot } from './support/run-cli.js'
import { childEnv } from './support/child-env.js'

const run = promisify(execFile)

/**
 * The examples are documentation people copy: each must run as its README says, from the
 * repository root with no account (they publish to an in-process emulator then).
 */
async function runExample(script: string) {
  assertCliBuilt() // the examples import the built packages
  const env = childEnv()
  return run(process.execPath, [path.join(repoRoot, 'examples', script)], { cwd: repoRoot, env })
}

describe('examples', () => {
  it('publish-from-script publishes every post to the emulator', async () => {
    const { stdout, stderr } = await runExample('publish-from-script/publish.mjs')
    expect(stderr).toContain('publishing to an emulator')
    expect(stdout).toMatch(/^6 created, 0 updated, 0 unchanged, 0 failed; \d+ images uploaded in \d+ API calls$/m)
  })

  it('unified-pipeline renders a post for the site and for Weixin, and runs a single plugin', async () => {
    const { stdout } = await runExample('unified-pipeline/render.mjs')
    expect(stdout).toMatch(/Weixin HTML: [\d,]+ characters \(limit 20,000\), title "缓存设计的七个问题"/)
    expect(stdout).toContain('[1] the spec: https://spec.commonmark.org/')
  })

  it('site-build-step publishes on the first build and nothing on an unchanged second build', async () => {
    const { stdout } = await runExample('site-build-step/build.mjs')
    const [first, second] = stdout.split('== second build')
    expect(first).toContain('weixin: 6 published, 0 unchanged, 0 failed')
    expect(second).toContain('weixin: 0 published, 6 unchanged, 0 failed')
  })
})
