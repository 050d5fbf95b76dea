import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs'
import { chmod, mkdir, rename, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createBrotliDecompress } from 'node:zlib'

const require = createRequire(import.meta.url)

/** Why the bundled Chromium cannot be used here, or undefined when it can. */
export function bundledChromiumUnsupported(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string | undefined {
  // @sparticuz/chromium ships one build: Linux on x64.
  return platform === 'linux' && arch === 'x64' ? undefined : `@sparticuz/chromium ships Linux x64 only, this is ${platform} ${arch}`
}

/** The folder of @sparticuz/chromium's compressed files, and its version. */
function bundledPackage(): { bin: string; version: string } {
  // Its exports name only its build (build/index.js, or build/cjs/index.cjs in 147): the package
  // folder is the first above it whose package.json is the package's own.
  let folder = path.dirname(require.resolve('@sparticuz/chromium'))
  for (;;) {
    const manifest = path.join(folder, 'package.json')
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version: string }
      if (name === '@sparticuz/chromium') return { bin: path.join(folder, 'bin'), version }
    }
    if (path.dirname(folder) === folder) throw new Error('The folder of @sparticuz/chromium was not found above its main file.')
    folder = path.dirname(folder)
  }
}

/** The user's cache folder for mdwx: `$XDG_CACHE_HOME/mdwx`, else `~/.cache/mdwx`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  return path.join(env['XDG_CACHE_HOME'] || path.join(env['HOME'] || homedir(), '.cache'), 'mdwx')
}

/**
 * The Chromium of @sparticuz/chromium, unpacked once into `<cacheDir>/chromium-<version>/chromium`
 * and reused by every later run. Unpacked here rather than by the package's own executablePath(),
 * which writes straight to /tmp/chromium: a second process starting meanwhile (parallel tests,
 * two CI jobs) would run a half-written file, and /tmp is anyone's to write. Here the binary is
 * written under a name of this process's own and renamed into place, so it appears whole or not
 * at all, in a folder only the user can write.
 */
export async function bundledChromium(cacheDir: string): Promise<string> {
  const { bin, version } = bundledPackage()
  const folder = path.join(cacheDir, `chromium-${version}`)
  const executable = path.join(folder, 'chromium')
  if (existsSync(executable)) return executable
  await mkdir(folder, { recursive: true, mode: 0o700 })
  const partial = `${executable}.${process.pid}.${Date.now()}.partial`
  try {
    await pipeline(createReadStream(path.join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(partial, { mode: 0o700 }))
    await chmod(partial, 0o755)
    await rename(partial, executable)
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  }
  return executable
}
