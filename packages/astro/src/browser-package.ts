import { createRequire } from 'node:module'

/**
 * Whether `@mdwx/browser` (headless Chromium, only `mdwx screenshot` needs it) can be loaded by
 * `mdwx`: it is an optional part of an install, and the build must not fail for want of it.
 * Resolved from mdwx's own folder, where `mdwx screenshot` looks for it.
 */
export function browserPackageInstalled(): boolean {
  const require = createRequire(import.meta.url)
  try {
    createRequire(require.resolve('mdwx')).resolve('@mdwx/browser')
    return true
  } catch {
    return false
  }
}
