export type { ObservedLetter, SoakRunObservations } from './analyzeSoakRun.js';
export { analyzeSoakRun } from './analyzeSoakRun.js';
export { buildSoakBinding } from './buildSoakBinding.js';
export type { SoakVerdict } from './checkSoakTargets.js';
export { checkSoakTargets, runLabel } from './checkSoakTargets.js';
export {
  KILL_AT_MAX_CALL,
  SLOW_CAMUNDA_DEFAULTS,
  SOAK_DEFAULTS,
  SOAK_FAULT_KINDS,
  SOAK_MESSAGE_NAME,
  SOAK_POISON_DETAIL,
  SOAK_PROCESS_ID,
  SOAK_TOPIC,
  VIRTUAL_EPOCH_MS,
  VIRTUAL_RUN_CLIENT_TIMEOUT_MS,
} from './constants.js';
export type { FaultPlan, FaultPlanOptions } from './createFaultPlan.js';
export { createFaultPlan, recordIdOfRequest } from './createFaultPlan.js';
export type {
  InvocationScope,
  InvocationScopeOptions,
} from './createInvocationScope.js';
export { createInvocationScope } from './createInvocationScope.js';
export type { VirtualClock } from './createVirtualClock.js';
export { createVirtualClock } from './createVirtualClock.js';
export {
  SoakArgumentError,
  SoakClockError,
  SoakInvocationKilledError,
} from './errors.js';
export { formatSoakReport } from './formatSoakReport.js';
export type { DatasetOptions } from './generateDataset.js';
export {
  generateDataset,
  isPoisonRecord,
  recordIdOf,
} from './generateDataset.js';
export type { SoakCommand } from './parseSoakArgs.js';
export { parseSoakArgs, SOAK_USAGE } from './parseSoakArgs.js';
export type { BusinessIdChoice, ModeChoice } from './planRuns.js';
export { planRuns } from './planRuns.js';
export type {
  EsmDriverOptions,
  EsmDriverResult,
  EsmInvocation,
  EsmInvocationOutcome,
} from './runEsmDriver.js';
export { commitsFromResponse, runEsmDriver } from './runEsmDriver.js';
export type { RunSoakDependencies } from './runSoak.js';
export { runSoak } from './runSoak.js';
export type { Random } from './seededRandom.js';
export { createSeededRandom, unitHash } from './seededRandom.js';
export type {
  SoakDataset,
  SoakDeadLetterFigures,
  SoakDouble,
  SoakFault,
  SoakFaultKind,
  SoakFaultRates,
  SoakMode,
  SoakOptions,
  SoakPath,
  SoakProfile,
  SoakRecordedRequest,
  SoakRecordInfo,
  SoakReport,
  SoakRunConfig,
  SoakRunReport,
  SoakTiming,
  StartSoakDouble,
} from './types.js';
