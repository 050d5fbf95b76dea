import type { IncomingMessage } from 'node:http'

/** Larger than any upload Weixin accepts (10 MB), so size errors come from the endpoints. */
export const maxBodyBytes = 32 * 1024 * 1024

/** The whole request body, or `undefined` when it exceeds `maxBodyBytes`. */
export async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBodyBytes) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
