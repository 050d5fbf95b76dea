import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { check, discoverMarkdown, renderPreview, type PreviewAsset } from '@mdwx/publish'
import { fileOptions } from '../accounts-config.js'
import { integerFlag, parseCommandArgs } from '../args.js'
import type { Command } from '../io.js'
import { listenError } from '../listen-error.js'
import { previewPage } from '../preview-page.js'
import { UsageError } from '../usage-error.js'
import { mathFlag } from '../values.js'

const help = `Usage: mdwx preview <file> [options]

Serves one article on localhost in a phone-width column, rendered and with its images
normalised exactly as "mdwx publish" would send them. Refresh the page to see your edits.

Options:
  --port N                  port to listen on (default: a free one)
  --theme <name|file.css>   theme to render with (default: default)
  --math auto|svg|image     formulas as text or SVG, the heaviest as uploaded pictures when the
                            article would be over the limit (auto, default); svg: never; image: all
  --asset-root <dir>        where pictures written as /images/x.png live (repeatable; the
                            site's static folder is found from its generator's config)
  --include <glob>          only the files matching it (repeatable; also "include" in mdwx.config.json)
  --exclude <glob>          leave out the files matching it (repeatable; "exclude" in the config)
  -h, --help                this help`

export const previewCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { 'asset-root': 'strings', include: 'strings', exclude: 'strings', port: 'string', theme: 'string', math: 'string' }, 'preview')
  if (values.help) {
    io.stdout.write(`${help}\n`)
    return 0
  }
  const [file, ...extra] = positionals
  if (file === undefined || extra.length > 0) throw new UsageError('mdwx preview needs exactly one Markdown file.', 'Example: mdwx preview posts/hello.md')
  const port = integerFlag(values.port, '--port', { min: 0, max: 65_535 }) ?? 0
  const math = mathFlag(values.math)
  const { assetRoots } = await fileOptions(values, io.cwd)
  const theme = { ...(values.theme === undefined ? {} : { theme: values.theme }), ...(math === undefined ? {} : { math }), ...(assetRoots === undefined ? {} : { assetRoots }) }
  // Before listening: a path that is not there or a theme that does not resolve is misuse (exit 2),
  // not a page that says so. check() of no files loads the theme as every render will.
  const [found] = await discoverMarkdown([file], { cwd: io.cwd })
  if (found?.path !== path.resolve(io.cwd, file)) throw new UsageError(`mdwx preview shows one Markdown file; ${file} is a folder.`, 'Example: mdwx preview posts/hello.md')
  await check([], { cwd: io.cwd, ...theme })

  // Images of the latest render; replaced on each page load.
  let assets = new Map<string, PreviewAsset>()
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === '/') {
      renderPreview(file, { cwd: io.cwd, ...theme }).then(
        (preview) => {
          assets = preview.assets
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
          response.end(previewPage(preview, file, io.cwd))
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
          response.end(`mdwx could not render ${file}: ${(error as Error).message}`)
        },
      )
      return
    }
    const asset = url.pathname.startsWith('/assets/') ? assets.get(decodeURIComponent(url.pathname.slice('/assets/'.length))) : undefined
    if (!asset) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    response.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'no-store' }).end(asset.data)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, port)))
    server.listen(port, '127.0.0.1', resolve)
  })
  const { port: actual } = server.address() as AddressInfo
  io.stdout.write(`Previewing ${file} at http://127.0.0.1:${actual}/ (Ctrl-C to stop)\n`)
  await io.untilInterrupted()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeAllConnections()
  return 0
}
