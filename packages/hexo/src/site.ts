import { existsSync } from 'node:fs'
import path from 'node:path'
import type { HexoContext } from './hexo-context.js'

/** Where a Hexo site keeps what mdwx reads, as paths from the site's folder (what a user would type). */
export interface SitePaths {
  /** The site's folder: `mdwx` runs here, so `mdwx.lock.json`, `mdwx.config.json` and `.env` are the site's. */
  root: string
  /** `source_dir` (default `source`): the asset root, where `/images/x.png` lives. */
  source: string
  /** `source/_posts`. */
  posts: string
  /** `source/_drafts`. */
  drafts: string
}

export function sitePaths(hexo: Pick<HexoContext, 'base_dir' | 'source_dir'>): SitePaths {
  const root = path.resolve(hexo.base_dir)
  const source = path.resolve(hexo.source_dir)
  const fromRoot = (folder: string) => path.relative(root, folder).split(path.sep).join('/') || '.'
  return { root, source: fromRoot(source), posts: fromRoot(path.join(source, '_posts')), drafts: fromRoot(path.join(source, '_drafts')) }
}

/**
 * The folders of posts, as arguments: `source/_posts`, and `source/_drafts` too when asked for and
 * present. `_posts` is given even when missing, so that a command says so (exit 2) rather than
 * reporting nothing to do.
 */
export function postFolders(site: SitePaths, drafts: boolean): string[] {
  const folders = [site.posts]
  if (drafts && existsSync(path.join(site.root, site.drafts))) folders.push(site.drafts)
  return folders
}

/**
 * `--asset-root <source_dir>`, always: mdwx finds a Hexo site's `source/` by itself (from
 * `_config.yml` beside it), but not a `source_dir` renamed in `_config.yml`, and saying it costs
 * nothing.
 */
export function assetRootFlag(site: SitePaths): string {
  return `--asset-root=${site.source}`
}
