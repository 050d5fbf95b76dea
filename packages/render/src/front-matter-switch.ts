import type { VFile } from 'vfile'
import { error } from './messages.js'

/**
 * A per-document switch in front matter (`math: false`, `mermaid: false`): undefined when the
 * key is absent. A value that is not a boolean is an error naming the key when `report` is set
 * (one plugin per key reports it), and counts as absent.
 */
export function frontMatterSwitch(file: VFile, key: 'math' | 'mermaid', report = false): boolean | undefined {
  const value = file.data.frontmatter?.[key]
  if (value === undefined || typeof value === 'boolean') return value
  if (report) {
    error(file, `Front matter key \`${key}\` must be true or false, got ${JSON.stringify(value)}: write \`${key}: false\` to leave this article's ${key === 'math' ? 'formulas as text' : 'diagrams as code'}`, {
      ruleId: 'frontmatter-type',
    })
  }
  return undefined
}
