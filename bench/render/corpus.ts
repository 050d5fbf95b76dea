import { createHash } from 'node:crypto'
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** One Markdown document of the benchmark corpus, read in place. */
export interface Article {
  /** Which source it comes from: `advanced-java`, `es6tutorial` or `package READMEs`. */
  source: string
  /** Where it was read, relative to its source's root: `es6tutorial/docs/let.md`, `juice@11.1.1`. */
  id: string
  markdown: string
  /** UTF-8 bytes of `markdown`: MB/s is measured on these. */
  bytes: number
  /** Code points of `markdown`. */
  chars: number
  license: string
}

export interface Corpus {
  articles: Article[]
  /** Lines to print before the results: where each source was read, or why it is missing. */
  notes: string[]
}

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)))

export const chineseSources = [
  { source: 'advanced-java', folder: 'advanced-java/docs', recursive: true, license: 'CC BY-SA 4.0' },
  { source: 'es6tutorial', folder: 'es6tutorial/docs', recursive: false, license: 'CC BY-NC 4.0' },
] as const

/** Pages written in site generators' dialects (VitePress containers, Hexo tags...): the dialects bench. */
export const dialectSources = [
  { source: 'vite-docs-cn', folder: 'vite-docs-cn/guide', recursive: false, license: 'CC BY-NC-SA 4.0' },
  { source: 'hexo-docs-zh', folder: 'hexo-docs-zh', recursive: true, license: 'MIT' },
] as const

export const readmeSource = 'package READMEs'

// A README shorter than this is a stub (badges, one usage line), not an article.
const readmeMinChars = 2000
// Some packages ship a README in Chinese (wenyan's own); the English source keeps English.
const readmeMaxCjkShare = 0.1

export function countCodePoints(text: string): number {
  let count = 0
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    // A low surrogate is the second half of a code point already counted.
    if (unit < 0xdc00 || unit > 0xdfff) count++
  }
  return count
}

function toArticle(source: string, id: string, markdown: string, license: string): Article {
  return { source, id, markdown, bytes: Buffer.byteLength(markdown), chars: countCodePoints(markdown), license }
}

/** `MDWX_CORPUS`, else `../shared/corpus` beside the repository. */
export function chineseCorpusRoot(): string {
  return resolve(process.env['MDWX_CORPUS'] ?? join(repoRoot, '..', 'shared', 'corpus'))
}

function markdownFilesBelow(folder: string, recursive: boolean): string[] {
  const found: string[] = []
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    if (entry.isDirectory() && recursive) found.push(...markdownFilesBelow(path, recursive))
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(path)
  }
  return found
}

type Source = { readonly source: string; readonly folder: string; readonly recursive: boolean; readonly license: string }

/** The articles of the shared corpus's `sources` (the Chinese ones by default), read in place; a missing source is a note. */
export function loadChineseArticles(notes: string[], sources: readonly Source[] = chineseSources): Article[] {
  const root = chineseCorpusRoot()
  const articles: Article[] = []
  for (const { source, folder, recursive, license } of sources) {
    const path = join(root, folder)
    if (!existsSync(path)) {
      notes.push(
        `Corpus source ${source} not found at ${path}: set MDWX_CORPUS to the folder that holds ` +
          `${sources.map((each) => `${each.folder.split('/')[0]}/`).join(', ')} (default ../shared/corpus beside the repository) to include it.`,
      )
      continue
    }
    for (const file of markdownFilesBelow(path, recursive).sort()) {
      articles.push(toArticle(source, relative(root, file), readFileSync(file, 'utf8'), license))
    }
  }
  return articles
}

interface PackageJson {
  name?: string
  version?: string
  license?: string | { type?: string }
  licenses?: Array<{ type?: string }>
  os?: string[]
  cpu?: string[]
}

function licenseOf(pkg: PackageJson): string {
  if (typeof pkg.license === 'string') return pkg.license
  if (pkg.license?.type) return pkg.license.type
  const listed = (pkg.licenses ?? []).map((entry) => entry.type).filter(Boolean)
  return listed.length > 0 ? listed.join(' OR ') : 'none in package.json'
}

/**
 * The real package folders in pnpm's virtual store, sorted by path. Each
 * `.pnpm/<name>@<version>/node_modules/` also holds symlinks to that package's dependencies:
 * those are other store entries, so only real folders count.
 */
function storePackageFolders(store: string): string[] {
  const folders: string[] = []
  const isRealFolder = (path: string) => lstatSync(path).isDirectory()
  for (const entry of readdirSync(store).sort()) {
    const modules = join(store, entry, 'node_modules')
    if (!existsSync(modules)) continue
    for (const name of readdirSync(modules).sort()) {
      const path = join(modules, name)
      if (name.startsWith('@') && isRealFolder(path)) {
        for (const scoped of readdirSync(path).sort()) {
          if (isRealFolder(join(path, scoped))) folders.push(join(path, scoped))
        }
      } else if (!name.startsWith('.') && isRealFolder(path)) {
        folders.push(path)
      }
    }
  }
  return folders
}

function cjkShare(text: string): number {
  const cjk = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0
  return text.length === 0 ? 0 : cjk / text.length
}

/**
 * English prose: the README.md of every package pnpm installed from the lockfile, so the set is
 * pinned by `pnpm-lock.yaml`. One README per package name and per content, first by sorted path.
 */
function loadReadmeArticles(notes: string[]): Article[] {
  const store = join(repoRoot, 'node_modules', '.pnpm')
  if (!existsSync(store)) {
    notes.push(`No pnpm store at ${store}: run \`pnpm install\` first; package READMEs skipped.`)
    return []
  }
  const seenNames = new Set<string>()
  const seenContents = new Set<string>()
  const articles: Article[] = []
  for (const folder of storePackageFolders(store)) {
    const readme = readdirSync(folder).find((name) => /^readme\.md$/i.test(name))
    if (!readme || !existsSync(join(folder, 'package.json'))) continue
    const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageJson
    // A package for one platform only (sharp's libvips builds) would make the corpus differ by machine.
    if (!pkg.name || seenNames.has(pkg.name) || pkg.os || pkg.cpu) continue
    const markdown = readFileSync(join(folder, readme), 'utf8')
    if (markdown.length < readmeMinChars || cjkShare(markdown) > readmeMaxCjkShare) continue
    const hash = createHash('sha256').update(markdown).digest('hex')
    if (seenContents.has(hash)) continue
    seenNames.add(pkg.name)
    seenContents.add(hash)
    articles.push(toArticle(readmeSource, `${pkg.name}@${pkg.version ?? '?'}`, markdown, licenseOf(pkg)))
  }
  return articles
}

export function loadCorpus(): Corpus {
  const notes: string[] = []
  const articles = [...loadChineseArticles(notes), ...loadReadmeArticles(notes)]
  return { articles, notes }
}

/** Article counts per source, in the order the sources were read. */
export function countBySource(articles: readonly Article[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const article of articles) counts.set(article.source, (counts.get(article.source) ?? 0) + 1)
  return counts
}
