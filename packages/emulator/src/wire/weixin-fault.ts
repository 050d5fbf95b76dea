import { errmsgFor } from './errcodes.js'

/**
 * Thrown by handlers and validators to answer with a Weixin error. It never leaves the
 * emulator: the dispatcher turns it into `{"errcode","errmsg"}` with a rid.
 */
export class WeixinFault extends Error {
  readonly errcode: number
  readonly errmsg: string

  constructor(errcode: number, errmsg: string = errmsgFor(errcode)) {
    super(`${errcode} ${errmsg}`)
    this.name = 'WeixinFault'
    this.errcode = errcode
    this.errmsg = errmsg
  }
}
