import type { JsonValue } from '../wire/raw-json.js'
import type { EmulatorContext } from './context.js'

/** One API request as a handler sees it (the body is already read). */
export interface ApiRequest {
  readonly context: EmulatorContext
  readonly query: URLSearchParams
  readonly contentType: string | undefined
  readonly body: Buffer
  /** The body parsed as Weixin parses JSON (44002 empty, 47001 malformed). */
  json(): JsonValue
}

/** The JSON body of a successful answer. Failures are thrown as `WeixinFault`. */
export type ApiAnswer = Record<string, unknown>

export interface ApiRoute {
  readonly method: 'GET' | 'POST'
  /** Business calls need `access_token`; the token endpoints take credentials instead. */
  readonly needsToken: boolean
  /** The upload endpoints label their JSON `text/plain` (no charset), as the real ones do. */
  readonly answersAsText?: true
  handle(request: ApiRequest): ApiAnswer
}
