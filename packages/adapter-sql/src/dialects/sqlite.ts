/**
 * SQLite, the embedded default: one database file (or memory) through better-sqlite3.
 *
 * better-sqlite3 runs each statement synchronously on the database handle, so one handle serves
 * one transaction at a time: the adapter takes it for a transaction or a statement and gives it
 * back (other fibers wait). Transactions begin with `BEGIN IMMEDIATE`, taking the write lock at
 * once, so two processes on one file never deadlock upgrading a read lock; a busy file is waited
 * for (`busy_timeout`). Files use the write-ahead log with `synchronous = FULL`: a committed
 * command survives a killed process and a power cut. The bulk path reuses one prepared INSERT for
 * every row inside the transaction.
 *
 * @since 0.1.0
 */
import { Time } from "@houqin/core"
import { SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } from "kysely"
import type { DecimalParts } from "../DecimalColumn.ts"
import { scaled } from "../DecimalColumn.ts"
import type { BulkRows, BulkTarget, Connection, Dialect, Pool } from "../Dialect.ts"
import { doubleQuote, errorCode, mutex, retryWhileBusy } from "../Dialect.ts"
import { BULK_BATCH, startWriter } from "./sqliteThread.ts"

/**
 * The part of a better-sqlite3 statement the adapter uses.
 *
 * @since 0.1.0
 * @category models
 */
export interface SqliteStatementLike {
  readonly reader: boolean
  all(...params: Array<unknown>): Array<unknown>
  run(...params: Array<unknown>): { readonly changes: number | bigint }
}

/**
 * The part of a better-sqlite3 database the adapter uses.
 *
 * @since 0.1.0
 * @category models
 */
export interface SqliteDatabaseLike {
  prepare(sql: string): SqliteStatementLike
  exec(sql: string): unknown
  close(): unknown
  readonly inTransaction?: boolean
}

/**
 * Options of the SQLite dialect.
 *
 * @since 0.1.0
 * @category models
 */
export interface SqliteOptions {
  readonly dialect?: "sqlite"
  /** a database file, or `":memory:"` (the default) */
  readonly filename?: string
  /** a better-sqlite3 database you opened yourself (left open when the storage closes; give it `timeout: 0`) */
  readonly database?: SqliteDatabaseLike
  /** how long a transaction waits for another connection's lock on the file, in ms (default 5000) */
  readonly busyTimeout?: number
  /** `"full"` (default: a commit survives a power cut) or `"normal"` (survives a killed process) */
  readonly synchronous?: "full" | "normal"
  /**
   * for a file the adapter opens: whether its writes run on a worker thread of their own
   * (default `true`), the main thread reading committed data through a second connection; with
   * `false`, one connection on the main thread does everything. A database in memory, or one you
   * opened yourself, is always used on the main thread.
   */
  readonly writerThread?: boolean
}

const MAX_INT64 = 2n ** 63n - 1n

/**
 * Runs `PRAGMA optimize` where it has work — a table whose size changed much since its statistics
 * were made, or that has none — and says whether it analyzed. Without statistics SQLite's planner
 * cannot tell `(school_id, fridge_id, at, id)` from `(school_id, at, id)` for a fridge's week (one
 * school makes `school_id` worthless as a filter), and picks the second.
 */
const optimize = (db: SqliteDatabaseLike): boolean => {
  const pending = db.prepare("PRAGMA optimize = 0x10003").all()
  if (pending.length > 0) db.exec("PRAGMA optimize = 0x10002")
  return pending.length > 0
}

const connection = (db: SqliteDatabaseLike, busyTimeout: number): Connection => {
  const statements = new Map<string, SqliteStatementLike>()
  const prepare = (sql: string) => {
    let s = statements.get(sql)
    if (s === undefined) {
      s = db.prepare(sql)
      statements.set(sql, s)
    }
    return s
  }
  return {
    // better-sqlite3 is synchronous, and so is SQLite's own busy handler: it would stop the event
    // loop while another connection of this process holds the lock. So SQLite reports a busy
    // file at once, and a statement outside a transaction (BEGIN IMMEDIATE, or one write alone)
    // is retried here, asynchronously, until `busyTimeout` has passed.
    query: (sql, params) =>
      retryWhileBusy(busyTimeout, () => {
        const s = prepare(sql)
        if (s.reader) return { rows: s.all(...params) as Array<Record<string, unknown>>, affected: 0 }
        return { rows: [], affected: Number(s.run(...params).changes) }
      }, () => db.inTransaction === true),
    bulkInsert: async (target: BulkTarget, rows: BulkRows) => {
      await Promise.resolve()
      const s = prepare(
        `INSERT INTO ${doubleQuote(target.table)} (${target.columns.map(doubleQuote).join(", ")}) VALUES (${target.columns.map(() => "?").join(", ")})`
      )
      for (let batch = rows.next(BULK_BATCH); batch !== undefined; batch = rows.next(BULK_BATCH)) {
        for (let i = 0; i < batch.length; i++) s.run(batch[i])
      }
      // the same connection reads: new statistics serve its next queries
      optimize(db)
    }
  }
}

const openDatabase = async (options: SqliteOptions): Promise<{ db: SqliteDatabaseLike; owned: boolean }> => {
  if (options.database !== undefined) {
    // foreign keys are a setting of each connection, off by default
    options.database.exec("PRAGMA foreign_keys = ON")
    return { db: options.database, owned: false }
  }
  const module = (await import("better-sqlite3")) as unknown as { default: new (filename: string, options: object) => SqliteDatabaseLike }
  const filename = options.filename ?? ":memory:"
  // waiting for a busy file is done by the adapter, without blocking the event loop
  const db = new module.default(filename, { timeout: 0 })
  // foreign keys are a setting of each connection, off by default
  db.exec("PRAGMA foreign_keys = ON")
  if (filename !== ":memory:" && filename !== "") {
    db.exec("PRAGMA journal_mode = WAL")
    db.exec(`PRAGMA synchronous = ${options.synchronous === "normal" ? "NORMAL" : "FULL"}`)
  }
  // statistics for the planner, sampled: at most 1,000 rows an index
  db.exec("PRAGMA analysis_limit = 1000")
  return { db, owned: true }
}

/**
 * The SQLite dialect.
 *
 * @since 0.1.0
 * @category dialects
 */
export const sqlite: Dialect<SqliteOptions> = {
  name: "sqlite",
  kysely: {
    adapter: () => new SqliteAdapter(),
    compiler: () => new SqliteQueryCompiler(),
    introspector: (db) => new SqliteIntrospector(db)
  },
  quote: doubleQuote,
  placeholders: (sql) => sql,
  begin: ["BEGIN IMMEDIATE"],
  insertOrSkip: " ON CONFLICT (\"school_id\", \"id\") DO NOTHING",
  // one connection per process and BEGIN IMMEDIATE already serialise writers; the row is the
  // chain's registration, as on the servers
  lockChain: ["INSERT INTO \"houqin_audit_chain\" (\"school_id\", \"writer\") VALUES (?, ?) ON CONFLICT DO NOTHING"],
  forUpdate: "",
  // SQLite sorts NULL lowest: first ascending, last descending
  nulls: { asc: "", desc: "" },
  unboundedLimit: -1,
  bind: {
    bool: (b) => (b ? 1 : 0),
    instant: Time.formatEpochMillis
  },
  limits: { textLength: undefined, idLength: undefined, labelLength: undefined, nul: true },
  integrity: (error) => {
    const code = errorCode(error)
    return code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE"
      ? "duplicate"
      : code === "SQLITE_CONSTRAINT_FOREIGNKEY"
      ? "foreignKey"
      : undefined
  },
  // a failed statement is undone alone; its transaction goes on
  failureAbortsTransaction: false,
  // SQLite has no exact decimal type: a decimal is an INTEGER count of 10⁻⁸ (12.5 → 1250000000),
  // exact, ordered and summed as integers, within the 64-bit range
  decimal: {
    bind: (d: DecimalParts) => {
      const digits = d.int + d.frac
      // up to 15 digits a double holds the integer exactly
      if (digits.length <= 15) {
        const n = Number(digits)
        return d.negative ? -n : n
      }
      const n = scaled(d)
      return n > MAX_INT64 || n < -MAX_INT64 ? undefined : n
    },
    cast: undefined,
    range: "±92,233,720,368.54775807 (a 64-bit integer of 10⁻⁸)"
  },
  currentSchema: undefined,
  bulkStrategy: "one prepared INSERT reused for every row, in one transaction, on the file's writer thread",
  bulkBatch: BULK_BATCH,
  ddl: {
    // frozen: released migrations use these types
    v1: {
      id: "TEXT",
      text: "TEXT",
      int: "INTEGER",
      number: "REAL",
      bool: "INTEGER",
      // YYYY-MM-DD text: sorts as dates, and SQLite's date functions read it
      date: "TEXT",
      // ISO 8601 UTC with milliseconds (2026-03-15T03:45:00.000Z): sorts as time
      instant: "TEXT",
      json: "TEXT",
      version: "INTEGER",
      seq: "INTEGER",
      hash: "TEXT",
      label: "TEXT",
      tableSuffix: " STRICT",
      indexNullsFirst: ""
    },
    v2: {
      id: "TEXT",
      text: "TEXT",
      int: "INTEGER",
      number: "REAL",
      // an integer count of 10⁻⁸: see `decimal` above
      decimal: "INTEGER",
      bool: "INTEGER",
      date: "TEXT",
      instant: "TEXT",
      json: "TEXT",
      version: "INTEGER",
      seq: "INTEGER",
      hash: "TEXT",
      label: "TEXT",
      tableSuffix: " STRICT",
      indexNullsFirst: ""
    }
  },
  open: async (options): Promise<Pool> => {
    const busyTimeout = Math.max(0, options.busyTimeout ?? 5000)
    const filename = options.filename ?? ":memory:"
    const lock = mutex()
    const holders = new Map<Connection, () => void>()
    const exclusive = (conn: Connection) => ({
      acquire: async () => {
        const unlock = await lock.lock()
        holders.set(conn, unlock)
        return conn
      },
      release: (c: Connection) => {
        const unlock = holders.get(c)
        holders.delete(c)
        unlock?.()
      }
    })
    if (options.database === undefined && filename !== ":memory:" && filename !== "" && options.writerThread !== false) {
      // A connection reads the planner's statistics when it loads the schema, and ANALYZE does not
      // make others load it again: when a bulk write's transaction that made new statistics
      // commits, the reader is opened anew before its next read (the one before is closed once
      // the reads still running on it, a read retrying on a busy file, have finished).
      let analyzedInTransaction = false
      let statisticsChanged = false
      const writer = await startWriter({
        filename,
        synchronous: options.synchronous === "normal" ? "NORMAL" : "FULL",
        busyTimeout,
        onAnalyzed: () => {
          analyzedInTransaction = true
        }
      })
      const openReader = async (): Promise<SqliteDatabaseLike> => {
        // opened once the writer has put the file in write-ahead-log mode: reads of committed data
        // never wait for the writer, and never write
        const r = (await openDatabase({ filename, synchronous: options.synchronous ?? "full" })).db
        r.exec("PRAGMA query_only = ON")
        return r
      }
      // the reader and the reads running on it; a reader replaced is closed after its last read
      interface Reader {
        readonly db: SqliteDatabaseLike
        readonly connection: Connection
        running: number
        replaced: boolean
      }
      const readerOf = (db: SqliteDatabaseLike): Reader => ({ db, connection: connection(db, busyTimeout), running: 0, replaced: false })
      let reader: Reader
      try {
        reader = readerOf(await openReader())
      } catch (error) {
        await writer.close()
        throw error
      }
      const retired = new Set<Reader>()
      const writes: Connection = {
        query: async (sql, params) => {
          const r = await writer.connection.query(sql, params)
          if (sql === "COMMIT" || sql === "ROLLBACK") {
            if (sql === "COMMIT" && analyzedInTransaction) statisticsChanged = true
            analyzedInTransaction = false
          }
          return r
        },
        bulkInsert: writer.connection.bulkInsert
      }
      return {
        ...exclusive(writes),
        read: async (sql, params) => {
          if (statisticsChanged) {
            statisticsChanged = false
            const old = reader
            reader = readerOf(await openReader())
            old.replaced = true
            if (old.running === 0) old.db.close()
            else retired.add(old)
          }
          const r = reader
          r.running++
          try {
            return await r.connection.query(sql, params)
          } finally {
            r.running--
            if (r.replaced && r.running === 0 && retired.delete(r)) r.db.close()
          }
        },
        close: async () => {
          // a transaction still running finishes first
          const unlock = await lock.lock()
          try {
            await writer.close()
            reader.db.close()
            for (const r of retired) r.db.close()
          } finally {
            unlock()
          }
        }
      }
    }
    const { db, owned } = await openDatabase(options)
    // a file of its own: statistics for the tables that need them now, and when it closes
    const file = owned && filename !== ":memory:" && filename !== ""
    if (file) db.exec("PRAGMA optimize = 0x10002")
    const conn = connection(db, busyTimeout)
    return {
      ...exclusive(conn),
      close: () => {
        if (owned) {
          if (file) {
            try {
              db.exec("PRAGMA optimize")
            } catch {
              // statistics are an optimisation: closing goes on
            }
          }
          db.close()
        }
        return Promise.resolve()
      }
    }
  }
}
