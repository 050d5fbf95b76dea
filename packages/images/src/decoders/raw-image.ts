/** Decoded 8-bit pixels, row by row, for formats sharp cannot read itself (BMP, BMP inside ICO). */
export interface RawImage {
  data: Uint8Array
  width: number
  height: number
  channels: 3 | 4
}
