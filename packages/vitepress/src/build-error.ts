import { MdwxError } from '@mdwx/errors'

/** Why buildEnd failed the build; callers match on it. */
export type MdwxBuildErrorCode = 'MDWX_VITEPRESS_CHECK_FAILED' | 'MDWX_VITEPRESS_PUBLISH_FAILED'

/**
 * What buildEnd throws to fail `vitepress build`: `MDWX_VITEPRESS_CHECK_FAILED` with `strict`
 * when a page cannot be published (or the check could not run), `MDWX_VITEPRESS_PUBLISH_FAILED`
 * when publishing was asked for and did not succeed for every page. VitePress prints only the
 * message (and a stack), so the message carries the hint too.
 */
export class MdwxBuildError extends MdwxError {
  constructor(code: MdwxBuildErrorCode, message: string, hint: string) {
    super(code, `${message}\n${hint}`, { hint })
  }
}
