// A standalone emulator with a state file, for tests that kill it with SIGKILL: prints its URL.
import { loadFixtureFile } from '../../src/config/load.js'
import type { FixtureInput } from '../../src/index.js'
import { startServer } from '../../src/server/index.js'

const [path = '', fixtures] = process.argv.slice(2)
const fixture = fixtures ? (loadFixtureFile(fixtures)[0] as FixtureInput) : undefined
const server = await startServer({
  stateFile: path,
  port: 0,
  ...(fixture ? { fixtures: fixture } : {}),
})
console.log(server.url)
