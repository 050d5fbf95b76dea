/**
 * What a person can do about each Weixin errcode, in plain words. The Chinese names are the
 * labels of the menus in the 公众平台 (mp.weixin.qq.com) console, which has no English UI.
 */
const BASIC_CONFIG = '公众平台 (mp.weixin.qq.com) → 设置与开发 → 基本配置'

/** The endpoints that hand out access tokens. */
/** Said when Weixin kept refusing tokens mdwx had just fetched: someone else is rotating them. */
export const ROTATED_TOKEN_HINT =
  'Weixin kept refusing tokens the client had just fetched. Another program is probably rotating this account\'s token (the classic /cgi-bin/token endpoint or force_refresh): let every program use tokenEndpoint "stable" or share one tokenStore.'

export const TOKEN_ENDPOINTS: ReadonlySet<string> = new Set(['token', 'stable_token'])

const CONTENT_TYPES =
  'uploadArticleImage takes JPG or PNG; addMaterial takes BMP, PNG, JPEG or GIF for images, JPG for thumbs, MP3/WMA/WAV/AMR for voice and MP4 for video'

const STATIC_HINTS: Readonly<Record<number, string>> = {
  [-1]: 'Weixin was busy. The client already retried with backoff; try again in a few minutes.',
  40001:
    'Weixin rejected the access token. If you gave one (accessToken or WEIXIN_ACCESS_TOKEN), ask the service that owns it for a fresh one; otherwise another program may be rotating the token with the classic /cgi-bin/token endpoint or force_refresh: let every program use tokenEndpoint "stable" or share one tokenStore.',
  40004: 'The media type is not one Weixin knows: addMaterial takes image, thumb, voice or video.',
  40005: `Weixin does not accept this file type here: ${CONTENT_TYPES}.`,
  40007:
    'The media_id is unknown or not permanent. A cover (thumbMediaId) must be a media_id from addMaterial with type "image" or "thumb" (uploadArticleImage returns only a URL); it may also have been deleted from the material library.',
  40009:
    'The image is too large: uploadArticleImage takes files under 1 MB. Shrink it, or upload it with addMaterial (images up to 10 MB).',
  40013: `The AppID is wrong. Copy it from ${BASIC_CONFIG} → 开发者ID(AppID) into WEIXIN_APPID.`,
  40014:
    'The access token is malformed or belongs to another account. If you gave one (accessToken or WEIXIN_ACCESS_TOKEN), check where it comes from.',
  40033: 'Weixin saw \\uXXXX escapes instead of UTF-8 text. Send JSON as raw UTF-8 (JSON.stringify does).',
  40113: 'The file type is not supported: the filename extension must match the bytes (.jpg, .png, .gif, .bmp, .mp3, .mp4).',
  40114: 'The article index is out of range: draft/update counts articles from 0.',
  40125: `The AppSecret is wrong. Copy it from ${BASIC_CONFIG} → 开发者密码(AppSecret) into WEIXIN_APPSECRET (Weixin shows it once; reset it there if it is lost).`,
  40137: 'Weixin could not decode the image. Re-encode it as a plain JPG or PNG.',
  41001: 'The request reached Weixin without an access token: a relay (WEIXIN_API_BASE) may be dropping the query string.',
  41005: 'The upload reached Weixin without file data: the multipart part must be named "media".',
  41039: 'The "read more" link (contentSourceUrl) is not a valid URL.',
  42001:
    'The access token expired. The client fetches a new one and retries once by itself; if you gave a token (accessToken or WEIXIN_ACCESS_TOKEN), ask its owner for a fresh one.',
  44001: 'The uploaded file is empty.',
  44003: 'The article list is empty: send at least one article.',
  45001: 'The file is too large for the material library: images up to 10 MB, thumbs up to 64 KB. Shrink it.',
  45002:
    'The article content is too long: Weixin takes under 20,000 characters (HTML tags and inline styles count) and under 1 MB. Split the article or use a lighter theme.',
  45003: 'The title is too long: at most 32 characters. Shorten it (front matter `title`).',
  45004: 'The digest is too long: at most 128 characters. Shorten it (front matter `digest`).',
  45008: 'Too many articles in one call: at most 8.',
  45009:
    'The account has used up today\'s quota for this API. Weixin resets it at midnight Beijing time: try again tomorrow. Retrying now only fails again; the limits are listed at 公众平台 → 设置与开发 → 接口权限.',
  45011: 'Too many calls in one minute. The client waited and retried; lower the concurrency (--concurrency) if this keeps happening.',
  45103:
    'Weixin retired this API (material/add_news and update_news were switched off on 2022-02-28). Use the draft box instead: addDraft / updateDraft (mdwx publish --target draft).',
  45110: 'The author is too long: at most 16 characters. Shorten it (front matter `author`).',
  45166: 'Weixin judged the content invalid. Look for unusual markup or text in the article and remove it.',
  47001: 'Weixin could not read the request body. This is a bug in the client: please report it.',
  48001:
    'This account may not call this API. Since July 2025 unverified accounts cannot publish through the API (freepublish/*): the draft is saved, so publish it by hand at 公众平台 → 内容与互动 → 草稿箱, or verify the account (微信认证).',
  88000: 'The account cannot open comments: remove `comments` from the front matter, or enable 留言 in the console first.',
}

/**
 * message/mass/preview (sendPreview) refuses for reasons of its own: the same errcodes mean
 * something else there than for the draft calls.
 */
const PREVIEW_HINTS: Readonly<Record<number, string>> = {
  48001:
    'Only verified (认证) accounts may send previews to a phone. The draft is saved: look at it in 公众平台 → 内容与互动 → 草稿箱 (its 预览 button sends it to a phone by hand), or verify the account (微信认证). Leave out --preview-to (or "previewTo" in mdwx.config.json) until then.',
  45009:
    'The account has sent its previews for today: Weixin allows about 100 a day to a 微信号, and resets the count at midnight Beijing time. The drafts are saved; run mdwx publish again tomorrow (the previews not sent yet go then), or use the 预览 button in 公众平台 → 内容与互动 → 草稿箱.',
  40003:
    'Weixin knows no such recipient: check the 微信号 (--preview-to: the WeChat ID under 我 → 微信号, not the nickname) or the openid (--preview-openid: an openid of this account). The person must follow the account.',
  40007:
    'Weixin found no draft with this media_id: it may have been published, mass-sent or deleted meanwhile (it then leaves the draft box). Run mdwx publish again to make the draft anew. Some accounts are reported to answer 40007 for drafts that exist: then send the preview by hand with the 预览 button in 公众平台 → 内容与互动 → 草稿箱.',
}

const IP_CONFIRMATION_HINT =
  'Weixin wants the account administrator to confirm calls from this IP. The administrator approves it in the message from 公众平台安全助手, or adds the IP at ' +
  `${BASIC_CONFIG} → IP白名单. After a refusal Weixin blocks the IP for 1 hour (89507) or 24 hours (89506).`

/** The hint for an errcode, using the errmsg (the IP of 40164) and the endpoint when they help. */
export function weixinHint(errcode: number, errmsg = '', endpoint = ''): string | undefined {
  if (errcode === 40164) {
    const ip = ipFromErrmsg(errmsg)
    const who = ip === undefined ? "this machine's IP" : `this machine's IP (${ip})`
    return `Weixin refused the call because ${who} is not on the account's IP whitelist. Add it at ${BASIC_CONFIG} → IP白名单, or call through a relay on a whitelisted host (WEIXIN_API_BASE).`
  }
  if (errcode === 40001 && TOKEN_ENDPOINTS.has(endpoint)) {
    return `Weixin rejected the AppID/AppSecret pair. Check WEIXIN_APPID and WEIXIN_APPSECRET against ${BASIC_CONFIG}.`
  }
  if (errcode >= 89501 && errcode <= 89507) return IP_CONFIRMATION_HINT
  if (endpoint === 'message/mass/preview' && PREVIEW_HINTS[errcode] !== undefined) return PREVIEW_HINTS[errcode]
  return STATIC_HINTS[errcode]
}

/** Weixin names the refused address as "invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist". */
export function ipFromErrmsg(errmsg: string): string | undefined {
  return /invalid ip ([0-9a-f.:]+)/i.exec(errmsg)?.[1] ?? /\b(\d{1,3}(?:\.\d{1,3}){3})\b/.exec(errmsg)?.[1]
}

/** The rid Weixin support asks for, from the errmsg tail " rid: xxxxxxxx-xxxxxxxx-xxxxxxxx". */
export function ridFromErrmsg(errmsg: string): string | undefined {
  return /\brid:\s*([0-9a-f]+(?:-[0-9a-f]+)*)/i.exec(errmsg)?.[1]
}
