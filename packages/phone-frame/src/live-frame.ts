/** What a live page is told when what it shows has changed: one server-sent `update` event. */
export interface LiveFrameUpdate {
  /** Increases with every render: the page marks the version it shows (`<html data-version>`). */
  version: number
  /** The document's title. */
  title: string
  /** The inside of elements of the page by id (the title, the line under it, a panel of problems). */
  parts: Record<string, string>
  /** The article's content, when the page shows one; absent: kept as it is. */
  html?: string
}

export interface LiveFrameSettings {
  /** Where the page's server-sent events come from (an EventSource URL on the page's origin). */
  eventsUrl: string
  /** The element holding the article's content (frameIds.content); none on a page of no article. */
  contentId: string
  /** A `<style>` of the frame's dark CSS, switched on and off by its `media`. */
  darkStyleId: string
  /** A checkbox: checked, the page is shown dark. */
  toggleId: string
  /** Where the choice of dark or light is kept between pages (localStorage). */
  storageKey: string
  /** The arguments of useCjkFallback. */
  cjk: { family: string; weights: readonly number[]; holdId: string }
}

/** The frame's in-page functions that a live page uses, given rather than imported: the function runs from its source. */
export interface LiveFrameHelpers {
  applyDarkScheme: (rootSelector: string) => void
  useCjkFallback: (settings: LiveFrameSettings['cjk']) => Promise<number>
}

/**
 * Runs in the page: keeps it showing the latest version of what it shows without a reload. Each
 * `update` event replaces the elements it names and the article's content in place (the new
 * content built apart and its pictures decoded first, so the page does not jump), keeps the
 * scroll position, and treats the content as the frame does: dark when dark is on, the CJK faces
 * loaded for its text. The light/dark switch re-shows the content as sent, then darkened when
 * dark: `applyDarkScheme` rewrites colours in place, so going back to light needs the original.
 */
export function startLiveFrame(settings: LiveFrameSettings, helpers: LiveFrameHelpers): void {
  const root = document.documentElement
  const content = document.getElementById(settings.contentId)
  let original = content?.innerHTML ?? ''
  const remembered = (): boolean => {
    try {
      return localStorage.getItem(settings.storageKey) === 'dark'
    } catch {
      return false
    }
  }
  let dark = remembered()
  const fonts = () =>
    helpers.useCjkFallback(settings.cjk).catch(() => {
      document.getElementById(settings.cjk.holdId)?.remove()
      return 0
    })
  const scheme = (reshow: boolean) => {
    const style = document.getElementById(settings.darkStyleId)
    if (style instanceof HTMLStyleElement) style.media = dark ? 'all' : 'not all'
    root.dataset['scheme'] = dark ? 'dark' : 'light'
    root.style.colorScheme = dark ? 'dark' : 'light'
    const toggle = document.getElementById(settings.toggleId)
    if (toggle instanceof HTMLInputElement) toggle.checked = dark
    if (!content) return
    if (reshow) content.innerHTML = original
    if (dark) helpers.applyDarkScheme(`#${settings.contentId}`)
  }

  const apply = async (update: LiveFrameUpdate) => {
    let fresh: HTMLElement | undefined
    if (content && update.html !== undefined) {
      fresh = document.createElement('div')
      fresh.innerHTML = update.html
      await Promise.all(Array.from(fresh.querySelectorAll('img'), (image) => image.decode().catch(() => undefined)))
    }
    const x = window.scrollX
    const y = window.scrollY
    for (const [id, html] of Object.entries(update.parts)) {
      const element = document.getElementById(id)
      if (element) element.innerHTML = html
    }
    if (content && fresh && update.html !== undefined) {
      original = update.html
      content.replaceChildren(...Array.from(fresh.childNodes))
      if (dark) helpers.applyDarkScheme(`#${settings.contentId}`)
    }
    document.title = update.title
    window.scrollTo(x, y)
    root.dataset['version'] = String(update.version)
    await fonts()
  }

  if (dark) scheme(false)
  void fonts()
  document.getElementById(settings.toggleId)?.addEventListener('change', (event) => {
    dark = (event.target as HTMLInputElement).checked
    try {
      localStorage.setItem(settings.storageKey, dark ? 'dark' : 'light')
    } catch {
      // Storage refused (a private window): the choice lasts for this page.
    }
    scheme(true)
    void fonts()
  })

  // Updates are applied one after the other, in the order they came.
  let queue = Promise.resolve()
  const events = new EventSource(settings.eventsUrl)
  events.addEventListener('update', (event) => {
    const update = JSON.parse((event as MessageEvent<string>).data) as LiveFrameUpdate
    queue = queue.then(() => apply(update)).catch(() => undefined)
  })
  events.addEventListener('open', () => (root.dataset['connection'] = 'live'))
  events.addEventListener('error', () => (root.dataset['connection'] = 'lost'))
}
