// Shared by the examples: your account when WEIXIN_APPID and WEIXIN_APPSECRET are set, else the
// built-in emulator started in this process, so every example runs with no setup at all.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEMO_APP_ID, DEMO_APP_SECRET, startEmulator } from '@mdwx/emulator'

export async function weixinAccount() {
  const { WEIXIN_APPID: appId, WEIXIN_APPSECRET: appSecret, WEIXIN_API_BASE: baseUrl } = process.env
  if (appId && appSecret) {
    return { weixin: { appId, appSecret, ...(baseUrl ? { baseUrl } : {}) }, lockFile: 'mdwx.lock.json', close: async () => {} }
  }
  const emulator = await startEmulator()
  console.error(`No WEIXIN_APPID/WEIXIN_APPSECRET: publishing to an emulator at ${emulator.url}`)
  // A lock file for the emulator's throwaway account must not land in your project.
  const scratch = await mkdtemp(path.join(tmpdir(), 'mdwx-example-'))
  return {
    weixin: { appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: emulator.url },
    lockFile: path.join(scratch, 'mdwx.lock.json'),
    emulator,
    close: () => emulator.close(),
  }
}
