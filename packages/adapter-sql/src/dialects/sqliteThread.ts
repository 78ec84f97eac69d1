/**
 * A SQLite file's writer on a worker thread of its own.
 *
 * better-sqlite3 runs each statement synchronously, on the thread that calls it. A bulk import on
 * the main thread therefore does SQLite's work and the core's (encoding every row through its
 * schema, its canonical JSON, the audit hash) one after the other on one core. With the writer
 * on a worker thread, the main thread encodes and binds the next batch of rows while the worker
 * inserts the previous one: the two cores of a small server both work.
 *
 * The worker holds the file's one write connection: every statement of a transaction (and each
 * query through Kysely) is sent to it as a message and answered with its rows or its error (the
 * driver's code and message, so that integrity errors are recognised as on the main thread).
 * Reads outside a transaction do not cross threads: the dialect opens a second connection on the
 * main thread, which in write-ahead-log mode sees every committed transaction.
 *
 * Values cross the thread by structured clone: a BLOB that a query of yours reads through the
 * writer comes back as a plain `Uint8Array` (better-sqlite3 on the main thread gives a `Buffer`).
 *
 * The worker's code is a small CommonJS script evaluated by `new Worker(…, { eval: true })`; it
 * loads better-sqlite3 from the path this module resolves, so no file of the package has to be
 * found at run time.
 *
 * @since 0.1.0
 */
import { createRequire } from "node:module"
import { Worker } from "node:worker_threads"
import type { BulkRows, BulkTarget, Connection, Result } from "../Dialect.ts"
import { doubleQuote, pipelined, retryWhileBusy } from "../Dialect.ts"

const source = String.raw`
"use strict"
const { parentPort, workerData } = require("node:worker_threads")
const Database = require(workerData.driver)
let db
try {
  db = new Database(workerData.filename, { timeout: 0 })
  db.exec("PRAGMA foreign_keys = ON")
  db.exec("PRAGMA journal_mode = WAL")
  db.exec("PRAGMA synchronous = " + workerData.synchronous)
  // the planner's statistics: sampled (at most 1,000 rows an index), for the tables that need them
  db.exec("PRAGMA analysis_limit = 1000")
  db.exec("PRAGMA optimize = 0x10002")
  parentPort.postMessage({ id: 0 })
} catch (e) {
  parentPort.postMessage({ id: 0, error: { name: e && e.name, code: e && e.code, message: String(e && e.message) } })
}
const statements = new Map()
const prepare = (sql) => {
  let s = statements.get(sql)
  if (s === undefined) {
    s = db.prepare(sql)
    statements.set(sql, s)
  }
  return s
}
parentPort.on("message", (m) => {
  try {
    if (m.op === "query") {
      const s = prepare(m.sql)
      if (s.reader) parentPort.postMessage({ id: m.id, rows: s.all(...m.params), affected: 0 })
      else parentPort.postMessage({ id: m.id, rows: [], affected: Number(s.run(...m.params).changes) })
    } else if (m.op === "bulk") {
      const s = prepare(m.sql)
      const rows = m.rows
      for (let i = 0; i < rows.length; i++) s.run(rows[i])
      parentPort.postMessage({ id: m.id })
    } else if (m.op === "optimize") {
      // after a bulk write, in its transaction: analyze the tables whose size changed much
      const pending = db.prepare("PRAGMA optimize = 0x10003").all()
      if (pending.length > 0) db.exec("PRAGMA optimize = 0x10002")
      parentPort.postMessage({ id: m.id, analyzed: pending.length > 0 })
    } else if (m.op === "close") {
      try {
        db.exec("PRAGMA optimize")
      } catch {}
      db.close()
      parentPort.postMessage({ id: m.id })
    }
  } catch (e) {
    parentPort.postMessage({
      id: m.id,
      error: { name: e && e.name, code: e && e.code, message: String(e && e.message) },
      inTransaction: db !== undefined && db.open && db.inTransaction
    })
  }
})
`

interface Reply {
  readonly id: number
  readonly rows?: Array<Record<string, unknown>>
  readonly affected?: number
  readonly error?: { readonly name?: string; readonly code?: unknown; readonly message: string }
  readonly inTransaction?: boolean
  readonly analyzed?: boolean
}

/** a driver error as the worker reported it: the same name, code and message */
const driverError = (e: NonNullable<Reply["error"]>): Error =>
  Object.assign(new Error(e.message), { name: e.name ?? "SqliteError", code: e.code })

/**
 * The rows one bulk message carries: enough that a message's cost is small beside the rows', few
 * enough that the main thread's next batch is ready about when the worker needs it.
 *
 * @since 0.1.0
 * @category constants
 */
export const BULK_BATCH = 2000

/**
 * The writer thread of a SQLite file: its connection and how to stop it.
 *
 * @since 0.1.0
 * @category models
 */
export interface WriterThread {
  readonly connection: Connection
  readonly close: () => Promise<void>
}

/**
 * Starts the writer thread of a file (in write-ahead-log mode, foreign keys on) and waits until
 * its connection is open.
 *
 * @since 0.1.0
 * @category constructors
 */
export const startWriter = async (options: {
  readonly filename: string
  readonly synchronous: "FULL" | "NORMAL"
  readonly busyTimeout: number
  /** called when a bulk write made the planner's statistics anew (inside its transaction) */
  readonly onAnalyzed?: () => void
}): Promise<WriterThread> => {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3")
  const worker = new Worker(source, { eval: true, workerData: { driver, filename: options.filename, synchronous: options.synchronous } })
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: unknown) => void }>()
  let next = 1
  let stopped: Error | undefined
  const ready = new Promise<Reply>((resolve, reject) => waiting.set(0, { resolve, reject }))
  worker.on("message", (reply: Reply) => {
    const w = waiting.get(reply.id)
    if (w === undefined) return
    waiting.delete(reply.id)
    // the thread keeps the process alive only while an answer is awaited
    if (waiting.size === 0) worker.unref()
    w.resolve(reply)
  })
  const fail = (error: Error) => {
    stopped ??= error
    for (const w of waiting.values()) w.reject(stopped)
    waiting.clear()
  }
  worker.on("error", (e: unknown) => fail(new Error(`the SQLite writer thread failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e })))
  worker.on("exit", () => fail(new Error("the SQLite writer thread has stopped")))

  const send = (message: object): Promise<Reply> => {
    if (stopped !== undefined) return Promise.reject(stopped)
    const id = next++
    const answer = new Promise<Reply>((resolve, reject) => waiting.set(id, { resolve, reject }))
    if (waiting.size === 1) worker.ref()
    worker.postMessage({ ...message, id })
    return answer
  }

  const opened = await ready
  if (opened.error !== undefined) {
    await worker.terminate()
    throw driverError(opened.error)
  }
  worker.unref()

  const connection: Connection = {
    // as on the main thread: a busy file is reported at once and a statement outside a
    // transaction is retried, asynchronously, until `busyTimeout` has passed
    query: (sql, params): Promise<Result> => {
      let inTransaction = false
      return retryWhileBusy(options.busyTimeout, async () => {
        const reply = await send({ op: "query", sql, params })
        if (reply.error === undefined) return { rows: reply.rows ?? [], affected: reply.affected ?? 0 }
        inTransaction = reply.inTransaction === true
        throw driverError(reply.error)
      }, () => inTransaction)
    },
    bulkInsert: (target: BulkTarget, rows: BulkRows) => {
      const sql = `INSERT INTO ${doubleQuote(target.table)} (${target.columns.map(doubleQuote).join(", ")}) VALUES (${
        target.columns.map(() => "?").join(", ")
      })`
      return pipelined(rows, BULK_BATCH, async (batch) => {
        const reply = await send({ op: "bulk", sql, rows: batch })
        if (reply.error !== undefined) throw driverError(reply.error)
      }).then(async () => {
        const reply = await send({ op: "optimize" })
        if (reply.error !== undefined) throw driverError(reply.error)
        if (reply.analyzed === true) options.onAnalyzed?.()
      })
    }
  }

  return {
    connection,
    close: async () => {
      if (stopped === undefined) {
        const reply = await send({ op: "close" }).catch(() => undefined)
        void reply
      }
      await worker.terminate()
    }
  }
}
