import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { AstroIntegration, AstroIntegrationLogger } from 'astro'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'
import mdwx, { type MdwxAstroOptions } from '../src/index.js'

/**
 * The options, through the integration's hooks called as Astro calls them (config:done, then
 * build:done with its logger), on a small project folder: fast cases for what the real builds of
 * astro-build.test.ts do not each need an `astro build` for. The logger records what Astro's
 * would print.
 */
let root: string

beforeAll(async () => {
  root = await createTempDir('astro-hooks')
  await writeFiles(root, {
    'src/assets/hero.png': await pictures.png(),
    'src/content/blog/good.md': "---\ntitle: 好文章\nheroImage: '../../assets/hero.png'\n---\n\n正文。\n",
    'src/content/blog/notes/broken.md': "---\ntitle: 坏文章\nheroImage: '../../../assets/hero.png'\n---\n\n![缺](/missing.png)\n",
    'src/content/posts/other.mdx': "---\ntitle: 另一个集合\nheroImage: '../../assets/hero.png'\n---\n\nimport X from './x.astro'\n\n正文。\n",
  })
})

afterAll(removeTempDirs)

const variables = ['MDWX_PUBLISH', 'WEIXIN_APPID', 'WEIXIN_APPSECRET', 'WEIXIN_ACCESS_TOKEN', 'WEIXIN_API_BASE', 'MDWX_RELAY', 'MDWX_RELAY_KEY'] as const

interface Logged {
  lines: Array<{ level: string; line: string }>
  failure: unknown
}

async function build(options: MdwxAstroOptions, env: Record<string, string> = {}): Promise<Logged> {
  const integration: AstroIntegration = mdwx(options)
  const logged: Logged = { lines: [], failure: undefined }
  const logger = {
    info: (line: string) => logged.lines.push({ level: 'info', line }),
    warn: (line: string) => logged.lines.push({ level: 'warn', line }),
    error: (line: string) => logged.lines.push({ level: 'error', line }),
    debug: () => {},
  } as unknown as AstroIntegrationLogger
  const url = (folder: string) => pathToFileURL(path.join(root, folder, '/'))
  const config = { root: url('.'), srcDir: url('src'), publicDir: url('public'), outDir: url('dist') }
  const hooks = integration.hooks as Record<string, (params: object) => Promise<void> | void>
  await hooks['astro:config:done']!({ config, logger })
  // The integration reads the environment of the build (process.env), as in a real build: only
  // the variables given here are set, so a developer's own WEIXIN_APPID can never be published to.
  const saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]))
  for (const name of variables) {
    if (env[name] === undefined) delete process.env[name]
    else process.env[name] = env[name]
  }
  try {
    await hooks['astro:build:done']!({ logger, dir: config.outDir, pages: [], routes: [], assets: new Map() })
  } catch (error) {
    logged.failure = error
  } finally {
    for (const name of variables) {
      if (saved[name] === undefined) delete process.env[name]
      else process.env[name] = saved[name]
    }
  }
  return logged
}

const text = (logged: Logged) => logged.lines.map(({ level, line }) => `${level}: ${line}`).join('\n')

describe('@mdwx/astro options', () => {
  it('by default checks src/content/blog, logs the broken post as an error, and does not fail', async () => {
    const logged = await build({})
    expect(logged.failure).toBeUndefined()
    expect(text(logged)).toMatch(/^error: src\/content\/blog\/notes\/broken\.md:6:1 {2}error {2}.*image-unresolved$/m)
    expect(text(logged)).not.toContain('other.mdx')
    expect(existsSync(path.join(root, 'dist/weixin/content/blog/good.html'))).toBe(true)
  })

  it('strict: true fails the build for a post that cannot be published', async () => {
    const logged = await build({ strict: true })
    expect(logged.failure).toMatchObject({ code: 'MDWX_ASTRO_CHECK_FAILED', message: expect.stringContaining('named above with file:line') })
  })

  it('exclude leaves a post out, so strict passes', async () => {
    const logged = await build({ strict: true, exclude: '**/notes/**' })
    expect(logged.failure).toBeUndefined()
    expect(text(logged)).toContain("--exclude '**/notes/**'")
    expect(text(logged)).toContain('✔ 1 article can be published')
  })

  it('include names another folder (with its .mdx posts), or globs', async () => {
    const folder = await build({ include: 'src/content/posts', strict: true })
    expect(folder.failure).toBeUndefined()
    expect(existsSync(path.join(root, 'dist/weixin/content/posts/other.html'))).toBe(true)
    const globs = await build({ include: ['src/content/*/good.md', 'src/content/posts/**'], strict: true })
    expect(globs.failure).toBeUndefined()
    expect(text(globs)).toContain('✔ 2 articles can be published')
  })

  it('MDWX_PUBLISH=1 without credentials fails the build before any post is sent', async () => {
    const logged = await build({ exclude: '**/notes/**' }, { MDWX_PUBLISH: '1' })
    expect(logged.failure).toMatchObject({ code: 'MDWX_ASTRO_PUBLISH_FAILED' })
    expect(text(logged)).toMatch(/^error: mdwx: .*WEIXIN_APPID/m)
  })

  it('options are checked where they are given', () => {
    expect(() => mdwx({ strcit: true } as MdwxAstroOptions)).toThrow(/Expected one of include, .* for an option of mdwx\(\), got "strcit"/)
    expect(() => mdwx({ include: [] })).toThrow('Expected a folder or glob, or a list of them for include, got an array of 0')
    expect(() => mdwx({ math: 'png' as 'svg' })).toThrow("Expected one of 'auto', 'svg', 'image' for math, got \"png\"")
    expect(() => mdwx({ screenshots: 'yes' as unknown as boolean })).toThrow('Expected true, false or { dark: boolean } for screenshots')
    expect(() => mdwx({ publish: 'true' as unknown as boolean })).toThrow('Expected true or false for publish, got "true"')
  })
})
