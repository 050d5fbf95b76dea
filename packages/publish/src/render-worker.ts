import { parentPort, workerData } from 'node:worker_threads'
import type { ImageRef } from '@mdwx/render'
import { createInProcessRenderer } from './render-in-process.js'
import type { RenderSettings } from './render-settings.js'
import type { FromWorker, ToWorker } from './render-protocol.js'

// One render thread of a RenderPool: renders what it is sent, asks the main thread for image
// URLs (image work stays there, where the uploads and the lock file are).
const port = parentPort!
const render = createInProcessRenderer(workerData as RenderSettings)
const pendingImages = new Map<number, { resolve: (url: string) => void; reject: (error: Error) => void }>()
let nextRequest = 0

const send = (message: FromWorker): void => port.postMessage(message)

port.on('message', (message: ToWorker) => {
  if (message.type === 'resolved') {
    const pending = pendingImages.get(message.requestId)
    pendingImages.delete(message.requestId)
    if (!pending) return
    if ('url' in message) pending.resolve(message.url)
    else pending.reject(Object.assign(new Error(message.error.message), message.error))
    return
  }
  const { id, path, source, wantsImages } = message
  const imageUrlFor = wantsImages
    ? (ref: ImageRef) =>
        new Promise<string>((resolve, reject) => {
          const requestId = nextRequest++
          pendingImages.set(requestId, { resolve, reject })
          send({ type: 'resolve', id, requestId, ref })
        })
    : undefined
  render(path, source, imageUrlFor).then(
    (result) => send({ type: 'done', id, result }),
    (error: unknown) => send({ type: 'crash', id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  )
})
