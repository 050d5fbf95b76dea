import { MdwxError } from '@mdwx/errors'

/** No Chromium could be started: neither a system one nor the one @sparticuz/chromium ships. */
export class BrowserUnavailableError extends MdwxError {
  /** Each Chromium tried, with why it did not start. */
  readonly attempts: ReadonlyArray<{ executable: string; reason: string }>

  constructor(attempts: ReadonlyArray<{ executable: string; reason: string }>, hint: string) {
    const tried = attempts.map((attempt) => `${attempt.executable} (${attempt.reason})`).join('; ')
    super('MDWX_BROWSER_UNAVAILABLE', `No Chromium could be started${tried ? `: tried ${tried}` : ''}.`, { hint })
    this.name = 'BrowserUnavailableError'
    this.attempts = attempts
  }
}

/** The first line of a launch failure: Playwright appends pages of browser log after it. */
export function launchReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const line = text.split('\n').find((candidate) => candidate.trim() !== '' && !/^browserType\.launch:?\s*$/.test(candidate.trim())) ?? text
  return line.replace(/^browserType\.launch:\s*/, '').trim().slice(0, 200)
}
