import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { MdwxError } from '@mdwx/errors'

/** One Markdown file to work on. */
export interface MarkdownFile {
  /** Absolute path. */
  path: string
  /**
   * Path relative to the folder argument it was found under (its file name when given directly):
   * where `convert` writes its output. (The lock file names an article by its path relative to
   * the lock file: LockFile.articleKey.)
   */
  relativePath: string
  /** The folder `relativePath` is relative to; images must stay inside it. */
  root: string
}

const markdownExtension = /\.(md|markdown)$/i

/**
 * Files and folders → Markdown files, in a stable order. A folder means every `*.md` below it,
 * skipping `node_modules` and dot-folders; a file is taken as given. A path that does not exist
 * is an error naming it (a typo must not look like "nothing to publish").
 */
export async function discoverMarkdown(paths: readonly string[], options: { cwd?: string } = {}): Promise<MarkdownFile[]> {
  const cwd = options.cwd ?? process.cwd()
  const found = new Map<string, MarkdownFile>()
  for (const given of paths) {
    const absolute = path.resolve(cwd, given)
    const info = await stat(absolute).catch(() => undefined)
    if (!info) {
      throw new MdwxError('MDWX_PATH_NOT_FOUND', `No such file or folder: ${given}`, {
        hint: 'Check the path; it is resolved against the current folder.',
      })
    }
    if (info.isDirectory()) {
      for (const file of await markdownBelow(absolute)) {
        if (!found.has(file)) found.set(file, { path: file, relativePath: path.relative(absolute, file), root: absolute })
      }
    } else if (!found.has(absolute)) {
      const root = path.dirname(absolute)
      found.set(absolute, { path: absolute, relativePath: path.basename(absolute), root })
    }
  }
  return [...found.values()]
}

async function markdownBelow(folder: string): Promise<string[]> {
  const files: string[] = []
  const entries = await readdir(folder, { withFileTypes: true })
  // Sorted by code unit, not locale: the same order on every machine and CI runner.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) files.push(...(await markdownBelow(full)))
    else if (entry.isFile() && markdownExtension.test(entry.name)) files.push(full)
  }
  return files
}
