import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import type { PackReport } from './support.js'
import { ROOT } from './support.js'

/**
 * Builds and packs the package once for every test of `npm run test:package`, and extracts the
 * tarball; the projects that install it are made by the tests that use them.
 */
export function setup(project: TestProject) {
  const tmp = mkdtempSync(join(tmpdir(), 'auth0-mfa-emulator-package-'))
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' })
    const out = execFileSync(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp, '--loglevel=error'],
      { cwd: ROOT, encoding: 'utf8' },
    )
    const [report] = JSON.parse(out) as (PackReport & { filename: string })[]
    if (!report) throw new Error(`npm pack reported nothing: ${out}`)
    const packed = join(tmp, 'extracted')
    mkdirSync(packed)
    execFileSync('tar', ['-xzf', join(tmp, report.filename), '-C', packed])
    project.provide('packageTmp', tmp)
    project.provide('tarball', join(tmp, report.filename))
    project.provide('packed', join(packed, 'package'))
    project.provide('packReport', report)
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true })
    throw err
  }
  return () => rmSync(tmp, { recursive: true, force: true })
}
