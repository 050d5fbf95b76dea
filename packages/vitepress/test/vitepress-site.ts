import { spawn } from 'node:child_process'
import { mkdir, realpath, symlink } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'

const packageFolder = fileURLToPath(new URL('..', import.meta.url))
const vitepressBin = path.join(path.dirname(createRequire(path.join(packageFolder, 'package.json')).resolve('vitepress/package.json')), 'bin', 'vitepress.js')

/** The pages of the test site (relative to the site root), with where the broken one's picture is. */
export const pages = {
  picture: { file: 'index.md', title: '欢迎使用' },
  tip: { file: 'guide/tip.md', html: 'guide/tip.html', title: '一个小提示' },
  broken: { file: 'guide/broken.md', html: 'guide/broken.html', title: '坏掉的图片', pictureAt: '5:1' },
} as const

/**
 * A theme of one component. The default theme's bundle is most of a build's time (about 10 s
 * on a loaded CI machine against 3 s), and nothing here depends on it. `mpa: true` in the
 * configs keeps the client bundle small for the same reason.
 */
const theme = [
  "import { h } from 'vue'",
  "import { Content } from 'vitepress'",
  '',
  "export default { Layout: () => h('main', h(Content)) }",
  '',
].join('\n')

/**
 * A small Chinese VitePress 1 site at the root of `site` (srcDir = root): three pages (a picture
 * from `public/`, a `::: tip` container with a picture beside it, a picture that VitePress
 * copies but no phone can show), a dynamic route (`packages/[name].md`, its template not a page
 * of its own) and a page `srcExclude` leaves out. `.vitepress/config.mts` wraps its config with
 * `withMdwx(config, <options>)` and has a `buildEnd` of its own, which must still run.
 *
 * The broken page is not a missing picture: VitePress itself fails the build on one (Vite
 * cannot resolve the import), before any buildEnd runs. A truncated JPEG is what gets through
 * VitePress and that mdwx must catch.
 */
export async function writeRootSite(site: string, options = '{}'): Promise<void> {
  await writeFiles(site, {
    'package.json': JSON.stringify({ name: 'vitepress-test-site', private: true, type: 'module' }, null, 2),
    '.vitepress/config.mts': [
      "import { defineConfig } from 'vitepress'",
      "import { withMdwx } from '@mdwx/vitepress'",
      '',
      'export default withMdwx(',
      '  defineConfig({',
      "    lang: 'zh-CN',",
      "    title: '测试站点',",
      '    mpa: true,',
      "    srcExclude: ['drafts/**'],",
      "    buildEnd: () => console.log('the site\\'s own buildEnd ran'),",
      '  }),',
      `  ${options},`,
      ')',
      '',
    ].join('\n'),
    '.vitepress/theme/index.mjs': theme,
    'public/images/cover.png': await pictures.png(),
    'guide/tip.png': await pictures.png(80, 48, { r: 30, g: 120, b: 200 }, { r: 240, g: 240, b: 240 }),
    'guide/broken.jpg': await pictures.truncatedJpeg(),
    [pages.picture.file]: ['---', `title: ${pages.picture.title}`, '---', '', `# ${pages.picture.title}`, '', '这张图片放在 `public/images` 里：', '', '![封面](/images/cover.png)', ''].join('\n'),
    [pages.tip.file]: [
      `# ${pages.tip.title}`,
      '',
      '::: tip 小心',
      '构建时只检查，不会发到公众号。',
      ':::',
      '',
      '![示意图](./tip.png)',
      '',
    ].join('\n'),
    [pages.broken.file]: [`# ${pages.broken.title}`, '', '这张图片只有一半：', '', '![半张图](./broken.jpg)', ''].join('\n'),
    'packages/[name].md': '# {{ $params.name }}\n\n动态路由的模板，不是一篇文章。\n',
    'packages/[name].paths.mjs': "export default { paths: () => [{ params: { name: 'mdwx' } }] }\n",
    'drafts/wip.md': '# 草稿\n\nsrcExclude 排除了这一页。\n',
  })
  await linkModules(site)
}

/**
 * A site whose pages live in `docs/` (`srcDir: 'docs'`, pictures in `docs/public`), built with
 * `buildEnd: mdwxBuildEnd(<options>)`: a page outside `include`, one that is fine, one broken.
 */
export async function writeSrcDirSite(site: string, options = '{}'): Promise<void> {
  await writeFiles(site, {
    'package.json': JSON.stringify({ name: 'vitepress-srcdir-site', private: true, type: 'module' }, null, 2),
    '.vitepress/config.mts': [
      "import { defineConfig } from 'vitepress'",
      "import { mdwxBuildEnd } from '@mdwx/vitepress'",
      '',
      `export default defineConfig({ lang: 'zh-CN', srcDir: 'docs', mpa: true, buildEnd: mdwxBuildEnd(${options}) })`,
      '',
    ].join('\n'),
    '.vitepress/theme/index.mjs': theme,
    'docs/public/images/cover.png': await pictures.png(),
    'docs/guide/broken.jpg': await pictures.truncatedJpeg(),
    'docs/index.md': '# 首页\n\n没有图片，也不在 include 里。\n',
    'docs/guide/ok.md': '# 没问题\n\n![封面](/images/cover.png)\n',
    'docs/guide/broken.md': '# 坏掉的图片\n\n![半张图](./broken.jpg)\n',
  })
  await linkModules(site)
}

/**
 * VitePress loads `.vitepress/config.mts` and what it imports from the site's own node_modules,
 * as an installed site would. The temp site has none: link `vitepress` to the copy installed for
 * this package (its dependencies resolve from its real path in pnpm's store) and `@mdwx/vitepress`
 * to this package folder (the config loads its dist/, whose `mdwx` resolves from here, as a
 * workspace link). `vue`, which the theme imports, VitePress links itself for the build.
 */
async function linkModules(site: string): Promise<void> {
  await mkdir(path.join(site, 'node_modules', '@mdwx'), { recursive: true })
  await symlink(await realpath(path.join(packageFolder, 'node_modules', 'vitepress')), path.join(site, 'node_modules', 'vitepress'), 'dir')
  await symlink(packageFolder, path.join(site, 'node_modules', '@mdwx', 'vitepress'), 'dir')
}

export interface VitePressBuild {
  code: number | null
  /** stdout and stderr together, in the order VitePress wrote them. */
  output: string
}

/**
 * `vitepress build` with VitePress's own CLI in a child process, in the site folder, with only
 * the environment given (plus PATH): HOME and XDG_CACHE_HOME point at `home`, so nothing reads
 * or writes the user's.
 */
export function buildSite(site: string, home: string, env: Record<string, string> = {}): Promise<VitePressBuild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitepressBin, 'build', '.'], {
      cwd: site,
      env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}
