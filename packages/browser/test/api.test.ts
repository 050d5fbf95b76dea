import * as browser from '@mdwx/browser'
import { describe, expect, it } from 'vitest'

describe('@mdwx/browser', () => {
  it('exports the browser, the article screenshot and the error, nothing else', () => {
    expect(Object.keys(browser).sort()).toEqual(['BrowserUnavailableError', 'openBrowser', 'screenshotArticle'])
  })
})
