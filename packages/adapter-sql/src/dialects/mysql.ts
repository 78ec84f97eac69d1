/**
 * MariaDB (and the MySQL family) through `mysql2`.
 *
 * Tables are InnoDB in utf8mb4 with the binary no-pad collation (`utf8mb4_nopad_bin`): every
 * character including emoji is stored, text compares and sorts by code point, and trailing spaces
 * count, as on the other engines. Transactions run at read committed; an audit chain is locked
 * through its row in `houqin_audit_chain` (`INSERT … ON DUPLICATE KEY UPDATE` takes the row's
 * exclusive lock). Indexed text columns hold up to 512 characters and ids up to 64; longer values
 * are refused before they reach SQL. The bulk path is `execute()` of 1,000-row prepared INSERTs.
 *
 * Tested on MariaDB 10.11. MySQL 8 is not tested here, so it is not claimed.
 *
 * @since 0.1.0
 */
import { Time } from "@houqin/core"
import { MysqlAdapter, MysqlIntrospector, MysqlQueryCompiler } from "kysely"
import type { BulkTarget, Connection, Dialect, Pool } from "../Dialect.ts"
import { decimal38, errorCode, pipelined } from "../Dialect.ts"

/**
 * The part of a `mysql2/promise` connection the adapter uses.
 *
 * @since 0.1.0
 * @category models
 */
export interface MysqlConnectionLike {
  query(sql: string, values?: Array<unknown>): Promise<[unknown, unknown]>
  execute(sql: string, values?: Array<unknown>): Promise<[unknown, unknown]>
  release(): void
  destroy(): void
}

/**
 * The part of a `mysql2/promise` pool the adapter uses.
 *
 * @since 0.1.0
 * @category models
 */
export interface MysqlPoolLike {
  getConnection(): Promise<MysqlConnectionLike>
  end(): Promise<void>
}

/**
 * Options of the MariaDB dialect.
 *
 * @since 0.1.0
 * @category models
 */
export interface MysqlOptions {
  readonly dialect: "mysql"
  /** a connection URL (`mysql://root@127.0.0.1:3306/houqin`) */
  readonly url?: string
  /** a `mysql2/promise` pool you made yourself, with `charset: "utf8mb4"` (left open when the storage closes) */
  readonly pool?: MysqlPoolLike
  /** connections of the pool the adapter makes from `url` (default 10) */
  readonly poolSize?: number
}

const quote = (identifier: string): string => `\`${identifier.replace(/`/g, "``")}\``

const ROWS_PER_STATEMENT = 1000

/**
 * a statement with a parameter this long goes as a prepared statement (the binary protocol sends
 * the value as it is, where the text protocol escapes it into the statement for the server to
 * parse again: about 3× faster for the megabyte-sized parts of kept bulk rows)
 */
const LARGE = 65_536

/**
 * Past this many bytes in one statement a connection is not handed back to the pool but closed.
 * The server's buffer for a connection's incoming packets grows to the largest statement and stays
 * so (MariaDB's `net_buffer_length`, 16 KiB, is only its start); on a connection whose buffer has
 * grown past a result's size the server sends the result in one piece once it is complete, instead
 * of in parts the client parses while the server reads on. Measured on MariaDB 10.11: a fridge's
 * week (672 rows, ~130 kB) ×40 takes 45 ms on a new connection and on one that sent 64 kB, 57 ms on
 * one that sent 128 kB or more (a bulk write's statements are ~250 kB, its kept rows up to a
 * megabyte). A new connection costs a few milliseconds once.
 */
const HEAVY = 65_536

/** the statement's size in bytes, at most: UTF-8 takes up to 3 bytes a UTF-16 unit */
const sizeOf = (sql: string, params: ReadonlyArray<unknown>): number => {
  let n = sql.length * 3
  for (let i = 0; i < params.length && n <= HEAVY; i++) {
    const p = params[i]
    n += typeof p === "string" ? p.length * 3 : 9
  }
  return n
}

/** a connection of the adapter and whether it has sent a statement past {@link HEAVY} bytes */
interface Wrapped {
  readonly connection: Connection
  readonly heavy: () => boolean
}

const connection = (conn: MysqlConnectionLike): Wrapped => {
  let heavy = false
  return {
    heavy: () => heavy,
    connection: {
      query: async (sql, params) => {
        const large = params.some((p) => typeof p === "string" && p.length > LARGE)
        if (!heavy && sizeOf(sql, params) > HEAVY) heavy = true
        const [result] = await (large ? conn.execute(sql, params as Array<unknown>) : conn.query(sql, params as Array<unknown>))
        return Array.isArray(result)
          ? { rows: result as Array<Record<string, unknown>>, affected: 0 }
          : { rows: [], affected: Number((result as { affectedRows?: number }).affectedRows ?? 0) }
      },
      bulkInsert: async (target: BulkTarget, rows) => {
        const head = `INSERT INTO ${quote(target.table)} (${target.columns.map(quote).join(", ")}) VALUES `
        const tuple = `(${target.columns.map(() => "?").join(", ")})`
        const per = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(60_000 / target.columns.length)))
        const full = head + Array.from({ length: per }, () => tuple).join(", ")
        // the next statement's rows are bound while the server writes the previous statement's
        await pipelined(rows, per, async (batch) => {
          const params: Array<unknown> = []
          for (let i = 0; i < batch.length; i++) {
            const row = batch[i]!
            for (let j = 0; j < row.length; j++) params.push(row[j])
          }
          const sql = batch.length === per ? full : head + Array.from({ length: batch.length }, () => tuple).join(", ")
          if (!heavy && sizeOf(sql, params) > HEAVY) heavy = true
          await conn.execute(sql, params)
        })
      }
    }
  }
}

/**
 * The MariaDB dialect.
 *
 * @since 0.1.0
 * @category dialects
 */
export const mysql: Dialect<MysqlOptions> = {
  name: "mysql",
  kysely: {
    adapter: () => new MysqlAdapter(),
    compiler: () => new MysqlQueryCompiler(),
    introspector: (db) => new MysqlIntrospector(db)
  },
  quote,
  placeholders: (sql) => sql,
  begin: ["SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "START TRANSACTION"],
  // a single-row INSERT that meets an existing key fails alone (the transaction goes on):
  // the duplicate-key error is read as the conflict
  insertOrSkip: "",
  lockChain: ["INSERT INTO `houqin_audit_chain` (`school_id`, `writer`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `writer` = `writer`"],
  forUpdate: " FOR UPDATE",
  // MariaDB sorts NULL lowest: first ascending, last descending
  nulls: { asc: "", desc: "" },
  unboundedLimit: "18446744073709551615",
  bind: {
    bool: (b) => (b ? 1 : 0),
    instant: (ms) => {
      const iso = Time.formatEpochMillis(ms)
      return iso.length === 24 ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}` : iso.replace("T", " ").replace("Z", "")
    }
  },
  limits: { textLength: 512, idLength: 64, labelLength: 128, nul: true },
  integrity: (error) => {
    const errno = (error as { errno?: unknown } | null)?.errno
    // 1062 a duplicate key; 1452/1216 a missing parent row, 1451/1217 a parent row still named
    return errorCode(error) === "ER_DUP_ENTRY" || errno === 1062
      ? "duplicate"
      : errno === 1452 || errno === 1451 || errno === 1216 || errno === 1217
      ? "foreignKey"
      : undefined
  },
  // a failed statement is undone alone; its transaction goes on
  failureAbortsTransaction: false,
  // MySQL's documented rule compares a string with a DECIMAL as doubles (MariaDB 10.11 compares
  // them exactly): decimal parameters are cast, so the comparison is exact on both
  decimal: { ...decimal38, cast: "DECIMAL(38,8)" },
  currentSchema: undefined,
  bulkStrategy: "execute() of prepared 1,000-row INSERTs, in one transaction",
  bulkBatch: ROWS_PER_STATEMENT,
  ddl: {
    // frozen: released migrations use these types
    v1: {
      id: "VARCHAR(64)",
      text: "VARCHAR(512)",
      int: "BIGINT",
      number: "DOUBLE",
      bool: "BOOLEAN",
      date: "DATE",
      // UTC, without the server's time-zone conversion
      instant: "DATETIME(3)",
      json: "JSON",
      version: "INT",
      seq: "BIGINT",
      hash: "CHAR(64)",
      label: "VARCHAR(128)",
      tableSuffix: " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin",
      indexNullsFirst: ""
    },
    v2: {
      id: "VARCHAR(64)",
      text: "VARCHAR(512)",
      int: "BIGINT",
      number: "DOUBLE",
      decimal: "DECIMAL(38,8)",
      bool: "BOOLEAN",
      date: "DATE",
      instant: "DATETIME(3)",
      json: "JSON",
      version: "INT",
      seq: "BIGINT",
      hash: "CHAR(64)",
      label: "VARCHAR(128)",
      tableSuffix: " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin",
      indexNullsFirst: ""
    }
  },
  open: async (options): Promise<Pool> => {
    let pool = options.pool
    const owned = pool === undefined
    if (pool === undefined) {
      const mysql2 = (await import("mysql2/promise")) as unknown as { default: { createPool: (config: object) => MysqlPoolLike } }
      pool = mysql2.default.createPool({
        uri: options.url,
        connectionLimit: options.poolSize ?? 10,
        charset: "utf8mb4",
        // instants are bound as UTC text; no conversion by the client
        timezone: "Z"
        // no `supportBigNumbers`: every integer the adapter reads (versions, counts, sequence
        // numbers, money in fen) is a safe integer by contract, and with it mysql2 scans each JSON
        // document for runs of 16 digits before parsing it (a tenth of a read's time)
      })
    }
    const conns = new WeakMap<Connection, { readonly conn: MysqlConnectionLike; readonly wrapped: Wrapped }>()
    const p = pool
    return {
      acquire: async () => {
        const conn = await p.getConnection()
        const wrapped = connection(conn)
        conns.set(wrapped.connection, { conn, wrapped })
        return wrapped.connection
      },
      release: (c, broken) => {
        const held = conns.get(c)
        conns.delete(c)
        // a connection whose server buffer has grown is replaced (see HEAVY)
        if (broken || held?.wrapped.heavy() === true) held?.conn.destroy()
        else held?.conn.release()
      },
      close: () => (owned ? p.end() : Promise.resolve())
    }
  }
}
