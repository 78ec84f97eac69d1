/**
 * Running a scenario: replications on the current thread, their summary, the comparison of two
 * scenarios on common random numbers, and the task protocol a worker (a Node worker thread or a
 * browser Web Worker) speaks.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import * as Decode from "../kernel/Decode.ts"
import type { ValidationError } from "../kernel/Errors.ts"
import type { ReplicationResult, Scenario } from "./model.ts"
import { Scenario as ScenarioSchema } from "./model.ts"
import { runReplications } from "./simulate.ts"
import type { Summary } from "./summary.ts"
import { pairedDifferences, summarise } from "./summary.ts"

/**
 * The result of a simulation: each replication's outputs in index order, and their summary.
 *
 * @since 0.1.0
 * @category models
 */
export interface SimulationResult {
  readonly scenarioId: string
  readonly policyId: string
  readonly policyRevision: number
  readonly seed: number
  readonly replications: ReadonlyArray<ReplicationResult>
  readonly summary: Summary
}

/**
 * Options of a run: the master seed (a 32-bit integer) and the number of replications.
 *
 * @since 0.1.0
 * @category models
 */
export interface RunOptions {
  readonly seed: number
  readonly replications: number
}

/**
 * Puts replication results together (from any number of workers, in any order) into the result
 * of the whole run: sorted by index, then summarised — so the same seed gives the same bytes
 * however the replications were spread.
 *
 * @since 0.1.0
 * @category simulation
 */
export const assemble = (scenario: Scenario, seed: number, results: ReadonlyArray<ReplicationResult>): SimulationResult => {
  const sorted = [...results].sort((a, b) => a.replication - b.replication)
  return {
    scenarioId: scenario.id,
    policyId: scenario.policy.id,
    policyRevision: scenario.policy.revision,
    seed,
    replications: sorted,
    summary: summarise(sorted)
  }
}

/**
 * Runs replications 0 … n − 1 of a scenario on this thread.
 *
 * @since 0.1.0
 * @category simulation
 */
export const simulate = (scenario: Scenario, options: RunOptions): SimulationResult =>
  assemble(scenario, options.seed, runReplications(scenario, options.seed, Array.from({ length: options.replications }, (_, i) => i)))

/**
 * The comparison of two scenarios run with the same seed: each one's summary and the paired
 * differences (`b − a`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Comparison {
  readonly a: SimulationResult
  readonly b: SimulationResult
  readonly difference: Summary
}

/**
 * Compares two results of one seed, replication by replication.
 *
 * @since 0.1.0
 * @category simulation
 */
export const compare = (a: SimulationResult, b: SimulationResult): Comparison => ({
  a,
  b,
  difference: pairedDifferences(a.replications, b.replications)
})

/**
 * A unit of work for a worker: a scenario in its encoded (JSON) form, the seed and the
 * replication indices to run.
 *
 * @since 0.1.0
 * @category models
 */
export interface Task {
  readonly scenario: unknown
  readonly seed: number
  readonly replications: ReadonlyArray<number>
}

const decodeScenario = Decode.decoder(ScenarioSchema)
const encodeScenario = Decode.encoder(ScenarioSchema)

/**
 * Decodes a scenario from untrusted input.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode = (input: unknown): Result.Result<Scenario, ValidationError> => decodeScenario(input)

/**
 * A task for a worker (the scenario encoded, so that it crosses `postMessage`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const task = (scenario: Scenario, seed: number, replications: ReadonlyArray<number>): Result.Result<Task, ValidationError> =>
  Result.map(encodeScenario(scenario), (encoded) => ({ scenario: encoded, seed, replications }))

/**
 * What a worker does with a task: decode the scenario and run the replications. A Web Worker
 * needs only `self.onmessage = (e) => self.postMessage(runTask(e.data))`.
 *
 * @since 0.1.0
 * @category simulation
 */
export const runTask = (t: Task): Result.Result<ReadonlyArray<ReplicationResult>, ValidationError> =>
  Result.map(decodeScenario(t.scenario), (scenario) => runReplications(scenario, t.seed, t.replications))
