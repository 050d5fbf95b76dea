import { accessSync, constants } from 'node:fs'
import path from 'node:path'

/** Where Chromium and Chrome are installed by the usual packages, in the order they are preferred. */
const knownPaths: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'],
}

/** Names looked up on PATH when none of the known paths is there. */
const commandNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome']

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The system Chromium (or Chrome) executables found, best first, without starting any: the known
 * install paths of this platform, then the usual command names on PATH.
 */
export function findSystemChromium(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): string[] {
  const found = (knownPaths[platform] ?? []).filter(isExecutable)
  const folders = (env['PATH'] ?? '').split(path.delimiter).filter(Boolean)
  for (const name of commandNames) {
    for (const folder of folders) {
      const candidate = path.join(folder, platform === 'win32' ? `${name}.exe` : name)
      if (isExecutable(candidate)) found.push(candidate)
    }
  }
  return [...new Set(found)]
}
