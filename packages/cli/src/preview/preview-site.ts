import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { MdwxError } from '@mdwx/errors'
import { check, discoverMarkdown, maxContentCharacters, renderPreview, type ArticleMessage, type MarkdownFile, type PreviewAsset } from '@mdwx/publish'
import { CONFIG_FILE, fileOptions, type FileOptions } from '../accounts-config.js'
import { displayPath } from '../format-messages.js'
import { articleUpdate, indexUpdate, type IndexRow, type ShownArticle, type ShownIndex } from '../preview-page.js'
import { createEventStream } from './event-stream.js'
import { watchFiles, type FileWatcher, type WatchTarget } from './file-watcher.js'

export interface PreviewSiteOptions {
  /** The file or folder given, absolute. */
  input: string
  folder: boolean
  cwd: string
  theme?: string | undefined
  math?: 'auto' | 'svg' | 'image' | undefined
  /** The command's flags that say which files and where their pictures are; the config adds to them, read again when it changes. */
  flags: { 'asset-root'?: string[] | undefined; include?: string[] | undefined; exclude?: string[] | undefined }
  /** Where a failure of the preview itself (not of an article) is told. */
  onFailure: (error: unknown) => void
}

/** One article of the preview, found by its key (its path from the folder given, with `/`). */
export interface PreviewArticle {
  key: string
  file: MarkdownFile
}

interface Entry extends PreviewArticle {
  shown?: ShownArticle & { assets: Map<string, PreviewAsset>; pictures: string[] }
  /** The latest render started, while it runs. */
  rendering?: Promise<ShownArticle>
  /** Something it shows changed since `shown` was rendered, and no page was open to re-render it for. */
  stale: boolean
}

export interface PreviewSite {
  /** The articles, in the order discovery gives them. */
  articles(): PreviewArticle[]
  /** The article with this key, if the preview shows one. */
  article(key: string): PreviewArticle | undefined
  /** The article's latest render (rendered now when nothing changed since is known). */
  show(article: PreviewArticle): Promise<ShownArticle>
  /** The folder's articles with their status, as `check` reports them. */
  index(): Promise<ShownIndex>
  /** Answers `request` with the events of the article's page (or the index's, for undefined) from now on, and at once when what it shows is not `version`. */
  subscribe(article: PreviewArticle | undefined, version: number, request: IncomingMessage, response: ServerResponse): void
  /** A normalised picture of an article shown, by its file name (a hash). */
  asset(name: string): PreviewAsset | undefined
  /** Stops watching and ends every event stream. */
  close(): void
}

/** Files in the working folder whose change changes the settings: the config (mdwx.config.json, else package.json's `mdwx` key). */
const configNames = [CONFIG_FILE, 'package.json']

/**
 * The state of a live preview: the articles (all of a folder, or one file), the latest render of
 * each page that is open, and the watcher that renders them again when the Markdown, a picture
 * it shows, the theme file or the config is saved. Renders run one refresh at a time; a page
 * that is open is sent each new version over server-sent events, a page that is not is rendered
 * again when it is next asked for.
 */
export async function startPreviewSite(options: PreviewSiteOptions): Promise<PreviewSite> {
  const { cwd, input } = options
  const events = createEventStream()
  let version = 0
  let settings: Promise<FileOptions> | undefined
  const currentSettings = () => (settings ??= fileOptions(options.flags, cwd))
  const entries = new Map<string, Entry>()
  const index: { shown?: ShownIndex; rendering?: Promise<ShownIndex>; stale: boolean } = { stale: true }
  let closed = false

  const topicOf = (entry: PreviewArticle | undefined) => (entry === undefined ? 'index' : `article:${entry.key}`)
  const watched = (topic: string) => events.topics().includes(topic)

  /** The articles there are now; entries already known keep their renders. */
  const discover = async () => {
    const { assetRoots, include, exclude } = await currentSettings()
    const files = await discoverMarkdown([input], { cwd, assetRoots, include: options.folder ? include : undefined, exclude: options.folder ? exclude : undefined })
    const keys = new Set<string>()
    for (const file of files) {
      const key = file.relativePath.split(path.sep).join('/')
      keys.add(key)
      const known = entries.get(key)
      if (known) known.file = file
      else entries.set(key, { key, file, stale: true })
    }
    for (const key of [...entries.keys()]) if (!keys.has(key)) entries.delete(key)
  }

  /** What a render that threw shows: the error (a theme file removed, a broken config) over the last content. */
  const failureMessage = (error: unknown, file: string): ArticleMessage => {
    const message: ArticleMessage = { path: file, severity: 'error', message: error instanceof Error ? error.message : String(error) }
    if (error instanceof MdwxError && error.hint !== undefined) message.hint = error.hint
    return message
  }

  const render = (entry: Entry): Promise<ShownArticle> => {
    const number = ++version
    entry.stale = false
    const rendering = (async () => {
      try {
        const { assetRoots } = await currentSettings()
        const preview = await renderPreview(entry.file.path, { cwd, ...(options.theme === undefined ? {} : { theme: options.theme }), ...(options.math === undefined ? {} : { math: options.math }), ...(assetRoots === undefined ? {} : { assetRoots }), ...(options.folder ? { within: input } : {}) })
        return {
          version: number,
          name: displayPath(entry.file.path, cwd),
          title: preview.article?.title || path.basename(entry.file.path),
          author: preview.article?.author,
          html: preview.html,
          status: preview.status,
          characters: preview.characters,
          limit: preview.limit,
          messages: preview.messages,
          assets: preview.assets,
          pictures: preview.pictures,
        }
      } catch (error) {
        const last = entry.shown
        return {
          version: number,
          name: displayPath(entry.file.path, cwd),
          title: last?.title ?? path.basename(entry.file.path),
          author: last?.author,
          html: last?.html ?? '',
          status: 'failed' as const,
          characters: last?.characters ?? 0,
          limit: maxContentCharacters,
          messages: [failureMessage(error, entry.file.path)],
          assets: last?.assets ?? new Map<string, PreviewAsset>(),
          pictures: last?.pictures ?? [],
        }
      }
    })().then((shown) => {
      // Renders may finish out of order: the newest one started is the one kept.
      if (entry.shown === undefined || shown.version > entry.shown.version) entry.shown = shown
      if (entry.rendering === rendering) delete entry.rendering
      return entry.shown
    })
    entry.rendering = rendering
    return rendering
  }

  const show = (entry: Entry): Promise<ShownArticle> => {
    if (entry.stale) return render(entry)
    return entry.rendering ?? (entry.shown ? Promise.resolve(entry.shown) : render(entry))
  }

  const renderIndex = (): Promise<ShownIndex> => {
    const number = ++version
    index.stale = false
    const rendering = (async (): Promise<ShownIndex> => {
      const name = displayPath(input, cwd) || '.'
      try {
        await discover()
        // As `mdwx check <folder>` would report them, the config's pushes included.
        const report = await check([input], { cwd, ...(options.theme === undefined ? {} : { theme: options.theme }), ...(options.math === undefined ? {} : { math: options.math }), ...(await currentSettings()) })
        const rows: IndexRow[] = []
        for (const entry of entries.values()) {
          // An article split into parts has one result per part: the row adds them up.
          const results = report.articles.filter((article) => article.path === entry.file.path)
          const messages = results.flatMap((article) => article.messages)
          rows.push({
            name: displayPath(entry.file.path, cwd),
            href: articleHref(entry.key),
            title: results[0]?.title ?? '',
            status: results.some((article) => article.status === 'failed') ? 'failed' : (results[0]?.status ?? 'failed'),
            errors: messages.filter((message) => message.severity === 'error').length,
            warnings: messages.filter((message) => message.severity === 'warning').length,
            characters: Math.max(0, ...results.map((article) => article.characters)),
            limit: maxContentCharacters,
          })
        }
        return { version: number, name, rows, problems: [] }
      } catch (error) {
        return { version: number, name, rows: index.shown?.rows ?? [], problems: [failureMessage(error, input)] }
      }
    })().then((shown) => {
      if (index.shown === undefined || shown.version > index.shown.version) index.shown = shown
      if (index.rendering === rendering) delete index.rendering
      return index.shown
    })
    index.rendering = rendering
    return rendering
  }

  const showIndex = (): Promise<ShownIndex> => {
    if (index.stale) return renderIndex()
    return index.rendering ?? (index.shown ? Promise.resolve(index.shown) : renderIndex())
  }

  const targets = (): WatchTarget[] => {
    const wanted: WatchTarget[] = options.folder ? [{ folder: input, recursive: true }] : [{ folder: path.dirname(input) }]
    for (const entry of entries.values()) for (const picture of entry.shown?.pictures ?? []) wanted.push({ folder: path.dirname(picture), names: [path.basename(picture)] })
    if (options.theme !== undefined && /\.css$/i.test(options.theme)) {
      const theme = path.resolve(cwd, options.theme)
      wanted.push({ folder: path.dirname(theme), names: [path.basename(theme)] })
    }
    wanted.push({ folder: cwd, names: configNames })
    return wanted
  }

  /** One refresh after a burst of saves: the settings again if the config changed, the articles again, each open page sent its new version. */
  const refresh = async (changed: readonly string[]) => {
    if (changed.some((file) => path.dirname(file) === cwd && configNames.includes(path.basename(file)))) settings = undefined
    // A config that no longer reads keeps the articles known; their pages say what is wrong with it.
    if (options.folder) await discover().catch(() => undefined)
    const sends: Array<Promise<void>> = []
    for (const entry of entries.values()) {
      const topic = topicOf(entry)
      if (!watched(topic)) {
        entry.stale = true
        continue
      }
      sends.push(render(entry).then((shown) => events.send(topic, 'update', articleUpdate(shown, cwd))))
    }
    if (options.folder) {
      if (watched('index')) sends.push(renderIndex().then((shown) => events.send('index', 'update', indexUpdate(shown, cwd))))
      else index.stale = true
    }
    await Promise.all(sends)
    await watcher.setTargets(targets())
  }

  let pending = new Set<string>()
  let running: Promise<void> | undefined
  const changed = (paths: string[]) => {
    for (const file of paths) pending.add(file)
    running ??= (async () => {
      while (pending.size > 0 && !closed) {
        const paths = [...pending]
        pending = new Set()
        await refresh(paths).catch(options.onFailure)
      }
      running = undefined
    })()
  }

  await discover()
  const watcher: FileWatcher = await watchFiles(targets(), changed)

  return {
    articles: () => [...entries.values()].map(({ key, file }) => ({ key, file })),
    article: (key) => {
      const entry = entries.get(key)
      return entry && { key: entry.key, file: entry.file }
    },
    show: async (article) => {
      const entry = entries.get(article.key)
      const shown = await (entry ? show(entry) : Promise.reject(new Error(`${article.key} is no longer previewed`)))
      // Pictures found by this render are watched from now on.
      await watcher.setTargets(targets())
      return shown
    },
    index: showIndex,
    subscribe(article, since, request, response) {
      const topic = topicOf(article)
      events.subscribe(topic, request, response)
      const entry = article && entries.get(article.key)
      const latest = article === undefined ? showIndex().then((shown) => indexUpdate(shown, cwd)) : entry ? show(entry).then((shown) => articleUpdate(shown, cwd)) : undefined
      void latest
        ?.then((update) => {
          if (update.version !== since) events.send(topic, 'update', update)
        })
        .catch(options.onFailure)
    },
    asset(name) {
      for (const entry of entries.values()) {
        const asset = entry.shown?.assets.get(name)
        if (asset) return asset
      }
      return undefined
    },
    close() {
      closed = true
      watcher.close()
      events.close()
    },
  }
}

/** The page of one article of a folder: its key, each segment URL-encoded. */
export function articleHref(key: string): string {
  return `/article/${key.split('/').map(encodeURIComponent).join('/')}`
}
