import { readdir } from 'node:fs/promises'
import path from 'node:path'

/**
 * Where a site generator serves root-relative pictures from (`![](/images/x.png)`), found from the
 * generator's own files next to the posts: writers of a Hexo, VitePress, Astro, Docusaurus, Hugo or
 * Jekyll site reference pictures the way their site serves them, and those pictures are not next
 * to the Markdown file.
 */
interface SiteLayout {
  generator: string
  /** The folder holds the generator's marker (a config file or folder)... */
  isSite: (entries: ReadonlySet<string>) => boolean
  /** ...and serves `/x` from these folders below it, those that exist. */
  staticFolders: readonly string[]
}

const anyOf = (names: readonly string[]) => (entries: ReadonlySet<string>) => names.some((name) => entries.has(name))
const configFiles = (stem: string) => ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((extension) => `${stem}.${extension}`)

// In order: the first layout a folder matches is its generator. Hexo and Jekyll share
// `_config.yml`; Hexo sites have `source/` (their pictures' root), Jekyll sites serve from the top.
const layouts: readonly SiteLayout[] = [
  { generator: 'VitePress', isSite: anyOf(['.vitepress']), staticFolders: ['public'] },
  { generator: 'Astro', isSite: anyOf(configFiles('astro.config')), staticFolders: ['public'] },
  { generator: 'Docusaurus', isSite: anyOf(configFiles('docusaurus.config')), staticFolders: ['static'] },
  { generator: 'Hugo', isSite: anyOf(['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml']), staticFolders: ['static', 'assets'] },
  { generator: 'Hexo', isSite: (entries) => entries.has('_config.yml') && entries.has('source'), staticFolders: ['source'] },
  { generator: 'Jekyll', isSite: anyOf(['_config.yml']), staticFolders: ['.'] },
  // A VitePress site whose config sits above its docs folder (`srcDir: 'docs'`).
  { generator: 'VitePress', isSite: anyOf(['docs']), staticFolders: ['docs/public'] },
]

/** A project's edge: the search for a site stops here, so a config file above it is never taken. */
const projectEdges = ['package.json', '.git']

/**
 * Finds, for each Markdown file's folder, the static folders of the site it belongs to: the
 * nearest folder at or above it that a generator's files mark, up to the project's edge (the
 * first folder with `package.json` or `.git`). Results are cached per folder for a run.
 */
export function createSiteAssetRoots() {
  const byFolder = new Map<string, Promise<string[]>>()
  const listing = new Map<string, Promise<ReadonlySet<string>>>()

  const entriesOf = (folder: string): Promise<ReadonlySet<string>> => {
    let entries = listing.get(folder)
    if (!entries) {
      entries = readdir(folder).then((names) => new Set(names), () => new Set<string>())
      listing.set(folder, entries)
    }
    return entries
  }

  async function find(folder: string): Promise<string[]> {
    const entries = await entriesOf(folder)
    for (const layout of layouts) {
      if (!layout.isSite(entries)) continue
      const roots: string[] = []
      for (const relative of layout.staticFolders) {
        const root = path.resolve(folder, relative)
        if (relative === '.' || (await entriesOf(path.dirname(root))).has(path.basename(root))) roots.push(root)
      }
      // A marker without its static folder (a docs folder with no public/) is no site here.
      if (roots.length > 0) return roots
    }
    const parent = path.dirname(folder)
    if (parent === folder || projectEdges.some((edge) => entries.has(edge))) return []
    return rootsOf(parent)
  }

  function rootsOf(folder: string): Promise<string[]> {
    let roots = byFolder.get(folder)
    if (!roots) {
      roots = find(folder)
      byFolder.set(folder, roots)
    }
    return roots
  }

  return {
    /** The static folders serving `/x` for a Markdown file, nearest site first; [] outside a site. */
    forFile: (markdownPath: string): Promise<string[]> => rootsOf(path.dirname(markdownPath)),
  }
}
