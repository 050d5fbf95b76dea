import { applyDarkScheme } from './dark-scheme.js'
import { cjkFamily, holdLayoutId, useCjkFallback, weights } from './cjk-fonts.js'
import { startLiveFrame, type LiveFrameSettings } from './live-frame.js'

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
    `const cjkSettings = ${scriptJson({ family: cjkFamily, weights, holdId: holdLayoutId })};`,
  ].join('\n')
}

/** The script of a live page (see startLiveFrame), for a `<script>` element at the end of its body. */
export function liveFrameScriptSource(settings: Omit<LiveFrameSettings, 'cjk'>): string {
  return [
    '{',
    frameScriptSource(),
    `const startLiveFrame = ${startLiveFrame.toString()};`,
    `startLiveFrame({ ...${scriptJson(settings)}, cjk: cjkSettings }, { applyDarkScheme, useCjkFallback });`,
    '}',
  ].join('\n')
}

/** JSON that can stand inside a `<script>` element: no `</script>` or `<!--` can end or change it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}
