/**
 * PostgreSQL through `pg`.
 *
 * Transactions run at read committed with row locks: an update names the version it read and
 * changes nothing when another transaction got there first; an audit chain is locked through its
 * row in `houqin_audit_chain`. Text columns use the "C" collation, so they compare and sort by
 * code point as the other engines do, whatever the database's locale. Documents are `json`,
 * which keeps the text exactly as written (`jsonb` would refuse `\u0000`). The bulk path is
 * `COPY … FROM STDIN` through pg-copy-streams (multi-row INSERTs when that package is absent).
 *
 * @since 0.1.0
 */
import { Time } from "@houqin/core"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from "kysely"
import type { BulkRows, BulkTarget, Connection, Dialect, Pool } from "../Dialect.ts"
import { decimal38, doubleQuote, errorCode, numberedPlaceholders, pipelined } from "../Dialect.ts"

/**
 * The part of a `pg` client the adapter uses.
 *
 * @since 0.1.0
 * @category models
 */
export interface PgClientLike {
  query(text: string, values?: Array<unknown>): Promise<{ readonly rows: Array<Record<string, unknown>>; readonly rowCount: number | null; readonly command?: string }>
  query<S extends NodeJS.WritableStream>(stream: S): S
  release(destroy?: boolean): void
  on?(event: "error", listener: (error: Error) => void): unknown
}

/**
 * The part of a `pg` pool the adapter uses.
 *
 * @since 0.1.0
 * @category models
 */
export interface PgPoolLike {
  connect(): Promise<PgClientLike>
  end(): Promise<void>
  on?(event: "error", listener: (error: Error) => void): unknown
}

/**
 * pg-copy-streams' `from`: a COPY FROM STDIN statement as a writable stream.
 *
 * @since 0.1.0
 * @category models
 */
export type CopyFrom = (sql: string) => NodeJS.WritableStream

/**
 * Options of the PostgreSQL dialect.
 *
 * @since 0.1.0
 * @category models
 */
export interface PostgresOptions {
  readonly dialect: "postgres"
  /** a connection string (`postgres://user@host:5432/db`); set `options=-c search_path=…` for a schema */
  readonly url?: string
  /** a `pg` pool you made yourself (left open when the storage closes) */
  readonly pool?: PgPoolLike
  /** connections of the pool the adapter makes from `url` (default 10) */
  readonly poolSize?: number
  /** pg-copy-streams' `from` (imported when installed, if not given) */
  readonly copyFrom?: CopyFrom
}

/** COPY text format: NULL is \N; backslash, newline, carriage return and tab are escaped */
const copyValue = (v: unknown): string => {
  if (v === null || v === undefined) return "\\N"
  if (typeof v === "boolean") return v ? "t" : "f"
  if (typeof v === "number" || typeof v === "bigint") return String(v)
  const s = v as string
  return /[\\\n\r\t]/.test(s)
    ? s.replace(/[\\\n\r\t]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t"))
    : s
}

const ROWS_PER_CHUNK = 500
const PARAMS_PER_STATEMENT = 60_000

// the rows are bound batch by batch as COPY asks for more: the next while the server reads the last
function* copyChunks(rows: BulkRows): Generator<string> {
  for (let batch = rows.next(ROWS_PER_CHUNK); batch !== undefined; batch = rows.next(ROWS_PER_CHUNK)) {
    let chunk = ""
    for (let i = 0; i < batch.length; i++) {
      const row = batch[i]!
      let line = copyValue(row[0])
      for (let j = 1; j < row.length; j++) line += "\t" + copyValue(row[j])
      chunk += line + "\n"
    }
    yield chunk
  }
}

/**
 * Whether a bulk write of `rows` into a table of about `reltuples` rows (-1: never analyzed) calls
 * for new planner statistics: as autovacuum decides (50 rows and a tenth of the table), which it
 * would do within a minute; until then the planner may take a fridge's week for 200 rows and
 * sort 80,000 (18 ms instead of 0.1 ms, measured).
 */
const needsAnalyze = (rows: number, reltuples: number): boolean => rows >= 50 + 0.1 * Math.max(0, reltuples)

const connection = (client: PgClientLike, copyFrom: CopyFrom | undefined): Connection => {
  // the tables that bulk writes of the open transaction grew much: analyzed once it commits
  // (ANALYZE in the transaction would hold its table's lock to the end, ordering concurrent imports)
  const grown = new Set<string>()
  const query = async (sql: string, params: ReadonlyArray<unknown>) => {
    const r = await client.query(sql, params as Array<unknown>)
    // PostgreSQL answers COMMIT with ROLLBACK when an earlier error aborted the transaction
    if (sql === "COMMIT" && r.command === "ROLLBACK") {
      grown.clear()
      throw new Error("the transaction was aborted by an earlier error and rolled back")
    }
    if (sql === "ROLLBACK") grown.clear()
    if (sql === "COMMIT" && grown.size > 0) {
      const tables = [...grown]
      grown.clear()
      for (const table of tables) {
        // statistics are an optimisation: the commit stands whatever happens here
        await client.query(`ANALYZE ${table}`).catch(() => undefined)
      }
    }
    return { rows: r.rows ?? [], affected: r.rowCount ?? 0 }
  }
  const counted = (rows: BulkRows): { readonly rows: BulkRows; readonly count: () => number } => {
    let n = 0
    return {
      rows: {
        next: (max) => {
          const batch = rows.next(max)
          if (batch !== undefined) n += batch.length
          return batch
        }
      },
      count: () => n
    }
  }
  const afterBulk = async (table: string, rows: number) => {
    if (grown.has(table)) return
    const r = await client.query("SELECT reltuples FROM pg_class WHERE oid = to_regclass($1)", [table])
    if (needsAnalyze(rows, Number(r.rows[0]?.["reltuples"] ?? -1))) grown.add(table)
  }
  return {
    query,
    bulkInsert: async (target: BulkTarget, source) => {
      const table = doubleQuote(target.table)
      const columns = target.columns.map(doubleQuote).join(", ")
      const { rows, count } = counted(source)
      if (copyFrom !== undefined) {
        const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`))
        await pipeline(Readable.from(copyChunks(rows)), stream)
        await afterBulk(table, count())
        return
      }
      const per = Math.max(1, Math.floor(PARAMS_PER_STATEMENT / target.columns.length))
      await pipelined(rows, per, async (batch) => {
        const params: Array<unknown> = []
        const tuples: Array<string> = []
        for (const row of batch) {
          const base = params.length
          tuples.push(`(${row.map((_, j) => `$${base + j + 1}`).join(", ")})`)
          for (const v of row) params.push(v)
        }
        await query(`INSERT INTO ${table} (${columns}) VALUES ${tuples.join(", ")}`, params)
      })
      await afterBulk(table, count())
    }
  }
}

const loadCopyFrom = async (): Promise<CopyFrom | undefined> => {
  try {
    const module = (await import("pg-copy-streams")) as unknown as { from?: CopyFrom; default?: { from?: CopyFrom } }
    return module.from ?? module.default?.from
  } catch {
    return undefined
  }
}

/**
 * The PostgreSQL dialect.
 *
 * @since 0.1.0
 * @category dialects
 */
export const postgres: Dialect<PostgresOptions> = {
  name: "postgres",
  kysely: {
    adapter: () => new PostgresAdapter(),
    compiler: () => new PostgresQueryCompiler(),
    introspector: (db) => new PostgresIntrospector(db)
  },
  quote: doubleQuote,
  placeholders: numberedPlaceholders,
  begin: ["BEGIN ISOLATION LEVEL READ COMMITTED"],
  insertOrSkip: " ON CONFLICT (\"school_id\", \"id\") DO NOTHING",
  lockChain: [
    "INSERT INTO \"houqin_audit_chain\" (\"school_id\", \"writer\") VALUES ($1, $2) ON CONFLICT DO NOTHING",
    "SELECT 1 FROM \"houqin_audit_chain\" WHERE \"school_id\" = $1 AND \"writer\" = $2 FOR UPDATE"
  ],
  forUpdate: " FOR UPDATE",
  // PostgreSQL sorts NULL highest; the port sorts it lowest
  nulls: { asc: " NULLS FIRST", desc: " NULLS LAST" },
  unboundedLimit: undefined,
  bind: {
    bool: (b) => b,
    instant: Time.formatEpochMillis
  },
  limits: { textLength: undefined, idLength: undefined, labelLength: undefined, nul: false },
  integrity: (error) => {
    const code = errorCode(error)
    return code === "23505" ? "duplicate" : code === "23503" ? "foreignKey" : undefined
  },
  // an error aborts the transaction until it rolls back (to a savepoint)
  failureAbortsTransaction: true,
  // a parameter compared with a numeric column is read as numeric, exactly
  decimal: { ...decimal38, cast: undefined },
  currentSchema: 'SELECT current_schema() AS "schema"',
  bulkStrategy: "COPY … FROM STDIN (pg-copy-streams), in one transaction",
  bulkBatch: ROWS_PER_CHUNK,
  ddl: {
    // frozen: released migrations use these types
    v1: {
      id: "text COLLATE \"C\"",
      text: "text COLLATE \"C\"",
      int: "bigint",
      number: "double precision",
      bool: "boolean",
      date: "date",
      instant: "timestamptz(3)",
      json: "json",
      version: "integer",
      seq: "bigint",
      hash: "char(64)",
      label: "text COLLATE \"C\"",
      tableSuffix: "",
      indexNullsFirst: " NULLS FIRST"
    },
    v2: {
      id: "text COLLATE \"C\"",
      text: "text COLLATE \"C\"",
      int: "bigint",
      number: "double precision",
      decimal: "numeric(38,8)",
      bool: "boolean",
      date: "date",
      instant: "timestamptz(3)",
      json: "json",
      version: "integer",
      seq: "bigint",
      hash: "char(64)",
      label: "text COLLATE \"C\"",
      tableSuffix: "",
      indexNullsFirst: " NULLS FIRST"
    }
  },
  open: async (options): Promise<Pool> => {
    let pool = options.pool
    const owned = pool === undefined
    if (pool === undefined) {
      const pg = (await import("pg")) as unknown as { default: { Pool: new (config: object) => PgPoolLike } }
      pool = new pg.default.Pool({ connectionString: options.url, max: options.poolSize ?? 10 })
    }
    const copyFrom = options.copyFrom ?? (await loadCopyFrom())
    const clients = new WeakMap<Connection, PgClientLike>()
    const p = pool
    // a connection the server ends reports it on the client as an event; the statement it was
    // running fails with the same error, which is where the adapter reads it. Without a
    // listener, Node would treat the event as an uncaught exception.
    const ignore = () => undefined
    const listened = new WeakSet<PgClientLike>()
    if (owned) p.on?.("error", ignore)
    return {
      acquire: async () => {
        const client = await p.connect()
        if (!listened.has(client)) {
          listened.add(client)
          client.on?.("error", ignore)
        }
        const c = connection(client, copyFrom)
        clients.set(c, client)
        return c
      },
      release: (c, broken) => {
        clients.get(c)?.release(broken)
        clients.delete(c)
      },
      close: () => (owned ? p.end() : Promise.resolve())
    }
  }
}
