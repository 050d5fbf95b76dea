/**
 * Visits every mode of a highlight.js language once: the language, then what each mode lists
 * under the given keys (`contains`, `variants`, `starts`…). Modes are shared and may contain
 * themselves (recursive grammars), so each object is visited at most once.
 */
export function forEachMode(language: object, keys: readonly string[], visitMode: (mode: Record<string, unknown>) => void): void {
  const seen = new Set<object>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) return
    seen.add(value)
    const mode = value as Record<string, unknown>
    visitMode(mode)
    for (const key of keys) visit(mode[key])
  }
  visit(language)
}
