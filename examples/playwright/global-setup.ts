import type { FullConfig } from '@playwright/test'
import { createEmulator, defaultFixture } from 'auth0-mfa-emulator'
import { startServer } from 'auth0-mfa-emulator/server'

/** The tenant a worker uses: one per parallel slot. */
export const tenantOf = (parallelIndex: number) => `worker-${parallelIndex}`

/** Starts one server with a tenant per worker; workers find it in EMULATOR_URL. */
export default async function globalSetup(config: FullConfig) {
  const fixture = defaultFixture()
  const emulators = Array.from({ length: config.workers }, (_, index) =>
    createEmulator({
      fixtures: { ...fixture, tenant: { ...fixture.tenant, name: tenantOf(index) } },
    }),
  )
  const server = await startServer({ emulators })
  process.env.EMULATOR_URL = server.url
  return () => server.close()
}
