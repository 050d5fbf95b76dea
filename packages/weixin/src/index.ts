export { createWeixinClient } from './client.js'
export type {
  AddMaterialInput,
  MaterialType,
  UpdateArticleInput,
  UploadInput,
  WaitForPublishOptions,
  WeixinClient,
} from './client.js'
export type { WeixinClientOptions, RetryOptions } from './options.js'
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './options.js'
export type { WeixinArticle, WeixinDraftArticle } from './articles.js'
export type { ArticlePage, ListOptions, ListedArticleGroup, ListedPublication } from './article-pages.js'
export type { TokenStore, StoredToken } from './access-tokens.js'
export { REFRESH_MARGIN_MS } from './access-tokens.js'
export type { PublishState, PublishStatus } from './publish-status.js'
export type { MaterialCount } from './material-count.js'
export type { ClientStats } from './caller.js'
export type { RequestInfo } from './retrying.js'
export {
  WeixinApiError,
  WeixinClientClosedError,
  WeixinNetworkError,
  WeixinPublishTimeoutError,
} from './errors.js'
export type { WeixinNetworkFailure } from './errors.js'
export { weixinHint } from './hints.js'
export { DEFAULT_RETRY_POLICY, TOKEN_INVALID_ERRCODES, isRetryable } from './retry-policy.js'
export type { RetryPolicy } from './retry-policy.js'
export { sniffMediaType } from './media-type.js'
export type { MediaType } from './media-type.js'
