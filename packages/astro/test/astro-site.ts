import { spawn } from 'node:child_process'
import { mkdir, realpath, symlink } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'

const packageFolder = fileURLToPath(new URL('..', import.meta.url))

/** The posts of the test site, with the line of the missing picture in the broken one. */
export const posts = {
  picture: { file: 'src/content/blog/picture.md', title: '给文章配图' },
  tip: { file: 'src/content/blog/tip.md', title: '一个小提示' },
  broken: { file: 'src/content/blog/broken.md', title: '图片丢了', missingPictureAt: '9:1' },
} as const

/**
 * A small Chinese Astro 5 blog as Astro's blog template lays it out: a `blog` collection in
 * `src/content/blog` (glob loader, `heroImage` through `image()`), pictures in `src/assets`
 * (relative from the post) and `public/` (root-relative), and one page that lists the posts.
 * Three posts: one with pictures, one with a GitHub callout, one whose picture is missing.
 */
export async function writeAstroSite(site: string, integrationOptions = '{}'): Promise<void> {
  await writeFiles(site, {
    'package.json': JSON.stringify({ name: 'astro-test-site', private: true, type: 'module' }, null, 2),
    'astro.config.mjs': [
      "import { defineConfig } from 'astro/config'",
      "import mdwx from '@mdwx/astro'",
      '',
      `export default defineConfig({ integrations: [mdwx(${integrationOptions})] })`,
      '',
    ].join('\n'),
    'src/content.config.ts': [
      "import { defineCollection, z } from 'astro:content'",
      "import { glob } from 'astro/loaders'",
      '',
      'const blog = defineCollection({',
      "  loader: glob({ base: './src/content/blog', pattern: '**/*.{md,mdx}' }),",
      '  schema: ({ image }) => z.object({ title: z.string(), description: z.string(), pubDate: z.coerce.date(), heroImage: image().optional() }),',
      '})',
      '',
      'export const collections = { blog }',
      '',
    ].join('\n'),
    'src/pages/index.astro': [
      '---',
      "import { getCollection } from 'astro:content'",
      "const posts = (await getCollection('blog')).sort((a, b) => a.data.pubDate.valueOf() - b.data.pubDate.valueOf())",
      '---',
      '<html lang="zh-CN">',
      '  <head><meta charset="utf-8" /><title>博客</title></head>',
      '  <body><ul>{posts.map((post) => <li>{post.data.title}</li>)}</ul></body>',
      '</html>',
      '',
    ].join('\n'),
    'src/assets/hero.png': await pictures.png(),
    'src/assets/diagram.png': await pictures.png(80, 48, { r: 30, g: 120, b: 200 }, { r: 240, g: 240, b: 240 }),
    'public/images/photo.jpg': await pictures.jpeg(),
    [posts.picture.file]: [
      '---',
      `title: ${posts.picture.title}`,
      'description: 封面来自 src/assets，正文图片来自 public/ 和 src/assets。',
      'pubDate: 2025-03-01',
      "heroImage: '../../assets/hero.png'",
      '---',
      '',
      '这张照片放在 `public/images` 里：',
      '',
      '![照片](/images/photo.jpg)',
      '',
      '这张图和文章一起放在 `src/assets` 里：',
      '',
      '![示意图](../../assets/diagram.png)',
      '',
    ].join('\n'),
    [posts.tip.file]: [
      '---',
      `title: ${posts.tip.title}`,
      'description: 一个 GitHub 风格的提示框。',
      'pubDate: 2025-03-02',
      "heroImage: '../../assets/hero.png'",
      '---',
      '',
      '> [!TIP]',
      '> 构建时只检查，不会发到公众号。',
      '',
    ].join('\n'),
    [posts.broken.file]: [
      '---',
      `title: ${posts.broken.title}`,
      'description: 引用了一张不存在的图片。',
      'pubDate: 2025-03-03',
      "heroImage: '../../assets/hero.png'",
      '---',
      '',
      '这篇文章引用了一张不存在的图片：',
      '![不存在](/images/missing.png)',
      '',
    ].join('\n'),
  })
  // Astro loads `astro` and the integration named in astro.config.mjs from the site's own
  // node_modules (as an installed site would). The temp site has none: link `astro` to the copy
  // installed for this package (its dependencies resolve from its real path in pnpm's store), and
  // `@mdwx/astro` to this package folder (Astro loads its dist/, whose `mdwx` resolves from
  // here, as a workspace link).
  await mkdir(path.join(site, 'node_modules', '@mdwx'), { recursive: true })
  await symlink(await realpath(path.join(packageFolder, 'node_modules', 'astro')), path.join(site, 'node_modules', 'astro'), 'dir')
  await symlink(packageFolder, path.join(site, 'node_modules', '@mdwx', 'astro'), 'dir')
}

export interface AstroBuild {
  code: number | null
  /** stdout and stderr together, in the order Astro wrote them. */
  output: string
}

/**
 * `astro build` with Astro's own CLI in a child process, with only the environment given (plus
 * PATH): HOME and XDG_CACHE_HOME point at `home`, so nothing reads or writes the user's.
 */
export function astroBuild(site: string, home: string, env: Record<string, string> = {}): Promise<AstroBuild> {
  const astro = path.join(site, 'node_modules', 'astro', 'astro.js')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astro, 'build'], {
      cwd: site,
      env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)))
    child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

/** Whether the package's dist/ is there: Astro loads the integration from it, not from src/. */
export const integrationEntry = path.join(packageFolder, 'dist', 'index.js')
