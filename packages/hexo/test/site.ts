import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, symlink } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir } from '../../../test/support/temp.js'

const packageDir = fileURLToPath(new URL('..', import.meta.url))

/**
 * The site's node_modules, as `npm install hexo hexo-renderer-marked hexo-mdwx` would make it, from
 * what is installed here: Hexo loads a plugin by `require.resolve(name, { paths: [site] })` from
 * the names in the site's package.json, and hexo-cli finds `hexo` the same way. So each of the
 * three is a symlink in the site's node_modules: Hexo and the renderer to this package's
 * devDependencies (pnpm's store), `hexo-mdwx` to this package's folder. Node resolves symlinks to
 * real paths, so everything they require is found from there: Hexo's own dependencies in the
 * store, `mdwx` and `@mdwx/errors` in this package's node_modules (the workspace packages). Hexo
 * loads the plugin's built files (dist/), as a site does.
 */
async function linkModules(site: string): Promise<void> {
  await mkdir(path.join(site, 'node_modules'), { recursive: true })
  await symlink(path.join(packageDir, 'node_modules/hexo'), path.join(site, 'node_modules/hexo'), 'dir')
  await symlink(path.join(packageDir, 'node_modules/hexo-renderer-marked'), path.join(site, 'node_modules/hexo-renderer-marked'), 'dir')
  await symlink(packageDir, path.join(site, 'node_modules/hexo-mdwx'), 'dir')
}

export function assertPluginBuilt(): void {
  if (!existsSync(path.join(packageDir, 'dist/hexo-plugin.cjs'))) {
    throw new Error(`${packageDir}dist does not exist: run "npx tsc -b packages/hexo" (pnpm test does) before these tests.`)
  }
}

/** The line of the missing picture in broken.md, as mdwx reports it. */
export const brokenPlace = 'source/_posts/broken.md:7:1'

/**
 * A small Chinese Hexo blog in a temp folder, with `extraConfig` appended to `_config.yml`:
 * - `hello.md`: a picture of its asset folder (`{% asset_img %}`), an excerpt before `<!-- more -->`;
 * - `tips.md`: a NexT-style callout (`{% note info 提示 %}`, defined in `scripts/note.js` as a theme
 *   would) and a `thumbnail:` cover at the site's root (`/images/cover.png` in `source/`);
 * - `broken.md`: a picture that is not there (line 7);
 * - `source/_drafts/idea.md`: a draft, for `--drafts`.
 */
export async function writeSite(extraConfig = ''): Promise<string> {
  const site = await createTempDir('hexo-site')
  await writeFiles(site, {
    'package.json': JSON.stringify({
      name: 'blog',
      private: true,
      hexo: { version: '8.1.2' },
      dependencies: { hexo: '^8.1.2', 'hexo-renderer-marked': '^7.0.1', 'hexo-mdwx': '^0.1.0' },
    }),
    '_config.yml': ['title: 小站', 'language: zh-CN', 'url: https://blog.example.com', 'post_asset_folder: true', extraConfig].join('\n'),
    'scripts/note.js': [
      '// What themes such as NexT define: {% note info 标题 %} … {% endnote %}.',
      "hexo.extend.tag.register('note', (args, content) => `<div class=\"note ${args[0] ?? ''}\">${hexo.render.renderSync({ text: content, engine: 'markdown' })}</div>`, { ends: true })",
      '',
    ].join('\n'),
    'source/_posts/hello.md': [
      '---',
      'title: 你好，世界',
      'date: 2024-05-01 10:00:00',
      'tags: [随笔, Hexo]',
      'categories: [生活]',
      '---',
      '第一篇文章的摘要。',
      '',
      '<!-- more -->',
      '',
      '{% asset_img photo.png 一张照片 %}',
      '',
      '正文在这里。',
      '',
    ].join('\n'),
    'source/_posts/hello/photo.png': await pictures.png(),
    'source/_posts/tips.md': [
      '---',
      'title: 写作小贴士',
      'date: 2024-05-02 10:00:00',
      'thumbnail: /images/cover.png',
      '---',
      '一些建议。',
      '',
      '{% note info 提示 %}',
      '多写，多改。',
      '{% endnote %}',
      '',
    ].join('\n'),
    'source/images/cover.png': await pictures.png(120, 60, { r: 30, g: 120, b: 200 }, { r: 250, g: 250, b: 250 }),
    'source/_posts/broken.md': ['---', 'title: 坏掉的文章', 'date: 2024-05-03 10:00:00', '---', '这篇文章的图片丢了。', '', '![丢失的图片](missing.png)', ''].join('\n'),
    'source/_drafts/idea.md': ['---', 'title: 一个想法', '---', '还没写完。', '', '![草图](/images/cover.png)', ''].join('\n'),
  })
  await linkModules(site)
  return site
}

const exampleDir = fileURLToPath(new URL('../../../examples/hexo-site', import.meta.url))

/** `examples/hexo-site` in a temp folder, without what a run leaves there, its modules linked as `writeSite`'s. */
export async function copyExample(): Promise<string> {
  const site = await createTempDir('hexo-example')
  const leftBehind = new Set(['node_modules', 'public', 'db.json', 'mdwx.lock.json', 'weixin', 'screenshots'])
  await cp(exampleDir, site, { recursive: true, filter: (source) => !leftBehind.has(path.relative(exampleDir, source).split(path.sep)[0]!) })
  await linkModules(site)
  return site
}

export interface HexoRun {
  code: number | null
  stdout: string
  stderr: string
  /** stdout and stderr together, in the order each stream printed (Hexo logs errors on stderr). */
  output: string
}

/**
 * `hexo <args>` in `site` through Hexo's own command line (hexo-cli, as `npx hexo` runs it), in a
 * child process that sees only PATH, `env`, and a temp HOME and XDG_CACHE_HOME (no token cache or
 * credentials of the developer's).
 */
export function runHexo(site: string, args: readonly string[], env: Record<string, string> = {}): Promise<HexoRun> {
  const home = path.join(site, '.home')
  const child = spawn(process.execPath, [path.join(site, 'node_modules/hexo/bin/hexo'), ...args], {
    cwd: site,
    env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), (output += chunk)))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => ((stderr += chunk), (output += chunk)))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr, output }))
  })
}
