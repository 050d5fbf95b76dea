import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

export interface ProcessTime {
  wallMs: number
  /** CPU time of the child and every thread it ran; undefined where /proc is missing (not Linux). */
  userMs: number | undefined
  systemMs: number | undefined
  exitCode: number | null
  stderr: string
}

// /proc/<pid>/stat counts in USER_HZ, which Linux fixes at 100 for every user-space interface.
const ticksPerSecond = 100

/** CPU time of this process's children that have ended and been waited for (cutime, cstime). */
function endedChildrenCpuMs(): { user: number; system: number } | undefined {
  let stat: string
  try {
    stat = readFileSync('/proc/self/stat', 'utf8')
  } catch {
    return undefined
  }
  // The command name (field 2) may hold spaces: count fields after its closing bracket.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // Fields 16 and 17 of the whole line: 14th and 15th after the name.
  return { user: (Number(fields[13]) * 1000) / ticksPerSecond, system: (Number(fields[14]) * 1000) / ticksPerSecond }
}

/**
 * Runs `command` to its end and measures its wall time and CPU time. One child at a time: the CPU
 * figures are the difference in what ended children have used, so another child ending meanwhile
 * would be counted too.
 */
export async function timeProcess(command: string, args: readonly string[], cwd: string): Promise<ProcessTime> {
  const before = endedChildrenCpuMs()
  const started = performance.now()
  const { exitCode, stderr } = await new Promise<{ exitCode: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ exitCode: code, stderr }))
  })
  const wallMs = performance.now() - started
  const after = endedChildrenCpuMs()
  return {
    wallMs,
    userMs: before && after ? after.user - before.user : undefined,
    systemMs: before && after ? after.system - before.system : undefined,
    exitCode,
    stderr,
  }
}
