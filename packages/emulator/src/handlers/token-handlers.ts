import type { ApiRoute } from '../server/api-route.js'
import type { EmulatorContext } from '../server/context.js'
import type { TokenGrant } from '../tokens/token-registry.js'
import type { JsonValue } from '../wire/raw-json.js'
import { WeixinFault } from '../wire/weixin-fault.js'
import { objectBody } from './request-fields.js'

/** GET /cgi-bin/token?grant_type=client_credential&appid=&secret= */
export const tokenRoute: ApiRoute = {
  method: 'GET',
  needsToken: false,
  handle({ context, query }) {
    checkCredentials(context, query.get('grant_type'), query.get('appid'), query.get('secret'))
    return answer(context, 'token', context.tokens.issueClassic())
  },
}

/** POST /cgi-bin/stable_token {"grant_type","appid","secret","force_refresh"} */
export const stableTokenRoute: ApiRoute = {
  method: 'POST',
  needsToken: false,
  handle({ context, json }) {
    const body = objectBody(json())
    checkCredentials(context, text(body['grant_type']), text(body['appid']), text(body['secret']))
    const force = body['force_refresh'] ?? false
    if (typeof force !== 'boolean') throw new WeixinFault(47001)
    return answer(context, 'stable_token', context.tokens.stable(force))
  },
}

function checkCredentials(context: EmulatorContext, grantType: string | null, appId: string | null, secret: string | null): void {
  if (grantType !== 'client_credential') throw new WeixinFault(40002)
  if (appId === null || appId === '') throw new WeixinFault(41002)
  if (appId !== context.appId) throw new WeixinFault(40013)
  if (secret === null || secret === '') throw new WeixinFault(41004)
  if (secret !== context.appSecret) throw new WeixinFault(40125)
}

function text(value: JsonValue | undefined): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') throw new WeixinFault(47001)
  return value
}

function answer(context: EmulatorContext, endpoint: 'token' | 'stable_token', grant: TokenGrant): Record<string, unknown> {
  if (grant.issued) {
    context.store.tokensIssued.push({ endpoint, forced: grant.forced, expiresIn: grant.expiresIn, at: context.now() })
  }
  return { access_token: grant.token, expires_in: grant.expiresIn }
}
