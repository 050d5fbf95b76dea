import { weixinHint } from '@mdwx/weixin'
import { describe, expect, it } from 'vitest'

describe('weixinHint', () => {
  it('names the refused IP and where the whitelist is (40164)', () => {
    const hint = weixinHint(40164, 'invalid ip 198.51.100.23 ipv6 ::ffff:198.51.100.23, not in whitelist rid: 6650b2c1-1a2b3c4d-5e6f7a8b')
    expect(hint).toContain('198.51.100.23')
    expect(hint).toContain('设置与开发 → 基本配置 → IP白名单')
  })

  it('tells a wrong credential from an invalid token by the endpoint (40001)', () => {
    expect(weixinHint(40001, '', 'stable_token')).toMatch(/WEIXIN_APPID and WEIXIN_APPSECRET/)
    expect(weixinHint(40001, '', 'token')).toMatch(/WEIXIN_APPID and WEIXIN_APPSECRET/)
    expect(weixinHint(40001, '', 'draft/add')).toMatch(/access token/)
  })

  it.each([
    [40125, /AppSecret/],
    [40013, /AppID/],
    [45009, /tomorrow/],
    [48001, /草稿箱/],
    [45103, /addDraft/],
    [45002, /20,000 characters/],
    [40007, /addMaterial/],
    [40005, /JPG or PNG/],
    [40009, /1 MB/],
    [40113, /extension/],
    [45003, /32 characters/],
    [45004, /128 characters/],
    [45110, /16 characters/],
    [41001, /access token/],
    [42001, /expired/],
    [45011, /minute/],
    [-1, /busy/],
    [89503, /administrator/],
  ])('%i has a plain-words hint', (errcode, expected) => {
    expect(weixinHint(errcode)).toMatch(expected)
  })

  it('has no hint for an errcode it does not know', () => {
    expect(weixinHint(12345)).toBeUndefined()
  })
})
