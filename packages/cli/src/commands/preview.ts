import { stat } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { check, discoverMarkdown } from '@mdwx/publish'
import { installedFontFiles } from '@mdwx/phone-frame'
import { fileOptions } from '../accounts-config.js'
import { integerFlag, parseCommandArgs } from '../args.js'
import type { Command } from '../io.js'
import { listenError } from '../listen-error.js'
import { createPreviewServer } from '../preview/preview-server.js'
import { startPreviewSite } from '../preview/preview-site.js'
import { UsageError } from '../usage-error.js'
import { mathFlag } from '../values.js'
import { renderOptionsHelp } from '../help-options.js'

const help = `Usage: mdwx preview <file|folder> [options]

Serves a live preview on 127.0.0.1: the article in the phone frame of "mdwx screenshot", rendered
and with its images normalised exactly as "mdwx publish" would send them, beside its problems
(with their lines) and its size against Weixin's 20,000 characters, and a light/dark switch.
Saving the Markdown, a picture it shows, the theme file or mdwx.config.json updates the open
page in place, keeping its scroll position. Given a folder, the first page lists its articles
with their status, each linking to its own live page.

Options:
  --port N                  port to listen on (default: a free one)
${renderOptionsHelp}
  -h, --help                this help`

const example = 'Example: mdwx preview posts/hello.md, or mdwx preview posts'

export const previewCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { 'asset-root': 'strings', include: 'strings', exclude: 'strings', port: 'string', theme: 'string', math: 'string' }, 'preview')
  if (values.help) {
    io.stdout.write(`${help}\n`)
    return 0
  }
  const [given, ...extra] = positionals
  if (given === undefined || extra.length > 0) throw new UsageError('mdwx preview needs exactly one Markdown file or folder.', example)
  const port = integerFlag(values.port, '--port', { min: 0, max: 65_535 }) ?? 0
  const math = mathFlag(values.math)
  const { assetRoots, include, exclude } = await fileOptions(values, io.cwd)
  const input = path.resolve(io.cwd, given)
  // Before listening: a path that is not there, a folder of no Markdown, or a theme that does not
  // resolve is misuse (exit 2), not a page that says so. check() of no files loads the theme as
  // every render will.
  // A file given by name is shown whatever --include and --exclude say: they choose among a folder's files.
  const named = await discoverMarkdown([given], { cwd: io.cwd, assetRoots })
  const folder = (await stat(input)).isDirectory()
  const found = folder ? await discoverMarkdown([given], { cwd: io.cwd, assetRoots, include, exclude }) : named
  if (folder && found.length === 0) throw new UsageError(`${given} holds no Markdown files (*.md, *.markdown, *.mdx) to preview.`, example)
  if (!folder && found[0]?.path !== input) throw new UsageError(`mdwx preview shows Markdown files; ${given} is not one.`, example)
  await check([], { cwd: io.cwd, ...(values.theme === undefined ? {} : { theme: values.theme }), ...(math === undefined ? {} : { math }) })

  const onFailure = (error: unknown) => io.stderr.write(`mdwx preview: ${error instanceof Error ? error.message : String(error)}\n`)
  const site = await startPreviewSite({ input, folder, cwd: io.cwd, theme: values.theme, math, flags: values, onFailure })
  const server = createPreviewServer({ site, folder, cwd: io.cwd, fonts: installedFontFiles(), onFailure })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(listenError(error, port)))
      server.listen(port, '127.0.0.1', resolve)
    })
  } catch (error) {
    site.close()
    throw error
  }
  const { port: actual } = server.address() as AddressInfo
  io.stdout.write(`Previewing ${given} at http://127.0.0.1:${actual}/ (updates on save; Ctrl-C to stop)\n`)
  await io.untilInterrupted()
  // Watchers closed and event streams ended first, so that the server has no connection to wait for.
  site.close()
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeAllConnections()
  await closed
  return 0
}
