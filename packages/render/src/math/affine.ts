/**
 * A 2D affine transform `[a, b, c, d, e, f]` as SVG writes it: x' = a·x + c·y + e,
 * y' = b·x + d·y + f. MathJax nests `translate` and `scale`, and `rotate` for `\enclose` arrows; `matrix` is read too.
 */
export type Affine = readonly [number, number, number, number, number, number]

export const identity: Affine = [1, 0, 0, 1, 0, 0]

/** `outer` applied after `inner`: the transform of a child inside its parent. */
export function compose(outer: Affine, inner: Affine): Affine {
  const [a, b, c, d, e, f] = outer
  const [a2, b2, c2, d2, e2, f2] = inner
  return [a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2, a * e2 + c * f2 + e, b * e2 + d * f2 + f]
}

export function apply(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]
}

/** `rotate(degrees cx cy)`: about (cx, cy). */
function rotation(degrees: number, cx: number, cy: number): Affine {
  const radians = (degrees * Math.PI) / 180
  const [cos, sin] = [Math.cos(radians), Math.sin(radians)]
  return compose(compose([1, 0, 0, 1, cx, cy], [cos, sin, -sin, cos, 0, 0]), [1, 0, 0, 1, -cx, -cy])
}

/** No rotation or skew: horizontal lines stay horizontal, arcs keep their axes. */
export function isAxisAligned(m: Affine): boolean {
  return m[1] === 0 && m[2] === 0
}

const functionPattern = /(translate|scale|matrix|rotate)\s*\(([^)]*)\)/g

/** The value of a `transform` attribute, or undefined when it uses anything but translate, scale, rotate, matrix. */
export function parseTransform(text: string): Affine | undefined {
  let result = identity
  let rest = text
  for (const [whole, name, args] of text.matchAll(functionPattern)) {
    rest = rest.replace(whole, '')
    const n = args!.split(/[\s,]+/).filter(Boolean).map(Number)
    if (n.some((value) => !Number.isFinite(value))) return undefined
    let m: Affine
    if (name === 'translate') m = [1, 0, 0, 1, n[0] ?? 0, n[1] ?? 0]
    else if (name === 'scale') m = [n[0] ?? 1, 0, 0, n[1] ?? n[0] ?? 1, 0, 0]
    else if (name === 'rotate') m = rotation(n[0] ?? 0, n[1] ?? 0, n[2] ?? 0)
    else if (n.length === 6) m = n as unknown as Affine
    else return undefined
    result = compose(result, m)
  }
  return rest.trim() === '' ? result : undefined
}
