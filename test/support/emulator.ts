import { DEMO_APP_ID, DEMO_APP_SECRET, type Emulator, type StoredArticle } from '@mdwx/emulator'

/** The environment `mdwx publish` needs to publish to `emulator`, with its token cache in `cacheHome`. */
export function emulatorEnv(emulator: Emulator, cacheHome: string, account = { appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET }): Record<string, string> {
  return {
    WEIXIN_API_BASE: emulator.url,
    WEIXIN_APPID: account.appId,
    WEIXIN_APPSECRET: account.appSecret,
    XDG_CACHE_HOME: cacheHome,
  }
}

/** Calls to article endpoints (create, update, submit): what "nothing was published" counts. */
export const articlePaths = ['material/add_news', 'material/update_news', 'draft/add', 'draft/update', 'freepublish/submit'] as const
export const uploadPaths = ['media/uploadimg', 'material/add_material'] as const

export function callsTo(emulator: Emulator, paths: readonly string[]): number {
  return paths.reduce((sum, path) => sum + emulator.state.count(path), 0)
}

/**
 * How many times the picture with this source hash reached Weixin, body image or cover: mdwx names
 * each upload after the first 16 hex digits of its source hash.
 */
export function timesUploaded(emulator: Emulator, sourceHash: string, as: 'image' | 'cover' = 'image'): number {
  const prefix = `${as === 'cover' ? 'cover-' : ''}${sourceHash.slice(0, 16)}.`
  const images = emulator.state.images.filter((image) => image.filename.startsWith(prefix)).length
  const materials = [...emulator.state.materials.values()].filter((material) => material.filename.startsWith(prefix)).length
  return images + materials
}

/** Every upload's file name, body images and materials together. */
export function uploadedFilenames(emulator: Emulator): string[] {
  return [...emulator.state.images.map((image) => image.filename), ...[...emulator.state.materials.values()].map((material) => material.filename)]
}

/** Every article in the draft box, with its draft's media_id. */
export function draftArticles(emulator: Emulator): Array<StoredArticle & { mediaId: string }> {
  return [...emulator.state.drafts.values()].flatMap((draft) => draft.articles.map((article) => ({ ...article, mediaId: draft.mediaId })))
}

/** The `src` of every `<img>` in some HTML. */
export function imageSources(html: string): string[] {
  return [...html.matchAll(/<img\b[^>]*?\ssrc="([^"]*)"/g)].map((match) => match[1]!.replaceAll('&amp;', '&'))
}
