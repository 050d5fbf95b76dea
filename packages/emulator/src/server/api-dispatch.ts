import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as delay } from 'node:timers/promises'
import { normalizeApiPath } from '../faults/fault-plan.js'
import type { CallRecord } from '../types.js'
import { parseWeixinJson, type JsonValue } from '../wire/raw-json.js'
import { withDiagnostics } from '../wire/rid.js'
import { WeixinFault } from '../wire/weixin-fault.js'
import type { ApiAnswer, ApiRoute } from './api-route.js'
import type { EmulatorContext } from './context.js'
import { readBody } from './read-body.js'
import { badGatewayHtml, sendHtml, sendJson, sendText } from './respond.js'

/**
 * One `/cgi-bin/...` request, in the order a real call meets things: a dead client (`crashAfter`:
 * held), the network (latency, then drops or 502), the method, the IP whitelist, scripted answers,
 * the token (and its rotation by another program), quotas, then the endpoint; last, a lost answer.
 * Every request is recorded in `state.calls` (path only: the query holds the token).
 */
export async function handleApiRequest(
  context: EmulatorContext,
  routes: ReadonlyMap<string, ApiRoute>,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  closing: AbortSignal,
): Promise<void> {
  const call: CallRecord = { method: request.method ?? 'GET', path: url.pathname, status: null, errcode: null, at: context.now() }
  context.store.calls.push(call)
  const body = await readBody(request)
  const transport = context.faults.onRequest()
  if (transport === 'hold') {
    call.fault = 'held'
    context.faults.hold(request.socket)
    return
  }
  if (context.faults.latencyMs > 0) {
    try {
      await delay(context.faults.latencyMs, undefined, { signal: closing })
    } catch {
      request.socket.destroy()
      return
    }
  }
  if (transport === 'drop') {
    call.fault = 'dropped'
    request.socket.destroy()
    return
  }
  if (transport === 'http-502') {
    call.status = 502
    sendHtml(response, 502, badGatewayHtml)
    return
  }
  if (body === undefined) {
    call.status = 413
    response.setHeader('Connection', 'close')
    sendText(response, 413, 'Request body too large for the emulator (32 MB).')
    return
  }
  const path = normalizeApiPath(url.pathname)
  const route = routes.get(path)
  if (route === undefined) {
    call.status = 404
    sendText(response, 404, `The emulator has no API ${url.pathname}.`)
    return
  }
  const answer = answerCall(context, route, path, request, body, url)
  call.errcode = typeof answer['errcode'] === 'number' ? answer['errcode'] : 0
  if (transport === 'lose-answer' || context.faults.losesAnswerTo(path)) {
    // Weixin did the work (a draft exists now); the client never hears of it.
    call.fault = 'answer-lost'
    request.socket.destroy()
    return
  }
  call.status = 200
  sendJson(response, answer, route.answersAsText === true ? 'text/plain' : undefined)
}

function answerCall(context: EmulatorContext, route: ApiRoute, path: string, request: IncomingMessage, body: Buffer, url: URL): ApiAnswer {
  try {
    if (request.method !== route.method) throw new WeixinFault(route.method === 'POST' ? 43002 : 43001)
    context.faults.checkIp(request.socket.remoteAddress)
    context.faults.checkScripted(path)
    if (route.needsToken) {
      const token = url.searchParams.get('access_token')
      context.tokens.authorize(token, context.faults.tokenUseLimit)
      context.faults.onBusinessCall(() => {
        context.tokens.rotate(token!)
        context.store.tokenRotations++
      })
    }
  } catch (error) {
    return errorAnswer(error, false)
  }
  let parsed: { value: JsonValue } | undefined
  try {
    return route.handle({
      context,
      query: url.searchParams,
      contentType: request.headers['content-type'],
      body,
      json: () => (parsed ??= { value: parseWeixinJson(body) }).value,
    })
  } catch (error) {
    return errorAnswer(error, true)
  }
}

/** A Weixin error answer; anything else is an emulator bug and propagates. */
function errorAnswer(error: unknown, fromEndpoint: boolean): ApiAnswer {
  if (!(error instanceof WeixinFault)) throw error
  return { errcode: error.errcode, errmsg: withDiagnostics(error.errmsg, fromEndpoint) }
}
