import { mkdtemp, readdir, rm } from 'node:fs/promises'
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

/** Every file below `folder`, at any depth. */
export async function filesBelow(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}
