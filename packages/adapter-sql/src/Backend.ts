/**
 * The storage backend over any dialect: repositories for every aggregate that has a table, a
 * transaction per unit of work that nested calls join, and the audit store.
 *
 * - A unit of work is one database transaction on one connection; writes inside it use that
 *   connection, and a transaction started inside another joins it.
 * - Updates and removals name the version they read (`… WHERE version = ?`); when no row
 *   changes, the row's current version (read with a lock) tells a conflict from a missing row.
 * - A single-row insert skips an existing key (or fails alone) and reports the conflict; a bulk
 *   insert goes through the dialect's bulk path inside a savepoint (or a transaction of its own),
 *   so a duplicate key leaves no row of it behind while the surrounding unit of work goes on.
 * - An audit append locks its chain's row until the transaction ends, then reads the head and
 *   writes the entry built from it, so concurrent commands of one school never fork a chain.
 * - With `keepBulkRows`, the rows of every insert of a transaction are held (as their canonical
 *   texts) until its audit entry is appended; each bulk change of the entry then takes the insert
 *   of its aggregate with its count (and its hash, when several match), and its rows are written
 *   to `houqin_bulk_rows` in the same transaction, for sync to export.
 *
 * @since 0.1.0
 */
import { Errors, FastDecode, Json, Ports } from "@houqin/core"
import type { Cause } from "effect"
import { Context, Effect, Exit, Option, Result } from "effect"
import type { Kysely } from "kysely"
import { sql } from "kysely"
import type { Capabilities, Connection, Pool, Result as DriverResult } from "./Dialect.ts"
import { bindDecimal, bindField, decimalBound, kindMatches, Refused } from "./Bind.ts"
import type { Column, SchemaState, UniqueIndex } from "./Tables.ts"

type AggregateRoot = Ports.Storage.AggregateRoot
type AggregateSpec<A extends AggregateRoot, E> = Ports.Storage.AggregateSpec<A, E>
type FieldValue = Ports.Storage.FieldValue
type Query = Ports.Storage.Query
type RawRepository<A extends AggregateRoot> = Ports.Storage.RawRepository<A>
type StorageBackend = Ports.Storage.StorageBackend
type AuditEntry = Ports.AuditLog.AuditEntry
type ChainHead = Ports.AuditLog.ChainHead

const { ConflictError, DuplicateError, NotFoundError, ReferenceError, StorageError } = Errors

/**
 * The database as Kysely sees it: tables by name, columns by name.
 *
 * @since 0.1.0
 * @category models
 */
export type Database = Record<string, Record<string, unknown>>

/**
 * A SQL storage backend: the port's backend, with the Kysely instance over the same connections
 * (for your own queries over Houqin's tables) and the dialect it speaks.
 *
 * @since 0.1.0
 * @category models
 */
export interface SqlBackend extends StorageBackend, Ports.Storage.BulkRowKeeper {
  readonly dialect: Capabilities
  readonly db: Kysely<Database>
  readonly schema: SchemaState
  /** whether the rows of bulk inserts are kept for sync (`keepBulkRows`) */
  readonly keepsBulkRows: boolean
}

/** the rows of one insert of a transaction, held until its audit entry says whether they were a bulk insert */
interface HeldRows {
  readonly aggregate: string
  /** the rows' canonical texts, in order */
  readonly texts: ReadonlyArray<string>
}

interface TxState {
  readonly owner: object
  readonly connection: Connection
  savepoints: number
  /** with `keepBulkRows`: the inserts of this transaction not yet matched to a bulk change */
  readonly held: Array<HeldRows>
}

/** the size (in UTF-16 code units) above which kept rows start a new part */
const PART_SIZE = 1_000_000

/** the transactions the current fiber is inside, one per backend at most */
const CurrentTransactions = Context.Reference<ReadonlyArray<TxState>>("@houqin/adapter-sql/CurrentTransactions", {
  defaultValue: () => []
})

class DriverFailure {
  readonly error: unknown
  constructor(error: unknown) {
    this.error = error
  }
}

const storageError = (error: unknown, what?: string) =>
  StorageError.create(what === undefined ? error : `${what}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)

/** a connection that met a storage failure is discarded rather than reused */
const brokenBy = (cause: Cause.Cause<unknown>): boolean =>
  cause.reasons.some((r) => r._tag === "Die" || (r._tag === "Fail" && r.error instanceof StorageError))

/** a bound value as part of a key that tells equal column values from different ones */
const keyPart = (v: unknown): string => (typeof v === "string" ? `s${v}` : typeof v === "bigint" ? `n${v}` : `${typeof v}${String(v)}`)

const parseDoc = (raw: unknown): unknown => (typeof raw === "string" ? JSON.parse(raw) : raw)

const AuditEntryCodec = Ports.AuditLog.AuditEntrySchema
const decodeAuditEntry = FastDecode.decodeUnknownResult(AuditEntryCodec)

/**
 * A backend over a pool of a dialect and the schema its database has.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeBackend = (options: {
  readonly dialect: Capabilities
  readonly pool: Pool
  readonly db: Kysely<Database>
  readonly schema: SchemaState
  readonly name?: string
  /** keep the rows of bulk inserts in `houqin_bulk_rows` for sync (needs migration 0004) */
  readonly keepBulkRows?: boolean
}): SqlBackend => {
  const { dialect: caps, pool, db, schema } = options
  if (options.keepBulkRows === true && !schema.bulkRows) {
    throw new Error("keepBulkRows needs the table houqin_bulk_rows of migration 0004_bulk_rows, which the schema's migrations do not include")
  }
  const keep = options.keepBulkRows === true
  const self = {}
  const q = caps.quote
  const ph = caps.placeholders

  const attempt = <A>(f: () => Promise<A>): Effect.Effect<A, DriverFailure> =>
    Effect.tryPromise({ try: f, catch: (e) => new DriverFailure(e) })

  const run = (c: Connection, text: string, params: ReadonlyArray<unknown>): Effect.Effect<DriverResult, Errors.StorageError> =>
    Effect.mapError(attempt(() => c.query(text, params)), (f) => storageError(f.error))

  const currentOf = (states: ReadonlyArray<TxState>) => states.find((s) => s.owner === self)

  /** runs `f` on the current transaction's connection, or on a connection of its own */
  const withConnection = <A, E, R>(f: (c: Connection) => Effect.Effect<A, E, R>): Effect.Effect<A, E | Errors.StorageError, R> =>
    Effect.flatMap(CurrentTransactions, (states) => {
      const current = currentOf(states)
      if (current !== undefined) return f(current.connection)
      return Effect.acquireUseRelease(
        Effect.mapError(attempt(() => pool.acquire()), (e) => storageError(e.error, "no connection")),
        f,
        (c, exit) => Effect.sync(() => pool.release(c, Exit.isFailure(exit) && brokenBy(exit.cause)))
      )
    })

  /** one statement: on the current transaction's connection, or on a connection taken for it alone */
  const statement = (text: string, params: ReadonlyArray<unknown>): Effect.Effect<DriverResult, Errors.StorageError> =>
    Effect.flatMap(CurrentTransactions, (states) => {
      const current = currentOf(states)
      if (current !== undefined) return run(current.connection, text, params)
      if (pool.read !== undefined) return Effect.tryPromise({ try: () => pool.read!(text, params), catch: (e) => storageError(e) })
      return Effect.tryPromise({
        try: async () => {
          const c = await pool.acquire()
          let broken = true
          try {
            const r = await c.query(text, params)
            broken = false
            return r
          } finally {
            pool.release(c, broken)
          }
        },
        catch: (e) => storageError(e)
      })
    })

  const finish = (c: Connection, statement: "COMMIT" | "ROLLBACK") => Effect.exit(run(c, statement, []))

  const transaction = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | Errors.StorageError, R> =>
    Effect.flatMap(CurrentTransactions, (states) => {
      if (currentOf(states) !== undefined) return effect
      return Effect.uninterruptibleMask((restore) =>
        Effect.gen(function*() {
          const c = yield* Effect.mapError(attempt(() => pool.acquire()), (e) => storageError(e.error, "no connection"))
          for (const statement of caps.begin) {
            const begun = yield* Effect.exit(run(c, statement, []))
            if (Exit.isFailure(begun)) {
              pool.release(c, true)
              return yield* Effect.failCause(begun.cause)
            }
          }
          const state: TxState = { owner: self, connection: c, savepoints: 0, held: [] }
          const exit = yield* Effect.exit(restore(Effect.provideService(effect, CurrentTransactions, [...states, state])))
          if (Exit.isSuccess(exit)) {
            const committed = yield* finish(c, "COMMIT")
            if (Exit.isFailure(committed)) {
              const rolledBack = yield* finish(c, "ROLLBACK")
              pool.release(c, true)
              void rolledBack
              return yield* Effect.failCause(committed.cause)
            }
            pool.release(c, false)
            return exit.value
          }
          const rolledBack = yield* finish(c, "ROLLBACK")
          pool.release(c, Exit.isFailure(rolledBack))
          return yield* exit
        })
      )
    })

  /** runs `f` inside a savepoint of a transaction: its writes are undone alone when it fails */
  const savepoint = <A, E, R>(current: TxState, f: Effect.Effect<A, E, R>): Effect.Effect<A, E | Errors.StorageError, R> => {
    const c = current.connection
    const name = `houqin_sp_${++current.savepoints}`
    return Effect.gen(function*() {
      yield* run(c, `SAVEPOINT ${name}`, [])
      const exit = yield* Effect.exit(f)
      if (Exit.isSuccess(exit)) {
        yield* run(c, `RELEASE SAVEPOINT ${name}`, [])
        return exit.value
      }
      yield* run(c, `ROLLBACK TO SAVEPOINT ${name}`, [])
      yield* run(c, `RELEASE SAVEPOINT ${name}`, [])
      return yield* exit
    })
  }

  /** runs `f` so that its writes land all or none: in a savepoint of the current transaction, or in one of its own */
  const atomically = <A, E, R>(f: (c: Connection) => Effect.Effect<A, E, R>): Effect.Effect<A, E | Errors.StorageError, R> =>
    Effect.flatMap(CurrentTransactions, (states) => {
      const current = currentOf(states)
      return current === undefined ? transaction(withConnection(f)) : savepoint(current, f(current.connection))
    })

  /** a row's canonical text, for keeping: what the writer computed, or computed now */
  const canonicalOf = (row: Ports.Storage.Row<unknown>): string | undefined =>
    row.canonical ?? Result.getOrUndefined(Json.canonicalize(row.encoded))

  /** with `keepBulkRows`, inside a transaction: holds an insert's rows until its audit entry is appended */
  const hold = (aggregate: string, texts: ReadonlyArray<string> | undefined): Effect.Effect<void> =>
    texts === undefined
      ? Effect.void
      : Effect.flatMap(CurrentTransactions, (states) =>
        Effect.sync(() => {
          currentOf(states)?.held.push({ aggregate, texts })
        }))

  /**
   * runs one statement that may break a constraint on `c`: where a failed statement would leave
   * the transaction unusable (PostgreSQL), inside a savepoint, so that the typed error it ends in
   * leaves the rest of the unit of work as it was
   */
  const protect = <A, E, R>(c: Connection, needed: boolean, f: Effect.Effect<A, E, R>): Effect.Effect<A, E | Errors.StorageError, R> =>
    !needed || !caps.failureAbortsTransaction
      ? f
      : Effect.flatMap(CurrentTransactions, (states) => {
        const current = currentOf(states)
        return current !== undefined && current.connection === c ? savepoint(current, f) : f
      })

  const checkId = (what: string, value: string): Errors.StorageError | undefined =>
    caps.limits.idLength !== undefined && value.length > caps.limits.idLength
      ? storageError(`${what} ${JSON.stringify(value.slice(0, 80))} is longer than the ${caps.limits.idLength} characters this engine keeps`)
      : undefined

  /** every column of another table (or this one) that names an aggregate: who must be asked before a removal */
  const referencesTo = (aggregate: string) =>
    [...schema.aggregates.values()].flatMap((t) =>
      t.columns.filter((c) => c.references?.aggregate === aggregate).map((c) => ({ aggregate: t.aggregate, table: t.table, column: c.column }))
    )

  const repository = <A extends AggregateRoot, E>(spec: AggregateSpec<A, E>): RawRepository<A> => {
    const table = schema.aggregates.get(spec.name)
    const fieldNames = Object.keys(spec.fields)
    const columns: ReadonlyArray<Column> = table === undefined
      ? []
      : fieldNames.flatMap((f) => table.columns.filter((c) => c.field === f))
    const missing = table === undefined
      ? `no table for aggregate ${spec.name}: the database's migrations do not create one (generate the next migration with \`pnpm --filter @houqin/adapter-sql migration:new\`)`
      : columns.length < fieldNames.length
      ? `table ${table.table} has no column for field(s) ${fieldNames.filter((f) => !columns.some((c) => c.field === f)).join(", ")} of ${spec.name} (generate the next migration)`
      : undefined
    const unavailable = missing === undefined ? undefined : storageError(missing)
    const t = q(table?.table ?? spec.name)
    const getters = columns.map((c) => spec.fields[c.field]!.get)
    const allColumns = ["school_id", "id", "version", "doc", ...columns.map((c) => c.column)]
    const selectOne = ph(`SELECT ${q("doc")} FROM ${t} WHERE ${q("school_id")} = ? AND ${q("id")} = ?`)
    const insertOneSql = ph(
      `INSERT INTO ${t} (${allColumns.map(q).join(", ")}) VALUES (${allColumns.map(() => "?").join(", ")})${caps.insertOrSkip}`
    )
    const update = ph(
      `UPDATE ${t} SET ${["version", "doc", ...columns.map((c) => c.column)].map((c) => `${q(c)} = ?`).join(", ")} WHERE ${q("school_id")} = ? AND ${q("id")} = ? AND ${q("version")} = ?`
    )
    const remove = ph(`DELETE FROM ${t} WHERE ${q("school_id")} = ? AND ${q("id")} = ? AND ${q("version")} = ?`)
    const versionOf = ph(`SELECT ${q("version")} FROM ${t} WHERE ${q("school_id")} = ? AND ${q("id")} = ?${caps.forUpdate}`)
    const decode = FastDecode.decodeUnknownResult(spec.schema)
    // lists take the compiled decoder itself: no result to allocate for each row that decodes
    const decodeFast = FastDecode.compile(spec.schema)

    /** the integrity rules a write of this aggregate can break, beyond its primary key */
    const references = columns.flatMap((c, i) => (c.references === undefined ? [] : [{ index: i, column: c, target: c.references }]))
    const uniques: ReadonlyArray<UniqueIndex & { readonly positions: ReadonlyArray<number> }> = (table?.unique ?? []).map((u) => ({
      ...u,
      // positions of the unique columns in a row's bound values
      positions: u.columns.map((col) => allColumns.indexOf(col))
    }))
    const checked = references.length > 0 || uniques.length > 0
    const referencedBy = referencesTo(spec.name)
    const param = (c: Column) => (c.kind === "decimal" && caps.decimal.cast !== undefined ? `CAST(? AS ${caps.decimal.cast})` : "?")

    /** a row's values in `allColumns` order, or the error that keeps it out of SQL */
    const values = (row: Ports.Storage.Row<A>): Array<unknown> | Errors.StorageError => {
      const { value } = row
      const bad = checkId("school id", value.schoolId) ?? checkId("id", value.id)
      if (bad !== undefined) return bad
      const out: Array<unknown> = [value.schoolId, value.id, value.version, row.canonical ?? JSON.stringify(row.encoded)]
      for (let i = 0; i < columns.length; i++) {
        const b = bindField(caps, columns[i]!, getters[i]!(value))
        if (b instanceof Refused) return storageError(`${spec.name} ${value.id}: ${b.problem}`)
        out.push(b)
      }
      return out
    }

    const decodeDoc = (raw: unknown, id: unknown): Effect.Effect<A, Errors.StorageError> => {
      let json: unknown
      try {
        json = parseDoc(raw)
      } catch (e) {
        return Effect.fail(storageError(e, `stored document of ${spec.name} ${String(id)} is not JSON`))
      }
      const r = decode(json)
      return Result.isSuccess(r)
        ? Effect.succeed(r.success)
        : Effect.fail(storageError(r.failure.message, `stored document of ${spec.name} ${String(id)} does not decode`))
    }

    const conflictOrMissing = (c: Connection, schoolId: string, id: string, expectedVersion: number) =>
      Effect.flatMap(run(c, versionOf, [schoolId, id]), (r): Effect.Effect<never, Errors.ConflictError | Errors.NotFoundError> => {
        const row = r.rows[0]
        if (row === undefined) {
          return expectedVersion === 0
            ? Effect.fail(ConflictError.create({ aggregate: spec.name, schoolId, id, expectedVersion, actualVersion: 1 }))
            : Effect.fail(NotFoundError.create(spec.name, schoolId, id))
        }
        return Effect.fail(ConflictError.create({ aggregate: spec.name, schoolId, id, expectedVersion, actualVersion: Number(row["version"]) }))
      })

    const resolve = (name: string): Column | Errors.StorageError => {
      if (name === "id") return { field: "id", column: "id", kind: "text" }
      if (name === "schoolId") return { field: "schoolId", column: "school_id", kind: "text" }
      if (name === "version") return { field: "version", column: "version", kind: "int" }
      const c = columns.find((x) => x.field === name)
      return c === undefined ? storageError(`${name} is not a projected field of ${spec.name}`) : c
    }

    /** a value of a query's equality, as its parameter; `undefined` when no stored value can equal it */
    const bindQueryValue = (c: Column, v: FieldValue): unknown => {
      if (!kindMatches(c.kind, v)) return undefined
      if (c.kind === "decimal") {
        const b = bindDecimal(caps, v as string)
        return b instanceof Refused ? undefined : caps.decimal.cast === undefined ? b : sql`CAST(${b} AS ${sql.raw(caps.decimal.cast)})`
      }
      return c.kind === "bool" ? caps.bind.bool(v as boolean) : c.kind === "instant" ? caps.bind.instant(v as number) : v
    }

    /** a bound of a query's range, as its parameter; `"all"` when it excludes nothing, `"none"` when it excludes everything */
    const bindBound = (c: Column, v: FieldValue, side: "from" | "to"): unknown => {
      if (c.kind !== "decimal") return bindQueryValue(c, v) ?? "none"
      const b = typeof v === "string" ? decimalBound(caps, v, side) : undefined
      if (b === undefined) return "none"
      return b === "all" || b === "none" || caps.decimal.cast === undefined ? b : sql`CAST(${b} AS ${sql.raw(caps.decimal.cast)})`
    }

    const compile = (schoolId: string, query: Query | undefined, counting: boolean) => {
      let b = db.selectFrom(table?.table ?? spec.name).where("school_id", "=", schoolId)
      for (const [name, v] of Object.entries(query?.where ?? {})) {
        const c = resolve(name)
        if (c instanceof StorageError) return c
        const list: ReadonlyArray<FieldValue> = Array.isArray(v) ? v : [v as FieldValue]
        const wanted = list.filter((x) => x !== null).map((x) => bindQueryValue(c, x)).filter((x) => x !== undefined)
        const withNull = list.includes(null)
        b = b.where((eb) =>
          eb.or([
            ...(wanted.length === 0
              ? []
              : wanted.length === 1
              ? [eb(c.column, "=", wanted[0])]
              : c.kind === "decimal"
              ? wanted.map((w) => eb(c.column, "=", w))
              : [eb(c.column, "in", wanted)]),
            ...(withNull ? [eb(c.column, "is", null)] : [])
          ])
        )
      }
      if (query?.range !== undefined) {
        const c = resolve(query.range.field)
        if (c instanceof StorageError) return c
        b = b.where(c.column, "is not", null)
        for (const [side, v] of [["from", query.range.from], ["to", query.range.to]] as const) {
          if (v === undefined || v === null) continue
          const bound = bindBound(c, v, side)
          if (bound === "all") continue
          b = bound === "none" ? b.where(sql<boolean>`1 = 0`) : b.where(c.column, side === "from" ? ">=" : "<", bound)
        }
      }
      if (counting) return b.select((eb) => eb.fn.countAll().as("n")).compile()
      const desc = query?.direction === "desc"
      const orderField = query?.orderBy ?? query?.range?.field
      let s = b.select("doc")
      if (orderField !== undefined) {
        const c = resolve(orderField)
        if (c instanceof StorageError) return c
        s = s.orderBy(sql`${sql.ref(c.column)} ${sql.raw(desc ? `DESC${caps.nulls.desc}` : `ASC${caps.nulls.asc}`)}`)
      }
      s = s.orderBy("id", desc ? "desc" : "asc")
      if (query?.limit !== undefined) s = s.limit(query.limit)
      else if (query?.offset !== undefined && caps.unboundedLimit !== undefined) s = s.limit(sql.raw<number>(String(caps.unboundedLimit)))
      if (query?.offset !== undefined) s = s.offset(query.offset)
      return s.compile()
    }

    /**
     * The statements of the queries made so far, by their shape: the fields of the equalities and
     * how many values each binds, the range's field and bounds, the order, whether a limit and an
     * offset are given. A query of a known shape binds its values into the statement compiled for
     * the first, without building it again through Kysely (a third of a small list's time). The
     * shape's parameters are collected here in the statement's order; a statement is kept only when
     * Kysely's own parameters for the first query were exactly those, and queries on decimals
     * (whose values the statement casts) are always compiled.
     */
    const statements = new Map<string, string>()
    const compileCached = (schoolId: string, query: Query | undefined, counting: boolean): { readonly sql: string; readonly parameters: ReadonlyArray<unknown> } | Errors.StorageError => {
      const parameters: Array<unknown> = [schoolId]
      let key = counting ? "n" : "s"
      const fresh = () => compile(schoolId, query, counting)
      if (query !== undefined) {
        if (query.where !== undefined) {
          for (const [name, v] of Object.entries(query.where)) {
            const c = resolve(name)
            if (c instanceof StorageError || c.kind === "decimal") return fresh()
            const list: ReadonlyArray<FieldValue> = Array.isArray(v) ? v : [v as FieldValue]
            let n = 0
            let withNull = false
            for (const x of list) {
              if (x === null) {
                withNull = true
                continue
              }
              const b = bindQueryValue(c, x)
              if (b === undefined) continue
              parameters.push(b)
              n++
            }
            key += `|w${name.length}:${name}:${n}${withNull ? "+null" : ""}`
          }
        }
        if (query.range !== undefined) {
          const c = resolve(query.range.field)
          if (c instanceof StorageError || c.kind === "decimal") return fresh()
          key += `|r${query.range.field.length}:${query.range.field}`
          for (const side of ["from", "to"] as const) {
            const v = query.range[side]
            if (v === undefined || v === null) {
              key += ":-"
              continue
            }
            const bound = bindBound(c, v, side)
            if (bound === "all" || bound === "none") key += `:${bound}`
            else {
              key += ":?"
              parameters.push(bound)
            }
          }
        }
        if (!counting) {
          const order = query.orderBy
          if (order !== undefined) key += `|o${order.length}:${order}`
          key += query.direction === "desc" ? "|desc" : "|asc"
          if (query.limit !== undefined) {
            key += "|l"
            parameters.push(query.limit)
          }
          if (query.offset !== undefined) {
            key += "|f"
            parameters.push(query.offset)
          }
        }
      }
      const known = statements.get(key)
      if (known !== undefined) return { sql: known, parameters }
      const compiled = fresh()
      if (compiled instanceof StorageError) return compiled
      if (compiled.parameters.length === parameters.length && compiled.parameters.every((p, i) => p === parameters[i])) {
        // the shapes are the queries of the application's code: a few dozen, kept while it runs
        if (statements.size >= 1000) statements.clear()
        statements.set(key, compiled.sql)
      }
      return compiled
    }

    const guard = <X, Y>(f: () => Effect.Effect<X, Y>): Effect.Effect<X, Y | Errors.StorageError> =>
      unavailable === undefined ? Effect.suspend(f) : Effect.fail(unavailable)

    type WriteFailure = Errors.ConflictError | Errors.DuplicateError | Errors.ReferenceError | Errors.StorageError

    /** the first row, in input order, whose id an earlier row of the same write has */
    const repeatedIn = (rows: ReadonlyArray<A>): Errors.ConflictError | undefined => {
      const seen = new Set<string>()
      for (const v of rows) {
        const k = `${v.schoolId}\u0000${v.id}`
        if (seen.has(k)) return ConflictError.create({ aggregate: spec.name, schoolId: v.schoolId, id: v.id, expectedVersion: 0, actualVersion: 1 })
        seen.add(k)
      }
      return undefined
    }

    /** the first row, in input order, whose key exists */
    const existingOf = (c: Connection, rows: ReadonlyArray<A>): Effect.Effect<Errors.ConflictError | undefined, Errors.StorageError> =>
      Effect.gen(function*() {
        const chunk = 500
        for (let start = 0; start < rows.length; start += chunk) {
          const part = rows.slice(start, start + chunk)
          const r = yield* run(
            c,
            ph(`SELECT ${q("school_id")}, ${q("id")}, ${q("version")} FROM ${t} WHERE ${part.map(() => `(${q("school_id")} = ? AND ${q("id")} = ?)`).join(" OR ")}`),
            part.flatMap((x) => [x.schoolId, x.id])
          )
          if (r.rows.length === 0) continue
          const found = new Map(r.rows.map((x) => [`${String(x["school_id"])}\u0000${String(x["id"])}`, Number(x["version"])]))
          for (const x of part) {
            const v = found.get(`${x.schoolId}\u0000${x.id}`)
            if (v !== undefined) return ConflictError.create({ aggregate: spec.name, schoolId: x.schoolId, id: x.id, expectedVersion: 0, actualVersion: v })
          }
        }
        return undefined
      })

    /**
     * the first row, in input order, whose unique fields repeat those of a stored row or of an
     * earlier row of the same write
     */
    const duplicateOf = (
      c: Connection,
      rows: ReadonlyArray<A>,
      bound: ReadonlyArray<ReadonlyArray<unknown>>
    ): Effect.Effect<Errors.DuplicateError | undefined, Errors.StorageError> =>
      Effect.gen(function*() {
        for (const u of uniques) {
          const keyed: Array<number> = []
          for (let i = 0; i < rows.length; i++) if (u.positions.every((p) => bound[i]![p] !== null)) keyed.push(i)
          if (keyed.length === 0) continue
          const ucolumns = u.columns.map((col) => columns.find((x) => x.column === col)!)
          // the stored holder of each row's values, asked in one statement per 100 rows
          const stored = new Map<number, string>()
          const match = `${q("school_id")} = ? AND ${ucolumns.map((x) => `${q(x.column)} = ${param(x)}`).join(" AND ")} AND ${q("id")} <> ?`
          for (let start = 0; start < keyed.length; start += 100) {
            const part = keyed.slice(start, start + 100)
            const r = yield* run(
              c,
              ph(part.map(() => `SELECT ? AS ${q("k")}, ${q("id")} FROM ${t} WHERE ${match}`).join(" UNION ALL ")),
              part.flatMap((i) => [String(i), rows[i]!.schoolId, ...u.positions.map((p) => bound[i]![p]), rows[i]!.id])
            )
            for (const x of r.rows) stored.set(Number(x["k"]), String(x["id"]))
          }
          const seen = new Map<string, string>()
          for (const i of keyed) {
            const row = rows[i]!
            const key = [row.schoolId, ...u.positions.map((p) => keyPart(bound[i]![p]))].join("\u0000")
            const holder = stored.get(i) ?? seen.get(key)
            if (holder !== undefined && holder !== row.id) {
              return DuplicateError.create({ aggregate: spec.name, schoolId: row.schoolId, fields: u.fields, existingId: holder })
            }
            seen.set(key, row.id)
          }
        }
        return undefined
      })

    /** the first row, in input order, that names a record that does not exist (a record of the same write counts) */
    const missingReferenceOf = (c: Connection, rows: ReadonlyArray<A>): Effect.Effect<Errors.ReferenceError | undefined, Errors.StorageError> =>
      Effect.gen(function*() {
        const written = new Set(rows.map((r) => `${r.schoolId}\u0000${r.id}`))
        for (const ref of references) {
          const get = getters[ref.index]!
          const self = ref.target.aggregate === spec.name
          const wanted = new Map<string, readonly [string, string]>()
          for (const row of rows) {
            const v = get(row)
            if (v === null) continue
            const k = `${row.schoolId}\u0000${String(v)}`
            if (!(self && written.has(k))) wanted.set(k, [row.schoolId, String(v)])
          }
          const pairs = [...wanted.values()]
          const found = new Set<string>()
          for (let start = 0; start < pairs.length; start += 500) {
            const part = pairs.slice(start, start + 500)
            const r = yield* run(
              c,
              ph(`SELECT ${q("school_id")}, ${q("id")} FROM ${q(ref.target.table)} WHERE ${part.map(() => `(${q("school_id")} = ? AND ${q("id")} = ?)`).join(" OR ")}`),
              part.flat()
            )
            for (const x of r.rows) found.add(`${String(x["school_id"])}\u0000${String(x["id"])}`)
          }
          for (const row of rows) {
            const v = get(row)
            if (v === null) continue
            const k = `${row.schoolId}\u0000${String(v)}`
            if (wanted.has(k) && !found.has(k)) {
              return ReferenceError.missing({
                aggregate: spec.name,
                schoolId: row.schoolId,
                id: row.id,
                field: ref.column.field,
                target: ref.target.aggregate,
                targetId: String(v)
              })
            }
          }
        }
        return undefined
      })

    /**
     * after a write failed on an integrity rule (and was undone): the typed error the memory
     * backend would have given — an existing key, a repeated unique value, a missing reference —
     * or the driver's error when none is found
     */
    const diagnose = (
      c: Connection,
      op: "insert" | "update",
      rows: ReadonlyArray<A>,
      bound: ReadonlyArray<ReadonlyArray<unknown>>,
      error: unknown
    ): Effect.Effect<never, WriteFailure> =>
      Effect.gen(function*() {
        if (caps.integrity(error) === undefined) return yield* storageError(error)
        const found = (op === "insert" ? repeatedIn(rows) ?? (yield* existingOf(c, rows)) : undefined) ??
          (yield* duplicateOf(c, rows, bound)) ??
          (yield* missingReferenceOf(c, rows))
        return yield* (found ?? storageError(error))
      })

    /** after a removal failed on a foreign key: a record that still names the one removed */
    const referencedOf = (c: Connection, schoolId: string, id: string, error: unknown): Effect.Effect<never, WriteFailure> =>
      Effect.gen(function*() {
        if (caps.integrity(error) !== "foreignKey") return yield* storageError(error)
        for (const source of referencedBy) {
          const self = source.aggregate === spec.name
          const r = yield* run(
            c,
            ph(`SELECT ${q("id")} FROM ${q(source.table)} WHERE ${q("school_id")} = ? AND ${q(source.column)} = ?${self ? ` AND ${q("id")} <> ?` : ""} ORDER BY ${q("id")} LIMIT 1`),
            self ? [schoolId, id, id] : [schoolId, id]
          )
          const user = r.rows[0]
          if (user !== undefined) {
            return yield* ReferenceError.referenced({ aggregate: source.aggregate, schoolId, id: String(user["id"]), target: spec.name, targetId: id })
          }
        }
        return yield* storageError(error)
      })

    /**
     * the bulk path: the rows are taken from the source (which may encode them then) and bound
     * batch by batch, as the connection asks for them — the next batch while the database writes
     * the previous one. A row that does not encode or bind stops the write, which then rolls back
     * with its savepoint (or transaction): every row that reached SQL was valid, and none of them
     * stays. An integrity error is diagnosed after the rollback, over every row (PostgreSQL
     * refuses every statement of a transaction between an error and its rollback); an id
     * repeated within the rows is found so, like every other key, and the rows that are written
     * pay nothing for it.
     */
    const bulk = (source: Ports.Storage.RowSource<A>): Effect.Effect<void, Errors.ValidationError | WriteFailure> => {
      const n = source.length
      let position = 0
      let stopped: Errors.ValidationError | Errors.StorageError | undefined
      // with keepBulkRows: the rows' canonical texts, held for the audit entry (none when one has no canonical form)
      let texts: Array<string> | undefined
      const next = (max: number): ReadonlyArray<ReadonlyArray<unknown>> | undefined => {
        if (position >= n) return undefined
        const end = Math.min(n, position + max)
        const r = source.rows(position, end)
        if (Result.isFailure(r)) throw (stopped = r.failure)
        const batch = r.success
        const out = new Array<Array<unknown>>(batch.length)
        for (let i = 0; i < batch.length; i++) {
          const row = batch[i]!
          const b = values(row)
          if (b instanceof StorageError) throw (stopped = b)
          out[i] = b
          if (texts !== undefined) {
            const text = canonicalOf(row)
            if (text === undefined) texts = undefined
            else texts.push(text)
          }
        }
        position = end
        return out
      }
      return Effect.catch(
        Effect.flatMap(
          atomically((c) =>
            Effect.suspend(() => {
              position = 0
              stopped = undefined
              texts = keep ? [] : undefined
              return attempt(() => c.bulkInsert({ table: table!.table, columns: allColumns }, { next }))
            })
          ),
          () => hold(spec.name, texts)
        ),
        (f): Effect.Effect<never, Errors.ValidationError | WriteFailure> => {
          if (stopped !== undefined) return Effect.fail(stopped)
          if (!(f instanceof DriverFailure)) return Effect.fail(f)
          const all = source.rows(0, n)
          if (Result.isFailure(all)) return Effect.fail(all.failure)
          const bound: Array<Array<unknown>> = []
          for (const row of all.success) {
            const b = values(row)
            if (b instanceof StorageError) return Effect.fail(b)
            bound.push(b)
          }
          return withConnection((c) => diagnose(c, "insert", all.success.map((r) => r.value), bound, f.error))
        }
      )
    }

    /** one row: an INSERT that skips an existing key, the conflict then reported */
    const insertOne = (row: Ports.Storage.Row<A>): Effect.Effect<void, WriteFailure> => {
      const b = values(row)
      if (b instanceof StorageError) return Effect.fail(b)
      const v = row.value
      return withConnection((c) =>
        Effect.flatMap(
          Effect.result(protect(c, checked, attempt(() => c.query(insertOneSql, b)))),
          (r): Effect.Effect<void, WriteFailure | Errors.NotFoundError> => {
            if (Result.isSuccess(r)) {
              if (r.success.affected !== 1) return conflictOrMissing(c, v.schoolId, v.id, 0)
              if (!keep) return Effect.void
              const text = canonicalOf(row)
              return hold(spec.name, text === undefined ? undefined : [text])
            }
            const failure = r.failure
            return failure instanceof DriverFailure ? diagnose(c, "insert", [v], [b], failure.error) : Effect.fail(failure)
          }
        )
      ) as Effect.Effect<void, WriteFailure>
    }

    return {
      get: (schoolId, id) =>
        guard(() =>
          Effect.flatMap(statement(selectOne, [schoolId, id]), (r) => {
            const row = r.rows[0]
            return row === undefined ? Effect.succeed(Option.none<A>()) : Effect.map(decodeDoc(row["doc"], id), Option.some)
          })
        ),
      list: (schoolId, query) =>
        guard(() => {
          const compiled = compileCached(schoolId, query, false)
          if (compiled instanceof StorageError) return Effect.fail(compiled)
          return Effect.flatMap(statement(compiled.sql, compiled.parameters), (r) => {
              const out: Array<A> = new Array<A>(r.rows.length)
              for (let i = 0; i < r.rows.length; i++) {
                const row = r.rows[i]!
                let json: unknown
                try {
                  json = parseDoc(row["doc"])
                } catch (e) {
                  return Effect.fail(storageError(e, `stored document of ${spec.name} is not JSON`))
                }
                const v = decodeFast(json)
                if (v === FastDecode.invalid) {
                  const d = decode(json)
                  // (the compiled decoder refuses exactly what Effect Schema refuses: `d` is a failure)
                  return Effect.fail(storageError(Result.isFailure(d) ? d.failure.message : "refused by the compiled decoder", `stored document of ${spec.name} does not decode`))
                }
                out[i] = v
              }
              return Effect.succeed(out)
            })
        }),
      count: (schoolId, query) =>
        guard(() => {
          const compiled = compileCached(schoolId, query, true)
          if (compiled instanceof StorageError) return Effect.fail(compiled)
          return Effect.map(statement(compiled.sql, compiled.parameters), (r) => Number(r.rows[0]?.["n"] ?? 0))
        }),
      insert: (rows) =>
        guard((): Effect.Effect<void, WriteFailure> =>
          rows.length === 0
            ? Effect.void
            : rows.length === 1
            ? insertOne(rows[0]!)
            // rows already encoded: nothing in them fails to encode
            : bulk({ length: rows.length, rows: (start, end) => Result.succeed(rows.slice(start, end)) }) as Effect.Effect<void, WriteFailure>
        ),
      insertSource: (source) =>
        guard((): Effect.Effect<void, Errors.ValidationError | WriteFailure> => {
          if (source.length === 0) return Effect.void
          if (source.length > 1) return bulk(source)
          return Effect.flatMap(Effect.fromResult(source.rows(0, 1)), (rows) => insertOne(rows[0]!))
        }),
      update: (row, expectedVersion) =>
        guard(() => {
          const b = values(row)
          if (b instanceof StorageError) return Effect.fail(b)
          const [schoolId, id, version, doc, ...fields] = b
          return withConnection((c) =>
            Effect.flatMap(
              Effect.result(protect(c, checked, attempt(() => c.query(update, [version, doc, ...fields, schoolId, id, expectedVersion])))),
              (r): Effect.Effect<void, WriteFailure | Errors.NotFoundError> => {
                if (Result.isSuccess(r)) return r.success.affected === 1 ? Effect.void : conflictOrMissing(c, row.value.schoolId, row.value.id, expectedVersion)
                const failure = r.failure
                return failure instanceof DriverFailure ? diagnose(c, "update", [row.value], [b], failure.error) : Effect.fail(failure)
              }
            )
          )
        }),
      remove: (schoolId, id, expectedVersion) =>
        guard(() =>
          withConnection((c) =>
            Effect.flatMap(
              Effect.result(protect(c, referencedBy.length > 0, attempt(() => c.query(remove, [schoolId, id, expectedVersion])))),
              (r): Effect.Effect<void, WriteFailure | Errors.NotFoundError> => {
                if (Result.isSuccess(r)) return r.success.affected === 1 ? Effect.void : conflictOrMissing(c, schoolId, id, expectedVersion)
                const failure = r.failure
                return failure instanceof DriverFailure ? referencedOf(c, schoolId, id, failure.error) : Effect.fail(failure)
              }
            )
          )
        )
    }
  }

  const audit = q("houqin_audit")
  const headSql = ph(`SELECT ${q("seq")}, ${q("hash")} FROM ${audit} WHERE ${q("school_id")} = ? AND ${q("writer")} = ? ORDER BY ${q("seq")} DESC LIMIT 1`)
  const insertEntry = ph(
    `INSERT INTO ${audit} (${["school_id", "writer", "seq", "at", "actor", "command", "prev", "hash", "entry"].map(q).join(", ")}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const lockChain = caps.lockChain
  const readHead = (c: Connection, schoolId: string, writer: string) =>
    Effect.map(run(c, headSql, [schoolId, writer]), (r): Option.Option<ChainHead> => {
      const row = r.rows[0]
      return row === undefined ? Option.none() : Option.some({ seq: Number(row["seq"]), hash: String(row["hash"]).trim() })
    })
  const checkLabel = (what: string, value: string): Errors.StorageError | undefined =>
    caps.limits.labelLength !== undefined && value.length > caps.limits.labelLength
      ? storageError(`the audit ${what} ${JSON.stringify(value.slice(0, 80))} is longer than the ${caps.limits.labelLength} characters this engine keeps`)
      : undefined
  const decodeEntry = (raw: unknown): Effect.Effect<AuditEntry, Errors.StorageError> => {
    let json: unknown
    try {
      json = parseDoc(raw)
    } catch (e) {
      return Effect.fail(storageError(e, "an audit entry is not JSON"))
    }
    const r = decodeAuditEntry(json)
    return Result.isSuccess(r) ? Effect.succeed(r.success) : Effect.fail(storageError(r.failure.message, "an audit entry does not decode"))
  }

  const kept = q("houqin_bulk_rows")
  const insertPart = ph(`INSERT INTO ${kept} (${["school_id", "hash", "part", "aggregate", "count", "rows"].map(q).join(", ")}) VALUES (?, ?, ?, ?, ?, ?)`)
  const removeKept = ph(`DELETE FROM ${kept} WHERE ${q("school_id")} = ? AND ${q("hash")} = ?`)
  const selectKept = ph(`SELECT ${q("aggregate")}, ${q("count")}, ${q("rows")} FROM ${kept} WHERE ${q("school_id")} = ? AND ${q("hash")} = ? ORDER BY ${q("part")}`)

  /**
   * with `keepBulkRows`: the held inserts that the entry's bulk changes wrote, kept by their hash
   * in parts; an insert is taken by one change at most, and a change with no insert to take (its
   * rows came in through another backend's transaction) keeps nothing, so that export says so
   */
  const keepBulk = (c: Connection, entry: AuditEntry): Effect.Effect<void, Errors.StorageError> =>
    Effect.gen(function*() {
      const tx = currentOf(yield* CurrentTransactions)
      if (tx === undefined || tx.held.length === 0) return
      const matched = yield* Ports.Storage.matchBulkInserts(entry.changes, tx.held, {
        aggregate: (h) => h.aggregate,
        count: (h) => h.texts.length,
        hash: (h) => {
          const hasher = Json.listHash()
          hasher.add(h.texts)
          return hasher.digest()
        }
      })
      tx.held.length = 0
      for (const { hash, aggregate, held: { texts } } of matched) {
        // the same rows inserted again (after a removal) hash the same: one copy is kept
        yield* run(c, removeKept, [entry.schoolId, hash])
        let part = 0
        let start = 0
        while (start < texts.length) {
          let end = start
          let size = 0
          while (end < texts.length && (end === start || size + texts[end]!.length < PART_SIZE)) size += texts[end++]!.length + 1
          yield* run(c, insertPart, [entry.schoolId, hash, part++, aggregate, texts.length, `[${texts.slice(start, end).join(",")}]`])
          start = end
        }
      }
    })

  const backend: SqlBackend = {
    name: options.name ?? `sql:${caps.name}`,
    dialect: caps,
    db,
    schema,
    keepsBulkRows: keep,
    repository,
    transaction,
    audit: {
      append: (schoolId, writer, build) => {
        const bad = checkId("school id", schoolId) ?? checkLabel("writer", writer)
        if (bad !== undefined) return Effect.fail(bad)
        return transaction(withConnection((c) =>
          Effect.gen(function*() {
            for (const statement of lockChain) yield* run(c, statement, [schoolId, writer])
            const head = yield* readHead(c, schoolId, writer)
            const entry = yield* build(head)
            const expected = Option.isSome(head) ? head.value.seq + 1 : 1
            if (entry.seq !== expected || entry.schoolId !== schoolId || entry.writer !== writer) {
              return yield* ConflictError.create({ aggregate: "audit", schoolId, id: writer, expectedVersion: expected - 1, actualVersion: entry.seq - 1 })
            }
            const label = checkLabel("actor", entry.actor) ?? checkLabel("command", entry.command)
            if (label !== undefined) return yield* label
            const encoded = Ports.AuditLog.encode(entry)
            yield* run(c, insertEntry, [
              schoolId,
              writer,
              entry.seq,
              caps.bind.instant(entry.at.epochMilliseconds),
              entry.actor,
              entry.command,
              entry.prev,
              entry.hash,
              JSON.stringify(encoded)
            ])
            if (keep) yield* keepBulk(c, entry)
            return entry
          })
        ))
      },
      head: (schoolId, writer) =>
        Effect.map(statement(headSql, [schoolId, writer]), (r): Option.Option<ChainHead> => {
          const row = r.rows[0]
          return row === undefined ? Option.none() : Option.some({ seq: Number(row["seq"]), hash: String(row["hash"]).trim() })
        }),
      entries: (schoolId, writer, range) =>
        withConnection((c) =>
          Effect.gen(function*() {
            const params: Array<unknown> = [schoolId, writer]
            let where = `${q("school_id")} = ? AND ${q("writer")} = ?`
            if (range?.fromSeq !== undefined) {
              where += ` AND ${q("seq")} >= ?`
              params.push(range.fromSeq)
            }
            if (range?.toSeq !== undefined) {
              where += ` AND ${q("seq")} <= ?`
              params.push(range.toSeq)
            }
            const r = yield* run(c, ph(`SELECT ${q("entry")} FROM ${audit} WHERE ${where} ORDER BY ${q("seq")}`), params)
            const out: Array<AuditEntry> = []
            for (const row of r.rows) out.push(yield* decodeEntry(row["entry"]))
            return out
          })
        ),
      writers: (schoolId) =>
        withConnection((c) =>
          Effect.map(
            run(c, ph(`SELECT DISTINCT ${q("writer")} FROM ${audit} WHERE ${q("school_id")} = ? ORDER BY ${q("writer")}`), [schoolId]),
            (r) => r.rows.map((row) => String(row["writer"]))
          )
        )
    },
    bulkRows: (schoolId, hash) =>
      !schema.bulkRows
        ? Effect.succeed(Option.none())
        : Effect.flatMap(statement(selectKept, [schoolId, hash]), (r): Effect.Effect<Option.Option<Ports.Storage.KeptBulkRows>, Errors.StorageError> => {
          if (r.rows.length === 0) return Effect.succeed(Option.none())
          const rows: Array<unknown> = []
          for (const row of r.rows) {
            let part: unknown
            try {
              part = parseDoc(row["rows"])
            } catch (e) {
              return Effect.fail(storageError(e, `the kept rows of bulk insert ${hash} are not JSON`))
            }
            if (!Array.isArray(part)) return Effect.fail(storageError(`the kept rows of bulk insert ${hash} are not a list`))
            for (const x of part) rows.push(x)
          }
          const first = r.rows[0]!
          const count = Number(first["count"])
          if (rows.length !== count) return Effect.fail(storageError(`bulk insert ${hash} kept ${rows.length} of its ${count} rows`))
          return Effect.succeed(Option.some({ schoolId, hash, aggregate: String(first["aggregate"]), rows }))
        }),
    pruneBulk: (schoolId, hashes) =>
      !schema.bulkRows || hashes.length === 0
        ? Effect.succeed(0)
        : transaction(withConnection((c) =>
          Effect.gen(function*() {
            let forgotten = 0
            for (const hash of new Set(hashes)) {
              const r = yield* run(c, removeKept, [schoolId, hash])
              if (r.affected > 0) forgotten++
            }
            return forgotten
          })
        ))
  }
  return backend
}
