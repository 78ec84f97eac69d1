/**
 * The in-memory storage backend: the default of `createHouqin`, the reference for the conformance
 * suite, and the store of tests and simulations.
 *
 * Transactions are serialisable: one runs at a time (a semaphore), its writes are staged in an
 * overlay that its own reads see first, and they reach the store only when it succeeds. Other
 * fibers read only committed data.
 *
 * With `keepBulkRows` it keeps the rows of the bulk inserts its transactions commit, as the
 * IndexedDB backend does (`Storage.BulkRowKeeper`): a stand-in for a sync server in tests.
 *
 * @since 0.1.0
 */
import { BigDecimal, Context, Effect, Layer, Option, Semaphore } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import { ConflictError, DuplicateError, NotFoundError, ReferenceError } from "../kernel/Errors.ts"
import * as Json from "../kernel/Json.ts"
import type { AuditEntry } from "./AuditLog.ts"
import type { AggregateRoot, AggregateSpec, BulkRowKeeper, FieldKind, FieldValue, KeptBulkRows, Query, RawRepository, StorageBackend } from "./Storage.ts"
import { matchBulkInserts, Storage } from "./Storage.ts"

type Stored = AggregateRoot

interface Tables {
  /** aggregate name → school → id → record */
  readonly rows: Map<string, Map<string, Map<string, Stored>>>
  /** school\0writer → entries */
  readonly audit: Map<string, Array<AuditEntry>>
  /** school\0hash → the kept rows of a bulk insert (with `keepBulkRows`) */
  readonly kept: Map<string, KeptBulkRows>
}

interface Overlay {
  /** aggregate name → school\0id → record, or null when removed */
  readonly rows: Map<string, Map<string, Stored | null>>
  readonly audit: Map<string, Array<AuditEntry>>
  /** with `keepBulkRows`: the inserts of this transaction not yet matched to a bulk change */
  readonly held: Array<{ readonly aggregate: string; readonly rows: ReadonlyArray<unknown> }>
  readonly kept: Map<string, KeptBulkRows>
}

const emptyOverlay = (): Overlay => ({ rows: new Map(), audit: new Map(), held: [], kept: new Map() })

/**
 * Options of the memory backend.
 *
 * @since 0.1.0
 * @category models
 */
export interface MemoryOptions {
  /**
   * keep the rows of every bulk insert a committed transaction made, by the hash its audit change
   * records (default `false`), and offer `bulkRows` and `pruneBulk` (`Storage.BulkRowKeeper`)
   */
  readonly keepBulkRows?: boolean
}

const CurrentOverlay = Context.Reference<Overlay | undefined>("@houqin/core/memory/CurrentOverlay", {
  defaultValue: () => undefined
})

const chainKey = (schoolId: string, writer: string) => `${schoolId}\u0000${writer}`
const rowKey = (schoolId: string, id: string) => `${schoolId}\u0000${id}`

/**
 * Compares two strings by Unicode code point (the order of SQL engines' binary collations), not
 * by UTF-16 code unit as JavaScript's `<` does: the two differ between U+E000–U+FFFF and
 * characters beyond U+FFFF.
 *
 * @since 0.1.0
 * @category comparisons
 */
export const compareCodePoints = (a: string, b: string): number => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    // only when both are in the surrogate range or both are not do code units order as code points
    const xs = x >= 0xd800 && x <= 0xdfff
    const ys = y >= 0xd800 && y <= 0xdfff
    if (xs === ys) return x < y ? -1 : 1
    return xs ? 1 : -1
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}

const decimalOf = (text: string): Decimal | undefined => Option.getOrUndefined(D.parse(text))

/**
 * Compares two values of a projected field of a kind: text by code point, decimals by value,
 * the rest by value; `null` first.
 *
 * @since 0.1.0
 * @category comparisons
 */
export const compareField = (kind: FieldKind | undefined, a: FieldValue, b: FieldValue): number => {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  if (typeof a === "string" && typeof b === "string") {
    if (kind === "decimal") {
      const x = decimalOf(a)
      const y = decimalOf(b)
      if (x !== undefined && y !== undefined) return BigDecimal.Order(x, y)
    }
    return compareCodePoints(a, b)
  }
  return a < b ? -1 : a > b ? 1 : 0
}

/** a value as a unique set compares it: a decimal by its value (`"1.5"` and `"1.50"` are one) */
const uniqueValue = (kind: FieldKind | undefined, v: FieldValue): FieldValue => {
  if (kind !== "decimal" || typeof v !== "string") return v
  const d = decimalOf(v)
  return d === undefined ? v : D.format(d)
}

const sameValue = (kind: FieldKind | undefined, a: FieldValue, b: FieldValue): boolean =>
  a === b || (kind === "decimal" && compareField(kind, a, b) === 0)

/**
 * Applies a query to rows in memory, in the order every backend must return them: by the range
 * field (or `orderBy`), then by id; `desc` reverses both.
 *
 * @since 0.1.0
 * @category queries
 */
export const applyQuery = <A extends AggregateRoot>(
  spec: AggregateSpec<A, unknown>,
  rows: Iterable<A>,
  query: Query = {}
): Array<A> => {
  const field = (name: string) => {
    const f = spec.fields[name]
    return f === undefined ? (a: A) => (a as unknown as Record<string, FieldValue>)[name] ?? null : f.get
  }
  const kindOf = (name: string): FieldKind | undefined => spec.fields[name]?.kind
  const where = Object.entries(query.where ?? {}).map(([name, v]) => ({ get: field(name), kind: kindOf(name), v }))
  const range = query.range === undefined
    ? undefined
    : { get: field(query.range.field), kind: kindOf(query.range.field), from: query.range.from, to: query.range.to }
  const out: Array<A> = []
  for (const row of rows) {
    let ok = true
    for (const w of where) {
      const value = w.get(row)
      const wanted = w.v
      if (Array.isArray(wanted) ? !wanted.some((x: FieldValue) => sameValue(w.kind, value, x)) : !sameValue(w.kind, value, wanted as FieldValue)) {
        ok = false
        break
      }
    }
    if (ok && range !== undefined) {
      const value = range.get(row)
      if (value === null) ok = false
      else if (range.from !== undefined && range.from !== null && compareField(range.kind, value, range.from) < 0) ok = false
      else if (range.to !== undefined && range.to !== null && compareField(range.kind, value, range.to) >= 0) ok = false
    }
    if (ok) out.push(row)
  }
  const orderField = query.orderBy ?? query.range?.field
  const get = orderField === undefined ? undefined : field(orderField)
  const orderKind = orderField === undefined ? undefined : kindOf(orderField)
  const sign = query.direction === "desc" ? -1 : 1
  out.sort((a, b) => {
    if (get !== undefined) {
      const c = compareField(orderKind, get(a), get(b))
      if (c !== 0) return c * sign
    }
    return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * sign
  })
  const offset = query.offset ?? 0
  return query.limit === undefined ? out.slice(offset) : out.slice(offset, offset + query.limit)
}

const countQuery = (query: Query | undefined): Query => {
  const { limit: _limit, offset: _offset, ...rest } = query ?? {}
  return rest
}

/**
 * A memory backend over fresh, empty tables.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeBackend = (options: MemoryOptions = {}): StorageBackend => {
  const tables: Tables = { rows: new Map(), audit: new Map(), kept: new Map() }
  const keep = options.keepBulkRows === true
  const lock = Semaphore.makeUnsafe(1)

  const schoolTable = (name: string, schoolId: string): Map<string, Stored> => {
    let t = tables.rows.get(name)
    if (t === undefined) {
      t = new Map()
      tables.rows.set(name, t)
    }
    let s = t.get(schoolId)
    if (s === undefined) {
      s = new Map()
      t.set(schoolId, s)
    }
    return s
  }

  const read = (overlay: Overlay | undefined, name: string, schoolId: string, id: string): Stored | undefined => {
    const staged = overlay?.rows.get(name)?.get(rowKey(schoolId, id))
    if (staged !== undefined) return staged === null ? undefined : staged
    return tables.rows.get(name)?.get(schoolId)?.get(id)
  }

  const commit = (overlay: Overlay) => {
    for (const [name, staged] of overlay.rows) {
      for (const [k, v] of staged) {
        const [schoolId, id] = k.split("\u0000") as [string, string]
        const table = schoolTable(name, schoolId)
        if (v === null) table.delete(id)
        else table.set(id, v)
      }
    }
    for (const [k, entries] of overlay.audit) {
      const chain = tables.audit.get(k) ?? []
      chain.push(...entries)
      tables.audit.set(k, chain)
    }
    for (const [k, rows] of overlay.kept) tables.kept.set(k, rows)
  }

  /** runs a write in the current transaction, or alone in a transaction of its own */
  const write = <A, E, R>(f: (overlay: Overlay) => Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(CurrentOverlay, (current) =>
      current !== undefined
        ? f(current)
        : lock.withPermits(1)(Effect.suspend(() => {
          const overlay: Overlay = emptyOverlay()
          return Effect.tap(f(overlay), () => Effect.sync(() => commit(overlay)))
        })))

  const stage = (overlay: Overlay, name: string, schoolId: string, id: string, value: Stored | null) => {
    let t = overlay.rows.get(name)
    if (t === undefined) {
      t = new Map()
      overlay.rows.set(name, t)
    }
    t.set(rowKey(schoolId, id), value)
  }

  /** every spec a repository was made for, by name: the targets and sources of references */
  const specs = new Map<string, AggregateSpec<AggregateRoot, unknown>>()

  const rowsOf = (overlay: Overlay | undefined, name: string, schoolId: string): Array<Stored> => {
    const base = tables.rows.get(name)?.get(schoolId)
    const staged = overlay?.rows.get(name)
    if (staged === undefined) return base === undefined ? [] : Array.from(base.values())
    const merged = new Map<string, Stored>(base ?? [])
    const prefix = `${schoolId}\u0000`
    for (const [k, v] of staged) {
      if (!k.startsWith(prefix)) continue
      const id = k.slice(prefix.length)
      if (v === null) merged.delete(id)
      else merged.set(id, v)
    }
    return Array.from(merged.values())
  }

  /** the integrity of rows about to be written: unique fields and references */
  const checkWrite = <A extends AggregateRoot>(
    overlay: Overlay,
    spec: AggregateSpec<A, unknown>,
    rows: ReadonlyArray<A>
  ): DuplicateError | ReferenceError | undefined => {
    for (const set of spec.unique ?? []) {
      const key = (a: A): string | undefined => {
        const values = set.map((f) => uniqueValue(spec.fields[f]?.kind, spec.fields[f]?.get(a) ?? null))
        return values.some((v) => v === null) ? undefined : JSON.stringify(values)
      }
      const bySchool = new Map<string, Map<string, string>>()
      const taken = (schoolId: string): Map<string, string> => {
        let m = bySchool.get(schoolId)
        if (m === undefined) {
          m = new Map()
          const writing = new Set(rows.filter((r) => r.schoolId === schoolId).map((r) => r.id))
          for (const other of rowsOf(overlay, spec.name, schoolId) as Array<A>) {
            const k = writing.has(other.id) ? undefined : key(other)
            if (k !== undefined) m.set(k, other.id)
          }
          bySchool.set(schoolId, m)
        }
        return m
      }
      for (const row of rows) {
        const k = key(row)
        if (k === undefined) continue
        const m = taken(row.schoolId)
        const holder = m.get(k)
        if (holder !== undefined && holder !== row.id) {
          return DuplicateError.create({ aggregate: spec.name, schoolId: row.schoolId, fields: set, existingId: holder })
        }
        m.set(k, row.id)
      }
    }
    const written = new Set(rows.map((r) => rowKey(r.schoolId, r.id)))
    for (const [field, f] of Object.entries(spec.fields)) {
      if (f.references === undefined) continue
      for (const row of rows) {
        const target = f.get(row)
        if (target === null) continue
        const id = String(target)
        const self = f.references === spec.name && written.has(rowKey(row.schoolId, id))
        if (!self && read(overlay, f.references, row.schoolId, id) === undefined) {
          return ReferenceError.missing({ aggregate: spec.name, schoolId: row.schoolId, id: row.id, field, target: f.references, targetId: id })
        }
      }
    }
    return undefined
  }

  /** a record about to be removed must not be named by another */
  const checkRemove = (overlay: Overlay, name: string, schoolId: string, id: string): ReferenceError | undefined => {
    for (const source of specs.values()) {
      for (const f of Object.values(source.fields)) {
        if (f.references !== name) continue
        const user = rowsOf(overlay, source.name, schoolId).find((r) => r.id !== id && f.get(r) === id)
        if (user !== undefined) return ReferenceError.referenced({ aggregate: source.name, schoolId, id: user.id, target: name, targetId: id })
      }
    }
    return undefined
  }

  const repository = <A extends AggregateRoot, E>(spec: AggregateSpec<A, E>): RawRepository<A> => {
    specs.set(spec.name, spec as unknown as AggregateSpec<AggregateRoot, unknown>)
    const all = (overlay: Overlay | undefined, schoolId: string): Array<A> => rowsOf(overlay, spec.name, schoolId) as Array<A>
    return {
      get: (schoolId, id) =>
        Effect.map(CurrentOverlay, (overlay) => Option.fromNullishOr(read(overlay, spec.name, schoolId, id) as A | undefined)),
      list: (schoolId, query) =>
        Effect.map(CurrentOverlay, (overlay) => applyQuery(spec as AggregateSpec<A, unknown>, all(overlay, schoolId), query)),
      count: (schoolId, query) =>
        Effect.map(CurrentOverlay, (overlay) =>
          applyQuery(spec as AggregateSpec<A, unknown>, all(overlay, schoolId), countQuery(query)).length),
      insert: (rows) =>
        write((overlay) =>
          Effect.suspend((): Effect.Effect<void, ConflictError | DuplicateError | ReferenceError> => {
            const seen = new Set<string>()
            for (const { value } of rows) {
              const k = rowKey(value.schoolId, value.id)
              if (seen.has(k) || read(overlay, spec.name, value.schoolId, value.id) !== undefined) {
                const existing = read(overlay, spec.name, value.schoolId, value.id)
                return Effect.fail(ConflictError.create({
                  aggregate: spec.name,
                  schoolId: value.schoolId,
                  id: value.id,
                  expectedVersion: 0,
                  actualVersion: existing?.version ?? 1
                }))
              }
              seen.add(k)
            }
            const broken = checkWrite(overlay, spec as unknown as AggregateSpec<A, unknown>, rows.map((r) => r.value))
            if (broken !== undefined) return Effect.fail(broken)
            for (const { value } of rows) stage(overlay, spec.name, value.schoolId, value.id, value)
            if (keep) overlay.held.push({ aggregate: spec.name, rows: rows.map((r) => r.encoded) })
            return Effect.void
          })),
      update: ({ value }, expectedVersion) =>
        write((overlay) =>
          Effect.suspend((): Effect.Effect<void, ConflictError | NotFoundError | DuplicateError | ReferenceError> => {
            const existing = read(overlay, spec.name, value.schoolId, value.id)
            if (existing === undefined) return Effect.fail(NotFoundError.create(spec.name, value.schoolId, value.id))
            if (existing.version !== expectedVersion) {
              return Effect.fail(ConflictError.create({
                aggregate: spec.name,
                schoolId: value.schoolId,
                id: value.id,
                expectedVersion,
                actualVersion: existing.version
              }))
            }
            const broken = checkWrite(overlay, spec as unknown as AggregateSpec<A, unknown>, [value])
            if (broken !== undefined) return Effect.fail(broken)
            stage(overlay, spec.name, value.schoolId, value.id, value)
            return Effect.void
          })),
      remove: (schoolId, id, expectedVersion) =>
        write((overlay) =>
          Effect.suspend((): Effect.Effect<void, ConflictError | NotFoundError | ReferenceError> => {
            const existing = read(overlay, spec.name, schoolId, id)
            if (existing === undefined) return Effect.fail(NotFoundError.create(spec.name, schoolId, id))
            if (existing.version !== expectedVersion) {
              return Effect.fail(ConflictError.create({ aggregate: spec.name, schoolId, id, expectedVersion, actualVersion: existing.version }))
            }
            const used = checkRemove(overlay, spec.name, schoolId, id)
            if (used !== undefined) return Effect.fail(used)
            stage(overlay, spec.name, schoolId, id, null)
            return Effect.void
          }))
    }
  }

  /**
   * with `keepBulkRows`: each bulk change of the entry takes the held insert of its aggregate and
   * count (by its hash when several match), kept when the transaction commits
   */
  const keepBulk = (overlay: Overlay, entry: AuditEntry): Effect.Effect<void> =>
    Effect.map(
      matchBulkInserts(entry.changes, overlay.held, {
        aggregate: (h) => h.aggregate,
        count: (h) => h.rows.length,
        hash: (h) => Effect.orElseSucceed(Json.hashCanonical(h.rows), () => "")
      }),
      (matched) => {
        for (const m of matched) {
          overlay.kept.set(chainKey(entry.schoolId, m.hash), { schoolId: entry.schoolId, hash: m.hash, aggregate: m.aggregate, rows: m.held.rows })
        }
        overlay.held.length = 0
      }
    )

  const keeper: BulkRowKeeper = {
    bulkRows: (schoolId, hash) =>
      Effect.map(CurrentOverlay, (overlay) => Option.fromNullishOr(overlay?.kept.get(chainKey(schoolId, hash)) ?? tables.kept.get(chainKey(schoolId, hash)))),
    pruneBulk: (schoolId, hashes) =>
      // one synchronous step: no transaction sees half of it
      Effect.sync(() => {
        let forgotten = 0
        for (const hash of new Set(hashes)) if (tables.kept.delete(chainKey(schoolId, hash))) forgotten++
        return forgotten
      })
  }

  const chain = (overlay: Overlay | undefined, schoolId: string, writer: string): Array<AuditEntry> => {
    const k = chainKey(schoolId, writer)
    return [...(tables.audit.get(k) ?? []), ...(overlay?.audit.get(k) ?? [])]
  }

  return {
    name: "memory",
    ...(keep ? keeper : {}),
    repository,
    transaction: (effect) =>
      Effect.flatMap(CurrentOverlay, (current) =>
        current !== undefined
          ? effect
          : lock.withPermits(1)(Effect.suspend(() => {
            const overlay: Overlay = emptyOverlay()
            return effect.pipe(
              Effect.provideService(CurrentOverlay, overlay),
              Effect.tap(() => Effect.sync(() => commit(overlay)))
            )
          }))),
    audit: {
      append: (schoolId, writer, build) =>
        write((overlay) =>
          Effect.gen(function*() {
            const entries = chain(overlay, schoolId, writer)
            const last = entries[entries.length - 1]
            const entry = yield* build(last === undefined ? Option.none() : Option.some({ seq: last.seq, hash: last.hash }))
            const expected = (last?.seq ?? 0) + 1
            if (entry.seq !== expected) {
              return yield* ConflictError.create({ aggregate: "audit", schoolId, id: writer, expectedVersion: expected - 1, actualVersion: entry.seq - 1 })
            }
            const k = chainKey(schoolId, writer)
            const staged = overlay.audit.get(k) ?? []
            staged.push(entry)
            overlay.audit.set(k, staged)
            if (keep) yield* keepBulk(overlay, entry)
            return entry
          })),
      head: (schoolId, writer) =>
        Effect.map(CurrentOverlay, (overlay) => {
          const entries = chain(overlay, schoolId, writer)
          const last = entries[entries.length - 1]
          return last === undefined ? Option.none() : Option.some({ seq: last.seq, hash: last.hash })
        }),
      entries: (schoolId, writer, range) =>
        Effect.map(CurrentOverlay, (overlay) =>
          chain(overlay, schoolId, writer).filter((e) =>
            (range?.fromSeq === undefined || e.seq >= range.fromSeq) && (range?.toSeq === undefined || e.seq <= range.toSeq))),
      writers: (schoolId) =>
        Effect.sync(() =>
          Array.from(tables.audit.keys())
            .filter((k) => k.startsWith(`${schoolId}\u0000`))
            .map((k) => k.slice(schoolId.length + 1))
            .sort())
    }
  }
}

/**
 * The memory backend as a layer (fresh tables for each build).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory: Layer.Layer<Storage> = Layer.sync(Storage, () => makeBackend())

/**
 * The memory backend with options as a layer (fresh tables for each build):
 * `layerMemoryWith({ keepBulkRows: true })` keeps the rows of bulk inserts, for sync.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemoryWith = (options: MemoryOptions): Layer.Layer<Storage> => Layer.sync(Storage, () => makeBackend(options))
