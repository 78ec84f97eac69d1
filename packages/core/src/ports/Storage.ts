/**
 * The storage contract: what an adapter implements.
 *
 * Every aggregate is described by an {@link AggregateSpec}: a stable name, its schema (whose
 * encoded form is JSON) and its projected fields — the values stored in columns of their own, by
 * which the repository can be queried. A backend ({@link StorageBackend}) gives a raw repository
 * for any spec, a transaction that makes a command's writes atomic, and the audit log's chains.
 * The core wraps it (`Repository`, `UnitOfWork`, `AuditLog`, `Command`); modules declare their
 * aggregates and repository services on top; adapters implement only this file.
 *
 * @since 0.1.0
 */
import type { Option, Result, Schema } from "effect"
import { Context, Effect } from "effect"
import type { ConflictError, DuplicateError, NotFoundError, ReferenceError, StorageError, ValidationError } from "../kernel/Errors.ts"
import type { AuditEntry, ChainHead } from "./AuditLog.ts"

/**
 * The fields every aggregate carries.
 *
 * @since 0.1.0
 * @category models
 */
export interface AggregateRoot {
  readonly schoolId: string
  readonly id: string
  readonly version: number
}

/**
 * The kind of a projected field, and so of its column: text, an integer (BIGINT; money is an
 * integer of fen), a number (a float: temperatures, z-scores), an exact decimal (a DECIMAL column
 * with 8 places: quantities and unit prices, held as their decimal text), a boolean, a local date
 * (`YYYY-MM-DD`, a DATE column) or an instant (epoch milliseconds in queries; a UTC timestamp
 * column).
 *
 * Text compares by Unicode code point, decimals by value, everything else by value.
 *
 * @since 0.1.0
 * @category models
 */
export type FieldKind = "text" | "int" | "number" | "decimal" | "bool" | "date" | "instant"

/**
 * A projected field's value: strings for text, decimals (`"12.5"`) and dates, numbers for int,
 * number and instant (epoch milliseconds), booleans, or `null` when absent.
 *
 * @since 0.1.0
 * @category models
 */
export type FieldValue = string | number | boolean | null

/**
 * A projected field: its kind and how to read it from the aggregate.
 *
 * @since 0.1.0
 * @category models
 */
export interface FieldSpec<A> {
  readonly kind: FieldKind
  readonly get: (a: A) => FieldValue
  /**
   * The aggregate (by spec name) whose id this field holds, in the same school: a foreign key.
   * A write naming a record that does not exist fails with a `ReferenceError`
   * (`storage.missingReference`), and so does the removal of a record still named
   * (`storage.referenced`). `null` names nothing.
   */
  readonly references?: string
}

/**
 * The description of an aggregate that every backend stores.
 *
 * `name` is stable (`retention.sample`) and names the table (`retention_sample`); `fields` are the
 * projected, queryable fields (camelCase names; adapters may map them to snake_case columns).
 *
 * @since 0.1.0
 * @category models
 */
export interface AggregateSpec<A extends AggregateRoot = AggregateRoot, E = unknown> {
  readonly name: string
  readonly schema: Schema.Codec<A, E>
  readonly fields: { readonly [field: string]: FieldSpec<A> }
  /**
   * Sets of projected fields whose values are unique within a school (an asset's tag); a write
   * that would repeat one fails with a `DuplicateError`. Rows where any of the fields is `null`
   * are not constrained.
   */
  readonly unique?: ReadonlyArray<ReadonlyArray<string>>
  /**
   * Sets of projected fields that queries ask for together, in the order an index serves them:
   * the equalities first, then the range or order field (a fridge's readings over a week:
   * `["fridgeId", "at"]`). A backend may index each set as one (`(school_id, fields…, id)` in
   * SQL); the results are the same without it.
   */
  readonly indexes?: ReadonlyArray<ReadonlyArray<string>>
}

/**
 * Declares an aggregate spec.
 *
 * @since 0.1.0
 * @category constructors
 */
export const aggregate = <A extends AggregateRoot, E>(spec: AggregateSpec<A, E>): AggregateSpec<A, E> => spec

/**
 * A query over one school's aggregates: equality (or membership in a list) on projected fields,
 * an optional half-open range `[from, to)` on one field, ordering by that field (or `orderBy`)
 * then by id, and paging. Every backend returns the same rows in the same order.
 *
 * @since 0.1.0
 * @category models
 */
export interface Query {
  readonly where?: { readonly [field: string]: FieldValue | ReadonlyArray<FieldValue> }
  readonly range?: { readonly field: string; readonly from?: FieldValue; readonly to?: FieldValue }
  readonly orderBy?: string
  readonly direction?: "asc" | "desc"
  readonly limit?: number
  readonly offset?: number
}

/**
 * A value to write: the domain value and its encoded (JSON) form; for the rows of a bulk insert,
 * also the canonical JSON text of that form (`Json.canonicalize(encoded)`, which the repository
 * makes to hash the rows), which a backend storing JSON text may store as it is.
 *
 * @since 0.1.0
 * @category models
 */
export interface Row<A> {
  readonly value: A
  readonly encoded: unknown
  /** `Json.canonicalize(encoded)`, when the writer has it: the same document as `encoded` */
  readonly canonical?: string
}

/**
 * The rows of a bulk insert, encoded when the backend asks for them: `rows(start, end)` gives the
 * rows `start` to `end - 1` in order, each encoded through the aggregate's schema with its
 * canonical text, or the {@link ValidationError} of the first of them that has no valid encoding.
 * Asking again for a range gives the same rows. A backend that writes through a driver can so
 * encode the next rows while the database writes the previous ones.
 *
 * @since 0.1.0
 * @category models
 */
export interface RowSource<A> {
  readonly length: number
  readonly rows: (start: number, end: number) => Result.Result<ReadonlyArray<Row<A>>, ValidationError>
}

/**
 * What a write can fail with: a stale version or an existing id, a repeated unique value, a
 * missing or still-used reference, or the storage itself.
 *
 * @since 0.1.0
 * @category models
 */
export type WriteError = ConflictError | DuplicateError | ReferenceError | StorageError

/**
 * What a backend stores for one aggregate.
 *
 * `insert` writes rows that must not exist yet (a {@link ConflictError} with expected version 0
 * otherwise) and is the bulk path; `update` writes a row whose stored version must be
 * `expectedVersion` (the row carries the next version); `remove` deletes one.
 *
 * @since 0.1.0
 * @category models
 */
export interface RawRepository<A extends AggregateRoot> {
  readonly get: (schoolId: string, id: string) => Effect.Effect<Option.Option<A>, StorageError>
  readonly list: (schoolId: string, query?: Query) => Effect.Effect<ReadonlyArray<A>, StorageError>
  readonly count: (schoolId: string, query?: Query) => Effect.Effect<number, StorageError>
  readonly insert: (rows: ReadonlyArray<Row<A>>) => Effect.Effect<void, WriteError>
  /**
   * Optional: the bulk path fed by a {@link RowSource}, asked for its rows while earlier ones are
   * written. The same outcome as `insert` of all its rows — every row written or none — and a row
   * that does not encode fails the whole write with its `ValidationError`, after which nothing of
   * it is left. Without it, the repository encodes every row first and calls `insert`.
   */
  readonly insertSource?: (source: RowSource<A>) => Effect.Effect<void, ValidationError | WriteError>
  readonly update: (row: Row<A>, expectedVersion: number) => Effect.Effect<void, WriteError | NotFoundError>
  readonly remove: (schoolId: string, id: string, expectedVersion: number) => Effect.Effect<void, WriteError | NotFoundError>
}

/**
 * The audit log's storage: hash-chained entries per school and writer.
 *
 * `append` reads the chain's head and writes the entry that `build` makes from it, atomically
 * with respect to other appends to the same chain (a lock, or a conflict that the caller retries);
 * inside a transaction it commits or rolls back with it.
 *
 * @since 0.1.0
 * @category models
 */
export interface AuditStore {
  readonly append: <E, R>(
    schoolId: string,
    writer: string,
    build: (head: Option.Option<ChainHead>) => Effect.Effect<AuditEntry, E, R>
  ) => Effect.Effect<AuditEntry, E | ConflictError | StorageError, R>
  readonly head: (schoolId: string, writer: string) => Effect.Effect<Option.Option<ChainHead>, StorageError>
  readonly entries: (
    schoolId: string,
    writer: string,
    range?: { readonly fromSeq?: number; readonly toSeq?: number }
  ) => Effect.Effect<ReadonlyArray<AuditEntry>, StorageError>
  readonly writers: (schoolId: string) => Effect.Effect<ReadonlyArray<string>, StorageError>
}

/**
 * A storage backend: memory, SQL (SQLite, PostgreSQL, MariaDB) or IndexedDB.
 *
 * `transaction` runs an effect so that all of its writes commit or none does; a transaction
 * started inside another joins it.
 *
 * @since 0.1.0
 * @category models
 */
export interface StorageBackend {
  readonly name: string
  readonly repository: <A extends AggregateRoot, E>(spec: AggregateSpec<A, E>) => RawRepository<A>
  readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StorageError, R>
  readonly audit: AuditStore
}

/**
 * The rows of one bulk insert, as a backend kept them: the encoded rows in the order they were
 * written, whose canonical list hashes to the `hash` of the bulk change that wrote them.
 *
 * @since 0.1.0
 * @category models
 */
export interface KeptBulkRows {
  readonly schoolId: string
  readonly hash: string
  readonly aggregate: string
  readonly rows: ReadonlyArray<unknown>
}

/**
 * Optional, beside {@link StorageBackend}: a backend that keeps the rows of the bulk inserts its
 * transactions commit, by the hash their audit change records (a bulk change records the rows'
 * count and hash, not the rows), so that a chain with bulk inserts can be exported for sync.
 * The IndexedDB backend keeps them always; the SQL backend when opened with `keepBulkRows`.
 *
 * - `bulkRows` gives the kept rows of a bulk insert of the school, by its hash, or none.
 * - `pruneBulk` forgets the kept rows of these hashes (the rows stay in their tables) and says
 *   how many it forgot.
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkRowKeeper {
  readonly bulkRows: (schoolId: string, hash: string) => Effect.Effect<Option.Option<KeptBulkRows>, StorageError>
  readonly pruneBulk: (schoolId: string, hashes: ReadonlyArray<string>) => Effect.Effect<number, StorageError>
}

/**
 * How a {@link BulkRowKeeper} finds the inserts an audit entry's bulk changes wrote: the inserts
 * of the transaction (single ones too, since a bulk change of one row looks like one) are held as
 * they are written; each bulk change, in order, takes the first insert not yet taken of its
 * aggregate and count whose rows hash to the change's hash. The hash is computed only when
 * several inserts match; a lone match is taken as it is, and export checks its hash again.
 * `taken` carries what earlier entries of the same transaction took.
 *
 * @since 0.1.0
 * @category keeping bulk rows
 */
export const matchBulkInserts = <H>(
  changes: ReadonlyArray<AuditEntry["changes"][number]>,
  held: ReadonlyArray<H>,
  of: {
    readonly aggregate: (h: H) => string
    readonly count: (h: H) => number
    /** the hash of the insert's rows, as `Json.hashCanonical` of the encoded rows */
    readonly hash: (h: H) => Effect.Effect<string>
  },
  taken: Set<H> = new Set()
): Effect.Effect<ReadonlyArray<{ readonly hash: string; readonly aggregate: string; readonly held: H }>> =>
  Effect.gen(function*() {
    const out: Array<{ readonly hash: string; readonly aggregate: string; readonly held: H }> = []
    for (const change of changes) {
      if (change.op !== "bulkInsert" || change.hash === undefined || change.count === undefined) continue
      const candidates = held.filter((h) => !taken.has(h) && of.aggregate(h) === change.aggregate && of.count(h) === change.count)
      let chosen = candidates.length === 1 ? candidates[0] : undefined
      if (candidates.length > 1) {
        for (const h of candidates) {
          if ((yield* of.hash(h)) === change.hash) {
            chosen = h
            break
          }
        }
      }
      if (chosen === undefined) continue
      taken.add(chosen)
      out.push({ hash: change.hash, aggregate: change.aggregate, held: chosen })
    }
    return out
  })

/**
 * Whether a backend keeps the rows of its bulk inserts ({@link BulkRowKeeper}).
 *
 * @since 0.1.0
 * @category guards
 */
export const keepsBulkRows = <B extends StorageBackend>(backend: B): backend is B & BulkRowKeeper =>
  typeof (backend as Partial<BulkRowKeeper>).bulkRows === "function" && typeof (backend as Partial<BulkRowKeeper>).pruneBulk === "function"

/**
 * The storage backend service.
 *
 * @since 0.1.0
 * @category services
 */
export class Storage extends Context.Service<Storage, StorageBackend>()("@houqin/core/Storage") {}
