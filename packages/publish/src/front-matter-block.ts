// The front matter block, as remark-frontmatter finds it: the file's first line is `---` (YAML)
// or `+++` (TOML, Hugo's default), and the same line closes it.
const YAML_BLOCK = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/
const TOML_BLOCK = /^\uFEFF?\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/

export interface FrontMatterBlock {
  format: 'yaml' | 'toml'
  /** The text between the fences. */
  text: string
}

/**
 * The front matter of a Markdown file, or undefined without one: for the few keys publish must
 * know before rendering (the account, other posts' titles), read cheaply.
 */
export function frontMatterBlock(markdown: string): FrontMatterBlock | undefined {
  const yaml = YAML_BLOCK.exec(markdown)?.[1]
  if (yaml !== undefined) return { format: 'yaml', text: yaml }
  const toml = TOML_BLOCK.exec(markdown)?.[1]
  return toml === undefined ? undefined : { format: 'toml', text: toml }
}

/**
 * The values of a front matter block, or undefined when it does not parse or is not a map of
 * keys (rendering the article reports that). The parser of each format loads on first use.
 */
export async function frontMatterValues(block: FrontMatterBlock): Promise<Record<string, unknown> | undefined> {
  try {
    if (block.format === 'toml') {
      const { parse } = await import('smol-toml')
      return parse(block.text, { unsafeKeyBehaviour: 'drop', maxDepth: 100 })
    }
    const { parseDocument } = await import('yaml')
    const document = parseDocument(block.text)
    if (document.errors.length > 0) return undefined
    const values: unknown = document.toJS()
    return values !== null && typeof values === 'object' && !Array.isArray(values) ? (values as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** The line of a top-level key in the block (1 for its first line), or undefined. */
export function keyLine(block: FrontMatterBlock, key: string): number | undefined {
  const pattern = block.format === 'toml' ? new RegExp(`^\\s*["']?${key}["']?\\s*=`) : new RegExp(`^${key}\\s*:`)
  const index = block.text.split(/\r?\n/).findIndex((line) => pattern.test(line))
  return index === -1 ? undefined : index + 1
}
