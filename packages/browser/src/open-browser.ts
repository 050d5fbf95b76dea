import { chromium, type Browser } from 'playwright-core'
import { BrowserUnavailableError, launchReason } from './browser-error.js'
import { bundledChromium, bundledChromiumUnsupported, defaultCacheDir } from './bundled-chromium.js'
import { createPageOpener, type BrowserPage, type PageOptions } from './page.js'
import { createFontFiles } from '@mdwx/phone-frame'
import { startPageServer } from './page-server.js'
import { findSystemChromium } from './system-chromium.js'

export interface OpenBrowserOptions {
  /** This Chromium and no other (else `MDWX_CHROMIUM`, else a system one, else the bundled one). */
  executablePath?: string
  /** Where variables are read from (`MDWX_CHROMIUM`, `PATH`, `XDG_CACHE_HOME`, `HOME`); default process.env. */
  env?: Readonly<Record<string, string | undefined>>
  /** Where the bundled Chromium is unpacked; default `$XDG_CACHE_HOME/mdwx`, else `~/.cache/mdwx`. */
  cacheDir?: string
  /** false: skip system browsers and use the bundled one (to test what a machine without them gets). */
  system?: boolean
}

/** Where the running Chromium came from. */
export type ChromiumSource = 'configured' | 'system' | 'bundled'

export interface MdwxBrowser {
  /** The executable that is running, and where it was found. */
  readonly executable: { path: string; source: ChromiumSource }
  readonly version: string
  /** Playwright's browser, for what the small API below does not cover (tests that click through a page). */
  readonly playwright: Browser
  /** A new page showing `html`; see PageOptions. */
  openPage(options: PageOptions): Promise<BrowserPage>
  close(): Promise<void>
}

const launchTimeout = 60_000

/**
 * Starts one headless Chromium, to be reused for every page of a run and closed at its end.
 * Prefers a Chromium the system has (faster to start, and the only choice off Linux x64): the
 * one named by `executablePath` or `MDWX_CHROMIUM` (then that one only), else the first of the
 * usual install paths that starts. Falls back to the Chromium that `@sparticuz/chromium` ships in
 * its npm package (Linux x64), unpacked on first use. Throws BrowserUnavailableError, saying what
 * to install, when none starts.
 */
export async function openBrowser(options: OpenBrowserOptions = {}): Promise<MdwxBrowser> {
  const env = options.env ?? process.env
  const attempts: Array<{ executable: string; reason: string }> = []
  const configured = options.executablePath ?? (env['MDWX_CHROMIUM']?.trim() || undefined)
  const candidates: Array<{ path: string | (() => Promise<string>); source: ChromiumSource; label: string }> = []
  if (configured !== undefined) {
    candidates.push({ path: configured, source: 'configured', label: configured })
  } else {
    if (options.system !== false) for (const found of findSystemChromium(env)) candidates.push({ path: found, source: 'system', label: found })
    const unsupported = bundledChromiumUnsupported()
    if (unsupported) attempts.push({ executable: '@sparticuz/chromium', reason: unsupported })
    else candidates.push({ path: () => bundledChromium(options.cacheDir ?? defaultCacheDir(env)), source: 'bundled', label: '@sparticuz/chromium' })
  }
  for (const candidate of candidates) {
    let executable = candidate.label
    try {
      executable = typeof candidate.path === 'string' ? candidate.path : await candidate.path()
      const browser = await chromium.launch({ executablePath: executable, timeout: launchTimeout, args: ['--disable-gpu', '--no-first-run'] })
      return await wrap(browser, { path: executable, source: candidate.source })
    } catch (error) {
      attempts.push({ executable, reason: launchReason(error) })
    }
  }
  throw new BrowserUnavailableError(
    attempts,
    configured !== undefined
      ? `Check that ${configured} (from ${options.executablePath === undefined ? 'MDWX_CHROMIUM' : 'executablePath'}) is a Chromium or Chrome that runs, or unset it to use the one mdwx installs.`
      : 'Install Chromium (Debian/Ubuntu: apt-get install chromium; macOS: Google Chrome) or set MDWX_CHROMIUM to a Chromium or Chrome executable. ' +
          'On Linux x64 the one in @sparticuz/chromium should run: reinstall with `pnpm install` if it is missing, and check that the libraries it reports as missing are installed (apt-get install libnss3).',
  )
}

async function wrap(browser: Browser, executable: { path: string; source: ChromiumSource }): Promise<MdwxBrowser> {
  // Font files are read once per browser, served to its pages from loopback with everything else they load.
  const files = createFontFiles()
  const server = await startPageServer(files).catch(async (error: unknown) => {
    await browser.close()
    throw error
  })
  const openPage = createPageOpener(browser, server, files.css(server.origin))
  return {
    executable,
    version: browser.version(),
    playwright: browser,
    openPage,
    close: async () => {
      await Promise.all([browser.close(), server.close()])
    },
  }
}
