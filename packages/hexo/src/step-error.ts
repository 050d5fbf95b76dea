/**
 * A build step that failed for a reason mdwx has already printed line by line (a post that cannot
 * be published, a failed upload). Hexo logs a failure with its stack; the stack of this plugin
 * says nothing to a site's author, so the error's stack is its message alone.
 */
export class MdwxStepError extends Error {
  readonly code = 'MDWX_HEXO_STEP_FAILED'

  constructor(message: string) {
    super(message)
    this.name = 'MdwxStepError'
    this.stack = `${this.name}: ${message}`
  }
}
