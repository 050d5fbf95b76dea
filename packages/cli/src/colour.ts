/** ANSI colour, only when the output is a terminal and NO_COLOR is not set (decided by the caller). */
export interface Paint {
  red(text: string): string
  yellow(text: string): string
  green(text: string): string
  dim(text: string): string
  bold(text: string): string
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`

const colours: Paint = { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22) }
const plain: Paint = { red: String, yellow: String, green: String, dim: String, bold: String }

export function paint(enabled: boolean | undefined): Paint {
  return enabled ? colours : plain
}
