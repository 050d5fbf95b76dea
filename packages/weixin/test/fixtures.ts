/** Tiny real files (2×2 pixels, made with sharp) and media headers, for uploads. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWM4ISd3Qk6OAUIBAB8mBBGFRCvEAAAAAElFTkSuQmCC',
  'base64',
)

export const JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCOACqH/9k=',
  'base64',
)

export const GIF = Buffer.from('R0lGODlhAgACAIAAAExpccgeHiH5BAUAAAAALAAAAAACAAIAAAICjFMAOw==', 'base64')

/** An ISO base media header: enough for Weixin (and the emulator) to call it MP4. */
export const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom', 'latin1'),
  Buffer.from([0, 0, 2, 0]),
  Buffer.from('isomiso2', 'latin1'),
  Buffer.alloc(64, 7),
])

export const MP3 = Buffer.concat([Buffer.from('ID3', 'latin1'), Buffer.from([4, 0, 0, 0, 0, 0, 0]), Buffer.alloc(128, 0xaa)])

/** A PNG of more than 1 MB: too large for uploadimg. */
export const LARGE_PNG = Buffer.concat([PNG.subarray(0, PNG.length - 12), Buffer.alloc(1_100_000, 0), PNG.subarray(PNG.length - 12)])

/** A valid JPEG of more than 64 KB (comment segments pad it): too large for a thumb. */
export const LARGE_JPEG = Buffer.concat([
  JPEG.subarray(0, 2),
  ...Array.from({ length: 2 }, () => Buffer.concat([Buffer.from([0xff, 0xfe, 0x9c, 0x42]), Buffer.alloc(0x9c42 - 2, 0x20)])),
  JPEG.subarray(2),
])
