import { expectOption } from '@mdwx/errors'
import { compileTheme, resolveTheme, type PostLinkTarget, type RenderOptions, type Theme } from '@mdwx/render'
import type { MarkdownFile } from './discover.js'
import { postLinksOf } from './post-links.js'
import { loadThemeSource, type LoadedThemeSource, type ThemeSource } from './theme-source.js'

/** What every article of a run is rendered with; plain data, so render workers can receive it. */
export interface RenderSettings {
  theme: LoadedThemeSource
  referencesTitle?: string
  notesTitle?: string
  highlight?: boolean
  /** TeX formulas: absent for `auto` (text or SVG, the heaviest as pictures when over the limit), `'svg'` or `'image'` (`--math`). */
  math?: 'svg' | 'image'
  /** Hexo's `{% post_link %}` targets by slug (post-links.ts), when an article uses one. */
  postLinks?: Record<string, PostLinkTarget>
}

/**
 * The settings every article of a run is rendered with, from a command's options: the theme
 * (loaded once), the formula output, and what other posts' links point at (`urlOf` gives a post's
 * published Weixin URL, from the lock file, where the command has one).
 */
export async function renderSettingsFrom(
  options: { theme?: ThemeSource | undefined; math?: unknown },
  cwd: string,
  files: readonly MarkdownFile[],
  urlOf?: (file: MarkdownFile) => string | undefined,
): Promise<RenderSettings> {
  const settings: RenderSettings = { theme: await loadThemeSource(options.theme, cwd), ...mathSetting(options.math) }
  const postLinks = await postLinksOf(files, urlOf)
  if (postLinks !== undefined) settings.postLinks = postLinks
  return settings
}

export function toRenderOptions(settings: RenderSettings): RenderOptions {
  const options: RenderOptions = { theme: compileThemeSource(settings.theme) }
  if (settings.referencesTitle !== undefined) options.referencesTitle = settings.referencesTitle
  if (settings.notesTitle !== undefined) options.notesTitle = settings.notesTitle
  if (settings.highlight !== undefined) options.highlight = settings.highlight
  if (settings.math !== undefined) options.math = settings.math
  const postLinks = settings.postLinks
  if (postLinks !== undefined) options.resolvePostLink = (slug) => (Object.hasOwn(postLinks, slug) ? postLinks[slug] : undefined)
  return options
}

function compileThemeSource(source: LoadedThemeSource): Theme {
  return 'builtIn' in source ? resolveTheme(source.builtIn) : compileTheme(source.css, { name: source.name })
}

/**
 * The `math` setting as given, checked where it is given (a library caller may pass anything).
 * `'auto'` is the renderer's default, so it is left out: settings with it and without it are the
 * same settings (and the same input hash in the lock file).
 */
export function mathSetting(math: unknown): { math?: 'svg' | 'image' } {
  expectOption(math === undefined || math === 'auto' || math === 'svg' || math === 'image', "'auto', 'svg' or 'image'", 'math', math)
  return math === undefined || math === 'auto' ? {} : { math: math as 'svg' | 'image' }
}
