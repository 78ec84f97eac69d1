/**
 * Sync: a device that worked offline exports the changes of its audit chain since a point, and a
 * server (or another device) imports them — verifying the hash chain, refusing a broken, forked or
 * gapped one, and never overwriting a record that changed on both sides.
 *
 * ```ts
 * import * as Sync from "@houqin/adapter-indexeddb/sync"
 * // on the device (writer "tablet-7"), with the receiver's head of that chain
 * const changes = await houqin.run(Sync.exportChanges({ schoolId, since: serverHead }))
 * await fetch("/sync", { method: "POST", body: JSON.stringify(changes) })
 * // on the server, over any backend (SQL, memory, IndexedDB)
 * const report = await houqin.run(Sync.importChanges(await request.json()))
 * ```
 *
 * A change set is one chain's entries, verbatim, with the rows of its bulk inserts: every record a
 * change touched is in it, covered by the chain's hashes (single-record changes carry the record
 * after the change; bulk rows are checked against the hash their entry records). The receiver
 * replays the changes in order, each against the version it was made from, and appends the
 * entries to its copy of the writer's chain, so `verify` holds there too. See docs/indexeddb.md.
 *
 * @since 0.1.0
 */
import type { ConflictError, NotFoundError, StorageError } from "@houqin/core/kernel"
import { Decode, Json, ValidationError } from "@houqin/core/kernel"
import type { Ports } from "@houqin/core"
import { AuditLog, Storage } from "@houqin/core/ports"
import { Effect, Option, Result, Schema } from "effect"
import type { ChainProblem, SyncConflict } from "./errors.ts"
import { ChainBrokenError, ChainForkError, ChainGapError, MissingRowsError, SyncConflictError, UnknownAggregateError } from "./errors.ts"
import { registered } from "./Specs.ts"

export { registered } from "./Specs.ts"

type AggregateRoot = Ports.Storage.AggregateRoot
type AnySpec = Ports.Storage.AggregateSpec<AggregateRoot, unknown>
type AuditEntry = AuditLog.AuditEntry
type ChainHead = AuditLog.ChainHead

/**
 * The format tag of a change set.
 *
 * @since 0.1.0
 * @category constants
 */
export const FORMAT = "houqin.changes/1"

/**
 * The rows of one bulk insert, by the hash its audit change records.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BulkRows = /* @__PURE__ */ Schema.Struct({
  hash: Schema.String,
  aggregate: Schema.String,
  rows: Schema.Array(Schema.Json)
})

/**
 * A change set: the entries of one school's chain of one writer after `since` (the receiver's
 * head of that chain; seq 0 and 64 zeros for the whole chain) up to `head`, verbatim, with the
 * rows of their bulk inserts. Its encoded form is JSON.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ChangeSet = /* @__PURE__ */ Schema.Struct({
  format: Schema.Literal(FORMAT),
  schoolId: Schema.String,
  writer: Schema.String,
  since: AuditLog.ChainHead,
  head: AuditLog.ChainHead,
  entries: Schema.Array(AuditLog.AuditEntrySchema),
  bulk: Schema.Array(BulkRows)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ChangeSet = typeof ChangeSet.Type

/**
 * The JSON form of a change set, as sent over the wire.
 *
 * @since 0.1.0
 * @category models
 */
export type ChangeSetJson = typeof ChangeSet.Encoded

/**
 * Options of {@link exportChanges}.
 *
 * @since 0.1.0
 * @category models
 */
export interface ExportOptions {
  readonly schoolId: string
  /** the chain to export (default: this runtime's `AuditWriter`) */
  readonly writer?: string
  /** the receiver's head of that chain (default: the start) */
  readonly since?: ChainHead
}

const START: ChainHead = { seq: 0, hash: AuditLog.GENESIS }

const encodeChangeSet = /* @__PURE__ */ Schema.encodeEffect(ChangeSet)

/**
 * The changes of a chain since a point, as JSON to send: the entries after `since` and the rows of
 * their bulk inserts (which the IndexedDB backend keeps for this, and the SQL backend when opened
 * with `keepBulkRows`). Fails with `ChainForkError` when `since` is not an entry of this chain
 * (the receiver holds another history) and with `MissingRowsError` when the rows of a bulk insert
 * were not kept.
 *
 * @since 0.1.0
 * @category sync
 */
export const exportChanges = /* @__PURE__ */ Effect.fn("IndexedDb.exportChanges")(function*(options: ExportOptions) {
  const storage = yield* Storage.Storage
  const writer = options.writer ?? (yield* AuditLog.AuditWriter)
  const { schoolId } = options
  const since = options.since ?? START
  const head = Option.getOrUndefined(yield* storage.audit.head(schoolId, writer)) ?? START
  if (since.seq > head.seq) {
    return yield* ChainForkError.create({ schoolId, writer, seq: since.seq, ours: "", theirs: since.hash, path: ["since", "seq"] })
  }
  if (since.seq > 0) {
    const [at] = yield* storage.audit.entries(schoolId, writer, { fromSeq: since.seq, toSeq: since.seq })
    if (at === undefined || at.hash !== since.hash) {
      return yield* ChainForkError.create({ schoolId, writer, seq: since.seq, ours: at?.hash ?? "", theirs: since.hash, path: ["since", "hash"] })
    }
  }
  const entries = yield* storage.audit.entries(schoolId, writer, { fromSeq: since.seq + 1, toSeq: head.seq })
  const bulk: Array<typeof BulkRows.Type> = []
  for (const entry of entries) {
    for (const change of entry.changes) {
      if (change.op !== "bulkInsert" || change.hash === undefined) continue
      const kept = Storage.keepsBulkRows(storage) ? Option.getOrUndefined(yield* storage.bulkRows(schoolId, change.hash)) : undefined
      const hash = kept === undefined ? undefined : yield* Effect.orElseSucceed(Json.hashCanonical(kept.rows), () => undefined)
      if (kept === undefined || hash !== change.hash) return yield* MissingRowsError.create(change.aggregate, entry.seq, change.hash)
      bulk.push({ hash: change.hash, aggregate: change.aggregate, rows: kept.rows as ReadonlyArray<Schema.Json> })
    }
  }
  const changeSet: ChangeSet = { format: FORMAT, schoolId, writer, since, head, entries, bulk }
  return yield* Effect.mapError(encodeChangeSet(changeSet), (e) => ValidationError.at([], { zh: `变更集无法编码：${e.message}`, en: `the change set cannot be encoded: ${e.message}` }, "sync.encode"))
})

/**
 * What to do with changes made from versions the receiver no longer holds: `"refuse"` imports
 * nothing and fails with `SyncConflictError`; `"record"` imports the chain and every other change,
 * leaves the conflicting records as the receiver has them, and records the conflicts in an audit
 * entry (`sync.import`) on the receiver's own chain, for a person to resolve with a new command.
 *
 * @since 0.1.0
 * @category models
 */
export type ConflictPolicy = "refuse" | "record"

/**
 * An aggregate spec as sync takes it: any of the core's specs (`Ports.People.StudentSpec`,
 * `Retention.Storage.SampleSpec`, …).
 *
 * @since 0.1.0
 * @category models
 */
export interface SyncSpec {
  readonly name: string
  readonly schema: Schema.Codec<AggregateRoot, unknown>
  readonly fields: { readonly [field: string]: { readonly kind: Ports.Storage.FieldKind } }
}

/**
 * Options of {@link importChanges}.
 *
 * @since 0.1.0
 * @category models
 */
export interface ImportOptions {
  /** default `"refuse"` */
  readonly conflicts?: ConflictPolicy
  /**
   * the aggregates this import may change (default: every spec the core registers); a change of
   * any other is refused with `UnknownAggregateError`
   */
  readonly specs?: ReadonlyArray<SyncSpec>
  /** who imports, for the `sync.import` audit entry (default `"system"`) */
  readonly actor?: string
}

/**
 * What an import did.
 *
 * @since 0.1.0
 * @category models
 */
export interface ImportReport {
  readonly schoolId: string
  readonly writer: string
  /** entries appended to the receiver's copy of the chain */
  readonly imported: number
  /** entries the receiver had already (an import is idempotent) */
  readonly alreadyHad: number
  /** changes applied to records */
  readonly applied: number
  /** changes not applied (`"record"` policy only) */
  readonly conflicts: ReadonlyArray<SyncConflict>
  /** the receiver's head of the chain after the import */
  readonly head: ChainHead
  /** the receiver's own audit entry recording the conflicts, when there were any */
  readonly receipt: AuditEntry | undefined
}

const decodeChangeSet = /* @__PURE__ */ Decode.decodeEffect(ChangeSet)

const problem = (kind: ChainProblem["kind"], seq: number, position: number, zh: string, en: string): ChainProblem =>
  ({ kind, seq, position, message: { zh, en } })

/** the problems of a change set's chain: hashes, sequence, links, the declared head, its bulk rows */
const chainProblems = (cs: ChangeSet): Effect.Effect<Array<ChainProblem>> =>
  Effect.gen(function*() {
    const problems: Array<ChainProblem> = []
    let previous: ChainHead = cs.since
    for (let i = 0; i < cs.entries.length; i++) {
      const e = cs.entries[i]!
      if (e.schoolId !== cs.schoolId || e.writer !== cs.writer) {
        problems.push(problem("foreign", e.seq, i, `第 ${e.seq} 条记录属于 ${e.schoolId}/${e.writer}`, `entry ${e.seq} belongs to ${e.schoolId}/${e.writer}`))
      }
      const hash = yield* Effect.result(AuditLog.hashOf(e))
      if (Result.isFailure(hash) || hash.success !== e.hash) {
        problems.push(problem("changed", e.seq, i, `第 ${e.seq} 条记录的内容与其哈希不符（已被修改）`, `entry ${e.seq} does not match its hash (it was changed)`))
      }
      if (e.seq !== previous.seq + 1) {
        const kind = e.seq > previous.seq + 1 ? "removed" : "reordered"
        problems.push(kind === "removed"
          ? problem(kind, previous.seq + 1, i, `缺少第 ${previous.seq + 1} 条记录`, `entry ${previous.seq + 1} is missing`)
          : problem(kind, e.seq, i, `第 ${e.seq} 条记录出现在第 ${previous.seq} 条之后`, `entry ${e.seq} comes after entry ${previous.seq}`))
      } else if (e.prev !== previous.hash) {
        problems.push(problem("changed", e.seq, i, `第 ${e.seq} 条记录未接在第 ${previous.seq} 条之后（链条被改动）`, `entry ${e.seq} does not link to entry ${previous.seq} (the chain was altered)`))
      }
      previous = { seq: e.seq, hash: e.hash }
    }
    if (previous.seq !== cs.head.seq || previous.hash !== cs.head.hash) {
      problems.push(problem(
        "truncated",
        previous.seq + 1,
        cs.entries.length,
        `记录止于第 ${previous.seq} 条，而声明的链头为第 ${cs.head.seq} 条`,
        `the entries end at ${previous.seq} but the declared head is entry ${cs.head.seq}`
      ))
    }
    const bulk = new Map(cs.bulk.map((b) => [b.hash, b]))
    for (let i = 0; i < cs.entries.length; i++) {
      const e = cs.entries[i]!
      for (const c of e.changes) {
        if (c.op !== "bulkInsert") continue
        const rows = c.hash === undefined ? undefined : bulk.get(c.hash)
        const hash = rows === undefined ? undefined : yield* Effect.orElseSucceed(Json.hashCanonical(rows.rows), () => undefined)
        if (rows === undefined || hash !== c.hash || rows.rows.length !== c.count || rows.aggregate !== c.aggregate) {
          problems.push(problem("rows", e.seq, i, `第 ${e.seq} 条记录批量写入的 ${c.aggregate} 行缺失或与其哈希不符`, `the ${c.aggregate} rows bulk-inserted by entry ${e.seq} are missing or do not match their hash`))
        }
      }
    }
    return problems
  })

interface Step {
  readonly position: number
  readonly entry: AuditEntry
  readonly writes: ReadonlyArray<Write>
}

type Write =
  | { readonly op: "insert"; readonly spec: AnySpec; readonly rows: ReadonlyArray<Ports.Storage.Row<AggregateRoot>> }
  | { readonly op: "update"; readonly spec: AnySpec; readonly row: Ports.Storage.Row<AggregateRoot>; readonly expected: number }
  | { readonly op: "remove"; readonly spec: AnySpec; readonly id: string; readonly expected: number }

/**
 * Imports a change set (its JSON form, as received) into the storage backend: verifies the
 * chain, checks it against the receiver's copy of that writer's chain, replays each change
 * against the version it was made from, and appends the entries verbatim — all in one transaction.
 * Entries the receiver already has are skipped, so importing twice is harmless.
 *
 * Fails, importing nothing, with `ValidationError` (not a change set), `ChainBrokenError`,
 * `ChainForkError`, `ChainGapError`, `UnknownAggregateError`, or — under the `"refuse"` policy —
 * `SyncConflictError` listing every conflicting change.
 *
 * @since 0.1.0
 * @category sync
 */
export const importChanges = /* @__PURE__ */ Effect.fn("IndexedDb.importChanges")(function*(input: unknown, options: ImportOptions = {}) {
  const cs = yield* decodeChangeSet(input)
  const { schoolId, writer } = cs
  const problems = yield* chainProblems(cs)
  if (problems.length > 0) return yield* ChainBrokenError.create(schoolId, writer, problems)

  const storage = yield* Storage.Storage
  // the core's own specs: a SyncSpec is one of them, typed loosely enough to take any
  const specs = new Map(((options.specs as ReadonlyArray<AnySpec> | undefined) ?? (yield* registered)).map((s) => [s.name, s]))
  const policy = options.conflicts ?? "refuse"
  const bulk = new Map(cs.bulk.map((b) => [b.hash, b]))

  const run = Effect.gen(function*() {
    // the receiver's copy of the chain: the overlap must be the same entries, with no gap before
    const theirs = Option.getOrUndefined(yield* storage.audit.head(schoolId, writer)) ?? START
    if (theirs.seq < cs.since.seq) return yield* ChainGapError.create(schoolId, writer, theirs.seq, cs.since.seq + 1)
    if (cs.since.seq > 0 || theirs.seq > 0) {
      const overlap = yield* storage.audit.entries(schoolId, writer, { fromSeq: Math.max(1, cs.since.seq), toSeq: Math.min(theirs.seq, cs.head.seq) })
      const incoming = new Map<number, string>([[cs.since.seq, cs.since.hash], ...cs.entries.map((e) => [e.seq, e.hash] as const)])
      for (const ours of overlap) {
        const hash = incoming.get(ours.seq)
        if (hash !== undefined && hash !== ours.hash) {
          return yield* ChainForkError.create({ schoolId, writer, seq: ours.seq, ours: ours.hash, theirs: hash, path: ["entries", ours.seq - cs.since.seq - 1] })
        }
      }
    }
    const fresh = cs.entries.map((entry, position) => ({ entry, position })).filter(({ entry }) => entry.seq > theirs.seq)

    // decode every record and plan the writes, checking each change against the version it was made from
    const versions = new Map<string, number>()
    const conflicted = new Set<string>()
    const versionOf = (spec: AnySpec, id: string) =>
      Effect.gen(function*() {
        const k = `${spec.name}\u0000${id}`
        const known = versions.get(k)
        if (known !== undefined) return known
        const found = yield* storage.repository(spec).get(schoolId, id)
        const v = Option.isSome(found) ? found.value.version : 0
        versions.set(k, v)
        return v
      })
    const conflicts: Array<SyncConflict> = []
    const steps: Array<Step> = []
    let applied = 0
    for (const { entry, position } of fresh) {
      const writes: Array<Write> = []
      for (let j = 0; j < entry.changes.length; j++) {
        const c = entry.changes[j]!
        const path = ["entries", position, "changes", j]
        const spec = specs.get(c.aggregate)
        if (spec === undefined) return yield* UnknownAggregateError.create(c.aggregate, [...path, "aggregate"])
        const decode = Decode.decodeEffect(spec.schema)
        const row = (doc: unknown, at: ReadonlyArray<string | number>) =>
          Effect.gen(function*() {
            const value = yield* decode(doc, at)
            if (value.schoolId !== schoolId) {
              return yield* ValidationError.at([...at, "schoolId"], { zh: "记录属于另一所学校", en: "the record belongs to another school" }, "sync.foreignRecord")
            }
            return { value, encoded: doc }
          })
        const check = (id: string, expected: number, next: number | undefined) =>
          Effect.gen(function*() {
            const k = `${spec.name}\u0000${id}`
            const actual = yield* versionOf(spec, id)
            const dependent = conflicted.has(k)
            if (dependent || actual !== expected) {
              conflicts.push({ seq: entry.seq, change: j, aggregate: c.aggregate, id, op: c.op, expectedVersion: expected, actualVersion: actual, dependent })
              conflicted.add(k)
              return false
            }
            versions.set(k, next ?? 0)
            return true
          })
        switch (c.op) {
          case "insert":
          case "update": {
            if (c.after === undefined || c.id === undefined || c.version === undefined) {
              return yield* ValidationError.at(path, { zh: "变更缺少记录或版本", en: "the change lacks its record or version" }, "sync.incompleteChange")
            }
            const r = yield* row(c.after, [...path, "after"])
            if (r.value.id !== c.id || r.value.version !== c.version) {
              return yield* ValidationError.at([...path, "after"], { zh: "记录的编号或版本与变更不符", en: "the record's id or version differs from the change's" }, "sync.incompleteChange")
            }
            const expected = c.op === "insert" ? 0 : c.version - 1
            if (yield* check(c.id, expected, c.version)) {
              writes.push(c.op === "insert" ? { op: "insert", spec, rows: [r] } : { op: "update", spec, row: r, expected })
            }
            break
          }
          case "remove": {
            if (c.id === undefined || c.version === undefined) {
              return yield* ValidationError.at(path, { zh: "变更缺少编号或版本", en: "the change lacks its id or version" }, "sync.incompleteChange")
            }
            if (yield* check(c.id, c.version, undefined)) writes.push({ op: "remove", spec, id: c.id, expected: c.version })
            break
          }
          case "bulkInsert": {
            const docs = bulk.get(c.hash ?? "")!.rows
            const rows: Array<Ports.Storage.Row<AggregateRoot>> = []
            for (let i = 0; i < docs.length; i++) {
              const r = yield* row(docs[i], ["bulk", c.hash ?? "", "rows", i])
              if (yield* check(r.value.id, 0, r.value.version)) rows.push(r)
            }
            if (rows.length > 0) writes.push({ op: "insert", spec, rows })
            break
          }
        }
      }
      applied += writes.reduce((n, w) => n + (w.op === "insert" ? w.rows.length : 1), 0)
      steps.push({ position, entry, writes })
    }
    if (conflicts.length > 0 && policy === "refuse") {
      const first = conflicts[0]!
      const position = fresh.find(({ entry }) => entry.seq === first.seq)?.position ?? 0
      return yield* SyncConflictError.create(schoolId, writer, conflicts, ["entries", position, "changes", first.change])
    }

    // replay: the writes of each entry, then the entry itself, verbatim, on the receiver's copy
    for (const step of steps) {
      for (const w of step.writes) {
        const repo = storage.repository(w.spec)
        if (w.op === "insert") yield* repo.insert(w.rows)
        else if (w.op === "update") yield* repo.update(w.row, w.expected)
        else yield* repo.remove(schoolId, w.id, w.expected)
      }
      yield* storage.audit.append(schoolId, writer, (head) => {
        const at = Option.getOrUndefined(head) ?? START
        return at.seq === step.entry.seq - 1 && at.hash === step.entry.prev
          ? Effect.succeed(step.entry)
          : Effect.fail(ChainForkError.create({ schoolId, writer, seq: at.seq, ours: at.hash, theirs: step.entry.prev, path: ["entries", step.position, "prev"] }))
      })
    }
    const log = yield* AuditLog.AuditLog
    const receipt = conflicts.length === 0 ? undefined : yield* log.append({
        schoolId,
        actor: options.actor ?? "system",
        command: "sync.import",
        input: {
          writer,
          since: { seq: cs.since.seq, hash: cs.since.hash },
          head: { seq: cs.head.seq, hash: cs.head.hash },
          conflicts: conflicts.map((c) => ({ ...c }))
        },
        changes: []
      })
    const head = Option.getOrUndefined(yield* storage.audit.head(schoolId, writer)) ?? START
    const report: ImportReport = {
      schoolId,
      writer,
      imported: fresh.length,
      alreadyHad: cs.entries.length - fresh.length,
      applied,
      conflicts,
      head,
      receipt
    }
    return report
  })
  return yield* storage.transaction(run)
})

/**
 * The errors an import can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type ImportError =
  | ValidationError
  | ChainBrokenError
  | ChainForkError
  | ChainGapError
  | SyncConflictError
  | UnknownAggregateError
  | ConflictError
  | NotFoundError
  | StorageError

/**
 * Forgets the kept rows of the bulk inserts of entries up to `through` (the receiver
 * acknowledged them); the rows stay in their tables. Returns how many bulk inserts were
 * forgotten. On a backend that keeps no such rows (`Ports.Storage.keepsBulkRows`) it does nothing.
 *
 * @since 0.1.0
 * @category sync
 */
export const pruneExported = /* @__PURE__ */ Effect.fn("IndexedDb.pruneExported")(function*(options: {
  readonly schoolId: string
  readonly writer?: string
  readonly through: number
}) {
  const storage = yield* Storage.Storage
  if (!Storage.keepsBulkRows(storage)) return 0
  const writer = options.writer ?? (yield* AuditLog.AuditWriter)
  const entries = yield* storage.audit.entries(options.schoolId, writer, { toSeq: options.through })
  const hashes = entries.flatMap((e) => e.changes.flatMap((c) => (c.op === "bulkInsert" && c.hash !== undefined ? [c.hash] : [])))
  return hashes.length === 0 ? 0 : yield* storage.pruneBulk(options.schoolId, hashes)
})
