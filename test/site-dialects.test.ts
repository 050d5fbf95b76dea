import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ConvertReport } from '@mdwx/publish'
import { gemoji } from 'gemoji'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli } from './support/run-cli.js'
import { createTempDir, removeTempDirs } from './support/temp.js'

afterAll(removeTempDirs)

const sites = path.join(repoRoot, 'test/fixtures/sites')
/** The shared corpus (MDWX_CORPUS, else ../shared/corpus beside the repository), read in place. */
const corpus = path.resolve(process.env['MDWX_CORPUS'] ?? path.join(repoRoot, '..', 'shared', 'corpus'))

/**
 * Folders of Markdown written for site generators: the sample pages in this repository (a
 * VitePress guide page, a Docusaurus MDX post, Hexo posts), and, where the shared corpus is on
 * this machine, the Chinese Vite guide (VitePress) and Hexo's Chinese docs (tag plugins).
 */
const folders = [
  { name: 'VitePress sample', folder: path.join(sites, 'vitepress/docs/guide') },
  { name: 'Docusaurus sample', folder: path.join(sites, 'docusaurus/blog') },
  { name: 'Hexo sample', folder: path.join(sites, 'hexo/source/_posts') },
  ...['vite-docs-cn/guide', 'hexo-docs-zh'].map((folder) => ({ name: `corpus ${folder}`, folder: path.join(corpus, folder) })).filter(({ folder }) => existsSync(folder)),
]

const shortcodes = new Set(gemoji.flatMap((emoji) => emoji.names))

/** What a reader sees of the article: the text outside code, with entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<pre\b[\s\S]*?<\/pre>/g, ' ')
    .replace(/<code\b[\s\S]*?<\/code>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&(amp|lt|gt|quot);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[name]!)
}

/** Site syntax left as literal text: the dialect was not read. */
function leftovers(text: string): string[] {
  const found = [...text.matchAll(/:::|\[![A-Za-z]+\]|\{%|%\}|\{#[\w-]+\}|\[\[toc\]\]/gi)].map((match) => match[0])
  for (const [shortcode, name] of text.matchAll(/:([a-z0-9_+-]+):/g)) if (shortcodes.has(name!)) found.push(shortcode)
  return found
}

// Errors that are not about the dialects: the corpus has no pictures for most pages (no cover),
// and some pages are longer than one Weixin article.
const unrelatedErrors = new Set(['cover-missing', 'content-too-long', 'image-unresolved'])

describe('mdwx convert of site pages: every dialect read, nothing of its syntax left as text', () => {
  it.each(folders)('$name', async ({ folder }) => {
    const out = await createTempDir('site-dialects')
    const run = await runCli(['convert', folder, '--out', out, '--json', '--quiet'], { cwd: out, env: {} })
    const report = JSON.parse(run.stdout) as ConvertReport
    expect(report.articles.length).toBeGreaterThan(0)
    for (const article of report.articles) {
      expect(article.output, `${article.path} was not converted`).toBeDefined()
      const html = await readFile(article.output!, 'utf8')
      expect(leftovers(visibleText(html)), article.path).toEqual([])
      const errors = article.messages.filter((message) => message.severity === 'error' && !unrelatedErrors.has(message.ruleId ?? ''))
      expect(errors, article.path).toEqual([])
    }
  })

  it('the sample pages convert with no error at all: pictures from the sites’ static and asset folders, covers from front matter', async () => {
    const out = await createTempDir('site-dialects-samples')
    for (const { folder } of folders.slice(0, 3)) {
      const run = await runCli(['convert', folder, '--out', out, '--quiet'], { cwd: out, env: {} })
      expect(run.code, run.stdout).toBe(0)
    }
  })
})
