import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { MdwxBrowser } from '@mdwx/browser'
import type { ArticleView } from '@mdwx/publish'

const require = createRequire(import.meta.url)
const fontFolder = dirname(require.resolve('@fontsource/noto-sans-sc/package.json'))

/**
 * The straightforward way to take the same picture with Playwright, as the peer: a fresh context
 * per article, every request answered by request interception (page.route: the article's
 * pictures and the Noto Sans SC files), the fonts in the page by the same CSS, and Playwright's
 * own full-page screenshot. What @mdwx/browser does instead is measured against this.
 */
export async function interceptionScreenshot(browser: MdwxBrowser, view: ArticleView, css: string): Promise<Uint8Array> {
  const context = await browser.playwright.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, javaScriptEnabled: false })
  try {
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url())
      if (url.pathname === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: page(view, css) })
      if (url.pathname.startsWith('/fonts/')) return route.fulfill({ contentType: 'font/woff2', body: await readFile(join(fontFolder, 'files', url.pathname.slice('/fonts/'.length))) })
      const asset = view.assets.get(decodeURIComponent(url.pathname))
      return asset ? route.fulfill({ contentType: asset.contentType, body: Buffer.from(asset.data) }) : route.abort()
    })
    const tab = await context.newPage()
    await tab.goto('http://baseline.invalid/', { waitUntil: 'load' })
    await tab.evaluate(() => document.fonts.ready)
    return new Uint8Array(await tab.screenshot({ fullPage: true, type: 'png' }))
  } finally {
    await context.close()
  }
}

/** Noto Sans SC as @font-face rules served at /fonts/, for the baseline's pages. */
export async function baselineFontCss(): Promise<string> {
  const sheets = await Promise.all([400, 500, 700].map((weight) => readFile(join(fontFolder, `${weight}.css`), 'utf8')))
  return sheets.join('\n').replace(/url\(\.\/files\//g, 'url(/fonts/')
}

function page(view: ArticleView, css: string): string {
  const font = '-apple-system-font, BlinkMacSystemFont, "Helvetica Neue", "PingFang SC", Arial, sans-serif, "Noto Sans SC"'
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body{margin:0;background:#fff} main{width:390px;box-sizing:border-box;padding:20px 16px 40px;font:17px/1.6 ${font}}
h1{font-size:22px;font-weight:500;margin:0 0 14px} main *{max-width:100%!important;font-family:${font}!important}</style></head>
<body><main><h1>${view.title}</h1><div>${view.author ?? ''}</div>${view.html}</main></body></html>`
}
