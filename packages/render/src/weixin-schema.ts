import { defaultSchema } from 'rehype-sanitize'
import type { Options as Schema } from 'rehype-sanitize'

// STUB (owner: R1): the real schema allows only what Weixin keeps and nothing that runs code.
export const weixinSchema: Schema = defaultSchema
