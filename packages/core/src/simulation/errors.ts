/**
 * Typed errors of the simulation runner.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { errorFields, formatPath } from "../kernel/Errors.ts"

/**
 * A worker that failed or exited before returning its replications.
 *
 * @since 0.1.0
 * @category errors
 */
export class WorkerError extends Schema.TaggedError<WorkerError>()("SimulationWorkerError", {
  ...errorFields,
  detail: Schema.String
}) {
  override get message(): string {
    return `${this.en} [${this.code} at ${formatPath(this.path)}]`
  }
  /** @since 0.1.0 */
  static create(detail: string): WorkerError {
    return new WorkerError({
      code: "simulation.workerFailed",
      path: [],
      detail,
      zh: `模拟工作线程失败：${detail}`,
      en: `a simulation worker failed: ${detail}`
    })
  }
}
