/**
 * The emulator's default account. Deliberately fake and safe to print or commit: the appid is
 * "wx" + the hex of "mdwx" padded with zeros, the secret the hex of "emulatoremulator".
 */
export const DEMO_APP_ID = 'wx4d64777800000000'
export const DEMO_APP_SECRET = '656d756c61746f72656d756c61746f72'

/**
 * The openid of the emulator's one default follower (28 characters, like real openids): a preview
 * `touser` it accepts without configuration. Fake, safe to print or commit.
 */
export const DEMO_OPENID = 'oMdwxEmulatorDemoFollower000'
