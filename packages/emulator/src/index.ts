export { startEmulator } from './start-emulator.js'
export { DEMO_APP_ID, DEMO_APP_SECRET } from './demo-credentials.js'
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
  PublishRecord,
  StoredArticle,
  TokenRecord,
} from './types.js'
