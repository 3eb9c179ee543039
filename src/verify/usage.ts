import { helpLine } from '../support/flag-table.js'
import { envName, VERIFY_FLAGS } from './args.js'

const SECTIONS = {
  credentials: 'Credentials (environment variable in brackets; prefer the variables for secrets):',
  compare: 'What to compare with:',
  running: 'Running:',
} as const

/** The flags of one help section, each with its `AUTH0_VERIFY_*` variable (help has none). */
function section(name: keyof typeof SECTIONS): string {
  const lines = Object.entries(VERIFY_FLAGS)
    .filter(([, flag]) => flag.section === name)
    .map(([flag, spec]) => helpLine(flag, flag === 'help' ? spec : { ...spec, env: envName(flag) }))
  return `${SECTIONS[name]}\n${lines.join('\n')}`
}

/** The `verify --help` text, generated from `VERIFY_FLAGS`. */
export const VERIFY_USAGE = `Usage: auth0-mfa-emulator verify [options]

Runs the recovery-code contract cases against your Auth0 tenant and against the emulator, and
shows what differs. The run redeems the user's recovery code and prints the new one at the end.

${section('credentials')}

${section('compare')}

${section('running')}

Exit codes: 0 everything matches, 1 differences found, 2 could not run (the line says why).
`
