import { isPreviewRecipientId, type PreviewRecipient } from '@mdwx/weixin'
import { UsageError } from './usage-error.js'

const CONFIG_HINT = 'Example: { "previewTo": "your_weixin_id" } or { "previewTo": { "openid": "o…" } }, at the top or in an account.'

/**
 * `previewTo` of mdwx.config.json (top level or in a named account): a 微信号 as a string, or
 * `{ "wxname": … }` / `{ "openid": … }`. Anything else fails naming the key.
 */
export function previewToSetting(value: unknown, key: string, fail: (message: string, hint?: string) => never): { previewTo?: PreviewRecipient } {
  if (value === undefined) return {}
  if (typeof value === 'string') return { previewTo: { wxname: checked(value, key, fail) } }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>)
    const [kind, given] = entries[0] ?? []
    if (entries.length === 1 && (kind === 'wxname' || kind === 'openid')) {
      const recipient = checked(given, `${key}.${kind}`, fail)
      return { previewTo: kind === 'wxname' ? { wxname: recipient } : { openid: recipient } }
    }
  }
  return fail(`"${key}" must be a 微信号, or { "wxname": … } or { "openid": … }.`, CONFIG_HINT)
}

function checked(value: unknown, key: string, fail: (message: string, hint?: string) => never): string {
  if (!isPreviewRecipientId(value)) fail(`"${key}" must be a 微信号 or an openid: letters, digits, _ or -.`, CONFIG_HINT)
  return value
}

/**
 * Whom `mdwx publish` sends drafts to: `--preview-to <微信号>` or `--preview-openid <openid>`
 * (not both), else the named account's `previewTo`, else the config's. `--preview-again` needs one.
 */
export function previewRecipientFrom(
  flags: { 'preview-to'?: string | undefined; 'preview-openid'?: string | undefined; 'preview-again'?: boolean | undefined },
  configured: PreviewRecipient | undefined,
): PreviewRecipient | undefined {
  const wxname = flags['preview-to']
  const openid = flags['preview-openid']
  if (wxname !== undefined && openid !== undefined) {
    throw new UsageError('--preview-to and --preview-openid cannot both be given: a preview goes to one person.', 'Use --preview-to <微信号>, or --preview-openid <openid>.')
  }
  const flag = (value: string, name: string): string => {
    if (!isPreviewRecipientId(value)) throw new UsageError(`${name} expects a ${name === '--preview-to' ? '微信号 (the WeChat ID under 我 → 微信号, not the nickname)' : 'openid of this account'}: letters, digits, _ or -, got ${JSON.stringify(value)}.`)
    return value
  }
  const recipient: PreviewRecipient | undefined =
    wxname !== undefined ? { wxname: flag(wxname, '--preview-to') } : openid !== undefined ? { openid: flag(openid, '--preview-openid') } : configured
  if (flags['preview-again'] === true && recipient === undefined) {
    throw new UsageError('--preview-again needs someone to send the drafts to.', 'Add --preview-to <微信号> (or "previewTo" in mdwx.config.json).')
  }
  return recipient
}
