// Type-checked as a CommonJS (.cts) and an ES module (.mts) under `nodenext`, and as `bundler`
// code, without @types/express: the package's declarations alone (nodenext checks them in full).
import { createServer } from 'node:http'
import { createEmulator, type Emulator, type Fixture, type ScenarioName } from 'auth0-mfa-emulator'
import {
  createApp,
  type EmulatorApp,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from 'auth0-mfa-emulator/server'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'

const emulator: Emulator = createEmulator({ seed: 1, scenarios: ['slow'] })
// TS2345 here meant two copies of msw's declarations (the package's ESM ones in a CJS project).
const server = setupServer(
  ...emulator.handlers,
  http.get('*/app/health', () => HttpResponse.json({ ok: true })),
)
server.listen({ onUnhandledRequest: 'error' })
server.use(...emulator.handlers)

const scenario: ScenarioName = 'expired-mfa-token'
emulator.scenarios.enable(scenario, { times: 1 })
const fixture: Fixture = emulator.fixture
const tenant: string = fixture.tenant.domain
const code: string | null = emulator.currentRecoveryCode('auth0|alice')

const options: StartServerOptions = { emulator, port: 0, log: 'silent' }
async function serve(): Promise<string> {
  const running: RunningServer = await startServer(options)
  const port: number = running.port
  await running.close()
  const app: EmulatorApp = createApp(emulator)
  const httpServer = createServer(app)
  httpServer.close()
  return `${running.url} ${port} ${tenant} ${code}`
}

// `any` would satisfy every annotation above; these fail to compile if a type degrades to it.
type IsAny<T> = 0 extends 1 & T ? true : false
type Expect<T extends false> = T
export type NoAny = [
  Expect<IsAny<Emulator['handlers']>>,
  Expect<IsAny<EmulatorApp>>,
  Expect<IsAny<EmulatorApp['locals']>>,
  Expect<IsAny<Parameters<EmulatorApp>[0]>>,
  Expect<IsAny<RunningServer['server']>>,
  Expect<IsAny<Parameters<typeof createApp>[1]>>,
  Expect<IsAny<Awaited<ReturnType<typeof startServer>>>>,
]

export { serve }
