import {
  addDraftRoute,
  batchGetDraftsRoute,
  countDraftsRoute,
  deleteDraftRoute,
  getDraftRoute,
  updateDraftRoute,
} from '../handlers/draft-handlers.js'
import { batchGetMaterialRoute, deleteMaterialRoute, materialCountRoute } from '../handlers/material-handlers.js'
import { addNewsRoute, updateNewsRoute } from '../handlers/news-handlers.js'
import { previewRoute } from '../handlers/preview-handlers.js'
import { batchGetPublishedRoute, getPublishRoute, submitPublishRoute } from '../handlers/publish-handlers.js'
import { stableTokenRoute, tokenRoute } from '../handlers/token-handlers.js'
import { addMaterialRoute, uploadImageRoute } from '../handlers/upload-handlers.js'
import type { ApiRoute } from './api-route.js'

/** Every API the emulator answers, by path below /cgi-bin/. */
export const apiRoutes: ReadonlyMap<string, ApiRoute> = new Map([
  ['token', tokenRoute],
  ['stable_token', stableTokenRoute],
  ['media/uploadimg', uploadImageRoute],
  ['material/add_material', addMaterialRoute],
  ['material/add_news', addNewsRoute],
  ['material/update_news', updateNewsRoute],
  ['material/get_materialcount', materialCountRoute],
  ['material/batchget_material', batchGetMaterialRoute],
  ['material/del_material', deleteMaterialRoute],
  ['draft/add', addDraftRoute],
  ['draft/update', updateDraftRoute],
  ['draft/get', getDraftRoute],
  ['draft/delete', deleteDraftRoute],
  ['draft/batchget', batchGetDraftsRoute],
  ['draft/count', countDraftsRoute],
  ['freepublish/submit', submitPublishRoute],
  ['freepublish/get', getPublishRoute],
  ['freepublish/batchget', batchGetPublishedRoute],
  ['message/mass/preview', previewRoute],
])
