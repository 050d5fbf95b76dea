import { MdwxError } from '@mdwx/errors'

/**
 * The failure the integration gives Astro when a build must fail (strict, or a requested publish
 * that failed): a message and a hint, which Astro prints as such. Not a bug: no stack trace, which
 * would only point into Astro's hook runner.
 */
export class BuildFailure extends MdwxError {
  constructor(code: 'MDWX_ASTRO_CHECK_FAILED' | 'MDWX_ASTRO_PUBLISH_FAILED', message: string, hint: string) {
    super(code, message, { hint })
    this.stack = ''
  }
}
