import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { compactFont } from '@mdwx/cjk-font'
import { openBrowser, type MdwxBrowser } from '@mdwx/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFontFiles, fontStylesheetPath } from '../src/cjk-fonts.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

describe('Noto Sans SC in a page: the compact font first, the full one for what it lacks', () => {
  const fonts = createFontFiles()
  const requested: string[] = []
  let server: Server
  let origin: string
  let browser: MdwxBrowser

  beforeAll(async () => {
    server = createServer((request, response) => {
      const pathname = new URL(request.url ?? '/', 'http://x').pathname
      requested.push(pathname)
      if (pathname === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        response.end(`<!doctype html><link rel="stylesheet" href="${fontStylesheetPath}"><p>-</p>`)
        return
      }
      void fonts.serve(pathname).then((served) => {
        if (served === undefined) response.writeHead(404).end()
        else response.writeHead(200, { 'content-type': served.contentType }).end(served.data)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const home = await createTempDir('phone-frame-fonts')
    browser = await openBrowser({ env: { ...process.env, HOME: home, XDG_CACHE_HOME: home } })
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
    await removeTempDirs()
  })

  /** Which font files the page fetched to show `text` at `weight` in Noto Sans SC, and whether it then has the glyphs. */
  async function load(text: string, weight: number): Promise<{ files: string[]; drawn: boolean }> {
    const page = await browser.playwright.newPage()
    try {
      await page.goto(`${origin}/`)
      requested.length = 0
      const drawn = await page.evaluate(async ([text, font]) => {
        await document.fonts.load(font!, text)
        return document.fonts.check(font!, text)
      }, [text, `${weight} 16px "Noto Sans SC"`])
      return { files: requested.filter((path) => path.startsWith('/mdwx-fonts/')), drawn }
    } finally {
      await page.close()
    }
  }

  it('declares every file of the compact font in 400, 500 and 700, as WOFF at /mdwx-fonts/', () => {
    const css = fonts.css('https://example.test')
    const { ranges, fileName } = compactFont()
    for (const weight of [400, 500, 700]) for (const range of Object.keys(ranges)) expect(css).toContain(`url(https://example.test/mdwx-fonts/${fileName(range, weight)}) format('woff')`)
  })

  it('draws 中 from the compact font: one WOFF file of it is fetched, in the weight asked for', async () => {
    for (const weight of [400, 700]) {
      const { files, drawn } = await load('中', weight)
      expect(drawn).toBe(true)
      expect(files.filter((file) => file.endsWith('.woff'))).toEqual([expect.stringMatching(new RegExp(`^/mdwx-fonts/noto-sans-sc-[\\w-]+-${weight}\\.woff$`))])
    }
  })

  it('draws 龘, which the compact font lacks, from @fontsource/noto-sans-sc when it is installed (as here)', async () => {
    const { files, drawn } = await load('龘', 400)
    expect(drawn).toBe(true)
    expect(files.some((file) => /^\/mdwx-fonts\/noto-sans-sc-[\w-]+-400-normal\.woff2$/.test(file))).toBe(true)
  })

  it('serves only its own file names', async () => {
    expect(await fonts.serve('/mdwx-fonts/../package.json')).toBeUndefined()
    expect(await fonts.serve('/mdwx-fonts/manifest.json')).toBeUndefined()
  })
})
