import { encodePixels, describeSpec, jpegScaleLimit, type EncodeContext, type EncodeSpec, type Encoded } from './encode-spec.js'
import { bandSample, type PixelSample, type Pixels } from './pixels.js'

/** About what each format spends on headers and tables, whatever the image (measured with sharp). */
const FIXED_BYTES: Record<EncodeSpec['kind'], number> = { jpeg: 600, png: 60, palette: 900 }

/**
 * Encodes one decoded image, predicting sizes from a sample of its rows before paying for a
 * full encode. Counts full encodes (the figure the strategy is judged on) and remembers them,
 * so asking twice for the same spec never encodes twice.
 */
export class Encoder {
  readonly pixels: Pixels
  private readonly context: EncodeContext
  private readonly sample: PixelSample | undefined
  private readonly estimates = new Map<string, number>()
  private readonly fullEncodes = new Map<string, Encoded>()
  /** Measured full size ÷ predicted size, per kind: corrects the next prediction after a miss. */
  private readonly calibration = new Map<EncodeSpec['kind'], number>()

  constructor(pixels: Pixels, context: EncodeContext) {
    this.pixels = pixels
    this.context = context
    this.sample = bandSample(pixels)
  }

  get encodes(): number {
    return this.fullEncodes.size
  }

  /**
   * Predicted bytes of a full encode. Small images have no sample: they are encoded for real.
   * A JPEG is measured at the largest scale JPEG can hold (1 but for pictures over
   * `JPEG_MAX_SIDE`) and the bytes scaled back up.
   */
  async estimate(spec: EncodeSpec): Promise<number> {
    const unscaled = { ...spec, scale: 1 }
    const key = describeSpec(unscaled)
    let bytes = this.estimates.get(key)
    if (bytes === undefined) {
      if (this.sample === undefined) {
        const scale = spec.kind === 'jpeg' ? jpegScaleLimit(this.pixels) : 1
        bytes = (await this.encode({ ...spec, scale })).data.length / (scale * scale)
      } else {
        // Headers and tables are paid once per file, not per row: only the rest scales.
        const overhead = FIXED_BYTES[spec.kind]
        const scale = spec.kind === 'jpeg' ? jpegScaleLimit(this.sample.pixels) : 1
        const sampled = (await encodePixels(this.sample.pixels, { ...spec, scale }, this.context)).data.length
        bytes = overhead + Math.max(0, sampled - overhead) / this.sample.fraction / (scale * scale)
      }
      this.estimates.set(key, bytes)
    }
    // Encoded size follows pixel count closely enough once calibrated by a real encode.
    return bytes * spec.scale * spec.scale * (this.calibration.get(spec.kind) ?? 1)
  }

  async encode(spec: EncodeSpec): Promise<Encoded> {
    const key = describeSpec(spec)
    const cached = this.fullEncodes.get(key)
    if (cached !== undefined) return cached
    const predicted = this.sample === undefined ? undefined : await this.estimate(spec)
    const encoded = await encodePixels(this.pixels, spec, this.context)
    this.fullEncodes.set(key, encoded)
    if (predicted !== undefined) {
      const previous = this.calibration.get(spec.kind) ?? 1
      this.calibration.set(spec.kind, previous * (encoded.data.length / predicted))
    }
    return encoded
  }
}
