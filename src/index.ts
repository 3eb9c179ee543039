export type { ErrorEntry, ErrorKey } from './contract/error-catalogue.js'
export { ERROR_CATALOGUE } from './contract/error-catalogue.js'
export { GrantType } from './contract/grant-types.js'
export { OAuthError } from './contract/oauth-error.js'
export type { Emulator, EmulatorOptions } from './emulator.js'
export { createEmulator } from './emulator.js'
export type { IssueMfaTokenOptions, UserView } from './emulator-controls.js'
export { defaultFixture } from './fixtures/default-fixture.js'
export {
  FixtureError,
  type FixtureProblem,
  parseFixture,
  parseFixtureFile,
} from './fixtures/parse.js'
export type { Fixture, FixtureInput } from './fixtures/schema.js'
export { fixtureSchema } from './fixtures/schema.js'
export type { RequestScenarios, ScenarioControls, ScenarioOptions } from './scenarios/controls.js'
export { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from './scenarios/names.js'
export type { Clock } from './state/clock.js'
export type { JournalEntry } from './state/journal.js'
export type { SentMessage } from './state/store.js'
