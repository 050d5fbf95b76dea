/** The command line itself was wrong (unknown flag, missing path, missing credentials): exit 2. */
export class UsageError extends Error {
  readonly code = 'MDWX_USAGE'
  readonly hint: string | undefined

  constructor(message: string, hint?: string) {
    super(message)
    this.name = 'UsageError'
    this.hint = hint
  }
}
