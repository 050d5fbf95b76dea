import { existsSync } from 'node:fs'
import path from 'node:path'
import type { SiteConfig } from 'vitepress'

/** Where a VitePress site keeps what mdwx reads and writes, from the resolved config of this build. */
export interface SiteLayout {
  /** The folder holding `.vitepress/` (VitePress's `root`): mdwx runs here, so `mdwx.lock.json`, `mdwx.config.json` and `.env` are found here. */
  root: string
  /** `srcDir`, absolute. */
  srcDir: string
  /** `outDir`, absolute (after `vitepress build --outDir`). */
  outDir: string
  /** The folder Vite serves `/x.png` from (`srcDir/public`, or `vite.publicDir`), when it exists. */
  publicDir: string | undefined
  /** The Markdown files of the pages VitePress built, absolute. */
  pages: ReadonlySet<string>
}

export function siteLayout(siteConfig: SiteConfig): SiteLayout {
  const srcDir = path.resolve(siteConfig.srcDir)
  // Dynamic routes (`[pkg].md` with a paths loader) are pages without a Markdown file of their own:
  // only the template exists, with its params unfilled, so they are not taken.
  const pages = new Set(siteConfig.pages.map((page) => path.resolve(srcDir, page)).filter((file) => existsSync(file)))
  return { root: path.resolve(siteConfig.root), srcDir, outDir: path.resolve(siteConfig.outDir), publicDir: publicDirOf(siteConfig, srcDir), pages }
}

/** Vite's root is `srcDir` in VitePress, so `vite.publicDir` is resolved against it, as Vite does. */
function publicDirOf(siteConfig: SiteConfig, srcDir: string): string | undefined {
  const configured = siteConfig.vite?.publicDir
  if (configured === false) return undefined
  const folder = path.resolve(srcDir, typeof configured === 'string' ? configured : 'public')
  return existsSync(folder) ? folder : undefined
}

/** `from` → `to` as a command-line argument: relative and `/`-separated, `.` for the same folder. */
export function relativeArg(from: string, to: string): string {
  const relative = path.relative(from, to)
  if (relative === '') return '.'
  return path.isAbsolute(relative) ? to : relative.split(path.sep).join('/')
}
