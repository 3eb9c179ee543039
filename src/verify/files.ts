import { writeFileSync } from 'node:fs'
import { loadFixtureFile, loadOverlayFile } from '../config/load.js'
import type { FixtureOverlay } from '../config/overlay.js'
import type { FixtureInput } from '../config/schema.js'
import { VerifyArgsError } from './args.js'
import { pickTenant } from './fixture.js'
import { bareDomain } from './options.js'

/** Reads and checks an overlay file. @throws VerifyArgsError naming the file and the problem. */
export function readOverlayFile(path: string): FixtureOverlay {
  try {
    return loadOverlayFile(path, '--overlay')
  } catch (err) {
    throw new VerifyArgsError((err as Error).message)
  }
}

/** Reads a fixture file and picks the tenant to compare with. @throws VerifyArgsError */
export function readFixtureFile(path: string, domain: string): FixtureInput {
  try {
    return pickTenant(loadFixtureFile(path), bareDomain(domain), path) as FixtureInput
  } catch (err) {
    throw new VerifyArgsError((err as Error).message)
  }
}

/** Writes an overlay as pretty JSON; returns a one-line problem instead of throwing. */
export function writeOverlayFile(path: string, overlay: FixtureOverlay): string | undefined {
  try {
    writeFileSync(path, `${JSON.stringify(overlay, null, 2)}\n`)
    return undefined
  } catch (err) {
    return `--record ${path}: cannot write the file (${(err as NodeJS.ErrnoException).code}); check the path`
  }
}
