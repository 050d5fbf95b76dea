export { startEmulator } from './start-emulator.js'
export { DEMO_APP_ID, DEMO_APP_SECRET, DEMO_OPENID } from './demo-credentials.js'
export type {
  ArticleGroupRecord,
  AudioFormat,
  CallRecord,
  Emulator,
  EmulatorOptions,
  EmulatorState,
  Faults,
  ImageFormat,
  ImageRecord,
  MaterialRecord,
  MaterialType,
  MediaFormat,
  PreviewRecord,
  PublishRecord,
  StoredArticle,
  TokenRecord,
} from './types.js'
