import { MdwxError } from '@mdwx/errors'
import * as images from '@mdwx/images'
import { describe, expect, it } from 'vitest'

describe('@mdwx/images public API', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(images).sort()).toEqual(
      [
        'DEFAULT_FETCH_TIMEOUT_MS',
        'DEFAULT_MAX_BYTES',
        'DEFAULT_MAX_DOWNLOAD_BYTES',
        'DEFAULT_MAX_REDIRECTS',
        'DEFAULT_MAX_WIDTH',
        'FALLBACK_COVER_COLOUR',
        'FULL_CROP',
        'GENERATED_COVER_HEIGHT',
        'GENERATED_COVER_WIDTH',
        'ImageError',
        'attentionCrops',
        'centreSquareCrop',
        'formatCrop',
        'generateCover',
        'isCrop',
        'parseColour',
        'MATERIAL_MAX_BYTES',
        'MAX_INPUT_PIXELS',
        'loadImage',
        'normalizeImage',
        'sniffImage',
      ].sort(),
    )
  })

  it('has the limits Weixin and safety call for', () => {
    expect(images.DEFAULT_MAX_BYTES).toBe(1_000_000)
    expect(images.DEFAULT_MAX_WIDTH).toBe(1920)
    expect(images.MATERIAL_MAX_BYTES).toBe(10_000_000)
    expect(images.MAX_INPUT_PIXELS).toBe(100_000_000)
    expect(images.DEFAULT_MAX_DOWNLOAD_BYTES).toBe(50_000_000)
    expect(images.DEFAULT_MAX_REDIRECTS).toBe(5)
  })

  it('throws ImageError, an MdwxError with code, source, hint and a JSON form', async () => {
    const error = await images.normalizeImage(Buffer.from('hello'), { filename: 'notes.png' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(images.ImageError)
    expect(error).toBeInstanceOf(MdwxError)
    const imageError = error as images.ImageError
    expect(imageError.code).toBe('MDWX_IMAGE_UNSUPPORTED')
    expect(imageError.source).toBe('notes.png')
    expect(imageError.message).toContain('notes.png')
    expect(imageError.hint).toBeTruthy()
    expect(imageError.toJSON()).toMatchObject({ code: 'MDWX_IMAGE_UNSUPPORTED', source: 'notes.png', hint: imageError.hint })
  })
})
