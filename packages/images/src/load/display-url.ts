/**
 * A URL as it may appear in messages and `origin`: without user:password, and with the query
 * reduced to `?…` (signed URLs carry their signature there) and the fragment dropped.
 */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search === '' ? '' : '?…'}`
}
