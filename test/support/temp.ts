import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

const created: string[] = []

/** A fresh folder under the system temp folder, removed by `removeTempDirs`. */
export async function createTempDir(prefix: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), `mdwx-test-${prefix}-`))
  created.push(folder)
  return folder
}

/** Removes every folder made by `createTempDir` so far (call it in `afterAll`). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((folder) => rm(folder, { recursive: true, force: true })))
}
