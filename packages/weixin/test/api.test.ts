import * as weixin from '@mdwx/weixin'
import { describe, expect, it } from 'vitest'

describe('@mdwx/weixin public API', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(weixin).sort()).toEqual([
      'DEFAULT_BASE_URL',
      'DEFAULT_RETRY_POLICY',
      'DEFAULT_TIMEOUT_MS',
      'REFRESH_MARGIN_MS',
      'RELAY_ACCOUNTS_PATH',
      'RELAY_ACCOUNT_HEADER',
      'RELAY_AUTH_HEADER',
      'RELAY_NOTE_FIELD',
      'TOKEN_INVALID_ERRCODES',
      'WeixinApiError',
      'WeixinClientClosedError',
      'WeixinCredentialsError',
      'WeixinNetworkError',
      'WeixinPublishTimeoutError',
      'checkPreviewRecipient',
      'createAccessTokenSource',
      'createWeixinClient',
      'environmentWithDotEnv',
      'isPreviewRecipientId',
      'isRetryable',
      'relayAccountId',
      'relayAccounts',
      'relayHint',
      'sniffMediaType',
      'weixinCredentialsFrom',
      'weixinFromEnv',
      'weixinHint',
    ])
  })

  it('the client has exactly the documented methods', () => {
    const client = weixin.createWeixinClient({ accessToken: 'unused-in-this-test' })
    expect(Object.keys(client).sort()).toEqual([
      'addDraft',
      'addMaterial',
      'addNews',
      'close',
      'deleteDraft',
      'deleteMaterial',
      'getDraft',
      'getMaterialCount',
      'getPublishStatus',
      'listDrafts',
      'listNews',
      'listPublished',
      'sendPreview',
      'stats',
      'submitPublish',
      'updateDraft',
      'updateNews',
      'uploadArticleImage',
      'waitForPublish',
    ])
  })

  it('errors carry stable codes and serialise as plain data', () => {
    const api = new weixin.WeixinApiError({ errcode: 45009, errmsg: 'reach max api daily quota limit rid: 6650b2c1-1a2b3c4d-5e6f7a8b', endpoint: 'draft/add' })
    expect(api.message).toBe('Weixin answered 45009 (reach max api daily quota limit) to draft/add, rid 6650b2c1-1a2b3c4d-5e6f7a8b')
    expect(JSON.parse(JSON.stringify(api))).toEqual({
      name: 'WeixinApiError',
      code: 'MDWX_WEIXIN_API',
      message: api.message,
      hint: weixin.weixinHint(45009),
      errcode: 45009,
      errmsg: 'reach max api daily quota limit rid: 6650b2c1-1a2b3c4d-5e6f7a8b',
      rid: '6650b2c1-1a2b3c4d-5e6f7a8b',
      endpoint: 'draft/add',
      attempts: 1,
    })
    expect(weixin.isRetryable(api)).toBe(false)
    expect(weixin.isRetryable(new weixin.WeixinApiError({ errcode: -1, errmsg: 'system error', endpoint: 'draft/add' }))).toBe(true)
    expect(weixin.isRetryable(new weixin.WeixinApiError({ errcode: 45011, errmsg: '', endpoint: 'draft/add' }))).toBe(true)
    expect(weixin.isRetryable(new Error('other'))).toBe(false)
  })

  it('sniffMediaType names files by their bytes', () => {
    expect(weixin.sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ extension: 'jpg', mime: 'image/jpeg' })
    expect(weixin.sniffMediaType(Buffer.from('GIF89a....', 'latin1'))).toEqual({ extension: 'gif', mime: 'image/gif' })
    expect(weixin.sniffMediaType(Buffer.from('hello'))).toBeUndefined()
  })
})
