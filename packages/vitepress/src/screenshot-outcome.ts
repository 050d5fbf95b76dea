/**
 * Screenshots are an optional part: `mdwx screenshot` needs `@mdwx/browser` (and through it
 * playwright-core and a Chromium). Whether that package is missing, from the error of loading
 * the command.
 */
export function isMissingBrowserPackage(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && typeof message === 'string' && /'(@mdwx\/browser|playwright-core|@sparticuz\/chromium)'/.test(message)
}
