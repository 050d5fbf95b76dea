// STUB (owner: R2): themes as CSS, compiled once, applied as inline styles.
export interface Theme {
  readonly name: string
}

export const themes: Readonly<Record<string, Theme>> = { default: { name: 'default' } }

export function compileTheme(_css: string, options: { name?: string } = {}): Theme {
  return { name: options.name ?? 'custom' }
}

export function resolveTheme(theme: Theme | string | undefined): Theme {
  if (theme === undefined) return themes['default']!
  if (typeof theme !== 'string') return theme
  const found = themes[theme]
  if (!found) throw new Error(`Unknown theme ${theme}`)
  return found
}
