/**
 * The Weixin calls mdwx makes, and nothing else: each with its method, the kind of body it takes,
 * the largest body worth forwarding, and the query parameters it may carry. The token endpoints
 * are not here: the client never gets a token.
 */
export interface RelayedEndpoint {
  method: 'GET' | 'POST'
  body: 'json' | 'multipart' | 'none'
  /** Bytes: Weixin's own limit for the call plus room for the envelope (multipart headers, JSON fields). */
  maxBytes: number
  /** Query parameters forwarded, each with the values it may take. */
  query?: Readonly<Record<string, readonly string[]>>
  /** Uploads get the longer timeout towards Weixin. */
  upload?: boolean
}

const KIB = 1024
const MIB = 1024 * KIB
/** Multipart headers, the filename, a video's description: generous, still small. */
const ENVELOPE = 16 * KIB
/** A small JSON request: a media_id, a page request, a publish_id. */
const SMALL = 4 * KIB
/** One article: content under 1 MB plus its other fields. */
const ONE_ARTICLE = MIB + 64 * KIB
/** At most 8 articles in one call (45008). */
const EIGHT_ARTICLES = 8 * ONE_ARTICLE

export const RELAYED_ENDPOINTS: ReadonlyMap<string, RelayedEndpoint> = new Map<string, RelayedEndpoint>([
  // Content images: JPG/PNG under 1 MB.
  ['media/uploadimg', { method: 'POST', body: 'multipart', maxBytes: MIB + ENVELOPE, upload: true }],
  // Permanent material (covers, animated GIFs): up to 10 MB.
  ['material/add_material', { method: 'POST', body: 'multipart', maxBytes: 10 * MIB + ENVELOPE, upload: true, query: { type: ['image', 'thumb', 'voice', 'video'] } }],
  ['material/add_news', { method: 'POST', body: 'json', maxBytes: EIGHT_ARTICLES }],
  ['material/update_news', { method: 'POST', body: 'json', maxBytes: ONE_ARTICLE }],
  ['material/batchget_material', { method: 'POST', body: 'json', maxBytes: SMALL }],
  ['material/get_materialcount', { method: 'GET', body: 'none', maxBytes: 0 }],
  ['material/del_material', { method: 'POST', body: 'json', maxBytes: SMALL }],
  ['draft/add', { method: 'POST', body: 'json', maxBytes: EIGHT_ARTICLES }],
  ['draft/update', { method: 'POST', body: 'json', maxBytes: ONE_ARTICLE }],
  ['draft/get', { method: 'POST', body: 'json', maxBytes: SMALL }],
  ['draft/delete', { method: 'POST', body: 'json', maxBytes: SMALL }],
  ['draft/batchget', { method: 'POST', body: 'json', maxBytes: SMALL }],
  ['freepublish/submit', { method: 'POST', body: 'json', maxBytes: SMALL }],
  ['freepublish/get', { method: 'POST', body: 'json', maxBytes: SMALL }],
  ['freepublish/batchget', { method: 'POST', body: 'json', maxBytes: SMALL }],
  // A draft sent to one follower's phone (towxname or touser, and a media_id).
  ['message/mass/preview', { method: 'POST', body: 'json', maxBytes: SMALL }],
])

