import { expectOption, expectString } from '@mdwx/errors'

/**
 * Who gets a preview: a person's 微信号 (`towxname`, the WeChat ID they can see in their profile)
 * or their openid for this account (`touser`). Neither is a secret; both travel in the JSON body,
 * never in a URL.
 */
export type PreviewRecipient = { wxname: string } | { openid: string }

export interface SendPreviewInput {
  /** The draft's media_id (draft/add), or a news item's (add_news). */
  mediaId: string
  to: PreviewRecipient
}

/** The endpoint, for hints and errors. */
export const PREVIEW_ENDPOINT = 'message/mass/preview'

/**
 * A 微信号 is 6 to 20 letters, digits, _ or - today; older ones and openids (28 characters of
 * the same alphabet) fit this looser shape. Anything else (a space, a pasted line break, a
 * nickname) would only come back as 40003.
 */
const RECIPIENT = /^[A-Za-z0-9_-]{1,64}$/

/** Whether `value` has the shape of a 微信号 or an openid (see above); for callers with their own messages (the CLI). */
export function isPreviewRecipientId(value: unknown): value is string {
  return typeof value === 'string' && RECIPIENT.test(value)
}

/** `value` checked as a recipient: exactly one of `wxname` and `openid`, of the shape Weixin takes. */
export function checkPreviewRecipient(value: unknown, name: string): PreviewRecipient {
  expectOption(typeof value === 'object' && value !== null && !Array.isArray(value), '{ wxname } or { openid }', name, value)
  const to = value as Partial<Record<'wxname' | 'openid', unknown>>
  const given = (['wxname', 'openid'] as const).filter((key) => to[key] !== undefined)
  expectOption(given.length === 1, 'exactly one of wxname and openid', name, given.length === 0 ? 'neither' : 'both')
  const key = given[0]!
  const recipient = to[key]
  expectOption(isPreviewRecipientId(recipient), key === 'wxname' ? 'a 微信号 (letters, digits, _ or -)' : 'an openid (letters, digits, _ or -)', `${name}.${key}`, recipient)
  return key === 'wxname' ? { wxname: recipient as string } : { openid: recipient as string }
}

/** The body of message/mass/preview for `input`, checked: exactly one recipient, a media_id. */
export function previewBody(input: SendPreviewInput): Record<string, unknown> {
  expectOption(typeof input === 'object' && input !== null, 'an object with mediaId and to', 'sendPreview', input)
  expectString(input.mediaId, 'sendPreview mediaId')
  const to = checkPreviewRecipient(input.to, 'sendPreview to')
  const recipient = 'wxname' in to ? { towxname: to.wxname } : { touser: to.openid }
  return { ...recipient, mpnews: { media_id: input.mediaId }, msgtype: 'mpnews' }
}
