import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { ImageUrlFor, RenderedArticle } from './render-in-process.js'
import type { FromWorker, ToWorker } from './render-protocol.js'
import type { RenderSettings } from './render-settings.js'

export interface RenderPool {
  render(path: string, source: string, imageUrlFor?: ImageUrlFor): Promise<RenderedArticle>
  close(): Promise<void>
}

// Below this many articles a worker's start-up (loading unified, the grammars, the theme: about
// 0.4 s of CPU, and a JIT of its own to warm) costs more than rendering them on this thread.
const articlesPerThreadWorthStarting = 24

/**
 * How many render threads a run of `articles` articles should use (0: render on this thread).
 * One core stays with this thread, which loads, hashes and normalises the pictures (libvips uses
 * every core it is given) and talks to Weixin. Measured on 2 cores (README, "Render threads"): render
 * threads never paid, for publish (100 articles, 500 pictures: 1.5–4 s slower, 1.7–2.2 s more
 * CPU), for convert of 128 corpus articles (no faster, 0.5–1.5 s more CPU) or for 36 long
 * articles without pictures (slower); so they start only on 3 cores or more.
 */
export function renderThreadsFor(articles: number): number {
  // Workers run the compiled render-worker.js; from TypeScript sources (tests) render in-process.
  if (!import.meta.url.endsWith('.js')) return 0
  const threads = Math.min(availableParallelism() - 1, Math.floor(articles / articlesPerThreadWorthStarting))
  return threads >= 2 ? threads : 0
}

export function createRenderPool(settings: RenderSettings, threads: number): RenderPool {
  return threads <= 0 ? createInProcessPool(settings) : createWorkerPool(settings, threads)
}

/**
 * Renders on this thread. The pipeline (unified, the grammars, the theme: about 0.4 s of CPU) is
 * loaded on the first article, so a run that renders nothing never pays for it.
 */
function createInProcessPool(settings: RenderSettings): RenderPool {
  let renderer: Promise<(path: string, source: string, imageUrlFor?: ImageUrlFor) => Promise<RenderedArticle>> | undefined
  return {
    async render(path, source, imageUrlFor) {
      renderer ??= import('./render-in-process.js').then(({ createInProcessRenderer }) => createInProcessRenderer(settings))
      return (await renderer)(path, source, imageUrlFor)
    },
    close: async () => {},
  }
}

interface Job {
  resolve: (result: RenderedArticle) => void
  reject: (error: Error) => void
  imageUrlFor: ImageUrlFor | undefined
  worker: PoolWorker
}

interface PoolWorker {
  thread: Worker
  inFlight: number
}

function createWorkerPool(settings: RenderSettings, threads: number): RenderPool {
  const jobs = new Map<number, Job>()
  let nextId = 0
  const workers: PoolWorker[] = Array.from({ length: threads }, () => {
    const worker: PoolWorker = { thread: new Worker(new URL('./render-worker.js', import.meta.url), { workerData: settings }), inFlight: 0 }
    worker.thread.on('message', (message: FromWorker) => onMessage(worker, message))
    worker.thread.on('error', (error) => failJobsOf(worker, error))
    return worker
  })

  function onMessage(worker: PoolWorker, message: FromWorker): void {
    const job = jobs.get(message.id)
    if (!job) return
    if (message.type === 'resolve') {
      answerImage(worker, job, message.requestId, message.ref)
      return
    }
    jobs.delete(message.id)
    worker.inFlight--
    if (message.type === 'done') job.resolve(message.result)
    else job.reject(new Error(`Rendering failed in a worker thread:\n${message.error}`))
  }

  function answerImage(worker: PoolWorker, job: Job, requestId: number, ref: Parameters<ImageUrlFor>[0]): void {
    const reply = (message: ToWorker): void => worker.thread.postMessage(message)
    if (!job.imageUrlFor) return reply({ type: 'resolved', requestId, url: ref.src })
    job.imageUrlFor(ref).then(
      (url) => reply({ type: 'resolved', requestId, url }),
      (error: unknown) => {
        const { message, hint, code } = error as { message?: unknown; hint?: unknown; code?: unknown }
        const detail: { message: string; hint?: string; code?: string } = { message: String(message ?? error) }
        if (typeof hint === 'string') detail.hint = hint
        if (typeof code === 'string') detail.code = code
        reply({ type: 'resolved', requestId, error: detail })
      },
    )
  }

  function failJobsOf(worker: PoolWorker, error: Error): void {
    for (const [id, job] of jobs) {
      if (job.worker !== worker) continue
      jobs.delete(id)
      job.reject(error)
    }
  }

  return {
    render(path, source, imageUrlFor) {
      // The least busy thread: articles waiting on images must not hold up the others.
      const worker = workers.reduce((best, candidate) => (candidate.inFlight < best.inFlight ? candidate : best))
      const id = nextId++
      worker.inFlight++
      return new Promise<RenderedArticle>((resolve, reject) => {
        jobs.set(id, { resolve, reject, imageUrlFor, worker })
        const message: ToWorker = { type: 'render', id, path, source, wantsImages: imageUrlFor !== undefined }
        worker.thread.postMessage(message)
      })
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.thread.terminate()))
    },
  }
}
