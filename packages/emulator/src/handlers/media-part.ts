import { type DetectedMedia, type MediaFormat, detectMedia, extensionOf, extensionsOf } from '../media/media-format.js'
import type { ApiRequest } from '../server/api-route.js'
import { type FormPart, parseMultipart } from '../wire/multipart.js'
import { WeixinFault } from '../wire/weixin-fault.js'

export interface MediaUpload {
  filename: string
  data: Buffer
  detected: DetectedMedia
  /** The other form fields (video uploads carry `description`). */
  fields: FormPart[]
}

/**
 * The `media` file part of an upload, checked in the order the backend reports problems:
 * 41005 no such part (or not multipart at all), 44001 empty, 40005 bytes of a type this
 * endpoint does not take, 40113 a filename extension that is not allowed or does not match the bytes.
 */
export function readMediaUpload(request: ApiRequest, accepted: readonly MediaFormat[]): MediaUpload {
  const parts = parseMultipart(request.contentType, request.body)
  const media = parts?.find((part) => part.name === 'media' && part.filename !== undefined)
  if (parts === undefined || media === undefined || media.filename === undefined) throw new WeixinFault(41005)
  if (media.data.length === 0) throw new WeixinFault(44001)
  const detected = detectMedia(media.data)
  if (detected === undefined || !accepted.includes(detected.format)) throw new WeixinFault(40005)
  if (!extensionsOf[detected.format].includes(extensionOf(media.filename))) throw new WeixinFault(40113)
  return { filename: media.filename, data: media.data, detected, fields: parts.filter((part) => part !== media) }
}
