import { expectNonNegativeNumber, expectOption, expectPositiveInteger } from '@mdwx/errors'
import type { Faults } from '../types.js'
import { WeixinFault } from '../wire/weixin-fault.js'

interface ScriptedAnswer {
  path: string
  errcode: number
  errmsg: string | undefined
  remaining: number
}

/**
 * What happens to one request on the way: `hold` (the client is dead: never carried out, never
 * answered), `drop` (connection lost before Weixin saw it), `http-502`, or `lose-answer` (carried
 * out, then the connection is lost before the answer).
 */
export type TransportFault = 'hold' | 'drop' | 'http-502' | 'lose-answer' | undefined

/**
 * The faults in force and their counters. Counting starts again whenever the faults are replaced,
 * so "every 3rd call" means the 3rd, 6th... call after `setFaults`.
 */
export class FaultPlan {
  private faults: Faults = {}
  private requests = 0
  private businessCalls = 0
  private scripted: ScriptedAnswer[] = []
  private lostAnswers: { path: string; remaining: number } | undefined
  private crash: { reached: Promise<void>; signal: () => void } = crashPoint()
  /** Connections of held requests: dropped when the faults are replaced (the dead client's sockets). */
  private readonly held = new Set<{ destroy(): void }>()

  constructor(faults: Faults | undefined) {
    this.set(faults ?? {})
  }

  set(faults: Faults): void {
    validateFaults(faults)
    for (const connection of this.held) connection.destroy()
    this.held.clear()
    this.faults = { ...faults }
    this.requests = 0
    this.businessCalls = 0
    this.crash = crashPoint()
    this.scripted = (faults.scripted ?? []).map((answer) => ({
      path: normalizeApiPath(answer.path),
      errcode: answer.errcode,
      errmsg: answer.errmsg,
      remaining: answer.times ?? 1,
    }))
    const lose = faults.loseAnswerTo
    this.lostAnswers = lose === undefined ? undefined : { path: normalizeApiPath(lose.path), remaining: lose.times ?? 1 }
  }

  get latencyMs(): number {
    return this.faults.latencyMs ?? 0
  }

  get tokenUseLimit(): number | undefined {
    return this.faults.expireTokenAfter
  }

  get unverified(): boolean {
    return this.faults.unverified === true
  }

  get commentsClosed(): boolean {
    return this.faults.commentsClosed === true
  }

  get publishFailure(): Faults['publishFailure'] {
    return this.faults.publishFailure
  }

  /**
   * Resolves when the first request is held under the current `crashAfter`: the moment a test
   * kills the client. Replacing the faults starts a new wait.
   */
  whenCrashed(): Promise<void> {
    return this.crash.reached
  }

  /** Keeps a held request's connection open, unanswered, until the faults are replaced. */
  hold(connection: { destroy(): void; once(event: 'close', listener: () => void): unknown }): void {
    this.held.add(connection)
    connection.once('close', () => this.held.delete(connection))
  }

  /** Counts an API request and says whether the transport fails it. */
  onRequest(): TransportFault {
    this.requests++
    const { crashAfter, loseAnswerAfter } = this.faults
    if (crashAfter !== undefined && this.requests > crashAfter) {
      this.crash.signal()
      return 'hold'
    }
    if (isNth(this.requests, this.faults.dropConnectionEvery)) return 'drop'
    if (isNth(this.requests, this.faults.http5xxEvery)) return 'http-502'
    if (loseAnswerAfter !== undefined && this.requests === loseAnswerAfter + 1) return 'lose-answer'
    return undefined
  }

  /** The account-level refusal (40164) for a call from `callerAddress`, if any. */
  checkIp(callerAddress: string | undefined): void {
    const ip = this.faults.ipNotWhitelisted ?? notWhitelisted(callerAddress, this.faults.ipWhitelist)
    if (ip !== undefined) throw new WeixinFault(40164, `invalid ip ${ip} ipv6 ::ffff:${ip}, not in whitelist`)
  }

  /** A scripted answer for `path` ('media/uploadimg'), consumed once per call. */
  checkScripted(path: string): void {
    const answer = this.scripted.find((candidate) => candidate.path === path && candidate.remaining > 0)
    if (answer === undefined) return
    answer.remaining--
    throw new WeixinFault(answer.errcode, answer.errmsg)
  }

  /** Whether the answer to this call of `path`, carried out already, is lost (`loseAnswerTo`), consumed once per call. */
  losesAnswerTo(path: string): boolean {
    const lose = this.lostAnswers
    if (lose === undefined || lose.path !== path || lose.remaining <= 0) return false
    lose.remaining--
    return true
  }

  /**
   * Counts a business call that passed the token check: token rotation by "another program"
   * (`rotate`, called on every Nth: the call itself was authorised, the token it used dies now),
   * then the daily quota, then busy.
   */
  onBusinessCall(rotate: () => void): void {
    this.businessCalls++
    if (isNth(this.businessCalls, this.faults.rotateTokenEvery)) rotate()
    const quota = this.faults.dailyQuota
    if (quota !== undefined && this.businessCalls > quota) throw new WeixinFault(45009)
    if (isNth(this.businessCalls, this.faults.busyEvery)) throw new WeixinFault(-1)
  }
}

/** The caller's address when a whitelist is set and does not hold it (an IPv4-mapped address compares as IPv4). */
function notWhitelisted(callerAddress: string | undefined, whitelist: readonly string[] | undefined): string | undefined {
  if (whitelist === undefined) return undefined
  const address = (callerAddress ?? 'unknown').replace(/^::ffff:/i, '')
  return whitelist.includes(address) ? undefined : address
}

function crashPoint(): { reached: Promise<void>; signal: () => void } {
  let signal!: () => void
  const reached = new Promise<void>((resolve) => (signal = resolve))
  return { reached, signal }
}

function isNth(count: number, every: number | undefined): boolean {
  return every !== undefined && count % every === 0
}

/** 'media/uploadimg', '/cgi-bin/media/uploadimg' and 'cgi-bin/media/uploadimg' are the same path. */
export function normalizeApiPath(path: string): string {
  return path.replace(/^\/+/, '').replace(/^cgi-bin\//, '')
}

/** An IPv4 or IPv6 address, loosely: what an errmsg can name without breaking it. */
const IP_ADDRESS = /^[0-9a-fA-F.:]{2,45}$/

function validateFaults(faults: Faults): void {
  expectOption(typeof faults === 'object' && faults !== null, 'an object', 'faults', faults)
  for (const name of ['busyEvery', 'http5xxEvery', 'dropConnectionEvery', 'expireTokenAfter', 'rotateTokenEvery'] as const) {
    if (faults[name] !== undefined) expectPositiveInteger(faults[name], `faults.${name}`)
  }
  for (const name of ['loseAnswerAfter', 'crashAfter'] as const) {
    const value = faults[name]
    if (value !== undefined) expectOption(Number.isInteger(value) && value >= 0, 'an integer of 0 or more', `faults.${name}`, value)
  }
  if (faults.dailyQuota !== undefined) {
    expectOption(Number.isInteger(faults.dailyQuota) && faults.dailyQuota >= 0, 'an integer of 0 or more', 'faults.dailyQuota', faults.dailyQuota)
  }
  if (faults.latencyMs !== undefined) expectNonNegativeNumber(faults.latencyMs, 'faults.latencyMs')
  if (faults.ipNotWhitelisted !== undefined) {
    expectOption(IP_ADDRESS.test(String(faults.ipNotWhitelisted)), 'an IP address', 'faults.ipNotWhitelisted', faults.ipNotWhitelisted)
  }
  if (faults.ipWhitelist !== undefined) {
    expectOption(Array.isArray(faults.ipWhitelist), 'an array of IP addresses', 'faults.ipWhitelist', faults.ipWhitelist)
    faults.ipWhitelist.forEach((ip, index) => expectOption(IP_ADDRESS.test(String(ip)), 'an IP address', `faults.ipWhitelist[${index}]`, ip))
  }
  for (const name of ['unverified', 'commentsClosed'] as const) {
    if (faults[name] !== undefined) expectOption(typeof faults[name] === 'boolean', 'a boolean', `faults.${name}`, faults[name])
  }
  const failure = faults.publishFailure
  if (failure !== undefined) {
    expectOption([2, 3, 4, 5, 6].includes(failure.status), 'a publish status from 2 to 6', 'faults.publishFailure.status', failure.status)
    if (failure.failIdx !== undefined) {
      expectOption(Array.isArray(failure.failIdx) && failure.failIdx.every((index) => Number.isInteger(index) && index >= 0), 'an array of article indexes', 'faults.publishFailure.failIdx', failure.failIdx)
    }
  }
  if (faults.loseAnswerTo !== undefined) {
    const lose = faults.loseAnswerTo
    expectOption(typeof lose === 'object' && lose !== null && typeof lose.path === 'string' && lose.path.length > 0, '{ path, times? } with a path like "message/mass/preview"', 'faults.loseAnswerTo', lose)
    if (lose.times !== undefined) expectPositiveInteger(lose.times, 'faults.loseAnswerTo.times')
  }
  if (faults.scripted !== undefined) {
    expectOption(Array.isArray(faults.scripted), 'an array', 'faults.scripted', faults.scripted)
    faults.scripted.forEach((answer, index) => {
      expectOption(typeof answer.path === 'string' && answer.path.length > 0, 'an API path like "media/uploadimg"', `faults.scripted[${index}].path`, answer.path)
      expectOption(Number.isInteger(answer.errcode), 'an integer errcode', `faults.scripted[${index}].errcode`, answer.errcode)
      if (answer.times !== undefined) expectPositiveInteger(answer.times, `faults.scripted[${index}].times`)
      if (answer.errmsg !== undefined) expectOption(typeof answer.errmsg === 'string', 'a string', `faults.scripted[${index}].errmsg`, answer.errmsg)
    })
  }
}
