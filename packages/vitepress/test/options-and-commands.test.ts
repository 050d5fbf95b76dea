import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { InvalidOptionError } from '@mdwx/errors'
import type { SiteConfig } from 'vitepress'
import { afterAll, describe, expect, it } from 'vitest'
import { commandLines, escapeGlob, globFromRoot, shellLine } from '../src/command-lines.js'
import { mdwxBuildEnd, withMdwx } from '../src/index.js'
import { createLogLines } from '../src/log-lines.js'
import { publishRequested, resolveOptions } from '../src/options.js'
import { isMissingBrowserPackage } from '../src/screenshot-outcome.js'
import type { SiteLayout } from '../src/site-layout.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const run = promisify(execFile)

// The parts of the integration that need no build: options, the command lines a build runs,
// and how mdwx's lines reach VitePress's logger. The builds themselves: vitepress-build.test.ts.

describe('options', () => {
  it('has defaults: HTML in weixin/, keep going, nothing published', () => {
    expect(resolveOptions(undefined)).toMatchObject({ include: [], exclude: [], out: 'weixin', screenshots: false, publish: false, strict: false, keepGoing: true })
  })

  it.each([
    [{ screenshot: true }, 'an mdwx option name'],
    [{ include: 'guide/**' }, 'include'],
    [{ exclude: [''] }, 'exclude'],
    [{ out: '../elsewhere' }, 'out'],
    [{ out: true }, 'out'],
    [{ strict: 'yes' }, 'strict'],
    [{ math: 'png' }, 'math'],
    [{ target: 'news-and-draft' }, 'target'],
    [{ theme: '' }, 'theme'],
    [{ screenshots: 'yes' }, 'screenshots'],
    [{ screenshots: { dark: 1 } }, 'screenshots'],
  ])('refuses %j where it is given, naming the option', (options, name) => {
    const attempt = () => mdwxBuildEnd(options as never)
    expect(attempt).toThrow(InvalidOptionError)
    expect(attempt).toThrow(`for ${name}, got`)
    expect(() => withMdwx({}, options as never)).toThrow(InvalidOptionError)
  })

  it('publishes with publish: true or MDWX_PUBLISH=1 (or true), else not', () => {
    const options = resolveOptions({})
    expect(publishRequested(options, {})).toBe(false)
    expect(publishRequested(options, { MDWX_PUBLISH: '0' })).toBe(false)
    expect(publishRequested(options, { MDWX_PUBLISH: '1' })).toBe(true)
    expect(publishRequested(options, { MDWX_PUBLISH: 'true' })).toBe(true)
    expect(publishRequested(resolveOptions({ publish: true }), {})).toBe(true)
  })
})

describe('command lines', () => {
  const root = path.resolve('/site')
  const layout = (srcDir: string, publicDir?: string): SiteLayout => ({
    root,
    srcDir: path.join(root, srcDir),
    outDir: path.join(root, '.vitepress', 'dist'),
    publicDir: publicDir === undefined ? undefined : path.join(root, publicDir),
    pages: new Set(),
  })

  it('runs convert over srcDir into <outDir>/weixin, with the public folder as the root of /x.png', () => {
    const lines = commandLines(layout('.', 'public'), resolveOptions({}), [])
    expect(lines.validate).toEqual(['convert', '.', '--out', '.vitepress/dist/weixin', '--asset-root', 'public', '--quiet'])
    expect(lines.screenshot).toBeUndefined()
    expect(lines.publish).toEqual(['publish', '.', '--asset-root', 'public', '--keep-going'])
  })

  it('writes globs relative to srcDir as mdwx reads them (relative to the site root), and leaves out what VitePress did not build', () => {
    const lines = commandLines(layout('docs', 'docs/public'), resolveOptions({ include: ['guide/**', './api/*.md'], exclude: ['!keep.md'] }), [path.join(root, 'docs', 'packages', '[name].md')])
    expect(lines.validate).toEqual([
      'convert', 'docs', '--out', '.vitepress/dist/weixin',
      '--include', 'docs/guide/**', '--include', 'docs/api/*.md', '--exclude', '!docs/keep.md',
      '--exclude', 'docs/packages/\\[name\\].md',
      '--asset-root', 'docs/public', '--quiet',
    ])
  })

  it('checks only with out: false; screenshots and publishing take their options', () => {
    const lines = commandLines(layout('.'), resolveOptions({ out: false, screenshots: { dark: true }, keepGoing: false, theme: 'tech', math: 'image', target: 'draft', submit: true, account: 'blog', allowPrivateNetwork: true }), [])
    expect(lines.validate).toEqual(['check', '.', '--theme', 'tech', '--math', 'image', '--quiet'])
    expect(lines.htmlDir).toBeUndefined()
    expect(lines.screenshot).toEqual(['screenshot', '.', '--out', '.vitepress/dist/weixin/screenshots', '--dark', '--theme', 'tech', '--math', 'image', '--quiet'])
    expect(lines.publish).toEqual(['publish', '.', '--theme', 'tech', '--math', 'image', '--target', 'draft', '--submit', '--account', 'blog', '--allow-private-network'])
  })

  it('escapes file names that look like globs, and prints a line a shell takes', () => {
    expect(escapeGlob('a/[id]/(x)!+@{y}.md')).toBe('a/\\[id\\]/\\(x\\)\\!\\+\\@\\{y\\}.md')
    expect(globFromRoot('/guide/**', '.')).toBe('guide/**')
    expect(globFromRoot('guide/**', 'site [v2]')).toBe('site \\[v2\\]/guide/**')
    expect(shellLine(['convert', '.', '--include', 'guide/**', '--exclude', "it's.md"])).toBe("mdwx convert . --include 'guide/**' --exclude 'it'\\''s.md'")
  })
})

describe('log lines', () => {
  const capture = () => {
    const said: Array<[string, string]> = []
    const logger = { info: (line: string) => said.push(['info', line]), warn: (line: string) => said.push(['warn', line]), error: (line: string) => said.push(['error', line]) }
    return { said, logger: logger as unknown as SiteConfig['logger'] }
  }
  const problem = 'guide/x.md:12:3  error  Image "a.png" could not be resolved  image-unresolved'
  const hint = '    hint: Check the spelling.'

  it('sends errors, warnings and the rest to their levels, unchanged, with each hint after its problem', () => {
    const { said, logger } = capture()
    const log = createLogLines(logger, new Set())
    for (const line of [problem, hint, 'guide/y.md  warning  Long title  title-long', '3 HTML files written to .vitepress/dist/weixin']) log.onLine(line, 'stdout')
    log.onLine('mdwx: Missing credentials.', 'stderr')
    log.onLine('Put them in .env.', 'stderr')
    log.onLine('[1/2] created guide/y.md', 'stderr')
    expect(said).toEqual([
      ['error', problem],
      ['error', hint],
      ['warn', 'guide/y.md  warning  Long title  title-long'],
      ['info', '3 HTML files written to .vitepress/dist/weixin'],
      ['error', 'mdwx: Missing credentials.'],
      ['error', 'Put them in .env.'],
      ['info', '[1/2] created guide/y.md'],
    ])
    expect(log.failedFiles).toEqual(['guide/x.md'])
  })

  it('does not print a problem or the totals twice in one build, and says a screenshot run’s errors as warnings', () => {
    const printed = new Set<string>()
    const { said, logger } = capture()
    const first = createLogLines(logger, printed)
    for (const line of [problem, hint, '✖ 1 of 3 articles cannot be published (1 error, 0 warnings)']) first.onLine(line, 'stdout')
    const shots = createLogLines(logger, printed, { quieter: true })
    for (const line of [problem, hint, '✖ 1 of 3 articles cannot be published (1 error, 0 warnings)', '2 PNG files written to shots']) shots.onLine(line, 'stdout')
    shots.onLine('mdwx: No Chromium could be started.', 'stderr')
    expect(said.map(([level, line]) => `${level} ${line}`)).toEqual([
      `error ${problem}`,
      `error ${hint}`,
      'info ✖ 1 of 3 articles cannot be published (1 error, 0 warnings)',
      'info 2 PNG files written to shots',
      'warn mdwx: No Chromium could be started.',
    ])
    // Still named by the later run, for the error the build throws.
    expect(shots.failedFiles).toEqual(['guide/x.md'])
  })
})

describe('withMdwx', () => {
  it('keeps the config and chains the buildEnd VitePress would run: its own, else the one of the config it extends, first', async () => {
    const own = () => {
      throw new Error('the extended config’s buildEnd ran first')
    }
    const config = withMdwx({ title: '站点', extends: { buildEnd: own } })
    expect(config.title).toBe('站点')
    expect(config.extends).toEqual({ buildEnd: own })
    expect(config.buildEnd).not.toBe(own)
    // mdwx would need a real site config; the chained one fails before mdwx starts.
    await expect(config.buildEnd!({} as SiteConfig)).rejects.toThrow('the extended config’s buildEnd ran first')
  })

  it('takes a config function too', async () => {
    const config = withMdwx(async () => ({ title: '站点' }))
    expect(typeof config).toBe('function')
    const resolved = await config()
    expect(resolved.title).toBe('站点')
    expect(typeof resolved.buildEnd).toBe('function')
  })
})

describe('screenshots without @mdwx/browser', () => {
  afterAll(removeTempDirs)

  /** The error Node gives when loading `module`, in a plain Node process (vitest would resolve @mdwx/* to the sources). */
  const loadError = async (module: string): Promise<unknown> => {
    const script = `import(${JSON.stringify(pathToFileURL(module).href)}).then(() => console.log('null'), (e) => console.log(JSON.stringify({ code: e.code, message: e.message })))`
    const home = path.dirname(module)
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: home } })
    return JSON.parse(stdout) as unknown
  }

  it('recognises the error of loading the command when the package is not installed, and no other', async () => {
    // A module that imports @mdwx/browser from a folder where it is not installed: what mdwx's
    // screenshot command meets when an install left the optional part out.
    const folder = await createTempDir('vitepress-no-browser')
    await writeFile(path.join(folder, 'screenshot.mjs'), "import '@mdwx/browser'\n")
    await writeFile(path.join(folder, 'other.mjs'), "import 'some-package-not-here'\n")
    expect(isMissingBrowserPackage(await loadError(path.join(folder, 'screenshot.mjs')))).toBe(true)
    expect(isMissingBrowserPackage(await loadError(path.join(folder, 'other.mjs')))).toBe(false)
  })
})
