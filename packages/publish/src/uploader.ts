import type { NormalizedImage } from '@mdwx/images'
import type { WeixinClient } from '@mdwx/weixin'
import { MdwxError } from '@mdwx/errors'
import type { CatalogCover, CatalogImage } from './image-catalog.js'
import { extensionOf } from './local-images.js'
import type { AccountLock, LockFile, UploadedCover, UploadedImage } from './lock-file.js'

export interface UploadCounters {
  uploaded: number
  bytes: number
}

/** An upload's result, and whether this caller caused it (for per-article counts). */
export interface UploadOutcome<T> {
  uploaded: T
  fresh: boolean
}

type Run = <T>(task: () => Promise<T>) => Promise<T>

function filenameOf(prefix: string, sourceHash: string, normalized: NormalizedImage): string {
  return `${prefix}${sourceHash.slice(0, 16)}.${extensionOf[normalized.format]}`
}

/**
 * Uploads each distinct picture once per run and records it in the lock file as soon as Weixin
 * confirmed it, so a run killed at any point resumes without uploading anything twice.
 */
export function createUploader(client: WeixinClient, lock: LockFile, account: AccountLock, run: Run, counters: UploadCounters) {
  const pending = new Map<string, Promise<unknown>>()

  /**
   * One upload per key for the whole run; later callers share the first one's promise. Only the
   * request holds a concurrency slot: once Weixin has answered, the next upload starts while this
   * one is recorded. The promise resolves once the record is on disk, so nothing that depends on
   * the upload (the article) is done before a killed run could know about it.
   */
  async function once<T>(key: string, known: T | undefined, upload: () => Promise<T>, record: (uploaded: T) => void): Promise<UploadOutcome<T>> {
    // This run's own uploads first: `known` is set as soon as Weixin answers, before the save.
    const shared = pending.get(key) as Promise<T> | undefined
    if (shared) return { uploaded: await shared, fresh: false }
    if (known !== undefined) return { uploaded: known, fresh: false }
    const mine = run(upload).then(async (uploaded) => {
      record(uploaded)
      await lock.save()
      return uploaded
    })
    pending.set(key, mine)
    return { uploaded: await mine, fresh: true }
  }

  function count(normalized: NormalizedImage): void {
    counters.uploaded++
    counters.bytes += normalized.bytes
  }

  return {
    /**
     * Resolves once every upload begun has been answered and, if it succeeded, recorded on disk.
     * An article stops waiting at its first failed upload; its other pictures may still be on the
     * wire, and what Weixin stores must reach the lock file before the run reports back.
     */
    async settled(): Promise<void> {
      await Promise.allSettled(pending.values())
    },

    image(image: CatalogImage): Promise<UploadOutcome<UploadedImage>> {
      return once(
        `image:${image.sourceHash}`,
        image.uploaded,
        async () => {
          const normalized = image.normalized!
          const file = { data: normalized.data, filename: filenameOf('', image.sourceHash, normalized) }
          // An animated GIF goes to the material library: uploadimg keeps only JPG/PNG, so it would stop moving.
          const uploaded: UploadedImage =
            normalized.api === 'material'
              ? await client.addMaterial({ type: 'image', ...file }).then(({ mediaId, url }) => ({ api: 'material' as const, mediaId, url: requireMaterialUrl(url, mediaId) }))
              : await client.uploadArticleImage(file).then(({ url }) => ({ api: 'uploadimg' as const, url }))
          count(normalized)
          return uploaded
        },
        (uploaded) => {
          account.images[image.sourceHash] = uploaded
          image.uploaded = uploaded
          image.normalized = undefined
        },
      )
    },

    cover(cover: CatalogCover): Promise<UploadOutcome<UploadedCover>> {
      return once(
        `cover:${cover.sourceHash}`,
        cover.uploaded,
        async () => {
          const normalized = cover.normalized!
          const filename = filenameOf('cover-', cover.sourceHash, normalized)
          const { mediaId, url } = await client.addMaterial({ type: 'image', data: normalized.data, filename })
          count(normalized)
          // The crops go with the cover into the lock file: a later run sends the same without choosing again.
          const uploaded: UploadedCover = url === undefined ? { mediaId } : { mediaId, url }
          if (cover.crops !== undefined) uploaded.crops = cover.crops
          return uploaded
        },
        (uploaded: UploadedCover) => {
          account.covers[cover.sourceHash] = uploaded
          cover.uploaded = uploaded
          cover.normalized = undefined
        },
      )
    },
  }
}

export type Uploader = ReturnType<typeof createUploader>

/** add_material answers an image with its URL; without one the picture cannot be shown in an article. */
function requireMaterialUrl(url: string | undefined, mediaId: string): string {
  if (url !== undefined && url !== '') return url
  throw new MdwxError('MDWX_WEIXIN_NO_URL', `Weixin stored an animated picture (media_id ${mediaId}) but answered without its URL.`, {
    hint: 'Run again: the picture is uploaded anew. If it persists, replace the animation with a still picture.',
  })
}
