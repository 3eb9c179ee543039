import { readFileSync } from 'node:fs'
import { CliError } from './args.js'
import { type Io, say } from './say.js'
import type { RunCommand } from './start-command.js'

function readPem(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    throw new CliError(
      `${flag} ${path}: cannot read the file (${(err as NodeJS.ErrnoException).code})`,
    )
  }
}

/**
 * The certificate and key `--https` serves: the `--cert`/`--key` files, or the cached development
 * certificate (announced with its path, which is also the file a client must trust).
 */
export async function tlsFor(command: RunCommand, env: NodeJS.ProcessEnv, io: Io) {
  if (command.cert && command.key) {
    const tls = { cert: readPem(command.cert, '--cert'), key: readPem(command.key, '--key') }
    return { tls, caFile: command.cert }
  }
  const { defaultCertificateDir, loadOrCreateDevCertificate } = await import('../server/tls.js')
  const dir = env.AUTH0_EMULATOR_CERT_DIR || defaultCertificateDir(env)
  const hosts = [...new Set(['localhost', '127.0.0.1', '::1', command.host])].filter(
    (h) => h !== '0.0.0.0' && h !== '::',
  )
  const made = await loadOrCreateDevCertificate(dir, hosts)
  const status = made.created ? 'created' : 'reused'
  say(io, command.log, {
    level: 'info',
    msg: 'https certificate',
    text: `HTTPS certificate ${status}: ${made.certPath} (SHA-256 ${made.fingerprint})`,
    fields: { status, cert: made.certPath, fingerprint: made.fingerprint },
  })
  say(io, command.log, {
    level: 'info',
    msg: 'trust the certificate',
    text: `trust it in Node with NODE_EXTRA_CA_CERTS=${made.certPath}`,
    fields: { NODE_EXTRA_CA_CERTS: made.certPath },
  })
  return { tls: { cert: made.cert, key: made.key }, caFile: made.certPath }
}
