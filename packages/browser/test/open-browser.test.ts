import { BrowserUnavailableError, openBrowser, type MdwxBrowser } from '@mdwx/browser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sharp } from '../../../test/support/sharp.js'

/** The raw pixels of a PNG, to compare two renderings. */
async function pixels(png: Uint8Array): Promise<Buffer> {
  return sharp(png).raw().toBuffer()
}

/** A page showing one line of text in `font`, as a PNG of 200×40 CSS pixels. */
async function line(browser: MdwxBrowser, font: string, text: string, cjkFonts = true): Promise<Uint8Array> {
  const page = await browser.openPage({ width: 200, height: 40, cjkFonts, html: `<!doctype html><meta charset="utf-8"><body style="margin:0"><p style="margin:0;font:24px ${font}">${text}</p>` })
  try {
    return await page.screenshot({ fullPage: false })
  } finally {
    await page.close()
  }
}

describe('openBrowser, with the Chromium that @sparticuz/chromium installs (no system browser)', () => {
  let browser: MdwxBrowser

  beforeAll(async () => {
    browser = await openBrowser({ system: false })
  })
  afterAll(() => browser?.close())

  it('starts it and says where it came from', () => {
    expect(browser.executable.source).toBe('bundled')
    expect(browser.executable.path).toMatch(/chromium-147\.[\d.]+\/chromium$/)
    expect(browser.version).toMatch(/^147\./)
  })

  it.each(['monospace', 'sans-serif', 'serif', '"PingFang SC", sans-serif'])('shows Chinese in %s as glyphs, not empty boxes, without system CJK fonts', async (font) => {
    // Empty boxes all look alike: two different characters drawn alike mean no glyphs were found.
    const [first, second] = await Promise.all([line(browser, font, 'ab 注'), line(browser, font, 'ab 释')])
    expect((await pixels(first)).equals(await pixels(second))).toBe(false)
  })

  it('serves the files it is given and refuses every other request (no network)', async () => {
    const png = await sharp({ create: { width: 4, height: 2, channels: 3, background: '#f00' } }).png().toBuffer()
    const page = await browser.openPage({
      width: 100,
      files: new Map([['/a.png', { data: png, contentType: 'image/png' }]]),
      html: '<img id="local" src="/a.png"><img id="remote" src="http://127.0.0.1:9/b.png"><img id="missing" src="/b.png">',
    })
    const sizes = await page.evaluate(
      () => ['local', 'remote', 'missing'].map((id) => (document.getElementById(id) as HTMLImageElement).naturalWidth),
      undefined,
    )
    await page.close()
    expect(sizes).toEqual([4, 0, 0])
  })
})

describe('openBrowser when no Chromium can start', () => {
  it('throws BrowserUnavailableError naming what it tried and what to do', async () => {
    const error = await openBrowser({ executablePath: '/nonexistent/chromium' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(BrowserUnavailableError)
    expect(error).toMatchObject({ code: 'MDWX_BROWSER_UNAVAILABLE' })
    expect((error as Error).message).toContain('/nonexistent/chromium')
    expect((error as BrowserUnavailableError).hint).toContain('/nonexistent/chromium (from executablePath)')
  })

  it('reads MDWX_CHROMIUM from the environment it is given, and tries only that one', async () => {
    const error = (await openBrowser({ env: { MDWX_CHROMIUM: '/nonexistent/chrome', PATH: '' } }).catch((caught: unknown) => caught)) as BrowserUnavailableError
    expect(error.attempts.map((attempt) => attempt.executable)).toEqual(['/nonexistent/chrome'])
    expect(error.hint).toContain('from MDWX_CHROMIUM')
  })
})
