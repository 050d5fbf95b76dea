import { UsageError } from './usage-error.js'

/**
 * Why a server could not listen on the port the user chose, as a usage error (exit 2) that says
 * what to do; any other failure is returned as it is.
 */
export function listenError(error: unknown, port: number): unknown {
  const code = (error as { code?: unknown } | undefined)?.code
  const hint = 'Choose another with --port, or leave --port out for a free one.'
  if (code === 'EADDRINUSE') return new UsageError(`Cannot listen on port ${port}: it is in use.`, hint)
  if (code === 'EACCES') return new UsageError(`Cannot listen on port ${port}: not allowed (ports below 1024 need privileges).`, hint)
  return error
}
