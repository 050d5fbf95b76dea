import type { HexoArgs } from './hexo-context.js'

/** Hexo's own options (hexo-cli reads them for every command): never passed on to mdwx. */
const hexoValueOptions = new Set(['config', 'cwd', 'output'])
const hexoSwitches = new Set(['debug', 'safe', 'silent', 'draft', 'drafts'])

/**
 * The options of mdwx's check, convert, publish and screenshot that take a value; the others are
 * switches. Only used to tell whether a word minimist attached to an option is a path (the paths
 * default to the site's posts when none is given): an option missing here makes its value count
 * as a path, so the posts are not added, and mdwx then says it has nothing to work on (exit 2)
 * rather than working on the wrong files.
 */
const valueOptions = new Set(['asset-root', 'include', 'exclude', 'theme', 'math', 'out', 'target', 'concurrency', 'lock', 'account'])

export interface ConsoleLine {
  /** The mdwx command (`check`...), or undefined when none was given. */
  command: string | undefined
  /** The paths given; empty means the site's posts. */
  paths: string[]
  /** Every other option, as mdwx flags. */
  flags: string[]
  /** `--drafts` (or Hexo's `--draft`): take `source/_drafts` too. */
  drafts: boolean
}

/**
 * Turns the arguments hexo-cli parsed for `hexo mdwx …` back into an mdwx command line. hexo-cli
 * parses with minimist knowing no option types, so `--keep-going a.md` arrives as
 * `keepGoing: 'a.md'` and `--out weixin` as `out: 'weixin'`: the value of a switch goes back to
 * the paths, any other value follows its option. Keys come camel-cased (hexo-util's
 * camelCaseKeys keeps the kebab-case spelling as a second key): both are one `--kebab-case` flag.
 * Numbers come back as minimist read them (`--concurrency 08` is 8). `false` (minimist's `--no-x`)
 * is given back as `--no-x`, which mdwx refuses by name, as it does any option it does not know.
 */
export function consoleLine(args: HexoArgs): ConsoleLine {
  const [command, ...paths] = (args._ ?? []).map(String)
  const flags: string[] = []
  let drafts = false
  const seen = new Set<string>()
  for (const [key, value] of Object.entries(args)) {
    if (key === '_' || value === undefined) continue
    const name = key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
    if (seen.has(name) || hexoValueOptions.has(name)) continue
    seen.add(name)
    const takesValue = valueOptions.has(name)
    if (hexoSwitches.has(name)) {
      if (name.startsWith('draft') && value !== false) drafts = true
    } else {
      const flag = name.length === 1 ? `-${name}` : `--${name}`
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item === false) flags.push(`--no-${name}`)
        else if (item === true || !takesValue) flags.push(flag)
        else flags.push(flag, String(item))
      }
    }
    // `--drafts source/_posts/a.md`, `--keep-going a.md`: the switch is on, the word is a path.
    if (!takesValue) for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string' || typeof item === 'number') paths.push(String(item))
  }
  return { command, paths, flags, drafts }
}
