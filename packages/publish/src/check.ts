import type { MarkdownFile } from './discover.js'
import { renderArticles, type CheckedArticle, type RenderArticlesOptions } from './render-articles.js'

export type { CheckedArticle }

export interface CheckOptions extends RenderArticlesOptions {
  onArticle?: (article: CheckedArticle) => void
}

export interface CheckReport {
  articles: CheckedArticle[]
  errors: number
  warnings: number
}

/**
 * Renders and validates every article, local images included (loaded and normalised as publish
 * would); nothing is written, nothing goes over the network (http(s) images are not fetched).
 */
export function check(paths: readonly string[], options: CheckOptions = {}): Promise<CheckReport> {
  return renderArticles(paths, options, {
    each: ({ checked }) => {
      options.onArticle?.(checked)
      return checked
    },
  })
}

export type { MarkdownFile }
