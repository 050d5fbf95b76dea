import { spawn } from 'node:child_process'
import { cp, mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertCliBuilt, repoRoot } from '../../../test/support/run-cli.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const cliFolder = path.join(repoRoot, 'packages/cli')

/**
 * mdwx as `npm install mdwx` lays it out: the built package in node_modules/mdwx and its
 * dependencies beside it (links to the workspace's), and no @mdwx/browser anywhere a bare
 * import from there could find it.
 */
async function installWithoutBrowser(project: string): Promise<string> {
  assertCliBuilt()
  const modules = path.join(project, 'node_modules')
  await mkdir(path.join(modules, '@mdwx'), { recursive: true })
  await cp(path.join(cliFolder, 'dist'), path.join(modules, 'mdwx/dist'), { recursive: true })
  const manifest = await readFile(path.join(cliFolder, 'package.json'), 'utf8')
  await writeFile(path.join(modules, 'mdwx/package.json'), manifest)
  const { dependencies } = JSON.parse(manifest) as { dependencies: Record<string, string> }
  expect(Object.keys(dependencies)).not.toContain('@mdwx/browser')
  for (const name of Object.keys(dependencies)) {
    // Scoped names need their scope's folder (@types/node beside @mdwx/*).
    await mkdir(path.dirname(path.join(modules, name)), { recursive: true })
    await symlink(await realpath(path.join(cliFolder, 'node_modules', name)), path.join(modules, name), 'dir')
  }
  return path.join(modules, 'mdwx/dist/bin.js')
}

function run(bin: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: cwd, XDG_CACHE_HOME: path.join(cwd, '.cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('mdwx installed without @mdwx/browser', () => {
  let project: string
  let bin: string

  beforeAll(async () => {
    project = await createTempDir('no-browser')
    bin = await installWithoutBrowser(project)
    await writeFile(path.join(project, 'a.md'), '# 标题\n\n正文。\n')
  })

  afterAll(removeTempDirs)

  it('mdwx screenshot says the command that installs the browser, and exits 1 without writing anything', async () => {
    const { code, stdout, stderr } = await run(bin, ['screenshot', 'a.md', '--out', 'shots'], project)
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' })
    expect(stderr).toContain('mdwx: mdwx screenshot needs @mdwx/browser, which is not installed.\n')
    expect(stderr).toContain('npm install @mdwx/browser')
    expect(stderr).toContain('npm install -D @mdwx/browser')
    expect(stderr).not.toMatch(/\n\s+at /) // a message, not a stack trace
  })

  it('every other command works: mdwx convert writes the HTML', async () => {
    const { code, stdout } = await run(bin, ['convert', 'a.md', '--out', 'out', '--quiet'], project)
    expect(code).toBe(0)
    expect(stdout).toContain('1 HTML file written to out')
    expect(await readFile(path.join(project, 'out/a.html'), 'utf8')).toContain('正文。')
  })
})
