import { MdwxError } from '@mdwx/errors'

/** What `mdwx screenshot` uses of `@mdwx/browser`, loaded by loadBrowserPackage. */
export type BrowserPackage = typeof import('@mdwx/browser')

/** The package names whose absence means the optional browser part is not installed. */
const browserParts = /'(@mdwx\/browser|playwright-core|@sparticuz\/chromium)'/

/**
 * `@mdwx/browser` (playwright-core and a Chromium, about 85 MB) is an optional part of an
 * install: only `mdwx screenshot` needs it, so it is loaded when that command runs and a missing
 * package is said as the command to install it, not as a stack trace.
 */
export async function loadBrowserPackage(): Promise<BrowserPackage> {
  try {
    return await import('@mdwx/browser')
  } catch (error) {
    if (!isMissingBrowserPackage(error)) throw error
    throw new MdwxError('MDWX_BROWSER_NOT_INSTALLED', 'mdwx screenshot needs @mdwx/browser, which is not installed.', {
      hint: 'Install it beside mdwx: npm install @mdwx/browser (npm install -D @mdwx/browser in a project, npm install -g @mdwx/browser when mdwx is installed globally).',
      cause: error,
    })
  }
}

/** The error Node gives for an import of a package that is not installed, naming one of the browser's parts. */
function isMissingBrowserPackage(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && typeof message === 'string' && browserParts.test(message)
}
