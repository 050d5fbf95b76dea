import { readFile } from 'node:fs/promises'
import { articleError, type ArticleMessage } from './article-message.js'
import type { MarkdownFile } from './discover.js'
import type { ImageUrlFor, RenderedArticle } from './render-in-process.js'
import { createLimiter } from './limiter.js'
import { createRenderPool, renderThreadsFor } from './render-pool.js'
import type { RenderSettings } from './render-settings.js'

export interface RenderedFile {
  file: MarkdownFile
  /** Undefined when the file could not be read. */
  rendered: RenderedArticle | undefined
  /** The Markdown as read, when it could be. */
  source?: string
  messages: ArticleMessage[]
}

/** Renders other Markdown (a part of the article) as the file was rendered: same settings, same picture URLs. */
export type RenderAgain = (markdown: string) => Promise<RenderedArticle>

export interface RenderFilesOptions {
  /** Render threads; default: renderThreadsFor (none below 3 cores, where they do not pay). */
  threads?: number
  /** Per-file image resolver (convert writes assets, publish uploads); default: `src` as written. */
  imageUrlFor?: (file: MarkdownFile) => ImageUrlFor | undefined
  /** Called as each article finishes, for progress; a promise it returns holds that article's slot until it settles. */
  onRendered?: (result: RenderedFile, again: RenderAgain) => void | Promise<void>
}

/** Reads and renders every file; a file that cannot be read is reported, never thrown. */
export async function renderFiles(
  files: readonly MarkdownFile[],
  settings: RenderSettings,
  options: RenderFilesOptions = {},
): Promise<RenderedFile[]> {
  const pool = createRenderPool(settings, options.threads ?? renderThreadsFor(files.length))
  try {
    // Enough in flight to keep every thread busy while some articles wait on their images.
    const limit = createLimiter(16)
    return await Promise.all(
      files.map((file) =>
        limit(async () => {
          const imageUrlFor = options.imageUrlFor?.(file)
          const result = await renderOne(file, pool.render, imageUrlFor)
          await options.onRendered?.(result, (markdown) => pool.render(file.path, markdown, imageUrlFor))
          return result
        }),
      ),
    )
  } finally {
    await pool.close()
  }
}

/** Reads one file and renders it; an unreadable file becomes an error message, not an exception. */
export async function renderOne(
  file: MarkdownFile,
  render: (path: string, source: string, imageUrlFor?: ImageUrlFor) => Promise<RenderedArticle>,
  imageUrlFor: ImageUrlFor | undefined,
): Promise<RenderedFile> {
  const source = await readMarkdown(file)
  if (typeof source !== 'string') return { file, rendered: undefined, messages: [source] }
  const rendered = await render(file.path, source, imageUrlFor)
  return { file, source, rendered, messages: rendered.messages }
}

/** The file's text, or the error that says it cannot be read. */
export async function readMarkdown(file: Pick<MarkdownFile, 'path'>): Promise<string | ArticleMessage> {
  try {
    return await readFile(file.path, 'utf8')
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause)
    return articleError(file.path, `Cannot read the file (${reason}).`, { ruleId: 'file-unreadable', hint: 'Check that it exists and is readable.' })
  }
}
