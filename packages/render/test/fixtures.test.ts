import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderMarkdown } from '@mdwx/render'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

// Each folder of fixtures/ holds input.md and output.html: the exact HTML the default pipeline
// sends to Weixin, and the messages it reports. MDWX_UPDATE_FIXTURES=1 rewrites the expected files
// after an intended change (then read the diff: it is the change in what users get).
const root = fileURLToPath(new URL('./fixtures/', import.meta.url))
const update = process.env['MDWX_UPDATE_FIXTURES'] === '1'

describe('fixtures: input Markdown → expected HTML', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const input = readFileSync(`${root}${name}/input.md`, 'utf8')
      const { html, messages } = await renderMarkdown(new VFile({ path: `${name}.md`, value: input }))
      const reported = messages.map((message) => `${message.line ?? '-'}:${message.column ?? '-'} ${message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'} ${message.ruleId}`).join('\n')
      const actual = `${html}\n<!-- messages:\n${reported}\n-->\n`
      if (update) writeFileSync(`${root}${name}/output.html`, actual)
      expect(actual).toBe(readFileSync(`${root}${name}/output.html`, 'utf8'))
    })
  }
})
