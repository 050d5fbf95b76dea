import { isIP } from 'node:net'
import { MdwxError } from '@mdwx/errors'

/** 127.0.0.0/8, ::1, localhost: only this machine can connect. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true
  const plain = host.replace(/^\[|\]$/g, '')
  if (isIP(plain) === 4) return plain.startsWith('127.')
  return plain === '::1' || /^::ffff:127\./i.test(plain)
}

/**
 * Keys travel in every request: on a network they must be encrypted. Plain HTTP is for
 * loopback, or for a TLS-terminating proxy on the same host (then `insecureHttp` says so).
 */
export function checkTransport(host: string, tls: boolean, insecureHttp: boolean): void {
  if (tls || insecureHttp || isLoopback(host)) return
  throw new MdwxError('MDWX_RELAY_INSECURE', `The relay will not serve plain HTTP on ${host}: every request carries a key, and on a network it would travel unencrypted`, {
    hint: 'Give --tls-cert and --tls-key (PEM files), or listen on 127.0.0.1 behind a TLS-terminating reverse proxy, or pass --insecure-http if the network is already encrypted.',
  })
}
