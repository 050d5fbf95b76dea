import type { Browser, Page } from 'playwright-core'
import { cjkFamily, fontPathPrefix, holdLayoutId, holdLayoutStyle, useCjkFallback, weights, type FontFiles } from './cjk-fonts.js'

/** A file the page may load, by its path on the page's origin. */
export interface PageFile {
  data: Uint8Array
  contentType: string
}

export interface PageOptions {
  /** The whole document. Its URL is `https://mdwx.invalid/`: relative URLs resolve against it. */
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

export const pageOrigin = 'https://mdwx.invalid'

/** Opens `options.html` in a fresh context of `browser`, fonts loaded, ready for a screenshot. */
export async function openPage(browser: Browser, fonts: FontFiles, options: PageOptions): Promise<BrowserPage> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height ?? 800 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    colorScheme: options.colorScheme ?? 'light',
    javaScriptEnabled: options.scripts === true,
    serviceWorkers: 'block',
  })
  const cjk = options.cjkFonts !== false
  const html = cjk ? withFontFaces(options.html, fonts.css) : options.html
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (url.origin !== pageOrigin) return route.abort('blockedbyclient')
    if (url.pathname === '/') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
    const file = url.pathname.startsWith(fontPathPrefix) ? await fontFile(fonts, url.pathname) : options.files?.get(decodeURIComponent(url.pathname))
    if (!file) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' })
    return route.fulfill({ status: 200, contentType: file.contentType, body: Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength) })
  })
  let page: Page
  try {
    page = await context.newPage()
    await page.goto(`${pageOrigin}/`, { waitUntil: 'load' })
    if (cjk) await page.evaluate(useCjkFallback, { family: cjkFamily, weights, holdId: holdLayoutId })
  } catch (error) {
    await context.close()
    throw error
  }
  return {
    screenshot: async (shot = {}) => new Uint8Array(await page.screenshot({ type: 'png', fullPage: shot.fullPage !== false })),
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    close: () => context.close(),
  }
}

async function fontFile(fonts: FontFiles, pathname: string): Promise<PageFile | undefined> {
  const data = await fonts.read(pathname.slice(fontPathPrefix.length))
  return data && { data, contentType: 'font/woff2' }
}

/** The document with the @font-face rules in its head (or before everything, when it has none). */
function withFontFaces(html: string, css: string): string {
  const style = `<style>${css}</style>${holdLayoutStyle}`
  const head = /<head[^>]*>/i.exec(html)
  return head ? html.slice(0, head.index + head[0].length) + style + html.slice(head.index + head[0].length) : style + html
}
