import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { PageFile, PageServer } from './page-server.js'
import { cjkFamily, holdLayoutId, holdLayoutStyle, useCjkFallback, weights } from './cjk-fonts.js'

export interface PageOptions {
  /** The whole document, served from a loopback origin of the browser's own: `/assets/a.png` is looked up in `files`. */
  html: string
  /** CSS pixels. */
  width: number
  /** CSS pixels; default 800. A full-page screenshot is as tall as the document anyway. */
  height?: number
  /** Device pixels per CSS pixel; default 1. */
  deviceScaleFactor?: number
  colorScheme?: 'light' | 'dark'
  /** What the page may load besides the document (`/assets/a.png` → bytes). Every other request is refused: no network. */
  files?: ReadonlyMap<string, PageFile>
  /** Run the page's own scripts; default false (what is shown is sanitised HTML, which has none). */
  scripts?: boolean
  /** Fall back to Noto Sans SC for characters the page's fonts lack; default true. */
  cjkFonts?: boolean
}

export interface BrowserPage {
  /** A PNG of the page: the whole document (default) or the viewport only. */
  screenshot(options?: { fullPage?: boolean }): Promise<Uint8Array>
  /** Runs `fn(arg)` in the page and returns its (serialisable) result. */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>
  close(): Promise<void>
}

/**
 * Opens pages in `browser`. Pages share a context per device scale and script setting, so that
 * the font faces one page loaded stay in the browser's cache for the next: loading some sixty
 * CJK faces afresh costs about half a second, from the cache a fraction of that. Every context
 * has the page server as its proxy: what a page asks of any other address is refused.
 */
export function createPageOpener(browser: Browser, server: PageServer, fontCss: string): (options: PageOptions) => Promise<BrowserPage> {
  const contexts = new Map<string, Promise<BrowserContext>>()
  const contextFor = (options: PageOptions): Promise<BrowserContext> => {
    const deviceScaleFactor = options.deviceScaleFactor ?? 1
    const key = `${deviceScaleFactor}/${options.scripts === true}`
    let context = contexts.get(key)
    if (!context) {
      const { host } = new URL(server.origin)
      context = browser.newContext({
        deviceScaleFactor,
        javaScriptEnabled: options.scripts === true,
        serviceWorkers: 'block',
        proxy: { server: server.origin, bypass: host },
      })
      contexts.set(key, context)
    }
    return context
  }
  // A closed page is kept (one per context) and the next page of that context reuses it: a new
  // document in the same tab finds the faces it needs already decoded, a new tab decodes them again.
  const idle = new Map<Promise<BrowserContext>, Page>()
  return async (options) => {
    const cjk = options.cjkFonts !== false
    const served = server.register(cjk ? withFontFaces(options.html, fontCss) : options.html, options.files)
    const context = contextFor(options)
    const kept = idle.get(context)
    idle.delete(context)
    const page = kept ?? (await (await context).newPage())
    let closed = false
    const close = async () => {
      if (closed) return
      closed = true
      served.release()
      if (idle.has(context) || page.isClosed()) return page.close()
      idle.set(context, page)
    }
    try {
      await page.setViewportSize({ width: options.width, height: options.height ?? 800 })
      await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' })
      await page.goto(served.url, { waitUntil: 'load' })
      if (cjk) await page.evaluate(useCjkFallback, { family: cjkFamily, weights, holdId: holdLayoutId })
    } catch (error) {
      closed = true
      served.release()
      await page.close()
      throw error
    }
    return {
      screenshot: (shot = {}) => (shot.fullPage === false ? page.screenshot({ type: 'png' }).then((png) => new Uint8Array(png)) : fullPagePng(page)),
      evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
      close,
    }
  }
}

/**
 * The whole document as a PNG, straight from Chromium's DevTools with its encoder set for speed:
 * Playwright's full-page screenshot of a long article at device scale 2 (780 × 15,000 pixels)
 * spends most of its second in the PNG encoder; this takes about a third of that, for a file
 * that is larger but as exact.
 */
async function fullPagePng(page: Page): Promise<Uint8Array> {
  const session = await page.context().newCDPSession(page)
  try {
    const [{ cssContentSize }, scale] = await Promise.all([session.send('Page.getLayoutMetrics'), page.evaluate(() => window.devicePixelRatio)])
    // The clip is in CSS pixels; `scale` makes the PNG one pixel per device pixel.
    const clip = { x: 0, y: 0, width: Math.ceil(cssContentSize.width), height: Math.ceil(cssContentSize.height), scale }
    const { data } = await session.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true, captureBeyondViewport: true, clip })
    return new Uint8Array(Buffer.from(data, 'base64'))
  } finally {
    await session.detach()
  }
}

/** The document with the @font-face rules in its head (or before everything, when it has none). */
function withFontFaces(html: string, css: string): string {
  const style = `<style>${css}</style>${holdLayoutStyle}`
  const head = /<head[^>]*>/i.exec(html)
  return head ? html.slice(0, head.index + head[0].length) + style + html.slice(head.index + head[0].length) : style + html
}
