// The public door of @churnwatch/chaos: the command the CLI dispatches to, and the pieces the
// fast variants in its tests drive (options, one scenario, the tally).

export { type ChaosCommand, chaosCommand } from './command.ts';
export { type ChaosConfig, chaosHelp, parseChaosArgs, type ScenarioName, scenarioNames } from './config.ts';
export { type AlertTally, brokenPromises, type Delivery, type ExpectedAlert, type ObservedAlert, tallyAlerts } from './report/alert-tally.ts';
export { renderScenarioTable } from './report/render-table.ts';
export type { ScenarioResult } from './report/scenario-result.ts';
export { type ChaosRunOutcome, runChaos } from './run-chaos.ts';
export { scenarioCatalogue } from './scenarios/catalogue.ts';
export type { ChaosContext, RestartableBroker } from './scenarios/chaos-context.ts';
export { runScenario, type ScenarioSpec } from './scenarios/live-run.ts';
