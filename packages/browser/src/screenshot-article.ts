import { applyDarkScheme, frameIds, phoneFrame, phoneHeight, phoneWidth } from '@mdwx/phone-frame'
import { openBrowser, type MdwxBrowser } from './open-browser.js'
import type { PageFile } from './page-server.js'

export interface ArticleShot {
  /** The article's content, as it would be sent to Weixin. */
  html: string
  title: string
  author?: string | undefined
  /** URL of the cover to show above the content (the article has `show_cover`); usually a key of `files`. */
  coverUrl?: string | undefined
  /** The pictures the HTML refers to, by path (`/assets/a.png`). Nothing else is loaded: remote pictures stay empty. */
  files?: ReadonlyMap<string, PageFile>
}

export interface ScreenshotOptions {
  /** The browser of the run (see openBrowser); without one, a browser is started and closed for this one picture. */
  browser?: MdwxBrowser
  /** The app's dark mode: #191919 page, inline colours treated as the app does (approximated). */
  dark?: boolean
}

/** Device pixels per CSS pixel: a phone's retina screen, so the PNG is 780 px wide. */
const deviceScale = 2

/**
 * The article as the Weixin app shows it on a 390-px-wide phone, title and author above it, as
 * a full-page PNG at device scale 2. Offline: only `files` are loaded.
 */
export async function screenshotArticle(article: ArticleShot, options: ScreenshotOptions = {}): Promise<Uint8Array> {
  const browser = options.browser ?? (await openBrowser())
  try {
    const dark = options.dark === true
    const page = await browser.openPage({
      html: phoneFrame({ html: article.html, title: article.title, author: article.author, coverUrl: article.coverUrl }, { dark }),
      width: phoneWidth,
      height: phoneHeight,
      deviceScaleFactor: deviceScale,
      colorScheme: dark ? 'dark' : 'light',
      ...(article.files ? { files: article.files } : {}),
    })
    try {
      if (dark) await page.evaluate(applyDarkScheme, `#${frameIds.content}`)
      return await page.screenshot({ fullPage: true })
    } finally {
      await page.close()
    }
  } finally {
    if (!options.browser) await browser.close()
  }
}
