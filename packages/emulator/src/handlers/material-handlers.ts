import type { ApiRoute } from '../server/api-route.js'
import { newestFirst } from '../state/newest-first.js'
import type { MaterialRecord } from '../types.js'
import { WeixinFault } from '../wire/weixin-fault.js'
import { groupPage, ok, seconds } from './article-wire.js'
import { objectBody, pageOf } from './request-fields.js'

/** GET material/get_materialcount → counts; thumbs count as images. */
export const materialCountRoute: ApiRoute = {
  method: 'GET',
  needsToken: true,
  handle({ context }) {
    const materials = [...context.store.materials.values()]
    const count = (...types: MaterialRecord['type'][]): number => materials.filter((material) => types.includes(material.type)).length
    return { voice_count: count('voice'), video_count: count('video'), image_count: count('image', 'thumb'), news_count: context.store.news.size }
  },
}

/** POST material/batchget_material {"type","offset","count"} */
export const batchGetMaterialRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    const body = objectBody(json())
    const type = body['type']
    if (type !== 'image' && type !== 'voice' && type !== 'video' && type !== 'news') throw new WeixinFault(40004)
    const { offset, count } = pageOf(body)
    if (type === 'news') return groupPage(context, context.store.news.values(), { offset, count }, true, 'news')
    const ofType = [...context.store.materials.values()].filter((material) => material.type === type || (type === 'image' && material.type === 'thumb'))
    const materials = newestFirst(ofType, (material) => material.at)
    const page = materials.slice(offset, offset + count)
    return {
      total_count: materials.length,
      item_count: page.length,
      item: page.map((material) => ({
        media_id: material.mediaId,
        name: material.filename,
        update_time: seconds(material.at),
        ...(material.url === undefined ? {} : { url: material.url }),
      })),
    }
  },
}

/** POST material/del_material {"media_id"}: a material or a news item. */
export const deleteMaterialRoute: ApiRoute = {
  method: 'POST',
  needsToken: true,
  handle({ context, json }) {
    const mediaId = objectBody(json())['media_id']
    if (typeof mediaId !== 'string' || !(context.store.materials.delete(mediaId) || context.store.news.delete(mediaId))) {
      throw new WeixinFault(40007)
    }
    return { ...ok }
  },
}
