/**
 * The Node runner: spreads a scenario's replications over worker threads
 * (`node:worker_threads`). Each worker runs a contiguous range of replication indices with the
 * same master seed; results are put together in index order, so the output is byte-identical to a
 * single-threaded run whatever the number of workers. In a browser, run `runTask` from
 * `@houqin/core/simulation` inside Web Workers the same way.
 *
 * ```ts
 * import { runParallel } from "@houqin/core/simulation/workers"
 * const result = await runParallel(scenario, { seed: 42, replications: 1000, workers: 2 })
 * ```
 *
 * @since 0.1.0
 */
import { Worker } from "node:worker_threads"
import { Effect, Result } from "effect"
import { ValidationError } from "../kernel/Errors.ts"
import type { Issue } from "../kernel/Errors.ts"
import { WorkerError } from "./errors.ts"
import type { ReplicationResult, Scenario } from "./model.ts"
import type { RunOptions, SimulationResult } from "./run.ts"
import { assemble, task } from "./run.ts"

/**
 * Options of {@link runParallel}: the seed, the number of replications and of worker threads.
 *
 * @since 0.1.0
 * @category models
 */
export interface ParallelOptions extends RunOptions {
  readonly workers: number
}

/**
 * Splits `n` replication indices into `k` contiguous ranges of near-equal size.
 *
 * @since 0.1.0
 * @category simulation
 */
export const partition = (n: number, k: number): Array<Array<number>> => {
  const parts: Array<Array<number>> = []
  const size = Math.floor(n / k)
  const extra = n % k
  let next = 0
  for (let i = 0; i < k; i++) {
    const len = size + (i < extra ? 1 : 0)
    parts.push(Array.from({ length: len }, (_, j) => next + j))
    next += len
  }
  return parts.filter((p) => p.length > 0)
}

const workerUrl = (): URL => new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url)

const runOn = (t: unknown): Effect.Effect<ReadonlyArray<ReplicationResult>, ValidationError | WorkerError> =>
  Effect.callback<ReadonlyArray<ReplicationResult>, ValidationError | WorkerError>((resume) => {
    const worker = new Worker(workerUrl())
    let settled = false
    const settle = (e: Effect.Effect<ReadonlyArray<ReplicationResult>, ValidationError | WorkerError>) => {
      if (settled) return
      settled = true
      void worker.terminate()
      resume(e)
    }
    worker.on("message", (m: { ok: true; results: ReadonlyArray<ReplicationResult> } | { ok: false; error: { code: string; path: ReadonlyArray<string | number>; zh: string; en: string; issues: ReadonlyArray<Issue> } }) => {
      settle(m.ok ? Effect.succeed(m.results) : Effect.fail(new ValidationError(m.error)))
    })
    worker.on("error", (e) => settle(Effect.fail(WorkerError.create(e instanceof Error ? e.message : String(e)))))
    worker.on("exit", (code) => settle(Effect.fail(WorkerError.create(`exited with code ${code} before answering`))))
    worker.postMessage(t)
    return Effect.sync(() => {
      settled = true
      void worker.terminate()
    })
  })

/**
 * Runs replications 0 … n − 1 of a scenario over `workers` worker threads, as an effect.
 *
 * @since 0.1.0
 * @category simulation
 */
export const runParallelEffect = (scenario: Scenario, options: ParallelOptions): Effect.Effect<SimulationResult, ValidationError | WorkerError> =>
  Effect.gen(function*() {
    const parts = partition(options.replications, Math.max(1, Math.floor(options.workers)))
    const tasks: Array<unknown> = []
    for (const p of parts) tasks.push(yield* Effect.fromResult(task(scenario, options.seed, p)))
    const results = yield* Effect.all(tasks.map(runOn), { concurrency: "unbounded" })
    return assemble(scenario, options.seed, results.flat())
  })

/**
 * Runs replications 0 … n − 1 of a scenario over `workers` worker threads; rejects with a typed
 * error.
 *
 * @since 0.1.0
 * @category simulation
 */
export const runParallel = (scenario: Scenario, options: ParallelOptions): Promise<SimulationResult> =>
  Effect.runPromise(Effect.result(runParallelEffect(scenario, options))).then((r) => {
    if (Result.isSuccess(r)) return r.success
    throw r.failure
  })
