import { watch, type FSWatcher } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'

/** A folder to watch. */
export interface WatchTarget {
  folder: string
  /** Its sub-folders too, skipping `node_modules` and dot-folders (as a folder of Markdown is read). */
  recursive?: boolean
  /** Only these entries of the folder (a theme file, the config file); default: every entry. */
  names?: readonly string[]
}

export interface FileWatcher {
  /** Watches these targets from now on, in place of the previous ones (a changed config names other folders). */
  setTargets(targets: readonly WatchTarget[]): Promise<void>
  /** The folders watched now, for tests and messages. */
  folders(): string[]
  /** Stops watching; no change is reported after it. */
  close(): void
}

export interface WatchOptions {
  /** Quiet after the last event of a burst before it is reported, in ms; default 25. */
  settle?: number
  /** The longest a burst waits for quiet, from its first event, in ms; default 100. */
  maxWait?: number
  /** The most folders watched (a preview started in a home folder must not watch all of it); default 2,000. */
  maxFolders?: number
}

/** Files an editor writes beside the one it saves: vim's swap and test files, backups. Never reported. */
function isEditorLitter(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || name === '4913' || /\.(swp|swx|tmp)$/i.test(name)
}

/**
 * Watches folders with `fs.watch`, one watcher per folder (editors that save by writing a new
 * file and renaming it over the old one replace the file a file watcher would hold, but not its
 * folder), and reports the changed paths once a burst of events is over: an editor that writes
 * twice, or a save of many files, is one change. A burst is reported `settle` ms after its last
 * event, and at the latest `maxWait` ms after its first. Folders that appear below a recursive
 * target are watched from the next report on; folders that disappear are dropped.
 */
export async function watchFiles(targets: readonly WatchTarget[], onChange: (paths: string[]) => void, options: WatchOptions = {}): Promise<FileWatcher> {
  const settle = options.settle ?? 25
  const maxWait = options.maxWait ?? 100
  const maxFolders = options.maxFolders ?? 2_000
  const watchers = new Map<string, { watcher: FSWatcher; names: ReadonlySet<string> | undefined }>()
  let current: readonly WatchTarget[] = []
  let closed = false
  let changed = new Set<string>()
  let settleTimer: NodeJS.Timeout | undefined
  let maxTimer: NodeJS.Timeout | undefined

  const flush = () => {
    clearTimeout(settleTimer)
    clearTimeout(maxTimer)
    settleTimer = maxTimer = undefined
    if (closed || changed.size === 0) return
    const paths = [...changed]
    changed = new Set()
    // New sub-folders are watched before the change is reported, so a picture saved into one
    // right after is not missed.
    const rewatch = current.some((target) => target.recursive === true) ? apply(current) : Promise.resolve()
    void rewatch.then(() => {
      if (!closed) onChange(paths)
    })
  }

  const noted = (folder: string, names: ReadonlySet<string> | undefined) => (_event: string, filename: string | Buffer | null) => {
    if (closed) return
    const name = filename === null ? undefined : filename.toString()
    if (name !== undefined && (names ? !names.has(name) : isEditorLitter(path.basename(name)))) return
    changed.add(name === undefined ? folder : path.join(folder, name))
    clearTimeout(settleTimer)
    settleTimer = setTimeout(flush, settle)
    maxTimer ??= setTimeout(flush, maxWait)
  }

  /** Every folder the targets mean, with the names watched in it (undefined: all). */
  const expand = async (wanted: readonly WatchTarget[]): Promise<Map<string, Set<string> | undefined>> => {
    const folders = new Map<string, Set<string> | undefined>()
    const add = (folder: string, names: readonly string[] | undefined) => {
      if (!folders.has(folder) && folders.size >= maxFolders) return false
      const had = folders.get(folder)
      if (names === undefined || (folders.has(folder) && had === undefined)) folders.set(folder, undefined)
      else folders.set(folder, new Set([...(had ?? []), ...names]))
      return true
    }
    for (const target of wanted) {
      const root = path.resolve(target.folder)
      if (!target.recursive) {
        add(root, target.names)
        continue
      }
      const queue = [root]
      while (queue.length > 0) {
        const folder = queue.shift()!
        const entries = await readdir(folder, { withFileTypes: true }).catch(() => undefined)
        if (entries === undefined || !add(folder, undefined)) continue
        for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') queue.push(path.join(folder, entry.name))
      }
    }
    return folders
  }

  const apply = async (wanted: readonly WatchTarget[]) => {
    const folders = await expand(wanted)
    if (closed) return
    for (const [folder, { watcher, names }] of watchers) {
      const next = folders.get(folder)
      const same = folders.has(folder) && (next === undefined ? names === undefined : names !== undefined && next.size === names.size && [...next].every((name) => names.has(name)))
      if (same) continue
      watcher.close()
      watchers.delete(folder)
    }
    for (const [folder, names] of folders) {
      if (watchers.has(folder)) continue
      try {
        const watcher = watch(folder, { persistent: false }, noted(folder, names))
        // A folder removed while watched: dropped here, and from the next expansion.
        watcher.on('error', () => {
          watcher.close()
          if (watchers.get(folder)?.watcher === watcher) watchers.delete(folder)
        })
        watchers.set(folder, { watcher, names })
      } catch {
        // Not there (yet): an asset folder the config names, a theme's folder. Its parent, when
        // watched, reports it appearing.
      }
    }
  }

  const fileWatcher: FileWatcher = {
    async setTargets(targets) {
      current = [...targets]
      await apply(current)
    },
    folders: () => [...watchers.keys()],
    close() {
      closed = true
      clearTimeout(settleTimer)
      clearTimeout(maxTimer)
      for (const { watcher } of watchers.values()) watcher.close()
      watchers.clear()
    },
  }
  await fileWatcher.setTargets(targets)
  return fileWatcher
}
