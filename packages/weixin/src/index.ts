export { createWeixinClient } from './client.js'
export type {
  AddMaterialInput,
  MaterialType,
  UpdateArticleInput,
  UploadInput,
  WaitForPublishOptions,
  WeixinClient,
} from './client.js'
export type { WeixinClientOptions, RetryOptions, RelayOptions } from './options.js'
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './options.js'
export type { WeixinArticle, WeixinDraftArticle } from './articles.js'
export type { PreviewRecipient, SendPreviewInput } from './phone-preview.js'
export { checkPreviewRecipient, isPreviewRecipientId } from './phone-preview.js'
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
export { createAccessTokenSource } from './token-source.js'
export type { AccessTokenSource, AccessTokenSourceOptions } from './token-source.js'
export { relayHint } from './relay-mode.js'
export { RELAY_ACCOUNT_HEADER, RELAY_ACCOUNTS_PATH, RELAY_AUTH_HEADER, RELAY_NOTE_FIELD } from './relay-wire.js'
export type { RelayNote } from './relay-wire.js'
export { relayAccountId, relayAccounts } from './relay-accounts.js'
export { environmentWithDotEnv, weixinCredentialsFrom, weixinFromEnv } from './environment.js'
export type { WeixinEnvironment, WeixinEnvironmentCredentials, WeixinFromEnvOptions } from './environment.js'
export { WeixinCredentialsError } from './credentials-error.js'
