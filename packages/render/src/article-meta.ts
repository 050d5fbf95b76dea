import type { ArticleMeta } from './types.js'

/** The fields of an article that has no front matter: every switch off, nothing skipped. */
export function emptyArticle(title = ''): ArticleMeta {
  return { title, comments: false, fansOnlyComments: false, showCover: false, skip: false }
}
