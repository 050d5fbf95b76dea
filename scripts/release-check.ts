// pnpm release:check: what a new user gets from `npm install mdwx`, tried before any release.
//
// Packs every publishable package (`pnpm -r pack`), installs the tarballs with npm into a fresh
// project in a temp folder (our packages from the tarballs, everything else from the registry,
// exactly what `npm install mdwx` would bring), then runs there: `npx mdwx --help`, `npx mdwx
// convert` on a sample post, `npx mdwx demo` (its built-in posts and emulator, outside this
// repository), a library script that publishes with `weixin: 'env'` to `mdwx emulator`, and a
// consumer's strict tsc over a script that imports our packages. Last it measures node_modules
// against INSTALL_BUDGET_MB. Child processes get a home, caches and a cwd in the temp folder; the
// npm download cache is npm's default one (or $npm_config_cache), so a second run downloads
// nothing. Exit 0 when everything holds, 1 naming what did not.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { cp, lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The most `npm install mdwx` may put in node_modules, in MB (10^6 bytes). */
export const INSTALL_BUDGET_MB = 150

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
/** --keep: leave the temp folder (the tarballs, the project) to look into. */
const keep = process.argv.includes('--keep')
const started = performance.now()
const failures: string[] = []

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function log(line: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(5)
  process.stderr.write(`[release:check ${seconds}s] ${line}\n`)
}

function check(condition: boolean, what: string, run?: Run): void {
  if (condition) return
  const output = run === undefined ? '' : `\n--- stdout\n${run.stdout.slice(-3000)}\n--- stderr\n${run.stderr.slice(-3000)}`
  failures.push(`${what}${output}`)
  log(`FAILED: ${what}`)
}

function start(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): { child: ChildProcess; done: Promise<Run>; stdout: () => string } {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
  return { child, done, stdout: () => stdout }
}

function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  return start(command, args, options).done
}

/** pnpm as this script was started by it (npm_execpath), else the version the repository names. */
function pnpm(): { command: string; args: string[] } {
  const execPath = process.env['npm_execpath']
  if (execPath !== undefined && /pnpm/.test(path.basename(execPath))) return { command: process.execPath, args: [execPath] }
  const { packageManager } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { packageManager: string }
  return { command: 'npx', args: ['-y', packageManager] }
}

/** Bytes below `folder` (apparent sizes, links not followed). */
async function sizeOf(folder: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await lstat(path.join(entry.parentPath, entry.name))).size
  }
  return total
}

/** Each package directly in node_modules (scoped ones by their full name) with its size, biggest first. */
async function packageSizes(modules: string): Promise<Array<{ name: string; bytes: number }>> {
  const sizes: Array<{ name: string; bytes: number }> = []
  for (const entry of await readdir(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.bin') continue
    const names = entry.name.startsWith('@') ? (await readdir(path.join(modules, entry.name))).map((name) => `${entry.name}/${name}`) : [entry.name]
    for (const name of names) sizes.push({ name, bytes: await sizeOf(path.join(modules, name)) })
  }
  return sizes.sort((a, b) => b.bytes - a.bytes)
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`

/** A consumer's script: strict, nodenext, skipLibCheck off, no Node types of its own. */
const consumerScript = `import { renderMarkdown } from '@mdwx/render'
import { publish, type PublishReport } from '@mdwx/publish'
import { createWeixinClient, weixinFromEnv, type WeixinClientOptions } from '@mdwx/weixin'
import { runMdwx, type MdwxRun } from 'mdwx'

const { html } = await renderMarkdown('# Hello', { theme: 'default' })
const options: WeixinClientOptions = await weixinFromEnv()
const client = createWeixinClient(options)
await client.close()
const report: PublishReport = await publish(['posts'], { weixin: 'env', dryRun: true })
const cli: MdwxRun = await runMdwx(['check', 'posts'], { cwd: '.' })
export const summary = [html.length, report.articles.length, cli.code]
`

const consumerTsconfig = {
  compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: false, noEmit: true },
  files: ['consumer.ts'],
}

/** A library user's script: publish() with the CLI's settings (.env and the environment). */
const publishScript = `import { publish } from '@mdwx/publish'

const report = await publish(['posts'], { weixin: 'env' })
console.log(JSON.stringify({ appId: report.appId, statuses: report.articles.map((article) => article.status) }))
`

async function main(): Promise<void> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'mdwx-release-check-'))
  const home = path.join(scratch, 'home')
  const packs = path.join(scratch, 'packs')
  const project = path.join(scratch, 'project')
  await Promise.all([mkdir(home), mkdir(packs), mkdir(project)])
  // Nothing of this environment but what npm needs to reach its registry: no WEIXIN_* of the
  // developer's. The user's npm settings (a registry mirror, a proxy) still apply: npm reads their
  // .npmrc where it is; everything written goes to the temp home, save npm's download cache.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    XDG_CACHE_HOME: path.join(home, '.cache'),
    npm_config_cache: process.env['npm_config_cache'] ?? path.join(homedir(), '.npm'),
    npm_config_userconfig: path.join(homedir(), '.npmrc'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(https?_proxy|no_proxy|npm_config_(registry|cafile|strict_ssl|noproxy))$/i.test(name))),
  }
  try {
    log(`building (tsc -b) and packing into ${packs}`)
    const built = await run(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: repoRoot, env: { ...process.env } })
    check(built.code === 0, 'tsc -b failed', built)
    if (built.code !== 0) return
    const { command, args } = pnpm()
    const packed = await run(command, [...args, '-r', 'pack', '--pack-destination', packs], { cwd: repoRoot, env: { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') } })
    check(packed.code === 0, 'pnpm -r pack failed', packed)
    if (packed.code !== 0) return
    const tarballs = (await readdir(packs)).filter((name) => name.endsWith('.tgz'))
    // Our packages resolve from the tarballs wherever they appear in the tree (overrides), the rest from the registry.
    const byName: Record<string, string> = {}
    for (const tarball of tarballs) {
      const manifest = JSON.parse(execFileSync('tar', ['-xOzf', path.join(packs, tarball), 'package/package.json'], { encoding: 'utf8' })) as { name: string }
      byName[manifest.name] = `file:${path.join(packs, tarball)}`
    }
    check(byName['mdwx'] !== undefined, `pnpm -r pack made no mdwx tarball (made ${tarballs.join(', ')})`)
    if (byName['mdwx'] === undefined) return
    await writeFile(
      path.join(project, 'package.json'),
      `${JSON.stringify({ name: 'mdwx-release-check', private: true, type: 'module', dependencies: { mdwx: byName['mdwx'] }, overrides: byName }, null, 2)}\n`,
    )

    log(`npm install mdwx (${tarballs.length} tarballs) in ${project}`)
    // --prefer-offline: what npm's cache holds is not asked for again (the tarballs of ours are files).
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project, env })
    check(installed.code === 0, 'npm install failed', installed)
    if (installed.code !== 0) return
    // The consumer's strict tsc runs meanwhile (one core for it, one for the commands below).
    log('strict tsc over a consumer script (strict, nodenext, skipLibCheck false), in the background')
    await writeFile(path.join(project, 'consumer.ts'), consumerScript)
    await writeFile(path.join(project, 'tsconfig.json'), `${JSON.stringify(consumerTsconfig, null, 2)}\n`)
    // The repository's TypeScript, run on the project: the consumer's node_modules hold only what mdwx brings.
    const typing = run(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project, env })
    // `--` so that npx hands every flag to mdwx rather than reading it as its own.
    const npx = (mdwxArgs: readonly string[]) => run('npx', ['--no', '--', 'mdwx', ...mdwxArgs], { cwd: project, env })

    log('npx mdwx --help')
    const help = await npx(['--help'])
    check(help.code === 0 && /Usage: mdwx/.test(help.stdout), 'npx mdwx --help did not print the usage', help)

    const samples = path.join(project, 'node_modules/mdwx/examples/posts')
    check(existsSync(samples), 'the mdwx package has no examples/posts (the sample posts of mdwx demo)')
    if (existsSync(samples)) await cp(samples, path.join(project, 'posts'), { recursive: true })

    log('npx mdwx convert posts/01-hello-mdwx.md --out out')
    const converted = await npx(['convert', 'posts/01-hello-mdwx.md', '--out', 'out'])
    check(converted.code === 0 && existsSync(path.join(project, 'out/01-hello-mdwx.html')), 'npx mdwx convert did not write out/01-hello-mdwx.html', converted)

    log('npx mdwx demo')
    const demo = await npx(['demo'])
    check(demo.code === 0 && /examples\/posts\/\S+\s+created\s+draft/.test(demo.stdout), 'npx mdwx demo did not publish its sample posts', demo)
    check(demo.stdout.includes('"npx mdwx demo --keep"'), 'npx mdwx demo did not name "npx mdwx demo --keep" as the way to keep the emulator', demo)

    log("a library script: publish(['posts'], { weixin: 'env' }) to mdwx emulator")
    const appId = 'wxrelease0check001'
    const appSecret = 'release-check-secret-not-to-print'
    // The installed bin itself rather than npx: Ctrl-C (SIGINT) then reaches the emulator, not a wrapper.
    const emulator = start(path.join(project, 'node_modules/.bin/mdwx'), ['emulator', '--app-id', appId, '--app-secret', appSecret], { cwd: project, env })
    try {
      const url = await new Promise<string | undefined>((resolve) => {
        const look = () => {
          const found = /http:\/\/127\.0\.0\.1:\d+/.exec(emulator.stdout())?.[0]
          if (found !== undefined) resolve(found)
        }
        emulator.child.stdout!.on('data', look)
        emulator.done.then(() => resolve(undefined), () => resolve(undefined))
        // A generous bound, only so that an emulator that never says where it listens cannot hang the check.
        setTimeout(() => resolve(undefined), 60_000).unref()
      })
      check(url !== undefined, 'mdwx emulator did not print its URL')
      if (url !== undefined) {
        // The settings as a user keeps them: the account in .env, the secret in the environment.
        await writeFile(path.join(project, '.env'), `WEIXIN_APPID=${appId}\nWEIXIN_API_BASE=${url}\n`)
        await writeFile(path.join(project, 'publish.mjs'), publishScript)
        const published = await run(process.execPath, ['publish.mjs'], { cwd: project, env: { ...env, WEIXIN_APPSECRET: appSecret } })
        let statuses: string[] = []
        try {
          statuses = (JSON.parse(published.stdout) as { statuses: string[] }).statuses
        } catch {
          statuses = []
        }
        check(published.code === 0 && statuses.includes('created') && statuses.every((status) => status === 'created' || status === 'skipped'), "publish({ weixin: 'env' }) did not create the articles", published)
        check(!`${published.stdout}${published.stderr}`.includes(appSecret), 'the secret reached the output of publish()', published)
      }
    } finally {
      emulator.child.kill('SIGINT')
      await emulator.done.catch(() => undefined)
    }

    const typed = await typing
    log('strict tsc done')
    const errors = (typed.stdout.match(/error TS\d+/g) ?? []).length
    check(typed.code === 0, `strict tsc over a consumer script: ${errors} errors`, typed)

    log('measuring node_modules')
    const modules = path.join(project, 'node_modules')
    const sizes = await packageSizes(modules)
    const total = sizes.reduce((sum, entry) => sum + entry.bytes, 0)
    const biggest = sizes.slice(0, 8).map((entry) => `${entry.name} ${mb(entry.bytes)}`).join(', ')
    log(`node_modules: ${mb(total)} in ${sizes.length} packages (budget ${INSTALL_BUDGET_MB} MB); biggest: ${biggest}`)
    check(total <= INSTALL_BUDGET_MB * 1e6, `npm install mdwx takes ${mb(total)}, over the budget of ${INSTALL_BUDGET_MB} MB. Biggest: ${biggest}`)
  } finally {
    if (keep) log(`kept ${scratch}`)
    else await rm(scratch, { recursive: true, force: true })
  }
}

await main()
const seconds = ((performance.now() - started) / 1000).toFixed(0)
if (failures.length > 0) {
  process.stderr.write(`\nrelease:check failed (${seconds} s):\n${failures.map((failure) => `- ${failure}`).join('\n')}\n`)
  process.exitCode = 1
} else {
  process.stderr.write(`release:check passed in ${seconds} s\n`)
}
