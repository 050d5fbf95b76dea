import type { ImageRef } from '@mdwx/render'
import type { RenderedArticle } from './render-in-process.js'

/** Messages between a RenderPool and its workers. */
export type ToWorker =
  | { type: 'render'; id: number; path: string; source: string; wantsImages: boolean }
  | { type: 'resolved'; requestId: number; url: string }
  | { type: 'resolved'; requestId: number; error: { message: string; hint?: string; code?: string } }

export type FromWorker =
  | { type: 'resolve'; id: number; requestId: number; ref: ImageRef }
  | { type: 'done'; id: number; result: RenderedArticle }
  | { type: 'crash'; id: number; error: string }
