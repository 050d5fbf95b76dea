import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * Server-sent events (`text/event-stream`) by topic: pages subscribe to what they show (an
 * article, the list of a folder) and get each new version of it as one event. Plain `node:http`:
 * an event is `event: <name>` and one `data:` line of JSON (JSON.stringify escapes line breaks).
 */
export interface EventStream {
  /** Answers `request` with a stream of `topic`'s events until the page goes away or the stream closes. */
  subscribe(topic: string, request: IncomingMessage, response: ServerResponse): void
  /** Sends one event to every page subscribed to `topic`. */
  send(topic: string, event: string, data: unknown): void
  /** The topics some page is subscribed to now. */
  topics(): string[]
  /** Ends every stream, so that the server can close. */
  close(): void
}

/** A comment line now and then: an idle connection is not taken for a dead one by anything in between. */
const keepAliveMs = 15_000

export function createEventStream(): EventStream {
  const subscribers = new Map<string, Set<ServerResponse>>()
  let closed = false
  const keepAlive = setInterval(() => {
    for (const responses of subscribers.values()) for (const response of responses) response.write(': keep-alive\n\n')
  }, keepAliveMs)
  keepAlive.unref()

  return {
    subscribe(topic, request, response) {
      if (closed) {
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('mdwx preview is stopping')
        return
      }
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      })
      // The browser reconnects a second after a lost connection (the default is 3 s).
      response.write('retry: 1000\n\n')
      let responses = subscribers.get(topic)
      if (!responses) subscribers.set(topic, (responses = new Set()))
      responses.add(response)
      const gone = () => {
        responses.delete(response)
        if (responses.size === 0 && subscribers.get(topic) === responses) subscribers.delete(topic)
      }
      request.on('close', gone)
      response.on('close', gone)
    },
    send(topic, event, data) {
      const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
      for (const response of subscribers.get(topic) ?? []) response.write(message)
    },
    topics: () => [...subscribers.keys()],
    close() {
      closed = true
      clearInterval(keepAlive)
      for (const responses of subscribers.values()) for (const response of responses) response.end()
      subscribers.clear()
    },
  }
}
