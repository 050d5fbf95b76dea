import { expectOption, InvalidOptionError } from '@mdwx/errors'

/**
 * The `mdwx:` block of `_config.yml` and the keys of a `deploy: - type: mdwx` entry, in Hexo's
 * snake_case (`keep_going`). Each maps to the `mdwx` flag of the same name (`--keep-going`):
 * nothing here changes what a flag means, it only lets a site say it once in its config.
 */
export interface MdwxSettings {
  /** `--theme`: a theme name or a CSS file (relative to the site's folder). */
  theme?: string
  /** `--math`: `auto` (default: SVG while the article fits, the heaviest formulas as pictures when not), `svg` or `image`. */
  math?: 'auto' | 'svg' | 'image'
  /** `--include` / `--exclude`: globs relative to the site's folder (`source/_posts/2024/**`). */
  include?: string[]
  exclude?: string[]
  /** `--account`: a named account of `mdwx.config.json`. */
  account?: string
  /** `--keep-going`: publish the valid posts even when others have errors. */
  keep_going?: boolean
  /** `--submit`: publish each draft (freepublish) and wait for its URL. */
  submit?: boolean
  /** `--target`. */
  target?: 'auto' | 'news' | 'draft'
  /** `--concurrency`. */
  concurrency?: number
  /** `--allow-private-network`: fetch pictures from intranet hosts. */
  allow_private_network?: boolean
  /** `--lock`: the lock file, relative to the site's folder (default `mdwx.lock.json`). */
  lock?: string
  /** `--dry-run`. */
  dry_run?: boolean
  /** `--force`: ignore the lock file. */
  force?: boolean
  /** Also take `source/_drafts`. */
  drafts?: boolean
  /** After `hexo generate`: a post that cannot be published fails the build. */
  strict?: boolean
  /** After `hexo generate`: publish instead of only checking (as `MDWX_PUBLISH=1` does). */
  publish?: boolean
}

type Kind = 'string' | 'strings' | 'boolean' | 'count' | readonly string[]

/** Every key, its kind, and the flag it becomes (none for the ones this package acts on itself). */
const keys: Record<keyof MdwxSettings, { kind: Kind; flag?: string; publishOnly?: boolean }> = {
  theme: { kind: 'string', flag: '--theme' },
  math: { kind: ['auto', 'svg', 'image'], flag: '--math' },
  include: { kind: 'strings', flag: '--include' },
  exclude: { kind: 'strings', flag: '--exclude' },
  account: { kind: 'string', flag: '--account', publishOnly: true },
  keep_going: { kind: 'boolean', flag: '--keep-going', publishOnly: true },
  submit: { kind: 'boolean', flag: '--submit', publishOnly: true },
  target: { kind: ['auto', 'news', 'draft'], flag: '--target', publishOnly: true },
  concurrency: { kind: 'count', flag: '--concurrency', publishOnly: true },
  allow_private_network: { kind: 'boolean', flag: '--allow-private-network', publishOnly: true },
  lock: { kind: 'string', flag: '--lock', publishOnly: true },
  dry_run: { kind: 'boolean', flag: '--dry-run', publishOnly: true },
  force: { kind: 'boolean', flag: '--force', publishOnly: true },
  drafts: { kind: 'boolean' },
  strict: { kind: 'boolean' },
  publish: { kind: 'boolean' },
}

const known = Object.keys(keys) as Array<keyof MdwxSettings>

/** `keepGoing`, `keep-going` and `keep_going` are one key: Hexo's CLI arguments arrive camel-cased. */
export function snakeCase(key: string): string {
  return key.replaceAll('-', '_').replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
}

/**
 * Reads and checks the settings in `source` (a config block, or a deploy entry merged with the
 * command line). `where` names it in messages (`mdwx`, `deploy`). With `strict`, a key this
 * package does not know is an error (a typo must not be silently ignored); without, other keys
 * are left alone (Hexo merges its own command-line arguments into a deploy entry). `ignore`: keys
 * that belong to someone else (a deploy entry's `type`).
 */
export function readSettings(source: unknown, where: string, { strict, ignore = [] }: { strict: boolean; ignore?: readonly string[] }): MdwxSettings {
  if (source === undefined || source === null) return {}
  expectOption(typeof source === 'object' && !Array.isArray(source), 'a mapping of mdwx options', where, source, 'Example in _config.yml:\nmdwx:\n  theme: default\n  strict: true')
  const settings: Record<string, unknown> = {}
  for (const [written, value] of Object.entries(source as Record<string, unknown>)) {
    if (ignore.includes(written)) continue
    const key = snakeCase(written) as keyof MdwxSettings
    const name = `${where}.${written}`
    if (!(key in keys)) {
      if (strict) throw new InvalidOptionError(`one of the keys ${known.join(', ')}`, name, value)
      continue
    }
    settings[key] = checked(value, keys[key].kind, name)
  }
  return settings as MdwxSettings
}

function checked(value: unknown, kind: Kind, name: string): unknown {
  if (Array.isArray(kind)) {
    expectOption(typeof value === 'string' && kind.includes(value), `one of ${kind.join(', ')}`, name, value)
    return value
  }
  switch (kind) {
    case 'string':
      expectOption(typeof value === 'string' && value !== '', 'a non-empty string', name, value)
      return value
    case 'strings': {
      // One glob, or a list of them: YAML writers use both.
      const list = typeof value === 'string' ? [value] : value
      expectOption(Array.isArray(list) && list.every((item) => typeof item === 'string' && item !== ''), 'a glob or a list of globs', name, value)
      return list
    }
    case 'boolean':
      expectOption(typeof value === 'boolean', 'true or false', name, value)
      return value
    default:
      expectOption(Number.isInteger(value) && (value as number) > 0, 'a whole number of 1 or more', name, value)
      return value
  }
}

/**
 * The `mdwx` flags for `settings`, in a stable order: the render flags for every command, the
 * publish flags for `publish` only (`check` refuses them).
 */
export function settingsFlags(settings: MdwxSettings, command: string): string[] {
  const flags: string[] = []
  for (const key of known) {
    const { flag, publishOnly } = keys[key]
    const value = settings[key]
    if (flag === undefined || value === undefined || value === false || (publishOnly === true && command !== 'publish')) continue
    if (value === true) flags.push(flag)
    // `--flag=value`: a value starting with "-" stays a value.
    else if (Array.isArray(value)) for (const item of value) flags.push(`${flag}=${item}`)
    else flags.push(`${flag}=${String(value)}`)
  }
  return flags
}

/** A settings error as a site's author reads it: where, what, and the hint when there is one. */
export function settingsProblem(error: unknown): string {
  const { message, hint } = error as Error & { hint?: string }
  return `_config.yml: ${message}${hint === undefined ? '' : `\n${hint}`}`
}
