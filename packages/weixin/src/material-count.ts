import type { WeixinAnswer } from './transport.js'

/** How many items the permanent material library holds, per kind. */
export interface MaterialCount {
  image: number
  voice: number
  video: number
  news: number
}

export function fromWireMaterialCount(answer: WeixinAnswer): MaterialCount {
  const count = (key: string): number => Number(answer[key] ?? 0) || 0
  return { image: count('image_count'), voice: count('voice_count'), video: count('video_count'), news: count('news_count') }
}
