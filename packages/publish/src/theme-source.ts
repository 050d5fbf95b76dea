import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { MdwxError } from '@mdwx/errors'

/**
 * A theme as a publisher is given it: a built-in name, a path to a CSS file, or CSS text.
 * Kept as data (not a compiled `Theme`) so it can be sent to render workers.
 */
export type ThemeSource = string | { css: string; name?: string }

/** The form render workers receive: built-in name or CSS text, never a path to read again. */
export type LoadedThemeSource = { builtIn: string } | { css: string; name: string }

export async function loadThemeSource(source: ThemeSource | undefined, cwd: string): Promise<LoadedThemeSource> {
  if (source === undefined) return { builtIn: 'default' }
  if (typeof source !== 'string') return { css: source.css, name: source.name ?? 'custom' }
  // Loaded only here: a run with the default theme and nothing to render never loads the renderer.
  const { themes } = await import('@mdwx/render')
  if (Object.hasOwn(themes, source)) return { builtIn: source }
  if (!/\.css$/i.test(source)) {
    throw new MdwxError('MDWX_INVALID_OPTION', `Unknown theme "${source}".`, {
      hint: `Use one of ${Object.keys(themes).join(', ')}, or the path to a .css file.`,
    })
  }
  const file = path.resolve(cwd, source)
  const css = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new MdwxError('MDWX_THEME_NOT_FOUND', `Cannot read the theme file ${source}.`, {
      hint: 'Check the path; it is resolved against the current folder.',
      cause,
    })
  })
  return { css, name: path.basename(file, path.extname(file)) }
}
