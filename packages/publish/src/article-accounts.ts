import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { MdwxError } from '@mdwx/errors'
import type { MarkdownFile } from './discover.js'
import { frontMatterBlock, frontMatterValues, keyLine } from './front-matter-block.js'

/**
 * The account each article names in its front matter (`account: blog`), by absolute path;
 * undefined where it names none. A value that is not a name is an error naming the file and
 * line. Front matter (YAML, or Hugo's TOML) that does not parse names no account here:
 * rendering reports it.
 */
export async function readArticleAccounts(files: readonly MarkdownFile[], cwd: string = process.cwd()): Promise<Map<string, string | undefined>> {
  const accounts = new Map<string, string | undefined>()
  for (const file of files) {
    const block = frontMatterBlock(await readFile(file.path, 'utf8'))
    let account: string | undefined
    if (block !== undefined) {
      const value: unknown = (await frontMatterValues(block))?.['account']
      if (value !== undefined && value !== null) {
        if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
          // The block starts on the file's second line.
          const line = (keyLine(block, 'account') ?? 0) + 1
          const example = block.format === 'toml' ? 'account = "blog"' : 'account: blog'
          throw new MdwxError('MDWX_INVALID_OPTION', `${path.relative(cwd, file.path)}:${line}: front matter "account" must name an account of mdwx.config.json, got ${JSON.stringify(value)}`, {
            hint: `Write the name of one of the accounts in mdwx.config.json, e.g. "${example}".`,
          })
        }
        account = value
      }
    }
    accounts.set(file.path, account)
  }
  return accounts
}
