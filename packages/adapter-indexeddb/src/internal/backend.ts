/**
 * The IndexedDB backend (internal: the public typings are in `../IndexedDb.ts`).
 *
 * IndexedDB commits a transaction by itself as soon as it has no request pending at the end of a
 * task, so a transaction cannot stay open across the awaits of a command (WebCrypto hashing for
 * the audit log, the effect runtime's own scheduling). Transactions are therefore staged: the
 * command runs against the committed data with its own writes in an overlay that its reads see
 * first, every write checking versions as it is made; at the end one Dexie `rw` transaction over
 * the tables it touched checks again, in IndexedDB, that every row and audit chain is still at the
 * version the command saw, and writes everything — or nothing, if any check fails (a typed
 * `ConflictError`). Transactions of one database are serialised (a semaphore, and Web Locks
 * across tabs where available), so the second check only fails for writers that bypass both.
 */
import { ConflictError, DuplicateError, FastDecode, Json, NotFoundError, ReferenceError, StorageError } from "@houqin/core/kernel"
import type { AuditLog as AuditLogTypes } from "@houqin/core/ports"
import { AuditLog, Memory, Storage } from "@houqin/core/ports"
import type { Ports } from "@houqin/core"
import type { Table } from "dexie"
import { Dexie } from "dexie"
import { Context, Effect, Option, Result } from "effect"
import type { SchemaVersion } from "../Schema.ts"
import { compoundIndexName, fieldKey, indexedCompounds, indexedFields, indexName, signatureOf, storesAt, tableName } from "../Schema.ts"
import type { Key } from "./keys.ts"
import { encode, ENCODING } from "./keys.ts"
import type { LockManagerLike } from "./locks.ts"
import { serialiser } from "./locks.ts"
import type { Bounds, Candidate, StoredKeys } from "./query.ts"
import { certain, choose, plan } from "./query.ts"

type AggregateRoot = Ports.Storage.AggregateRoot
type AnySpec = Ports.Storage.AggregateSpec<AggregateRoot, unknown>
type AuditEntry = AuditLogTypes.AuditEntry
type ChainHead = AuditLogTypes.ChainHead

/**
 * a row of an aggregate's store: key, version, encoded document and one `$field` key per projection
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredRow {
  readonly schoolId: string
  readonly id: string
  readonly version: number
  readonly doc: unknown
  readonly [key: `$${string}`]: Key
}

/**
 * a row of the `audit` store
 *
 * @since 0.1.0
 * @category models
 */
export interface AuditRow {
  readonly schoolId: string
  readonly writer: string
  readonly seq: number
  readonly hash: string
  readonly entry: unknown
}

/**
 * a row of the `bulk` store: the rows of one bulk insert, by the hash its audit change records
 *
 * @since 0.1.0
 * @category models
 */
export interface BulkRow {
  readonly schoolId: string
  readonly hash: string
  readonly aggregate: string
  readonly rows: ReadonlyArray<unknown>
}

interface MetaRow {
  readonly name: string
  readonly signature: string
}

interface Staged {
  readonly value: AggregateRoot
  readonly row: StoredRow
}

interface TableOverlay {
  readonly info: TableInfo
  /** school\0id → the row written, or null when removed */
  readonly rows: Map<string, Staged | null>
  /** school\0id → the version the row had in the database when first written (0: absent) */
  readonly expect: Map<string, number>
  /** the encoded rows of each insert, in order (the rows of bulk inserts are kept for export) */
  readonly batches: Array<ReadonlyArray<unknown>>
}

interface ChainOverlay {
  readonly schoolId: string
  readonly writer: string
  /** the chain's head in the database when first appended to */
  readonly base: ChainHead | undefined
  readonly entries: Array<{ readonly entry: AuditEntry; readonly encoded: unknown }>
}

interface Overlay {
  readonly owner: object
  readonly tables: Map<string, TableOverlay>
  readonly chains: Map<string, ChainOverlay>
}

const CurrentOverlay = /* @__PURE__ */ Context.Reference<Overlay | undefined>("@houqin/adapter-indexeddb/CurrentOverlay", {
  defaultValue: () => undefined
})

interface TableInfo {
  readonly spec: AnySpec
  readonly table: string
  /** the store exists in the opened schema */
  readonly stored: boolean
  readonly indexed: ReadonlySet<string>
  /** the sets of fields the store indexes together */
  readonly compounds: ReadonlyArray<ReadonlyArray<string>>
  readonly fields: ReadonlyArray<{ readonly name: string; readonly key: `$${string}`; readonly kind: Ports.Storage.FieldKind; readonly get: (a: AggregateRoot) => Ports.Storage.FieldValue }>
  readonly signature: string
  readonly decode: (doc: unknown) => Result.Result<AggregateRoot, unknown>
}

/** a refusal raised inside a Dexie transaction to abort it with a typed error */
class Refusal {
  readonly error: ConflictError | NotFoundError | StorageError
  constructor(error: ConflictError | NotFoundError | StorageError) {
    this.error = error
  }
}

/**
 * The lowest and highest keys. Dexie's own `maxKey` is `"\uffff"` wherever the global IndexedDB
 * (not the injected one) lacks array keys — in Node — and a text value can sort above it; every
 * IndexedDB this adapter supports has array keys, and an array sorts above every string and
 * number.
 */
const MIN_KEY = -Infinity
const MAX_KEY: ReadonlyArray<unknown> = [[]]

/** the most rows one `getAll` of a scan reads */
const CHUNK = 4096

/** from this many rows of one school on, a unique check reads the school's whole index once */
const WHOLE_INDEX = 64

/** from this offset on, an exact ordered read passes over the offset by keys alone */
const SKIP_BY_KEYS = 256

const SEP = "\u0000"
const rowKey = (schoolId: string, id: string) => `${schoolId}${SEP}${id}`
const splitKey = (k: string): [string, string] => {
  const i = k.indexOf(SEP)
  return [k.slice(0, i), k.slice(i + 1)]
}
const chainKey = rowKey

const countQuery = (query: Ports.Storage.Query | undefined): Ports.Storage.Query => {
  const { limit: _limit, offset: _offset, ...rest } = query ?? {}
  return rest
}

const sameHead = (a: ChainHead | undefined, b: ChainHead | undefined) =>
  a === undefined ? b === undefined : b !== undefined && a.seq === b.seq && a.hash === b.hash

const describe = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))

const decodeEntry = /* @__PURE__ */ FastDecode.decodeUnknownResult(AuditLog.AuditEntrySchema)

/**
 * options the internal constructor takes (the public ones, resolved)
 *
 * @since 0.1.0
 * @category models
 */
export interface BackendOptions {
  readonly name: string
  readonly indexedDB: NonNullable<NonNullable<ConstructorParameters<typeof Dexie>[1]>["indexedDB"]>
  readonly IDBKeyRange: NonNullable<NonNullable<ConstructorParameters<typeof Dexie>[1]>["IDBKeyRange"]>
  readonly versions: ReadonlyArray<SchemaVersion>
  readonly locks: LockManagerLike | undefined
  readonly durability: "default" | "strict" | "relaxed"
}

/**
 * the backend with its extra, adapter-specific operations
 *
 * @since 0.1.0
 * @category models
 */
export interface Backend extends Ports.Storage.StorageBackend {
  readonly databaseName: string
  readonly schemaVersion: number
  readonly bulkRows: (schoolId: string, hash: string) => Effect.Effect<Option.Option<BulkRow>, StorageError>
  readonly pruneBulk: (schoolId: string, hashes: ReadonlyArray<string>) => Effect.Effect<number, StorageError>
}

/**
 * opens the database: declares every released version and waits for Dexie to upgrade it
 *
 * @since 0.1.0
 * @category constructors
 */
export const open = (options: BackendOptions): Promise<Dexie> => {
  const db = new Dexie(options.name, {
    indexedDB: options.indexedDB,
    IDBKeyRange: options.IDBKeyRange,
    chromeTransactionDurability: options.durability,
    // no liveQuery cache: this backend's reads go through its own queries
    cache: "disabled",
    autoOpen: false
  })
  for (const v of options.versions) db.version(v.version).stores({ ...v.stores })
  return db.open()
}

/**
 * the backend over an open database
 *
 * @since 0.1.0
 * @category constructors
 */
export const backend = (db: Dexie, options: BackendOptions): Backend => {
  const self = {}
  const stores = storesAt(options.versions)
  const serialise = serialiser(`@houqin/adapter-indexeddb:${options.name}`, options.locks)
  const infos = new Map<string, TableInfo>()
  const ready = new Map<string, Promise<void>>()
  const limits = { min: MIN_KEY, max: MAX_KEY }
  const schemaVersion = options.versions[options.versions.length - 1]?.version ?? 0

  const infoOf = (spec: AnySpec): TableInfo => {
    let info = infos.get(spec.name)
    if (info === undefined || info.spec !== spec) {
      const table = tableName(spec.name)
      const store = stores[table]
      const decode = FastDecode.decodeUnknownResult(spec.schema)
      info = {
        spec,
        table,
        stored: store !== undefined,
        indexed: store === undefined ? new Set() : indexedFields(store),
        compounds: store === undefined ? [] : indexedCompounds(store),
        fields: Object.keys(spec.fields).sort().map((name) => ({
          name,
          key: fieldKey(name) as `$${string}`,
          kind: spec.fields[name]!.kind,
          get: spec.fields[name]!.get
        })),
        signature: `keys:${ENCODING};${signatureOf(spec)}`,
        decode: (doc) => decode(doc)
      }
      infos.set(spec.name, info)
    }
    return info
  }

  const project = (info: TableInfo, value: AggregateRoot, doc: unknown): StoredRow | StorageError => {
    const row: Record<string, unknown> = { schoolId: value.schoolId, id: value.id, version: value.version, doc }
    for (const f of info.fields) {
      const v = f.get(value)
      const k = encode(f.kind, v)
      if (k === undefined) {
        return StorageError.create(
          `${info.spec.name} ${value.id}: the projected field ${f.name} (${f.kind}) is ${typeof v === "number" ? String(v) : JSON.stringify(v) ?? typeof v}, which is not a storable value of its kind`,
          [f.name]
        )
      }
      row[f.key] = k
    }
    return row as unknown as StoredRow
  }

  const decodeRow = (info: TableInfo, row: StoredRow): AggregateRoot | StorageError => {
    const r = info.decode(row.doc)
    return Result.isSuccess(r)
      ? r.success
      : StorageError.create(`the stored ${info.spec.name} ${row.id} of school ${row.schoolId} does not decode: ${describe(r.failure)}`)
  }

  const decodeRows = (info: TableInfo, rows: ReadonlyArray<StoredRow>): Effect.Effect<Array<AggregateRoot>, StorageError> =>
    Effect.suspend(() => {
      const out: Array<AggregateRoot> = []
      for (const row of rows) {
        const v = decodeRow(info, row)
        if (v instanceof StorageError) return Effect.fail(v)
        out.push(v)
      }
      return Effect.succeed(out)
    })

  const attempt = <A>(f: (signal: AbortSignal) => Promise<A>): Effect.Effect<A, StorageError> =>
    Effect.tryPromise({ try: f, catch: (e) => (e instanceof Refusal && e.error instanceof StorageError ? e.error : StorageError.create(e)) })

  const table = (name: string): Table<StoredRow, [string, string]> => db.table(name)

  /** re-projects an aggregate's rows when they were written under another projection */
  const reproject = (info: TableInfo) =>
    db.transaction("rw", [info.table, "meta"], async () => {
      const meta = db.table<MetaRow, string>("meta")
      const m = await meta.get(info.spec.name)
      if (m?.signature === info.signature) return
      const t = table(info.table)
      if (m !== undefined || (await t.count()) > 0) {
        await t.toCollection().modify((stored) => {
          const row = stored as unknown as Record<string, unknown>
          const value = decodeRow(info, row as unknown as StoredRow)
          if (value instanceof StorageError) throw new Refusal(value)
          const projected = project(info, value, row["doc"])
          if (projected instanceof StorageError) throw new Refusal(projected)
          for (const k of Object.keys(row)) if (k.startsWith("$")) delete row[k]
          Object.assign(row, projected)
        })
      }
      await meta.put({ name: info.spec.name, signature: info.signature })
    })

  /** the aggregate's store exists and its rows carry the current projection */
  const prepare = (info: TableInfo): Effect.Effect<void, StorageError> => {
    if (!info.stored) {
      return Effect.fail(StorageError.create(
        `no object store for ${info.spec.name} (table ${info.table}) in schema version ${schemaVersion} of ${options.name}: ` +
          "run `pnpm --filter @houqin/adapter-indexeddb schema` to add a version for it"
      ))
    }
    return Effect.suspend(() => {
      let p = ready.get(info.table)
      if (p === undefined) {
        p = reproject(info)
        ready.set(info.table, p)
        p.catch(() => ready.delete(info.table))
      }
      const promise = p
      return attempt(() => promise)
    })
  }

  const schoolRange = (schoolId: string): Bounds => ({ lower: [schoolId, MIN_KEY], upper: [schoolId, MAX_KEY], lowerOpen: false, upperOpen: false })

  const currentOverlay = Effect.map(CurrentOverlay, (o) => (o?.owner === self ? o : undefined))

  const tableOverlay = (ov: Overlay, info: TableInfo): TableOverlay => {
    let t = ov.tables.get(info.table)
    if (t === undefined) {
      t = { info, rows: new Map(), expect: new Map(), batches: [] }
      ov.tables.set(info.table, t)
    }
    return t
  }

  /** the staged rows of one school in a table overlay: id → row or null */
  const stagedOf = (ov: Overlay | undefined, info: TableInfo, schoolId: string): Map<string, Staged | null> => {
    const out = new Map<string, Staged | null>()
    const t = ov?.tables.get(info.table)
    if (t === undefined) return out
    const prefix = `${schoolId}${SEP}`
    for (const [k, v] of t.rows) if (k.startsWith(prefix)) out.set(k.slice(prefix.length), v)
    return out
  }

  // ---- commit -------------------------------------------------------------------------------

  /**
   * the rows of the overlay's bulk inserts, by the hashes their audit changes record: each bulk
   * change takes an insert of its aggregate and count (by its hash when several match), as the
   * core's `matchBulkInserts` says
   */
  const bulkRowsOf = (ov: Overlay): Effect.Effect<Array<BulkRow>> =>
    Effect.gen(function*() {
      const out: Array<BulkRow> = []
      const held = [...ov.tables.values()].flatMap((t) => t.batches.map((rows) => ({ aggregate: t.info.spec.name, rows })))
      const taken = new Set<typeof held[number]>()
      for (const chain of ov.chains.values()) {
        for (const { entry } of chain.entries) {
          const matched = yield* Storage.matchBulkInserts(entry.changes, held, {
            aggregate: (h) => h.aggregate,
            count: (h) => h.rows.length,
            hash: (h) => Effect.orElseSucceed(Json.hashCanonical(h.rows), () => "")
          }, taken)
          for (const m of matched) out.push({ schoolId: entry.schoolId, hash: m.hash, aggregate: m.aggregate, rows: m.held.rows })
        }
      }
      return out
    })

  const commitPromise = async (ov: Overlay, bulk: ReadonlyArray<BulkRow>, signal: AbortSignal): Promise<void> => {
    const names = new Set<string>()
    for (const [name, t] of ov.tables) if (t.rows.size > 0) names.add(name)
    for (const chain of ov.chains.values()) if (chain.entries.length > 0) names.add("audit")
    if (bulk.length > 0) names.add("bulk")
    if (names.size === 0) return
    await db.transaction("rw", [...names], async (tx) => {
      const abort = () => tx.abort()
      signal.addEventListener("abort", abort, { once: true })
      try {
        for (const t of ov.tables.values()) {
          if (t.rows.size === 0) continue
          const store = table(t.info.table)
          const aggregate = t.info.spec.name
          const checked: Array<{ readonly key: [string, string]; readonly expect: number }> = []
          const adds: Array<StoredRow> = []
          const puts: Array<StoredRow> = []
          const deletes: Array<[string, string]> = []
          for (const [k, staged] of t.rows) {
            const expect = t.expect.get(k) ?? 0
            const key = splitKey(k)
            if (expect === 0 && staged !== null) {
              adds.push(staged.row)
              continue
            }
            checked.push({ key, expect })
            if (staged !== null) puts.push(staged.row)
            else if (expect > 0) deletes.push(key)
          }
          if (checked.length > 0) {
            const found = await store.bulkGet(checked.map((c) => c.key))
            for (let i = 0; i < checked.length; i++) {
              const { key: [schoolId, id], expect } = checked[i]!
              const row = found[i]
              if (expect === 0) {
                if (row !== undefined) {
                  throw new Refusal(ConflictError.create({ aggregate, schoolId, id, expectedVersion: 0, actualVersion: row.version }))
                }
              } else if (row === undefined) {
                throw new Refusal(NotFoundError.create(aggregate, schoolId, id))
              } else if (row.version !== expect) {
                throw new Refusal(ConflictError.create({ aggregate, schoolId, id, expectedVersion: expect, actualVersion: row.version }))
              }
            }
          }
          if (adds.length > 0) {
            // the handler is attached at once, so that Dexie does not report the refusal as unhandled
            const e: unknown = await store.bulkAdd(adds).then(() => undefined, (error: unknown) => error)
            if (e !== undefined) {
              if (!(e instanceof Dexie.BulkError)) throw e
              const position = Math.min(...Object.keys(e.failuresByPos).map(Number))
              const row = adds[position]!
              const existing = await store.get([row.schoolId, row.id])
              throw new Refusal(ConflictError.create({
                aggregate,
                schoolId: row.schoolId,
                id: row.id,
                expectedVersion: 0,
                actualVersion: existing?.version ?? 1
              }))
            }
          }
          if (puts.length > 0) await store.bulkPut(puts)
          if (deletes.length > 0) await store.bulkDelete(deletes)
        }
        const audit = db.table<AuditRow, [string, string, number]>("audit")
        for (const chain of ov.chains.values()) {
          if (chain.entries.length === 0) continue
          const last = await audit.where("[schoolId+writer+seq]")
            .between([chain.schoolId, chain.writer, MIN_KEY], [chain.schoolId, chain.writer, MAX_KEY])
            .last()
          const head = last === undefined ? undefined : { seq: last.seq, hash: last.hash }
          if (!sameHead(head, chain.base)) {
            throw new Refusal(ConflictError.create({
              aggregate: "audit",
              schoolId: chain.schoolId,
              id: chain.writer,
              expectedVersion: chain.base?.seq ?? 0,
              actualVersion: head?.seq ?? 0
            }))
          }
          await audit.bulkAdd(chain.entries.map(({ entry, encoded }) => ({
            schoolId: entry.schoolId,
            writer: entry.writer,
            seq: entry.seq,
            hash: entry.hash,
            entry: encoded
          })))
        }
        if (bulk.length > 0) await db.table<BulkRow, [string, string]>("bulk").bulkPut(bulk)
      } finally {
        signal.removeEventListener("abort", abort)
      }
    })
  }

  const commit = (ov: Overlay): Effect.Effect<void, ConflictError | NotFoundError | StorageError> =>
    Effect.flatMap(bulkRowsOf(ov), (bulk) =>
      Effect.tryPromise({
        try: (signal) => commitPromise(ov, bulk, signal),
        catch: (e) => (e instanceof Refusal ? e.error : StorageError.create(e))
      }))

  const fresh = (): Overlay => ({ owner: self, tables: new Map(), chains: new Map() })

  /** runs a write in the current transaction, or alone in a transaction of its own */
  const write = <A, E, R>(
    f: (ov: Overlay, inTransaction: boolean) => Effect.Effect<A, E, R>
  ): Effect.Effect<A, E | ConflictError | NotFoundError | StorageError, R> =>
    Effect.flatMap(currentOverlay, (current) =>
      current !== undefined
        ? f(current, true)
        : serialise(Effect.suspend(() => {
          const ov = fresh()
          return Effect.flatMap(f(ov, false), (a) => Effect.as(commit(ov), a))
        })))

  /** a write that only inserts (rows or audit entries): its commit checks absence, never finds a row missing */
  const writeNew = write as <A, E, R>(
    f: (ov: Overlay, inTransaction: boolean) => Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E | ConflictError | StorageError, R>

  // ---- reads --------------------------------------------------------------------------------

  const dbGet = (info: TableInfo, schoolId: string, id: string) =>
    attempt(() => table(info.table).get([schoolId, id]))

  /** an index: one field's, several fields' (`fields`), or the primary key (neither) */
  type IndexOf = { readonly field: string | undefined; readonly fields?: ReadonlyArray<string> | undefined }
  const primary: IndexOf = { field: undefined }
  const indexOf = (c: IndexOf) => (c.fields !== undefined ? compoundIndexName(c.fields) : c.field === undefined ? "[schoolId+id]" : indexName(c.field))
  /** a row's key in an index: where the next chunk of a range starts */
  const keyOf = (c: IndexOf): ((row: StoredRow) => Array<unknown>) => {
    const fields = c.fields ?? (c.field === undefined ? [] : [c.field])
    const keys = fields.map((f) => fieldKey(f) as `$${string}`)
    return (row) => [row.schoolId, ...keys.map((k) => row[k]), row.id]
  }

  /** the rows in a candidate's ranges, counted by IndexedDB (a count per range, no cursor) */
  const countOf = async (info: TableInfo, c: Candidate): Promise<number> => {
    const where = table(info.table).where(indexOf(c))
    const counts = await Promise.all(c.ranges.map((r) => where.between(r.lower, r.upper, !r.lowerOpen, !r.upperOpen).count()))
    return counts.reduce((a, b) => a + b, 0)
  }

  /**
   * Reads one range of an index in ascending key order, a chunk at a time (`getAll` with a count,
   * the next chunk starting after the last key read), handing each chunk to `visit` until it says
   * it has enough. Chunks of `getAll` cost far less per row than a cursor's event per row in
   * browsers, and fake-indexeddb 6 re-scans a bounded range from its start on every cursor step.
   */
  const scan = async (
    info: TableInfo,
    index: IndexOf,
    range: Bounds,
    first: number,
    visit: (rows: ReadonlyArray<StoredRow>) => boolean
  ): Promise<void> => {
    const where = table(info.table).where(indexOf(index))
    const key = keyOf(index)
    let lower = range.lower
    let lowerOpen = range.lowerOpen
    let size = Math.max(64, Math.min(first, CHUNK))
    for (;;) {
      const rows = await where.between(lower, range.upper, !lowerOpen, !range.upperOpen).limit(size).toArray()
      if (visit(rows) || rows.length < size) return
      lower = key(rows[rows.length - 1]!)
      lowerOpen = true
      size = Math.min(size * 2, CHUNK)
    }
  }

  /**
   * Skips `offset` rows of an exact, ordered range reading only their keys (no documents), and
   * gives where the rest begins and how many rows were skipped.
   */
  const skipKeys = async (info: TableInfo, c: Candidate, offset: number): Promise<{ readonly from: Bounds; readonly skipped: number }> => {
    const store = table(info.table)
    const where = store.where(indexOf(c))
    const key = keyOf(c)
    const range = c.ranges[0]!
    let lower = range.lower
    let lowerOpen = range.lowerOpen
    let skipped = 0
    while (skipped < offset) {
      const size = Math.min(offset - skipped, CHUNK)
      const keys = await where.between(lower, range.upper, !lowerOpen, !range.upperOpen).limit(size).primaryKeys()
      skipped += keys.length
      if (keys.length < size) break
      const last = keys[keys.length - 1]!
      if (c.field === undefined && c.fields === undefined) lower = last
      else {
        const row = await store.get(last)
        if (row === undefined) throw new Refusal(StorageError.create(`a row of ${info.table} vanished while it was read`))
        lower = key(row)
      }
      lowerOpen = true
    }
    return { from: { ...range, lower, lowerOpen }, skipped }
  }

  /**
   * Reads the candidate rows of a query: a superset of the matches (the first `need` when
   * ordered), after `skipped` leading matches that were passed over by their keys alone.
   */
  const readRows = (
    info: TableInfo,
    schoolId: string,
    query: Ports.Storage.Query,
    staged: ReadonlyMap<string, Staged | null>
  ): Effect.Effect<{ readonly rows: ReadonlyArray<StoredRow>; readonly skipped: number }, StorageError> => {
    const p = plan(info.spec, info.indexed, schoolId, query, limits, info.compounds)
    if (p._tag === "none") return Effect.succeed({ rows: [], skipped: 0 })
    const offset = query.offset ?? 0
    const need = query.limit === undefined ? Infinity : offset + query.limit
    return attempt(() =>
      db.transaction("r", info.table, async () => {
        const out: Array<StoredRow> = []
        const done = (skipped = 0) => ({ rows: out, skipped })
        if (p._tag === "scan") {
          await scan(info, primary, schoolRange(schoolId), CHUNK, (rows) => {
            for (const r of rows) if (!staged.has(r.id)) out.push(r)
            return false
          })
          return done()
        }
        const sure = p.candidates.length === 1 ? 0 : certain(p.candidates, need)
        const c = p.candidates[sure ?? choose(p.candidates, await Promise.all(p.candidates.map((x) => countOf(info, x))), need)]!
        const keep = (row: StoredRow) => !staged.has(row.id) && (c.exact || p.test(row as unknown as StoredKeys))
        if (c.ordered && c.exact && staged.size === 0 && query.direction !== "desc" && offset >= SKIP_BY_KEYS) {
          // every row of the range matches and comes in order: pass over the offset by keys alone
          const { from, skipped } = await skipKeys(info, c, offset)
          const enough = need - skipped
          if (skipped === offset) {
            await scan(info, c, from, enough, (rows) => {
              for (const row of rows) {
                out.push(row)
                if (out.length >= enough) return true
              }
              return false
            })
          }
          return done(skipped)
        }
        if (c.ordered && Number.isFinite(need) && query.direction === "desc") {
          // IndexedDB reads backwards only through a cursor
          const r = c.ranges[0]!
          await table(info.table).where(indexOf(c)).between(r.lower, r.upper, !r.lowerOpen, !r.upperOpen).reverse()
            .until(() => out.length >= need)
            .each((row) => {
              if (keep(row)) out.push(row)
            })
          return done()
        }
        const enough = c.ordered && Number.isFinite(need) ? need : Infinity
        for (const r of c.ranges) {
          await scan(info, c, r, enough, (rows) => {
            for (const row of rows) {
              if (keep(row)) out.push(row)
              if (out.length >= enough) return true
            }
            return false
          })
        }
        return done()
      })
    )
  }

  const countRows = (
    info: TableInfo,
    schoolId: string,
    query: Ports.Storage.Query,
    staged: ReadonlyMap<string, Staged | null>
  ): Effect.Effect<number, StorageError> => {
    const p = plan(info.spec, info.indexed, schoolId, query, limits, info.compounds)
    if (p._tag === "none") return Effect.succeed(0)
    if (p._tag === "scan") {
      return Effect.map(
        Effect.flatMap(readRows(info, schoolId, countQuery(query), staged), (read) => decodeRows(info, read.rows)),
        (values) => Memory.applyQuery(info.spec, values, countQuery(query)).length
      )
    }
    return attempt(() =>
      db.transaction("r", info.table, async () => {
        const sure = p.candidates.length === 1 ? 0 : certain(p.candidates, Infinity)
        const counts = sure !== undefined ? undefined : await Promise.all(p.candidates.map((c) => countOf(info, c)))
        const i = sure ?? choose(p.candidates, counts!, Infinity)
        const c = p.candidates[i]!
        if (c.exact && staged.size === 0) return counts?.[i] ?? countOf(info, c)
        let n = 0
        for (const r of c.ranges) {
          await scan(info, c, r, CHUNK, (rows) => {
            for (const row of rows) if (!staged.has(row.id) && (c.exact || p.test(row as unknown as StoredKeys))) n++
            return false
          })
        }
        return n
      })
    )
  }

  // ---- integrity: unique fields and references ----------------------------------------------

  /** the rows of a school's index range for one key of a field: their ids (index keys only) */
  const idsWithKey = (info: TableInfo, field: string, schoolId: string, key: Key): Promise<Array<string>> =>
    table(info.table).where(indexName(field)).between([schoolId, key, MIN_KEY], [schoolId, key, MAX_KEY], true, true)
      .keys()
      .then((keys) => (keys as unknown as ReadonlyArray<[string, Key, string]>).map((k) => k[2]))

  /** the key of each field of a unique set for a value, or `undefined` when one is `null` */
  const uniqueKey = (info: TableInfo, set: ReadonlyArray<string>, value: AggregateRoot): Array<Key> | undefined => {
    const out: Array<Key> = []
    for (const name of set) {
      const f = info.spec.fields[name]
      const v = f === undefined ? null : f.get(value)
      if (v === null) return undefined
      const k = encode(f!.kind, v)
      if (k === undefined) return undefined
      out.push(k)
    }
    return out
  }

  /**
   * A row about to be written repeats a unique set of another row of its school, as this
   * transaction sees the data: in the batch itself, among the rows staged, or in the database (a
   * row staged here counts with its staged value, not its stored one).
   */
  const checkUnique = (
    ov: Overlay,
    info: TableInfo,
    values: ReadonlyArray<AggregateRoot>
  ): Effect.Effect<DuplicateError | undefined, StorageError> =>
    Effect.gen(function*() {
      const sets = info.spec.unique ?? []
      if (sets.length === 0) return undefined
      const staged = ov.tables.get(info.table)?.rows
      const writing = new Set(values.map((v) => rowKey(v.schoolId, v.id)))
      for (const set of sets) {
        const fail = (schoolId: string, existingId: string) =>
          DuplicateError.create({ aggregate: info.spec.name, schoolId, fields: set, existingId })
        const mine = new Map<string, string>()
        const wanted: Array<{ readonly value: AggregateRoot; readonly keys: Array<Key> }> = []
        for (const value of values) {
          const keys = uniqueKey(info, set, value)
          if (keys === undefined) continue
          const k = JSON.stringify([value.schoolId, ...keys])
          const holder = mine.get(k)
          if (holder !== undefined && holder !== value.id) return fail(value.schoolId, holder)
          mine.set(k, value.id)
          wanted.push({ value, keys })
        }
        if (wanted.length === 0) continue
        // rows staged in this transaction (and not being rewritten now)
        for (const [k, s] of staged ?? []) {
          if (s === null || writing.has(k)) continue
          const keys = uniqueKey(info, set, s.value)
          if (keys === undefined) continue
          const holder = mine.get(JSON.stringify([s.value.schoolId, ...keys]))
          if (holder !== undefined) return fail(s.value.schoolId, s.value.id)
        }
        // rows in the database: by the index of the set's first field, then the others compared
        const first = set[0]!
        const others = set.length > 1
        const found = yield* attempt(async () => {
          // a large batch reads the school's whole index once (keys only) instead of a range per row
          const perSchool = new Map<string, number>()
          for (const { value } of wanted) perSchool.set(value.schoolId, (perSchool.get(value.schoolId) ?? 0) + 1)
          const whole = new Map<string, Map<Key, Array<string>>>()
          for (const [schoolId, n] of perSchool) {
            if (n < WHOLE_INDEX) continue
            const entries = await table(info.table).where(indexName(first))
              .between([schoolId, MIN_KEY], [schoolId, MAX_KEY], true, true).keys()
            const byKey = new Map<Key, Array<string>>()
            for (const [, key, id] of entries as unknown as ReadonlyArray<[string, Key, string]>) {
              const ids = byKey.get(key)
              if (ids === undefined) byKey.set(key, [id])
              else ids.push(id)
            }
            whole.set(schoolId, byKey)
          }
          for (const { value, keys } of wanted) {
            const index = whole.get(value.schoolId)
            const ids = index !== undefined ? index.get(keys[0]!) ?? [] : await idsWithKey(info, first, value.schoolId, keys[0]!)
            for (const id of ids) {
              const k = rowKey(value.schoolId, id)
              if (id === value.id || writing.has(k) || staged?.has(k) === true) continue
              if (others) {
                const row = await table(info.table).get([value.schoolId, id])
                if (row === undefined) continue
                const same = set.every((name, i) => row[fieldKey(name) as `$${string}`] === keys[i])
                if (!same) continue
              }
              return { schoolId: value.schoolId, id }
            }
          }
          return undefined
        })
        if (found !== undefined) return fail(found.schoolId, found.id)
      }
      return undefined
    })

  /** whether a record exists as this transaction sees it (the target of a reference) */
  const existing = (ov: Overlay, aggregate: string, targets: ReadonlyArray<[string, string]>): Effect.Effect<ReadonlyArray<boolean>, StorageError> => {
    const name = tableName(aggregate)
    const staged = ov.tables.get(name)?.rows
    const out: Array<boolean> = targets.map(([schoolId, id]) => {
      const s = staged?.get(rowKey(schoolId, id))
      return s !== undefined && s !== null
    })
    const ask: Array<number> = []
    for (let i = 0; i < targets.length; i++) {
      if (!out[i] && staged?.get(rowKey(...targets[i]!)) !== null) ask.push(i)
    }
    // a store that does not exist holds nothing
    if (ask.length === 0 || stores[name] === undefined) return Effect.succeed(out)
    return Effect.map(
      attempt(() => table(name).bulkGet(ask.map((i) => targets[i]!))),
      (rows) => {
        rows.forEach((row, j) => {
          if (row !== undefined) out[ask[j]!] = true
        })
        return out
      }
    )
  }

  /** a row about to be written names, in a field that references another aggregate, a record that does not exist */
  const checkReferences = (
    ov: Overlay,
    info: TableInfo,
    values: ReadonlyArray<AggregateRoot>
  ): Effect.Effect<ReferenceError | undefined, StorageError> =>
    Effect.gen(function*() {
      const written = new Set(values.map((v) => rowKey(v.schoolId, v.id)))
      for (const [field, f] of Object.entries(info.spec.fields)) {
        const target = f.references
        if (target === undefined) continue
        // each target once, with the first row that names it
        const firsts = new Map<string, AggregateRoot>()
        for (const value of values) {
          const v = f.get(value)
          if (v === null) continue
          const k = rowKey(value.schoolId, String(v))
          if (target === info.spec.name && written.has(k)) continue
          if (!firsts.has(k)) firsts.set(k, value)
        }
        if (firsts.size === 0) continue
        const keys = [...firsts.keys()].map(splitKey)
        const found = yield* existing(ov, target, keys)
        for (let i = 0; i < keys.length; i++) {
          if (found[i]) continue
          const [schoolId, targetId] = keys[i]!
          const row = firsts.get(rowKey(schoolId, targetId))!
          return ReferenceError.missing({ aggregate: info.spec.name, schoolId, id: row.id, field, target, targetId })
        }
      }
      return undefined
    })

  /** a record about to be removed is still named by another, as this transaction sees the data */
  const checkReferenced = (ov: Overlay, aggregate: string, schoolId: string, id: string): Effect.Effect<ReferenceError | undefined, StorageError> =>
    Effect.gen(function*() {
      for (const source of infos.values()) {
        for (const [name, f] of Object.entries(source.spec.fields)) {
          if (f.references !== aggregate) continue
          const referenced = (user: string) =>
            ReferenceError.referenced({ aggregate: source.spec.name, schoolId, id: user, target: aggregate, targetId: id })
          const staged = ov.tables.get(source.table)?.rows
          const self = (other: string) => source.spec.name === aggregate && other === id
          for (const s of staged?.values() ?? []) {
            if (s === null || s.value.schoolId !== schoolId || self(s.value.id)) continue
            if (f.get(s.value) === id) return referenced(s.value.id)
          }
          if (!source.stored || !source.indexed.has(name)) continue
          const key = encode(f.kind, id)
          if (key === undefined) continue
          const ids = yield* attempt(() => idsWithKey(source, name, schoolId, key))
          const user = ids.find((other) => !self(other) && !(staged?.has(rowKey(schoolId, other)) ?? false))
          if (user !== undefined) return referenced(user)
        }
      }
      return undefined
    })

  /** the integrity of rows about to be written: unique sets, then references */
  const checkWrite = (ov: Overlay, info: TableInfo, values: ReadonlyArray<AggregateRoot>) =>
    Effect.flatMap(checkUnique(ov, info, values), (dup): Effect.Effect<void, DuplicateError | ReferenceError | StorageError> =>
      dup !== undefined
        ? Effect.fail(dup)
        : Effect.flatMap(checkReferences(ov, info, values), (ref) => (ref !== undefined ? Effect.fail(ref) : Effect.void)))

  const repository = <A extends AggregateRoot, E>(spec: Ports.Storage.AggregateSpec<A, E>): Ports.Storage.RawRepository<A> => {
    const info = infoOf(spec as unknown as AnySpec)
    const aggregate = spec.name
    const typed = (values: ReadonlyArray<AggregateRoot>) => values as ReadonlyArray<A>

    /** the row's state as this transaction sees it: staged, else in the database */
    const visible = (ov: Overlay | undefined, schoolId: string, id: string): Effect.Effect<Option.Option<{ readonly version: number; readonly value?: AggregateRoot; readonly row?: StoredRow }>, StorageError> => {
      const staged = ov?.tables.get(info.table)?.rows.get(rowKey(schoolId, id))
      if (staged !== undefined) return Effect.succeed(staged === null ? Option.none() : Option.some({ version: staged.value.version, value: staged.value }))
      return Effect.map(dbGet(info, schoolId, id), (row) => (row === undefined ? Option.none() : Option.some({ version: row.version, row })))
    }

    const stage = (ov: Overlay, schoolId: string, id: string, staged: Staged | null, dbVersion: number) => {
      const t = tableOverlay(ov, info)
      const k = rowKey(schoolId, id)
      if (!t.expect.has(k)) t.expect.set(k, dbVersion)
      t.rows.set(k, staged)
    }

    const conflict = (schoolId: string, id: string, expectedVersion: number, actualVersion: number) =>
      ConflictError.create({ aggregate, schoolId, id, expectedVersion, actualVersion })

    return {
      get: (schoolId, id) =>
        Effect.gen(function*() {
          yield* prepare(info)
          const ov = yield* currentOverlay
          const staged = ov?.tables.get(info.table)?.rows.get(rowKey(schoolId, id))
          if (staged !== undefined) return Option.fromNullishOr(staged?.value as A | undefined)
          const row = yield* dbGet(info, schoolId, id)
          if (row === undefined) return Option.none()
          const value = decodeRow(info, row)
          if (value instanceof StorageError) return yield* value
          return Option.some(value as A)
        }),
      list: (schoolId, query = {}) =>
        Effect.gen(function*() {
          yield* prepare(info)
          const ov = yield* currentOverlay
          const staged = stagedOf(ov, info, schoolId)
          const read = yield* readRows(info, schoolId, query, staged)
          const values = yield* decodeRows(info, read.rows)
          for (const s of staged.values()) if (s !== null) values.push(s.value)
          // rows passed over by their keys precede every row read, and the offset counts them
          const rest = read.skipped === 0 ? query : { ...query, offset: (query.offset ?? 0) - read.skipped }
          return typed(Memory.applyQuery(info.spec, values, rest))
        }),
      count: (schoolId, query) =>
        Effect.gen(function*() {
          yield* prepare(info)
          const ov = yield* currentOverlay
          const staged = stagedOf(ov, info, schoolId)
          const stored = yield* countRows(info, schoolId, query ?? {}, staged)
          const mine: Array<AggregateRoot> = []
          for (const s of staged.values()) if (s !== null) mine.push(s.value)
          return stored + (mine.length === 0 ? 0 : Memory.applyQuery(info.spec, mine, countQuery(query)).length)
        }),
      insert: (rows) =>
        Effect.gen(function*() {
          yield* prepare(info)
          if (rows.length === 0) return
          const seen = new Set<string>()
          const projected: Array<Staged> = []
          for (const { value, encoded } of rows) {
            const k = rowKey(value.schoolId, value.id)
            if (seen.has(k)) return yield* conflict(value.schoolId, value.id, 0, 1)
            seen.add(k)
            const row = project(info, value, encoded)
            if (row instanceof StorageError) return yield* row
            projected.push({ value, row })
          }
          yield* writeNew((ov, inTransaction) =>
            Effect.gen(function*() {
              const t = tableOverlay(ov, info)
              const dbVersions = new Map<string, number>()
              if (inTransaction) {
                // as in memory, a duplicate fails here, not only at commit
                const unstaged = projected.filter((p) => !t.rows.has(rowKey(p.value.schoolId, p.value.id)))
                const found = unstaged.length === 0
                  ? []
                  : yield* attempt(() => table(info.table).bulkGet(unstaged.map((p) => [p.value.schoolId, p.value.id] as [string, string])))
                for (let i = 0; i < unstaged.length; i++) {
                  const v = unstaged[i]!.value
                  const existing = found[i]
                  if (existing !== undefined) return yield* conflict(v.schoolId, v.id, 0, existing.version)
                  dbVersions.set(rowKey(v.schoolId, v.id), 0)
                }
                for (const p of projected) {
                  const staged = t.rows.get(rowKey(p.value.schoolId, p.value.id))
                  if (staged !== undefined && staged !== null) return yield* conflict(p.value.schoolId, p.value.id, 0, staged.value.version)
                }
              }
              yield* checkWrite(ov, info, projected.map((p) => p.value))
              for (const p of projected) stage(ov, p.value.schoolId, p.value.id, p, dbVersions.get(rowKey(p.value.schoolId, p.value.id)) ?? 0)
              t.batches.push(rows.map((r) => r.encoded))
            })
          )
        }),
      update: ({ value, encoded }, expectedVersion) =>
        Effect.gen(function*() {
          yield* prepare(info)
          const row = project(info, value, encoded)
          if (row instanceof StorageError) return yield* row
          yield* write((ov, inTransaction) =>
            Effect.gen(function*() {
              let dbVersion = expectedVersion
              if (inTransaction) {
                const current = yield* visible(ov, value.schoolId, value.id)
                if (Option.isNone(current)) return yield* NotFoundError.create(aggregate, value.schoolId, value.id)
                if (current.value.version !== expectedVersion) return yield* conflict(value.schoolId, value.id, expectedVersion, current.value.version)
                dbVersion = current.value.row?.version ?? 0
              }
              yield* checkWrite(ov, info, [value])
              const k = rowKey(value.schoolId, value.id)
              const t = tableOverlay(ov, info)
              stage(ov, value.schoolId, value.id, { value, row }, t.expect.get(k) ?? dbVersion)
            })
          )
        }),
      remove: (schoolId, id, expectedVersion) =>
        Effect.gen(function*() {
          yield* prepare(info)
          yield* write((ov, inTransaction) =>
            Effect.gen(function*() {
              let dbVersion = expectedVersion
              if (inTransaction) {
                const current = yield* visible(ov, schoolId, id)
                if (Option.isNone(current)) return yield* NotFoundError.create(aggregate, schoolId, id)
                if (current.value.version !== expectedVersion) return yield* conflict(schoolId, id, expectedVersion, current.value.version)
                dbVersion = current.value.row?.version ?? 0
              }
              const used = yield* checkReferenced(ov, aggregate, schoolId, id)
              if (used !== undefined) return yield* used
              stage(ov, schoolId, id, null, dbVersion)
            })
          )
        })
    }
  }

  // ---- audit --------------------------------------------------------------------------------

  const auditTable = () => db.table<AuditRow, [string, string, number]>("audit")
  const chainRange = (schoolId: string, writer: string, from: unknown = MIN_KEY, to: unknown = MAX_KEY) =>
    auditTable().where("[schoolId+writer+seq]").between([schoolId, writer, from], [schoolId, writer, to], true, true)

  const dbHead = (schoolId: string, writer: string): Effect.Effect<ChainHead | undefined, StorageError> =>
    attempt(async () => {
      const last = await chainRange(schoolId, writer).last()
      return last === undefined ? undefined : { seq: last.seq, hash: last.hash }
    })

  const audit: Ports.Storage.AuditStore = {
    append: (schoolId, writer, build) =>
      writeNew((ov) =>
        Effect.gen(function*() {
          const k = chainKey(schoolId, writer)
          let chain = ov.chains.get(k)
          if (chain === undefined) {
            chain = { schoolId, writer, base: yield* dbHead(schoolId, writer), entries: [] }
            ov.chains.set(k, chain)
          }
          const last = chain.entries[chain.entries.length - 1]?.entry
          const head = last !== undefined ? { seq: last.seq, hash: last.hash } : chain.base
          const entry = yield* build(Option.fromNullishOr(head))
          const expected = (head?.seq ?? 0) + 1
          if (entry.seq !== expected || entry.schoolId !== schoolId || entry.writer !== writer) {
            return yield* ConflictError.create({ aggregate: "audit", schoolId, id: writer, expectedVersion: expected - 1, actualVersion: entry.seq - 1 })
          }
          const encoded = yield* Effect.try({ try: () => AuditLog.encode(entry), catch: (e) => StorageError.create(e) })
          chain.entries.push({ entry, encoded })
          return entry
        })
      ),
    head: (schoolId, writer) =>
      Effect.flatMap(currentOverlay, (ov) => {
        const staged = ov?.chains.get(chainKey(schoolId, writer))
        const last = staged?.entries[staged.entries.length - 1]?.entry
        if (last !== undefined) return Effect.succeed(Option.some({ seq: last.seq, hash: last.hash }))
        return Effect.map(dbHead(schoolId, writer), Option.fromNullishOr)
      }),
    entries: (schoolId, writer, range) =>
      Effect.gen(function*() {
        const ov = yield* currentOverlay
        const rows = yield* attempt(() => chainRange(schoolId, writer, range?.fromSeq ?? MIN_KEY, range?.toSeq ?? MAX_KEY).toArray())
        const out: Array<AuditEntry> = []
        for (const row of rows) {
          const r = decodeEntry(row.entry)
          if (Result.isFailure(r)) {
            return yield* StorageError.create(`audit entry ${row.seq} of ${writer} in school ${schoolId} does not decode: ${describe(r.failure)}`)
          }
          out.push(r.success)
        }
        for (const { entry } of ov?.chains.get(chainKey(schoolId, writer))?.entries ?? []) {
          if ((range?.fromSeq === undefined || entry.seq >= range.fromSeq) && (range?.toSeq === undefined || entry.seq <= range.toSeq)) out.push(entry)
        }
        return out
      }),
    writers: (schoolId) =>
      Effect.gen(function*() {
        const ov = yield* currentOverlay
        const keys = yield* attempt(() =>
          auditTable().where("[schoolId+writer]").between([schoolId, MIN_KEY], [schoolId, MAX_KEY], true, true).uniqueKeys()
        )
        const writers = new Set((keys as unknown as ReadonlyArray<[string, string]>).map((k) => k[1]))
        for (const chain of ov?.chains.values() ?? []) if (chain.schoolId === schoolId && chain.entries.length > 0) writers.add(chain.writer)
        return Array.from(writers).sort()
      })
  }

  return {
    name: `indexeddb:${options.name}`,
    databaseName: options.name,
    schemaVersion,
    repository,
    transaction: <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | StorageError, R> =>
      Effect.flatMap(currentOverlay, (current) =>
        current !== undefined
          ? effect
          : serialise(Effect.suspend(() => {
            const ov = fresh()
            return effect.pipe(
              Effect.provideService(CurrentOverlay, ov),
              // a conflict found at commit comes from a write made in `effect`, whose error type
              // includes it: every raw write can fail with ConflictError, updates and removes with
              // NotFoundError
              Effect.flatMap((a) => Effect.as(commit(ov) as Effect.Effect<void, E | StorageError>, a))
            )
          }))),
    audit,
    bulkRows: (schoolId, hash) =>
      Effect.map(attempt(() => db.table<BulkRow, [string, string]>("bulk").get([schoolId, hash])), Option.fromNullishOr),
    pruneBulk: (schoolId, hashes) =>
      attempt(async () => {
        const keys = hashes.map((h) => [schoolId, h] as [string, string])
        const bulk = db.table<BulkRow, [string, string]>("bulk")
        return db.transaction("rw", bulk, async () => {
          const found = await bulk.bulkGet(keys)
          await bulk.bulkDelete(keys)
          return found.filter((f) => f !== undefined).length
        })
      })
  }
}
