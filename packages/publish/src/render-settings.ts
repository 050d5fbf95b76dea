import { compileTheme, resolveTheme, type RenderOptions, type Theme } from '@mdwx/render'
import type { LoadedThemeSource } from './theme-source.js'

/** What every article of a run is rendered with; plain data, so render workers can receive it. */
export interface RenderSettings {
  theme: LoadedThemeSource
  referencesTitle?: string
  notesTitle?: string
  highlight?: boolean
}

export function toRenderOptions(settings: RenderSettings): RenderOptions {
  const options: RenderOptions = { theme: compileThemeSource(settings.theme) }
  if (settings.referencesTitle !== undefined) options.referencesTitle = settings.referencesTitle
  if (settings.notesTitle !== undefined) options.notesTitle = settings.notesTitle
  if (settings.highlight !== undefined) options.highlight = settings.highlight
  return options
}

function compileThemeSource(source: LoadedThemeSource): Theme {
  return 'builtIn' in source ? resolveTheme(source.builtIn) : compileTheme(source.css, { name: source.name })
}
