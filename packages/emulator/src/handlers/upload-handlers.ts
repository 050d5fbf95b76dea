import { newImageKey, newMediaId } from '../media/ids.js'
import { imageUrl } from '../media/image-urls.js'
import { type ImageFormat, type MediaFormat, contentTypeOf, isImageFormat } from '../media/media-format.js'
import type { ApiRoute } from '../server/api-route.js'
import type { EmulatorContext } from '../server/context.js'
import type { MaterialType } from '../types.js'
import { isJsonObject, parseWeixinJson } from '../wire/raw-json.js'
import { WeixinFault } from '../wire/weixin-fault.js'
import { readMediaUpload } from './media-part.js'

/** "Under 1 MB" read strictly: an article image must be smaller than 1,048,576 bytes. */
export const uploadImageMaxBytes = 1_048_575

interface MaterialRule {
  formats: readonly MediaFormat[]
  /** Largest accepted size in bytes (inclusive); larger is 45001. */
  maxBytes: number
}

export const materialRules: Readonly<Record<MaterialType, MaterialRule>> = {
  image: { formats: ['bmp', 'png', 'jpeg', 'gif'], maxBytes: 10 * 1024 * 1024 },
  thumb: { formats: ['jpeg'], maxBytes: 64 * 1024 },
  voice: { formats: ['mp3', 'wma', 'wav', 'amr'], maxBytes: 2 * 1024 * 1024 },
  video: { formats: ['mp4'], maxBytes: 10 * 1024 * 1024 },
}

/** POST /cgi-bin/media/uploadimg (part `media`): an image for article content → {url}. */
export const uploadImageRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  answersAsText: true,
  handle(request) {
    const upload = readMediaUpload(request, ['jpeg', 'png'])
    if (upload.data.length > uploadImageMaxBytes) throw new WeixinFault(40009)
    const { width, height, format } = upload.detected
    if (width === undefined || height === undefined || !isImageFormat(format)) throw new WeixinFault(40137)
    const { context } = request
    const url = serveImage(context, upload.data, format)
    context.store.images.push({
      url,
      bytes: upload.data,
      format: format === 'png' ? 'png' : 'jpeg',
      filename: upload.filename,
      width,
      height,
      at: context.now(),
    })
    return { url }
  },
}

/** POST /cgi-bin/material/add_material?type=image|thumb|voice|video (part `media`) → {media_id, url?}. */
export const addMaterialRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  answersAsText: true,
  handle(request) {
    const type = request.query.get('type')
    if (type !== 'image' && type !== 'thumb' && type !== 'voice' && type !== 'video') throw new WeixinFault(40004)
    const rule = materialRules[type]
    const upload = readMediaUpload(request, rule.formats)
    if (upload.data.length > rule.maxBytes) throw new WeixinFault(45001)
    const { format } = upload.detected
    const isImage = isImageFormat(format)
    if (isImage && upload.detected.width === undefined) throw new WeixinFault(40137)
    const description = type === 'video' ? videoDescription(upload.fields.find((part) => part.name === 'description')?.data) : undefined

    const { context } = request
    const mediaId = newMediaId()
    const url = isImage ? serveImage(context, upload.data, format) : undefined
    context.store.materials.set(mediaId, {
      mediaId,
      type,
      url,
      bytes: upload.data,
      format,
      filename: upload.filename,
      title: description?.title,
      introduction: description?.introduction,
      at: context.now(),
      sequence: context.store.nextSequence(),
    })
    // As documented: only image materials answer with their URL (usable in article content).
    return type === 'image' ? { media_id: mediaId, url, item: [] } : { media_id: mediaId }
  },
}

/** Video uploads need a `description` field: JSON with a title (40097 when missing or malformed). */
function videoDescription(data: Buffer | undefined): { title: string; introduction: string } {
  if (data === undefined) throw new WeixinFault(40097)
  let value
  try {
    value = parseWeixinJson(data)
  } catch {
    throw new WeixinFault(40097)
  }
  const title = isJsonObject(value) ? value['title'] : undefined
  const introduction = isJsonObject(value) ? (value['introduction'] ?? '') : ''
  if (typeof title !== 'string' || title === '' || typeof introduction !== 'string') throw new WeixinFault(40097)
  return { title, introduction }
}

function serveImage(context: EmulatorContext, bytes: Buffer, format: ImageFormat): string {
  const key = newImageKey()
  context.store.servedImages.set(key, { bytes, contentType: contentTypeOf[format] })
  return imageUrl(context.imageBaseUrl, format, key)
}
