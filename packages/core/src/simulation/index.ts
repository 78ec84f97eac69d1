/**
 * Seeded policy simulation: scenarios as data, replications that call the real `route` and
 * `decide`, summaries with 95% confidence intervals, paired comparisons on common random numbers,
 * and replay of a recorded history under another policy. Single-threaded and browser-safe; the
 * worker-thread runner is `@houqin/core/simulation/workers`.
 *
 * @since 0.1.0
 */
export * from "./model.ts"
export * as Random from "./random.ts"
export * as Stats from "./stats.ts"
export type { Estimate } from "./stats.ts"
export type { Outcome } from "./simulate.ts"
export { generateRequests, runReplication, runReplications, schoolDays, seniorRole, simulateRequest } from "./simulate.ts"
export type { MetricName, Metrics, Summary } from "./summary.ts"
export { metricNames, metricsOf, pairedDifferences, summarise } from "./summary.ts"
export type { Comparison, RunOptions, SimulationResult, Task } from "./run.ts"
export { assemble, compare, decode, runTask, simulate, task } from "./run.ts"
export type { HistoryItem, ReplayLine, ReplayReport } from "./replay.ts"
export { fromStored, replay } from "./replay.ts"
