import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expectOption } from '@mdwx/errors'
import { articleError } from './article-message.js'
import { outputNameOf, type MarkdownFile } from './discover.js'
import { assetPictureUrls } from './local-images.js'
import { renderArticles, type ArticleForCommand, type CheckedArticle, type RenderArticlesOptions } from './render-articles.js'

export interface ConvertOptions extends RenderArticlesOptions {
  /** Folder the HTML files are written to, mirroring the Markdown files' layout. */
  out: string
  onArticle?: (article: ConvertedArticle) => void
}

export interface ConvertedArticle extends CheckedArticle {
  /** Absolute path of the HTML written; absent when nothing could be rendered. */
  output?: string
}

export interface ConvertReport {
  articles: ConvertedArticle[]
  errors: number
  warnings: number
}

/**
 * Markdown → Weixin-safe HTML files: `<out>/<relative path>.html` holds exactly the `content`
 * that would be sent, except that images point at their normalised copies in `<out>/assets`
 * instead of Weixin's servers. Articles that cannot be published are still written (so they can
 * be looked at) and reported; one failing file never stops the others. No network: http(s)
 * images keep their URL.
 */
export async function convert(paths: readonly string[], options: ConvertOptions): Promise<ConvertReport> {
  expectOption(typeof options?.out === 'string' && options.out.length > 0, 'an output folder', 'out', options?.out)
  const out = path.resolve(options.cwd ?? process.cwd(), options.out)
  const htmlPathOf = (file: MarkdownFile) => path.join(out, outputNameOf(file) + '.html')
  // posts/a.md and drafts/a.md both map to <out>/a.html: the first found keeps it, the other is an error.
  const ownerOf = new Map<string, string>()
  return renderArticles(
    paths,
    {
      ...options,
      onDiscovered: (files) => {
        for (const file of files) if (!ownerOf.has(htmlPathOf(file))) ownerOf.set(htmlPathOf(file), file.path)
        options.onDiscovered?.(files)
      },
    },
    {
      pictureUrl: assetPictureUrls(path.join(out, 'assets'), htmlPathOf),
      each: async (article) => {
        const output = htmlPathOf(article.file)
        // A part of a split article (`a-2.html`) has an output of its own.
        const owner = ownerOf.get(output) ?? article.file.path
        const converted = owner === article.file.path ? await writeArticle(article, output) : collision(article, output, owner)
        options.onArticle?.(converted)
        return converted
      },
    },
  )
}

function collision(article: ArticleForCommand, output: string, owner: string): ConvertedArticle {
  const converted: ConvertedArticle = { ...article.checked, status: 'failed' }
  converted.messages.push(
    articleError(article.file.path, `Not written: ${output} is the output of ${owner} too.`, {
      ruleId: 'output-collision',
      hint: 'Two folders hold a file of the same name. Convert them one at a time, each with its own --out.',
    }),
  )
  return converted
}

async function writeArticle(article: ArticleForCommand, output: string): Promise<ConvertedArticle> {
  const converted: ConvertedArticle = article.checked
  if (article.rendered === undefined) return converted
  try {
    await mkdir(path.dirname(output), { recursive: true })
    await writeFile(output, article.html)
    converted.output = output
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause)
    converted.messages.push(articleError(article.file.path, `Cannot write ${output} (${reason}).`, { ruleId: 'output-unwritable' }))
    converted.status = 'failed'
  }
  return converted
}
