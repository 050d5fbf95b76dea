/** Plain-text tables and numbers for the benchmark's report. */

export function table(header: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  // The first column holds names: left-aligned. Every other column holds numbers: right-aligned.
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–'
}

export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–'
}

export function grouped(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

export function verdict(met: boolean): string {
  return met ? 'met' : 'NOT MET'
}
