export { openBrowser } from './open-browser.js'
export type { ChromiumSource, MdwxBrowser, OpenBrowserOptions } from './open-browser.js'
export type { BrowserPage, PageFile, PageOptions } from './page.js'
export { BrowserUnavailableError } from './browser-error.js'
