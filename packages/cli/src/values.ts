/** The value without surrounding white space, or undefined when nothing is left (an empty variable is an unset one). */
export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/** The object without its undefined properties (exactOptionalPropertyTypes: absent and undefined differ). */
export function definedOnly<T extends object>(object: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T
}
