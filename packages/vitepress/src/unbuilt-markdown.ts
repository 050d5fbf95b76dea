import { readdir } from 'node:fs/promises'
import path from 'node:path'

/** What `mdwx` takes from a folder: `*.md`, `*.markdown` and `*.mdx`, skipping dot-folders and node_modules. */
const markdownExtension = /\.(md|markdown|mdx)$/i

/**
 * The Markdown files below `srcDir` that mdwx would take from the folder but VitePress did not
 * build: `srcExclude` matches, `dist/` folders, dynamic-route templates (`[pkg].md`), `.markdown`
 * and `.mdx` files. They are handed to mdwx as `--exclude`, so "the pages" mean what VitePress
 * built, while the command keeps the folder as its argument (output paths mirror the site's).
 */
export async function unbuiltMarkdown(srcDir: string, pages: ReadonlySet<string>): Promise<string[]> {
  const unbuilt: string[] = []
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) await walk(full)
      else if (entry.isFile() && markdownExtension.test(entry.name) && !pages.has(full)) unbuilt.push(full)
    }
  }
  await walk(srcDir)
  return unbuilt.sort()
}
