/** Limits that come from Weixin or from keeping one process safe; see the README. */

/** `media/uploadimg` takes JPG/PNG "under 1 MB": 1,000,000 bytes leaves a margin under 1 MiB. */
export const DEFAULT_MAX_BYTES = 1_000_000

/** Weixin shows articles about 1080 px wide on phones; 1920 keeps desktop and zoom sharp. */
export const DEFAULT_MAX_WIDTH = 1920

/** `add_material` takes GIFs up to 10 MB: the same margin as for uploadimg. */
export const MATERIAL_MAX_BYTES = 10_000_000

/**
 * About 100 megapixels (a 12,000 × 8,000 scan still passes): beyond that a small file can
 * expand into gigabytes of pixels, so it is refused from its header before decoding.
 */
export const MAX_INPUT_PIXELS = 100_000_000

/** An animation is decoded frame after frame; this bounds the whole strip, not each frame. */
export const MAX_ANIMATION_PIXELS = 4 * MAX_INPUT_PIXELS

/** Encoders aim below the limit by this factor, so a small misprediction still fits. */
export const TARGET_FILL = 0.92

/**
 * libjpeg's limit on either side of a JPEG (its `JPEG_MAX_DIMENSION`, a little under the
 * format's 65,535): a picture that must become JPEG is reduced to fit within it.
 */
export const JPEG_MAX_SIDE = 65_500
