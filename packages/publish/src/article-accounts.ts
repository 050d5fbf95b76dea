import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { MdwxError } from '@mdwx/errors'
import type { MarkdownFile } from './discover.js'
import { frontMatterText } from './front-matter-block.js'

/**
 * The account each article names in its front matter (`account: blog`), by absolute path;
 * undefined where it names none. A value that is not a name is an error naming the file and
 * line. Front matter that is not valid YAML names no account here: rendering reports it.
 */
export async function readArticleAccounts(files: readonly MarkdownFile[], cwd: string = process.cwd()): Promise<Map<string, string | undefined>> {
  const { parseDocument } = await import('yaml')
  const accounts = new Map<string, string | undefined>()
  for (const file of files) {
    const yaml = frontMatterText(await readFile(file.path, 'utf8'))
    let account: string | undefined
    if (yaml !== undefined) {
      const document = parseDocument(yaml)
      const value: unknown = document.errors.length === 0 ? document.get('account') : undefined
      if (value !== undefined && value !== null) {
        if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
          const line = 1 + yaml.split(/\r?\n/).findIndex((text) => /^account\s*:/.test(text))
          throw new MdwxError('MDWX_INVALID_OPTION', `${path.relative(cwd, file.path)}:${line + 1}: front matter "account" must name an account of mdwx.config.json, got ${JSON.stringify(value)}`, {
            hint: 'Write the name of one of the accounts in mdwx.config.json, e.g. "account: blog".',
          })
        }
        account = value
      }
    }
    accounts.set(file.path, account)
  }
  return accounts
}
