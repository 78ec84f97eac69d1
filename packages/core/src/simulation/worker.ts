/**
 * The script a Node worker thread runs: it receives tasks (`run.ts`'s `Task`) and answers each
 * with the replications' results, or with the fields of a typed error.
 *
 * @since 0.1.0
 */
import { parentPort } from "node:worker_threads"
import { Result } from "effect"
import type { Task } from "./run.ts"
import { runTask } from "./run.ts"

parentPort?.on("message", (task: Task) => {
  const r = runTask(task)
  parentPort?.postMessage(Result.isSuccess(r)
    ? { ok: true, results: r.success }
    : { ok: false, error: { code: r.failure.code, path: r.failure.path, zh: r.failure.zh, en: r.failure.en, issues: r.failure.issues } })
})
