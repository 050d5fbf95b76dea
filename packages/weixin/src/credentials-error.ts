import { MdwxError } from '@mdwx/errors'

/**
 * The environment does not say how to reach an account: variables missing, or a relay given by
 * half. The message names variables, never their values.
 */
export class WeixinCredentialsError extends MdwxError {
  /** The variables to set (empty when the problem is a value, not a missing variable). */
  readonly missing: readonly string[]

  constructor(message: string, options: { hint?: string | undefined; missing?: readonly string[] } = {}) {
    super('MDWX_CREDENTIALS', message, { hint: options.hint })
    this.missing = options.missing ?? []
  }
}
