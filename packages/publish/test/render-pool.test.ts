import { access } from 'node:fs/promises'
import { isMdwxError } from '@mdwx/errors'
import { describe, expect, it } from 'vitest'
import type * as RenderPoolModule from '../src/render-pool.js'

// Render threads run the compiled render-worker.js, so these tests load the compiled pool from
// dist/ (built by `tsc -b`, which `pnpm test` runs first); from src/ the pool finds no worker file.
const compiledPool = new URL('../dist/render-pool.js', import.meta.url)

async function loadPool(): Promise<typeof RenderPoolModule> {
  await access(new URL('render-worker.js', compiledPool)).catch(() => {
    throw new Error('packages/publish/dist is not built: run `npx tsc -b` first.')
  })
  return (await import(compiledPool.href)) as typeof RenderPoolModule
}

const settings = { theme: { builtIn: 'default' } }

function expectThreadDied(error: unknown): void {
  expect(isMdwxError(error, 'MDWX_RENDER_THREAD_DIED'), String(error)).toBe(true)
}

describe('render pool threads', () => {
  it('rejects the article of a thread that crashes and renders later articles on the threads left', async () => {
    const { createRenderPool, renderThreadsOf } = await loadPool()
    const pool = createRenderPool(settings, 2)
    try {
      // An article that waits for its picture's URL (never given) stays in flight on its thread.
      let asked!: () => void
      const askedForImage = new Promise<void>((resolve) => (asked = resolve))
      const waiting = pool.render('waiting.md', '# Waits\n\n![a picture](a.png)\n', () => {
        asked()
        return new Promise<string>(() => {})
      })
      const settled = waiting.then(
        () => 'resolved',
        (error: unknown) => error,
      )
      await askedForImage
      // Both threads were idle, so the article went to the first one (the least busy, first on a
      // tie). A message the worker cannot read throws in its message handler: an uncaught
      // exception, so the thread emits 'error' and exits, as a real crash does.
      const [crashing, other] = renderThreadsOf(pool)
      crashing!.postMessage(null)
      expectThreadDied(await settled)
      expect(renderThreadsOf(pool)).toHaveLength(1)
      expect(renderThreadsOf(pool)[0]).toBe(other)

      const results = await Promise.all([pool.render('one.md', 'One.\n'), pool.render('two.md', 'Two.\n')])
      expect(results.map((result) => result.html)).toEqual([expect.stringContaining('One'), expect.stringContaining('Two')])
    } finally {
      await pool.close()
    }
  }, 20_000)

  it('rejects at once, with a coded error, once every thread has stopped; close() still works', async () => {
    const { createRenderPool, renderThreadsOf } = await loadPool()
    const pool = createRenderPool(settings, 2)
    // terminate() resolves on the thread's 'exit' event, after the pool has seen it.
    await Promise.all(renderThreadsOf(pool).map((thread) => thread.terminate()))
    expect(renderThreadsOf(pool)).toHaveLength(0)

    const error = await pool.render('late.md', '# Late\n').then(
      () => undefined,
      (error: unknown) => error,
    )
    expectThreadDied(error)
    await pool.close()
  }, 20_000)
})
