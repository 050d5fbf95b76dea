import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folders of an Astro project that mdwx needs, as absolute paths. */
export interface SitePaths {
  /** The project root: mdwx runs here, so `mdwx.lock.json`, `mdwx.config.json` and `.env` are found here. */
  root: string
  srcDir: string
  /** Served at `/`: where root-relative pictures (`/x.png`) live. */
  publicDir: string
  outDir: string
}

/** What `astro:config:done` gives (its `config`), reduced to the four folders. */
export interface AstroFolders {
  root: URL
  srcDir: URL
  publicDir: URL
  outDir: URL
}

/** The folders of Astro's resolved config (file: URLs) as paths. */
export function sitePaths(config: AstroFolders): SitePaths {
  const folder = (url: URL) => path.resolve(fileURLToPath(url))
  return { root: folder(config.root), srcDir: folder(config.srcDir), publicDir: folder(config.publicDir), outDir: folder(config.outDir) }
}
