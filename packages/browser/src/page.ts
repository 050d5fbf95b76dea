import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { PageFile, PageServer, ServedDocument } from './page-server.js'
import { cjkFamily, holdLayoutId, holdLayoutStyle, useCjkFallback, weights } from '@mdwx/phone-frame'

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

/** A tab kept for the pages of one context: its document holds the CJK faces, loaded as pages needed them. */
interface FontTab {
  page: Page
  document: ServedDocument
}

/**
 * Opens pages in `browser`. Pages share a context per device scale and script setting; every
 * context has the page server as its proxy, so what a page asks of any other address is refused.
 *
 * A page with CJK fonts is shown in a tab kept for them: its document was loaded once with the
 * @font-face rules, and each page replaces that document's content (parsed apart, then adopted),
 * keeping the rules. Faces a page loaded stay decoded for the next: a fresh document decodes its
 * sixty-odd CJK faces again (about 0.7 s an article), a kept one only the few it lacks. Pages
 * that run scripts are navigated to as documents of their own, so that their scripts run.
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
  // One idle font tab per context; a page opened while it is in use gets a tab of its own.
  const idle = new Map<Promise<BrowserContext>, FontTab>()
  const fontTab = async (context: Promise<BrowserContext>): Promise<FontTab> => {
    const kept = idle.get(context)
    if (kept && !kept.page.isClosed()) {
      idle.delete(context)
      return kept
    }
    const document = server.register(`<!doctype html><html><head><style id="${fontStyleId}">${fontCss}</style></head><body></body></html>`, undefined)
    const page = await (await context).newPage()
    await page.goto(document.url, { waitUntil: 'load' })
    return { page, document }
  }

  return async (options) => {
    const context = contextFor(options)
    const inFontTab = options.cjkFonts !== false && options.scripts !== true
    const tab = inFontTab ? await fontTab(context) : undefined
    const page = tab?.page ?? (await (await context).newPage())
    const own = tab ? undefined : server.register(options.cjkFonts === false ? options.html : withFontFaces(options.html, fontCss), options.files)
    let closed = false
    const close = async () => {
      if (closed) return
      closed = true
      own?.release()
      tab?.document.setFiles(undefined)
      if (tab && !idle.has(context) && !page.isClosed()) idle.set(context, tab)
      else await page.close()
    }
    try {
      await page.setViewportSize({ width: options.width, height: options.height ?? 800 })
      await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' })
      if (tab) {
        tab.document.setFiles(options.files)
        await page.evaluate(showDocument, { html: options.html, fontStyleId, holdStyle: holdLayoutStyle })
      } else {
        await page.goto(own!.url, { waitUntil: 'load' })
      }
      if (options.cjkFonts !== false) await page.evaluate(useCjkFallback, { family: cjkFamily, weights, holdId: holdLayoutId })
    } catch (error) {
      closed = true
      own?.release()
      tab?.document.release()
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

const fontStyleId = 'mdwx-fonts'

/**
 * Runs in a font tab: replaces its document's content by `html` (attributes of <html>, head and
 * body), keeping the @font-face rules and holding layout (see useCjkFallback), and waits for the
 * pictures. Parsed by DOMParser, whose documents load and run nothing, then adopted.
 */
async function showDocument({ html, fontStyleId, holdStyle }: { html: string; fontStyleId: string; holdStyle: string }): Promise<void> {
  const parsed = new DOMParser().parseFromString(html, 'text/html')
  const root = document.documentElement
  const fonts = document.getElementById(fontStyleId)!
  for (const name of root.getAttributeNames()) root.removeAttribute(name)
  for (const name of parsed.documentElement.getAttributeNames()) root.setAttribute(name, parsed.documentElement.getAttribute(name)!)
  document.head.replaceChildren(fonts, ...Array.from(parsed.head.childNodes, (node) => document.adoptNode(node)))
  fonts.insertAdjacentHTML('afterend', holdStyle)
  document.body.replaceWith(document.adoptNode(parsed.body))
  window.scrollTo(0, 0)
  await Promise.all(Array.from(document.images, (image) => image.decode().catch(() => undefined)))
}

/**
 * The whole document as a PNG, straight from Chromium's DevTools with its encoder set for speed:
 * Playwright's full-page screenshot of a long article at device scale 2 (780 × 15,000 pixels)
 * spends most of its second or two in the PNG encoder; this takes about half of that, for a
 * file about a fifth larger but as exact.
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
    // Capturing beyond the viewport drops the device-scale emulation, and Playwright, which
    // thinks it still holds, would not set it again for the next page of this tab: make it.
    const viewport = page.viewportSize()
    if (viewport) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height + 1 })
      await page.setViewportSize(viewport)
    }
  }
}

/** The document with the @font-face rules in its head (or before everything, when it has none). */
function withFontFaces(html: string, css: string): string {
  const style = `<style>${css}</style>${holdLayoutStyle}`
  const head = /<head[^>]*>/i.exec(html)
  return head ? html.slice(0, head.index + head[0].length) + style + html.slice(head.index + head[0].length) : style + html
}
