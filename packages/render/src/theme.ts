import { InvalidOptionError } from '@mdwx/errors'
import { compileTheme, type Theme } from './themes/compile-theme.js'
import { defaultCss } from './themes/default.js'
import { literaryCss } from './themes/literary.js'
import { techCss } from './themes/tech.js'

export { compileTheme }
export type { CompileThemeOptions, Theme } from './themes/compile-theme.js'

const builtInCss: Readonly<Record<string, string>> = { default: defaultCss, literary: literaryCss, tech: techCss }

/**
 * The built-in themes, each compiled the first time it is read: a process that renders with one
 * theme (or, like `mdwx publish` of an unchanged folder, renders nothing) compiles no other.
 */
export const themes: Readonly<Record<string, Theme>> = Object.freeze(
  Object.defineProperties(
    {},
    Object.fromEntries(
      Object.entries(builtInCss).map(([name, css]) => {
        let compiled: Theme | undefined
        return [name, { enumerable: true, get: () => (compiled ??= compileTheme(css, { name })) }]
      }),
    ),
  ) as Record<string, Theme>,
)

/** A built-in theme by name, a compiled theme as is, or `default` when none is given. */
export function resolveTheme(theme: Theme | string | undefined): Theme {
  if (theme === undefined) return themes['default']!
  const names = Object.keys(themes)
  if (typeof theme === 'string') {
    if (Object.hasOwn(themes, theme)) return themes[theme]!
    throw new InvalidOptionError(
      `one of ${names.map((name) => `'${name}'`).join(', ')}`,
      'theme',
      theme,
      'Use a built-in theme name, or compile your own CSS with compileTheme(css).',
    )
  }
  if (isTheme(theme)) return theme
  throw new InvalidOptionError('a theme name or a theme from compileTheme(css)', 'theme', theme)
}

function isTheme(value: unknown): value is Theme {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<Theme>
  return typeof candidate.name === 'string' && Array.isArray(candidate.warnings) && typeof candidate.sheet === 'object' && candidate.sheet !== null
}
