export { defaultFixture } from './config/default-fixture.js'
export {
  FixtureError,
  type FixtureProblem,
  parseFixture,
  parseFixtureFile,
} from './config/parse.js'
export type { Fixture, FixtureInput } from './config/schema.js'
export { fixtureSchema } from './config/schema.js'
export type { ErrorEntry, ErrorKey } from './contract/error-catalogue.js'
export { ERROR_CATALOGUE } from './contract/error-catalogue.js'
export { GrantType } from './contract/grant-types.js'
export { OAuthError } from './contract/oauth-error.js'
export type { IssueMfaTokenOptions, UserView } from './domain/admin-operations.js'
export type { Clock } from './domain/clock.js'
export type { JournalEntry } from './domain/journal.js'
export type { PushControls, PushView } from './domain/push-controls.js'
export type { ScenarioControls, ScenarioOptions } from './domain/scenario-toggles.js'
export type { EmulatorStats } from './domain/stats.js'
export type { SentMessage } from './domain/store.js'
export type { Emulator, EmulatorOptions } from './emulator.js'
export { createEmulator } from './emulator.js'
export type { RequestScenarios } from './scenarios/flags.js'
export { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from './scenarios/names.js'
export { EmulatorError } from './support/emulator-error.js'
export { UsageError } from './support/usage-error.js'
