export {
  applyOverlay,
  type FixtureOverlay,
  mergeOverlays,
  parseOverlay,
} from '../config/overlay.js'
export { runVerifyCli, type VerifyIo } from './cli.js'
export type { Difference } from './compare.js'
export { syntheticFixture } from './fixture.js'
export type { ProgressEvent, VerifyOptions } from './options.js'
export type { Conflict } from './record.js'
export type { AnswerView, CaseReport, VerifyReport } from './report.js'
export type { CodeState } from './side.js'
export { verify } from './verify.js'
