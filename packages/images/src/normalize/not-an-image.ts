import { ImageError } from '../errors.js'
import type { NotImageKind } from '../sniff.js'

const EXPLAINED: Record<NotImageKind, { what: string; hint: string }> = {
  empty: { what: 'is empty (0 bytes)', hint: 'Check the file or URL: nothing was read from it.' },
  html: {
    what: 'is an HTML page, not an image',
    hint: 'The link probably leads to a web page, a login or an error page: use the direct address of the image file.',
  },
  text: {
    what: 'holds text, not an image (whatever its name or Content-Type says)',
    hint: 'Check the path or URL, and export the picture as PNG or JPEG.',
  },
  pdf: { what: 'is a PDF document, not an image', hint: 'Export the page you want as PNG or JPEG.' },
  psd: { what: 'is a Photoshop document', hint: 'Export it from Photoshop as PNG or JPEG.' },
  jxl: { what: 'is a JPEG XL image, which cannot be decoded here', hint: 'Convert it to JPEG or PNG (for example with `djxl in.jxl out.png`).' },
  unknown: {
    what: 'is not in an image format mdwx reads',
    hint: 'Use JPEG, PNG, GIF, WebP, AVIF, TIFF, SVG, BMP or ICO.',
  },
}

export function notAnImage(source: string, kind: NotImageKind): ImageError {
  const { what, hint } = EXPLAINED[kind]
  return new ImageError('MDWX_IMAGE_UNSUPPORTED', source, `${source}: ${what}`, { hint })
}
