/**
 * Food sample retention (留样): the rule pack section, the sample log (fridges, samples with their
 * disposal, temperature readings) with its commands and queries, the disposal schedule, and the
 * compliance evaluation whose findings feed the retention register (留样记录表) and the compliance
 * summary.
 *
 * The entry point has the shape of every module's:
 *
 * - the records (schemas and types) and the errors, flat: `Retention.Sample`, `Retention.UnknownFridgeError`;
 * - `Retention.Commands`: the effects that write (`Retention.Commands.recordSamples(input)`);
 * - `Retention.Queries`: the effects that only read (`Retention.Queries.evaluateSchool(input)`);
 * - `Retention.Rules`: the rule-pack section (`section`, the `cn` defaults with their sources, the
 *   `RetentionRules` schema);
 * - `Retention.Storage`: the storage declaration adapters implement (aggregate specs, repository
 *   services, the `repositories` layer);
 * - the pure calculations, plain functions that need no runtime:
 *
 * ```ts
 * import * as Retention from "@houqin/core/retention"
 *
 * const result = Retention.evaluate({ policy: cn.retention, asOf, fridges, meals, samples, readings })
 * // Result<Evaluation, …>: findings ordered by time, rule and subject
 * ```
 *
 * @since 0.1.0
 */
export * from "./model.ts"
export * from "./errors.ts"
export * as Commands from "./commands.ts"
export * as Queries from "./queries.ts"
export * as Rules from "./rules.ts"
export * as Storage from "../ports/retention.ts"
export { mustRetain } from "./mustRetain.ts"
export { earliestDisposalAt, minHoldMillis, schedule, statusAt } from "./disposalSchedule.ts"
export type { Schedule, ScheduleEntry, ScheduleOptions, Status } from "./disposalSchedule.ts"
export { checkSample, missingFields } from "./sampleChecks.ts"
export { checkMeal, missingDishes, sampledDishes, unsampledDishes } from "./mealCoverage.ts"
export * as StorageMonitor from "./storageMonitor.ts"
export * as Findings from "./findings.ts"
export { evaluate, evaluator } from "./compliance.ts"
export type { HoldResult } from "./commands.ts"
export type { Evaluation, EvaluationInput, Evaluator } from "./compliance.ts"
export { registerColumns, registerRows } from "./register.ts"
export type { RegisterHold, RegisterOptions, RegisterRow } from "./register.ts"
export { summarise } from "./summary.ts"
export { temperatureLog, temperatureLogger } from "./temperatureLog.ts"
export type { LogBreach, LogEntry, LogGap, LogReading, TemperatureDay, TemperatureLog, TemperatureLogger, TemperatureLogOptions } from "./temperatureLog.ts"
export type { RuleCount, Summary } from "./summary.ts"
