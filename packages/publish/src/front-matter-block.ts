// The front matter block, as remark-frontmatter finds it: the file's first line is ---.
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/

/**
 * The YAML text of a Markdown file's front matter, or undefined without one: for the few keys
 * publish must know before rendering (the account, other posts' titles), read cheaply.
 */
export function frontMatterText(markdown: string): string | undefined {
  return FRONT_MATTER.exec(markdown)?.[1]
}
