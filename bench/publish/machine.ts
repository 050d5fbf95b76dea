import { availableParallelism, loadavg } from 'node:os'
import { fixed } from '../render/format.js'

/** What the figures were measured on, and a warning when other work competes for the cores. */
export function machineLines(): string[] {
  const cpus = availableParallelism()
  const load = loadavg()
  const lines = [`Node ${process.version}, ${cpus} CPUs, load average ${load.map((value) => fixed(value, 2)).join(' ')}`]
  if (load[0]! > cpus) {
    lines.push(`  ! the machine is busy (load ${fixed(load[0]!, 1)} on ${cpus} CPUs): wall times are longer than on an idle machine, and CPU / wall shows the share this run got, not what it could use`)
  }
  return lines
}
