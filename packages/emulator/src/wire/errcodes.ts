/**
 * The errcodes this emulator answers, with the errmsg text the real backend sends (before its
 * ` rid: ...` tail). Clients must match on the number; the text is here so logs look familiar.
 */
export const errmsgs: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40009: 'invalid image size',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40033: 'invalid charset. please check your request, if include \\uxxxx will create fail!',
  40097: 'invalid args',
  40113: 'unsupported file type',
  40114: 'invalid index value',
  40125: 'invalid appsecret',
  40137: 'invalid image format',
  40164: 'invalid ip, not in whitelist',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41005: 'media data missing',
  41039: 'invalid content_source_url',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  44001: 'empty media data',
  44002: 'empty post data',
  44003: 'empty news data',
  44004: 'empty content',
  45001: 'media size out of limit',
  45002: 'content size out of limit',
  45003: 'title size out of limit',
  45004: 'description size out of limit',
  45008: 'article size out of limit',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  45103: 'This API has been unsupported',
  45110: 'author size out of limit',
  45166: 'invalid content',
  47001: 'data format error',
  48001: 'api unauthorized',
  88000: 'without comment privilege',
  89503: 'this IP needs the administrator to confirm the call',
}

/** The errmsg for `errcode`, or a generic one for codes only scripted faults produce. */
export function errmsgFor(errcode: number): string {
  return errmsgs[errcode] ?? `errcode ${errcode}`
}
