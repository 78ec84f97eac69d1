/**
 * The capability object: everything in which SQLite, PostgreSQL and MariaDB differ, stated once
 * per engine as data and small functions — column types, placeholders, how a transaction begins,
 * how a row is inserted unless it exists, how an audit chain is locked, how NULLs sort, how
 * values are bound, and the bulk-write strategy of the engine's driver. The repositories, the
 * audit store and the migrations are written once against this interface; nothing else in the
 * adapter asks which engine it talks to.
 *
 * Drivers are reached through small structural interfaces (`SqliteDatabaseLike`, `PgPoolLike`,
 * `MysqlPoolLike`), never through the driver libraries' own types.
 *
 * @since 0.1.0
 */
import type { DatabaseIntrospector, DialectAdapter, Kysely, QueryCompiler } from "kysely"
import type { DecimalParts } from "./DecimalColumn.ts"

/**
 * The result of one statement: the rows it returned and the number of rows it changed.
 *
 * @since 0.1.0
 * @category models
 */
export interface Result {
  readonly rows: ReadonlyArray<Record<string, unknown>>
  readonly affected: number
}

/**
 * Where a bulk write goes: the table and its columns, in the order of each row's values.
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkTarget {
  readonly table: string
  readonly columns: ReadonlyArray<string>
}

/**
 * The bound rows of a bulk write, given on demand: `next(max)` binds and returns up to `max` more
 * rows, or `undefined` once every row was given. It may throw (a row that cannot be written):
 * the write then fails with what it threw, once the statements already sent have finished. A
 * connection asks for the next rows while the database writes the previous ones.
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkRows {
  readonly next: (max: number) => ReadonlyArray<ReadonlyArray<unknown>> | undefined
}

/**
 * Sends bulk rows in batches of at most `max` through `send`, binding the next batch while the
 * previous one is on its way (one batch in flight). When binding throws, the batch in flight is
 * waited for first, so that the connection is idle when the error reaches the caller.
 *
 * @since 0.1.0
 * @category constructors
 */
export const pipelined = async (
  rows: BulkRows,
  max: number,
  send: (batch: ReadonlyArray<ReadonlyArray<unknown>>) => Promise<void>
): Promise<void> => {
  let batch = rows.next(max)
  while (batch !== undefined) {
    const sending = send(batch)
    let following: ReadonlyArray<ReadonlyArray<unknown>> | undefined
    try {
      following = rows.next(max)
    } catch (error) {
      await sending.catch(() => undefined)
      throw error
    }
    await sending
    batch = following
  }
}

/**
 * One connection (or, for SQLite, the one database handle) while the adapter holds it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Connection {
  /** runs one statement with `?` placeholders already turned into the engine's own */
  readonly query: (sql: string, params: ReadonlyArray<unknown>) => Promise<Result>
  /** writes many rows through the engine's fastest ordinary path, asking for them batch by batch */
  readonly bulkInsert: (target: BulkTarget, rows: BulkRows) => Promise<void>
}

/**
 * The connections of one storage instance.
 *
 * @since 0.1.0
 * @category models
 */
export interface Pool {
  /** takes a connection for the caller alone (SQLite: waits until the single handle is free) */
  readonly acquire: () => Promise<Connection>
  /** gives it back; `broken` discards it (a lost connection, a failed rollback) */
  readonly release: (connection: Connection, broken: boolean) => void
  /**
   * Optional: runs one read outside any transaction on a connection of its own that sees every
   * committed write (SQLite's reader next to its writer thread); without it, reads take a
   * connection with `acquire`
   */
  readonly read?: (sql: string, params: ReadonlyArray<unknown>) => Promise<Result>
  /** closes what this instance opened (a pool or database handed in by the caller stays open) */
  readonly close: () => Promise<void>
}

/**
 * The column types of the first schema version (`ddl: "v1"`). Frozen: a released migration reads
 * them, so a change is a new version (`v2`) used only by later migrations.
 *
 * @since 0.1.0
 * @category models
 */
export interface DdlV1 {
  /** ids and school ids */
  readonly id: string
  readonly text: string
  /** integers, money in fen */
  readonly int: string
  readonly number: string
  readonly bool: string
  /** local dates */
  readonly date: string
  /** instants, in UTC */
  readonly instant: string
  /** an aggregate's or audit entry's encoded JSON, stored as written */
  readonly json: string
  readonly version: string
  readonly seq: string
  /** a SHA-256 in hex */
  readonly hash: string
  /** short labels: the writer, the actor, the command */
  readonly label: string
  /** appended to every CREATE TABLE */
  readonly tableSuffix: string
  /**
   * appended to a field's column in its index, so that the index holds the port's order (NULL
   * first ascending) and serves ORDER BY without a sort
   */
  readonly indexNullsFirst: string
}

/**
 * The column types of the second schema version (`ddl: "v2"`, from migration 0003): the first
 * version's, and exact decimals with 8 places. Statements of this version also declare foreign
 * keys `(school_id, field) → (school_id, id)` and unique indexes `(school_id, fields…)`, which
 * every engine writes the same way. Frozen like the first.
 *
 * @since 0.1.0
 * @category models
 */
export interface DdlV2 extends DdlV1 {
  /** an exact decimal with 8 places (quantities, unit prices) */
  readonly decimal: string
}

/**
 * What an integrity error of the engine was about: a repeated key (the primary key or a unique
 * index) or a foreign key (a missing record named, or a named record removed).
 *
 * @since 0.1.0
 * @category models
 */
export type Integrity = "duplicate" | "foreignKey"

/**
 * The names a dialect answers to.
 *
 * @since 0.1.0
 * @category models
 */
export type DialectName = "sqlite" | "postgres" | "mysql"

/**
 * Everything in which one engine differs from the others.
 *
 * @since 0.1.0
 * @category models
 */
export interface Capabilities {
  readonly name: DialectName
  /** Kysely's own pieces for this engine: queries are built and compiled by Kysely */
  readonly kysely: {
    readonly adapter: () => DialectAdapter
    readonly compiler: () => QueryCompiler
    readonly introspector: (db: Kysely<unknown>) => DatabaseIntrospector
  }
  /** quotes an identifier */
  readonly quote: (identifier: string) => string
  /** turns `?` placeholders into the engine's (`$1, $2…` for PostgreSQL) */
  readonly placeholders: (sql: string) => string
  /** the statements that begin a transaction (read committed where the engine lets us choose) */
  readonly begin: ReadonlyArray<string>
  /**
   * appended to a single-row INSERT so that an existing primary key skips the row instead of
   * failing (a unique index or a foreign key still fails it)
   */
  readonly insertOrSkip: string
  /**
   * takes the lock of one audit chain (parameters: school id, writer) until the transaction ends,
   * creating the chain's row the first time
   */
  readonly lockChain: ReadonlyArray<string>
  /** appended to a SELECT that must see the latest committed row and lock it */
  readonly forUpdate: string
  /** ORDER BY suffixes that sort NULL first ascending and last descending, as the memory backend does */
  readonly nulls: { readonly asc: string; readonly desc: string }
  /** the LIMIT an engine needs before an OFFSET when the query has none (`undefined`: none needed) */
  readonly unboundedLimit: number | string | undefined
  /** how values of each kind are bound as parameters */
  readonly bind: {
    readonly bool: (value: boolean) => unknown
    /** an instant from epoch milliseconds */
    readonly instant: (epochMillis: number) => unknown
  }
  /** what a projected field's column can hold; longer or unholdable text is refused before SQL */
  readonly limits: {
    /** characters of a text column (`undefined`: unlimited) */
    readonly textLength: number | undefined
    /** characters of an id or school id */
    readonly idLength: number | undefined
    /** characters of the audit writer, actor and command */
    readonly labelLength: number | undefined
    /** whether a text column can hold U+0000 */
    readonly nul: boolean
  }
  /** what an integrity error was about; `undefined` for any other error */
  readonly integrity: (error: unknown) => Integrity | undefined
  /**
   * whether a failed statement leaves its transaction unusable until it rolls back (PostgreSQL):
   * writes that can break a constraint then run in a savepoint of their own, so that the typed
   * error they end in leaves the unit of work as the memory backend does
   */
  readonly failureAbortsTransaction: boolean
  /** how decimal fields are bound */
  readonly decimal: {
    /** the value bound for a decimal, or `undefined` when the engine's column cannot hold it */
    readonly bind: (value: DecimalParts) => unknown
    /**
     * the type a decimal parameter is cast to where it is compared with a column (MySQL's rule
     * compares a string with a DECIMAL as doubles; `undefined`: no cast needed)
     */
    readonly cast: string | undefined
    /** what the column holds, for messages and the documentation */
    readonly range: string
  }
  /**
   * a query returning the schema the connection works in (column `schema`), where the engine has
   * schemas that Kysely's migrator would otherwise confuse (PostgreSQL lists every schema's tables)
   */
  readonly currentSchema: string | undefined
  /** how the bulk path writes, for the documentation and the benchmark's report */
  readonly bulkStrategy: string
  /**
   * how many rows a bulk write binds at a time: the next batch is encoded and bound while the
   * database writes the previous one; a bulk write of at most this many rows is bound whole first
   */
  readonly bulkBatch: number
  /** the types of each schema version */
  readonly ddl: { readonly v1: DdlV1; readonly v2: DdlV2 }
}

/**
 * A dialect: its capabilities and how to open its connections.
 *
 * @since 0.1.0
 * @category models
 */
export interface Dialect<Options> extends Capabilities {
  readonly open: (options: Options) => Promise<Pool>
}

/**
 * `?` → `$1, $2, …` (statements written by the adapter hold no `?` inside literals).
 *
 * @since 0.1.0
 * @category constructors
 */
export const numberedPlaceholders = (sql: string): string => {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

/**
 * Quotes with double quotes (SQLite, PostgreSQL).
 *
 * @since 0.1.0
 * @category constructors
 */
export const doubleQuote = (identifier: string): string => `"${identifier.replace(/"/g, "\"\"")}"`

/**
 * A promise-based mutex for engines with a single handle.
 *
 * @since 0.1.0
 * @category constructors
 */
export const mutex = () => {
  let tail: Promise<void> = Promise.resolve()
  return {
    lock: (): Promise<() => void> => {
      let unlock!: () => void
      const next = new Promise<void>((resolve) => {
        unlock = resolve
      })
      const ready = tail.then(() => unlock)
      tail = tail.then(() => next)
      return ready
    }
  }
}

/**
 * A decimal as the plain text a DECIMAL(38,8) column reads, when it has at most 30 integer digits
 * (PostgreSQL and MariaDB).
 *
 * @since 0.1.0
 * @category constructors
 */
export const decimal38 = {
  bind: (d: DecimalParts): unknown => (d.int.length > 30 ? undefined : `${d.negative ? "-" : ""}${d.int}.${d.frac}`),
  range: "up to 30 integer digits and 8 places (DECIMAL(38,8))"
} as const

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Runs a SQLite statement, retrying it while the file is busy (another connection holds its lock)
 * and it stands outside a transaction, asynchronously and with growing waits, until `busyTimeout`
 * ms have passed; any other error, a busy error inside a transaction, or the last one is thrown.
 * better-sqlite3 and SQLite's own busy handler would wait synchronously, stopping the event loop.
 *
 * @since 0.1.0
 * @category constructors
 */
export const retryWhileBusy = async <R>(
  busyTimeout: number,
  run: () => R | Promise<R>,
  inTransaction: () => boolean
): Promise<R> => {
  const started = Date.now()
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      return await run()
    } catch (error) {
      if (errorCode(error) !== "SQLITE_BUSY" || inTransaction() || Date.now() - started >= busyTimeout) throw error
    }
    await sleep(wait)
  }
}

/**
 * The error code a driver error carries, if any.
 *
 * @since 0.1.0
 * @category guards
 */
export const errorCode = (error: unknown): unknown =>
  typeof error === "object" && error !== null ? (error as { readonly code?: unknown }).code : undefined
