import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { MdwxError } from '@mdwx/errors'
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
  path: string
  resolve: (result: RenderedArticle) => void
  reject: (error: Error) => void
  imageUrlFor: ImageUrlFor | undefined
  worker: PoolWorker
}

interface PoolWorker {
  thread: Worker
  inFlight: number
}

// Test-only: the threads of each worker pool still in use, so a test can kill one for real
// (render-pool.test.ts). Not exported from the package's index.
const threadsOfPool = new WeakMap<RenderPool, () => readonly Worker[]>()

/** The threads a worker pool still renders on (empty for an in-process pool). For tests only. */
export function renderThreadsOf(pool: RenderPool): readonly Worker[] {
  return threadsOfPool.get(pool)?.() ?? []
}

function createWorkerPool(settings: RenderSettings, threads: number): RenderPool {
  const jobs = new Map<number, Job>()
  let nextId = 0
  let closed = false
  // A thread that errors or exits is dropped, not replaced: what killed it (a bug in the
  // renderer, running out of memory, a worker file that fails to load) would most likely kill
  // its replacement too, and a pool that restarts threads needs a limit to not restart forever.
  // Dropping cannot loop: the run goes on with the threads left, or fails at once with none.
  const workers: PoolWorker[] = Array.from({ length: threads }, () => {
    const worker: PoolWorker = { thread: new Worker(new URL('./render-worker.js', import.meta.url), { workerData: settings }), inFlight: 0 }
    worker.thread.on('message', (message: FromWorker) => onMessage(worker, message))
    // 'error' (an uncaught exception in the thread) is followed by 'exit'; the first one drops it.
    worker.thread.on('error', (error) => drop(worker, error))
    worker.thread.on('exit', (code) => drop(worker, new Error(`The render thread exited with code ${code}.`)))
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
    // A message to a thread that has stopped is dropped: harmless, its job is already rejected.
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

  /** Takes a stopped thread out of the pool and rejects the articles it was rendering. */
  function drop(worker: PoolWorker, cause: Error): void {
    const index = workers.indexOf(worker)
    if (index === -1) return
    workers.splice(index, 1)
    worker.inFlight = 0
    for (const [id, job] of jobs) {
      if (job.worker !== worker) continue
      jobs.delete(id)
      job.reject(
        closed
          ? new MdwxError('MDWX_RENDER_POOL_CLOSED', `The render pool was closed while ${job.path} was rendering.`, { cause })
          : new MdwxError('MDWX_RENDER_THREAD_DIED', `A render thread stopped while rendering ${job.path}: ${cause.message}`, {
              cause,
              hint: `${workers.length} render thread(s) left. If this repeats, render on the main thread (threads: 0).`,
            }),
      )
    }
  }

  const pool: RenderPool = {
    render(path, source, imageUrlFor) {
      if (closed) return Promise.reject(new MdwxError('MDWX_RENDER_POOL_CLOSED', `Cannot render ${path}: the render pool is closed.`))
      if (workers.length === 0) {
        return Promise.reject(
          new MdwxError('MDWX_RENDER_THREAD_DIED', `Cannot render ${path}: every render thread has stopped.`, {
            hint: 'Render on the main thread (threads: 0); the earlier errors say why the threads stopped.',
          }),
        )
      }
      // The least busy thread: articles waiting on images must not hold up the others.
      const worker = workers.reduce((best, candidate) => (candidate.inFlight < best.inFlight ? candidate : best))
      const id = nextId++
      return new Promise<RenderedArticle>((resolve, reject) => {
        const message: ToWorker = { type: 'render', id, path, source, wantsImages: imageUrlFor !== undefined }
        worker.thread.postMessage(message) // throws (rejecting this promise) before the job is counted
        jobs.set(id, { path, resolve, reject, imageUrlFor, worker })
        worker.inFlight++
      })
    },
    async close() {
      closed = true
      // Threads that already stopped are out of `workers`; their jobs are already rejected.
      await Promise.all(workers.map((worker) => worker.thread.terminate()))
    },
  }
  threadsOfPool.set(pool, () => workers.map((worker) => worker.thread))
  return pool
}
