import { applyDarkScheme } from './dark-scheme.js'
import { cjkFamily, holdLayoutId, useCjkFallback, weights } from './cjk-fonts.js'

/**
 * The frame's in-page functions as script source, for a page that runs them itself (the live
 * preview) rather than through a browser driver (`mdwx screenshot`): `applyDarkScheme(selector)`
 * and `useCjkFallback(cjkSettings)`, with `cjkSettings` the arguments screenshots use. A
 * bundler's `__name` helper (esbuild's keepNames), which a function's source may then call, is
 * defined as a no-op.
 */
export function frameScriptSource(): string {
  return [
    'var __name = (fn) => fn;',
    `const applyDarkScheme = ${applyDarkScheme.toString()};`,
    `const useCjkFallback = ${useCjkFallback.toString()};`,
    `const cjkSettings = ${JSON.stringify({ family: cjkFamily, weights, holdId: holdLayoutId })};`,
  ].join('\n')
}
