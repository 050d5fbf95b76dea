import { runCli } from 'mdwx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test/support/cli-io.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { waitFor } from '../../../test/support/run-cli.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

describe('mdwx preview', () => {
  let cwd: string

  beforeAll(async () => {
    cwd = await createTempDir('preview-command')
    await writeFiles(cwd, { 'posts/p.png': await pictures.png(), 'posts/hello.md': '# Hello\n\nWorld.\n\n![p](p.png)\n', 'empty/notes.txt': 'no Markdown here\n' })
  })

  afterAll(removeTempDirs)

  /** Starts a preview and resolves with its URL once printed. */
  async function started(args: string[]) {
    const captured = captureIo({ cwd })
    const run = runCli(['preview', ...args], captured.io)
    let url: string | undefined
    await waitFor(() => (url = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(captured.stdout())?.[1]) !== undefined, 'the preview URL')
    return { ...captured, run, url: url! }
  }

  it('serves the rendered article with its images until interrupted, then exit 0', async () => {
    const { run, url, interrupt } = await started(['posts/hello.md', '--theme', 'tech'])
    const page = await (await fetch(`${url}/`)).text()
    expect(page).toContain('World.')
    const image = /<img[^>]* src="(\/assets\/[^"]+)"/.exec(page)?.[1]
    expect((await fetch(`${url}${image}`)).headers.get('content-type')).toMatch(/^image\//)
    interrupt()
    expect(await run).toBe(0)
    await expect(fetch(`${url}/`)).rejects.toThrow()
  })

  it('a port in use: exit 2 saying so', async () => {
    const first = await started(['posts/hello.md'])
    const port = new URL(first.url).port
    const { io, stderr } = captureIo({ cwd })
    expect(await runCli(['preview', 'posts/hello.md', '--port', port], io)).toBe(2)
    expect(stderr()).toBe(`mdwx: Cannot listen on port ${port}: it is in use.\nChoose another with --port, or leave --port out for a free one.\n`)
    first.interrupt()
    expect(await first.run).toBe(0)
  })

  it.each([
    [['preview'], /^mdwx: mdwx preview needs exactly one Markdown file or folder\./],
    [['preview', 'posts/hello.md', 'posts/other.md'], /^mdwx: mdwx preview needs exactly one Markdown file or folder\./],
    [['preview', 'nope.md'], /^mdwx: No such file or folder: nope\.md\n/],
    [['preview', 'empty'], /^mdwx: empty holds no Markdown files \(\*\.md, \*\.markdown, \*\.mdx\) to preview\./],
    [['preview', 'posts/hello.md', '--theme', 'nosuch'], /^mdwx: Unknown theme "nosuch"\./],
    [['preview', 'posts/hello.md', '--theme', 'missing.css'], /^mdwx: Cannot read the theme file missing\.css\./],
    [['preview', 'posts/hello.md', '--port', '1e3'], /^mdwx: Expected a whole number from 0 to 65535 for --port, got "1e3"\./],
  ])('misuse %j: exit 2 before listening', async (args, said) => {
    const { io, stdout, stderr } = captureIo({ cwd })
    expect(await runCli(args, io)).toBe(2)
    expect(stderr()).toMatch(said)
    expect(stdout()).toBe('')
  })
})
