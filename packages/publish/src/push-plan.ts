import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { articleError, type ArticleMessage } from './article-message.js'
import type { MarkdownFile } from './discover.js'
import { frontMatterBlock, frontMatterValues, keyLine } from './front-matter-block.js'

/** Weixin's limit: a push (add_news, draft/add) holds 1 to 8 articles, the first the headline. */
export const MAX_PUSH_ARTICLES = 8

/** A push named in `mdwx.config.json` (`pushes`) or by the library option: its articles in order. */
export interface ConfiguredPush {
  name: string
  /** Paths of its articles, relative to `cwd`, in push order. */
  paths: readonly string[]
}

export interface PushOptions {
  /** The files of the run, in the order given, as one push (`--together`). */
  together?: boolean
  /** Pushes named in the config, which win over front matter. */
  pushes?: readonly ConfiguredPush[]
  cwd?: string
}

/** One push of a run: its name (its key in the lock file) and its files, the headline first. */
export interface PushPlan {
  name: string
  files: MarkdownFile[]
}

/** What a file's front matter says of its push: `push: 2026-12-08`, `push_order: 2`, `split: auto`. */
interface PushFields {
  push?: string
  order?: number
  split?: boolean
}

/**
 * Which files of a run go out together, and in what order (DESIGN.md "Front matter" `push`,
 * `push_order`): `--together` makes every file of the run one push in the order given; else a
 * push of the config takes its files in its order; else files with the same front matter `push`
 * are one push, ordered by `push_order`, then by file name. A file in none is a push of its own,
 * and is not listed (the plans hold only pushes of two articles or more). Problems (a push of
 * more than 8, a `push` that is not text) are error messages on the files they are about.
 */
export async function planPushes(files: readonly MarkdownFile[], options: PushOptions = {}): Promise<{ plans: PushPlan[]; problems: Map<string, ArticleMessage[]>; split: Set<string> }> {
  const cwd = options.cwd ?? process.cwd()
  const problems = new Map<string, ArticleMessage[]>()
  const problem = (file: MarkdownFile, message: ArticleMessage) => problems.set(file.path, [...(problems.get(file.path) ?? []), message])
  const fields = new Map<string, PushFields>()
  for (const file of files) fields.set(file.path, await readPushFields(file, (message) => problem(file, message)))
  const split = new Set(files.filter((file) => fields.get(file.path)?.split === true).map((file) => file.path))

  const plans: PushPlan[] = []
  if (options.together === true) {
    plans.push({ name: 'together', files: [...files] })
  } else {
    const taken = new Set<string>()
    for (const configured of options.pushes ?? []) {
      const members = configured.paths.map((written) => files.find((file) => file.path === path.resolve(cwd, written))).filter((file) => file !== undefined)
      for (const file of members) taken.add(file.path)
      if (members.length > 0) plans.push({ name: configured.name, files: members })
    }
    const byName = new Map<string, MarkdownFile[]>()
    for (const file of files) {
      const name = fields.get(file.path)?.push
      if (name === undefined || taken.has(file.path)) continue
      byName.set(name, [...(byName.get(name) ?? []), file])
    }
    for (const [name, members] of byName) {
      const order = (file: MarkdownFile) => fields.get(file.path)?.order ?? Number.POSITIVE_INFINITY
      members.sort((a, b) => order(a) - order(b) || (path.basename(a.path) < path.basename(b.path) ? -1 : path.basename(a.path) > path.basename(b.path) ? 1 : 0))
      plans.push({ name, files: members })
    }
  }
  for (const plan of plans) {
    const over = plan.files.slice(MAX_PUSH_ARTICLES)
    for (const [offset, file] of over.entries()) {
      problem(
        file,
        articleError(file.path, `The push "${plan.name}" has ${plan.files.length} articles; Weixin takes at most ${MAX_PUSH_ARTICLES}, and this is the ${ordinal(MAX_PUSH_ARTICLES + offset + 1)}.`, {
          ruleId: 'push-too-many',
          hint: `Split the push: give the articles after the ${ordinal(MAX_PUSH_ARTICLES)} another \`push:\` name (front matter), or publish them in another run.`,
        }),
      )
    }
  }
  return { plans: plans.filter((plan) => plan.files.length > 1), problems, split }
}

function ordinal(n: number): string {
  return `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`
}

async function readPushFields(file: MarkdownFile, report: (message: ArticleMessage) => void): Promise<PushFields> {
  const block = frontMatterBlock(await readFile(file.path, 'utf8').catch(() => ''))
  if (block === undefined) return {}
  const values = await frontMatterValues(block)
  if (values === undefined) return {}
  const fields: PushFields = {}
  const wrong = (key: string, expected: string, value: unknown) => {
    const line = (keyLine(block, key) ?? 0) + 1
    report(articleError(file.path, `Front matter key \`${key}\` must be ${expected}, got ${JSON.stringify(value)}`, { ruleId: 'frontmatter-type', line, column: 1 }))
  }
  const push = values['push']
  if (push !== undefined && push !== null) {
    // YAML keeps `2026-12-08` as text; TOML reads it as a date (smol-toml's dates are Dates).
    const name = push instanceof Date ? push.toISOString().slice(0, 10) : typeof push === 'string' || typeof push === 'number' ? String(push).trim() : ''
    if (name === '') wrong('push', 'the name of a push (text or a date)', push)
    else fields.push = name
  }
  const order = values['push_order']
  if (order !== undefined && order !== null) {
    if (typeof order === 'number' && Number.isFinite(order)) fields.order = order
    else wrong('push_order', 'a number', order)
  }
  const split = values['split']
  if (split !== undefined && split !== null) {
    if (split === 'auto' || split === true) fields.split = true
    else if (split !== false) wrong('split', '`auto` (or false)', split)
  }
  return fields
}

/**
 * Weixin shows the digest of a push's headline only: when articles after it have one, that is
 * said once, as info, on the first of them (undefined when none has one).
 */
export function ignoredDigestNote(plan: PushPlan, digestOf: (file: MarkdownFile) => string | undefined): ArticleMessage | undefined {
  const withDigest = plan.files.slice(1).filter((file) => digestOf(file) !== undefined)
  const [first] = withDigest
  if (first === undefined) return undefined
  const names = withDigest.map((file) => path.basename(file.path)).join(', ')
  return {
    path: first.path,
    severity: 'info',
    message: `Weixin shows the digest of a push's headline only: the digest of ${names} (not the first article of the push "${plan.name}") is not shown.`,
    ruleId: 'push-digest-ignored',
  }
}
