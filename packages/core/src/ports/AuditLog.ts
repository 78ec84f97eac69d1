/**
 * The audit log: an append-only record of every command — who, when, the command, its input, and
 * what it changed (the record before and after for single-record changes; the count and hash of
 * the rows for bulk writes).
 *
 * Entries are hash-chained per school and writer (a server, or a device working offline): each
 * entry's `hash` is the SHA-256 of its canonical JSON encoding without `hash`, and each entry's
 * `prev` is the previous entry's hash. {@link verifyChain} finds any changed, removed or reordered
 * entry and — checked against a recorded head (the latest hash, which a school can publish or keep
 * elsewhere) — a truncated tail.
 *
 * @since 0.1.0
 */
import { Context, Effect, Option, Result, Schema } from "effect"
import type { ConflictError, StorageError , ValidationError } from "../kernel/Errors.ts"
import { Messages } from "../kernel/Errors.ts"
import * as Json from "../kernel/Json.ts"
import type { Instant } from "../kernel/Time.ts"
import { InstantSchema, now } from "../kernel/Time.ts"
import { Storage } from "./Storage.ts"

/**
 * The `prev` of the first entry of every chain: 64 zeros.
 *
 * @since 0.1.0
 * @category constants
 */
export const GENESIS = "0".repeat(64)

const Hex64 = Schema.String.check(Schema.makeFilter((s: string) => /^[0-9a-f]{64}$/.test(s), {
  expected: "a SHA-256 in lowercase hex",
  zh: "小写十六进制的 SHA-256 值"
}))

/**
 * One change a command made: a single record inserted, updated or removed (with its encoded value
 * before and after), or a bulk insert (with the rows' count and the hash of their canonical
 * encoding; the rows themselves are in their tables).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Change = Schema.Struct({
  aggregate: Schema.String,
  op: Schema.Literals(["insert", "update", "remove", "bulkInsert"]),
  id: Schema.optionalKey(Schema.String),
  version: Schema.optionalKey(Schema.Int),
  before: Schema.optionalKey(Schema.Json),
  after: Schema.optionalKey(Schema.Json),
  count: Schema.optionalKey(Schema.Int),
  hash: Schema.optionalKey(Hex64)
})

/**
 * @since 0.1.0
 * @category models
 */
export type Change = typeof Change.Type

/**
 * An audit entry.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AuditEntrySchema = Schema.Struct({
  schoolId: Schema.String,
  writer: Schema.String,
  seq: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  at: InstantSchema,
  actor: Schema.String,
  command: Schema.String,
  input: Schema.Json,
  changes: Schema.Array(Change),
  prev: Hex64,
  hash: Hex64
})

/**
 * @since 0.1.0
 * @category models
 */
export type AuditEntry = typeof AuditEntrySchema.Type

/**
 * The latest entry of a chain: its sequence number and hash.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ChainHead = Schema.Struct({ seq: Schema.Int, hash: Hex64 })

/**
 * @since 0.1.0
 * @category models
 */
export type ChainHead = typeof ChainHead.Type

const encodeEntry = Schema.encodeSync(AuditEntrySchema)

/**
 * The encoded (JSON) form of an entry, as stored and hashed.
 *
 * @since 0.1.0
 * @category encoding
 */
export const encode = (entry: AuditEntry): typeof AuditEntrySchema.Encoded => encodeEntry(entry)

/**
 * The hash of an entry: SHA-256 of the canonical JSON of its encoded form without `hash`.
 *
 * @since 0.1.0
 * @category hashing
 */
export const hashOf = (entry: Omit<AuditEntry, "hash"> & { readonly hash?: string }): Effect.Effect<string, ValidationError> => {
  const { hash: _ignored, ...rest } = encodeEntry({ ...entry, hash: GENESIS })
  return Json.hashCanonical(rest)
}

/**
 * What a command records; the log adds the writer, the sequence number, the time and the hashes.
 *
 * @since 0.1.0
 * @category models
 */
export interface AuditDraft {
  readonly schoolId: string
  readonly actor: string
  readonly command: string
  readonly input: Schema.Json
  readonly changes: ReadonlyArray<Change>
  readonly at?: Instant
}

/**
 * The writer whose chain this runtime appends to (default `"main"`): a server's name, or a
 * device's id when it works offline.
 *
 * @since 0.1.0
 * @category services
 */
export const AuditWriter = Context.Reference<string>("@houqin/core/AuditWriter", { defaultValue: () => "main" })

/**
 * One problem `verify` found.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Problem = Schema.Struct({
  kind: Schema.Literals(["changed", "removed", "reordered", "truncated"]),
  seq: Schema.Int,
  position: Schema.Int,
  message: Messages
})

/**
 * @since 0.1.0
 * @category models
 */
export type Problem = typeof Problem.Type

/**
 * The result of verifying a chain.
 *
 * @since 0.1.0
 * @category models
 */
export interface VerifyReport {
  readonly ok: boolean
  readonly entries: number
  readonly head: ChainHead | undefined
  readonly problems: ReadonlyArray<Problem>
}

/**
 * Verifies a chain given in stored order: every entry's hash matches its content, sequence
 * numbers run 1, 2, 3… without gaps or reversals, every `prev` is the previous entry's hash, and —
 * when the recorded head is given — the chain reaches it with the same hash.
 *
 * @since 0.1.0
 * @category verification
 */
export const verifyChain = (
  entries: ReadonlyArray<AuditEntry>,
  recordedHead?: ChainHead
): Effect.Effect<VerifyReport> =>
  Effect.gen(function*() {
    const problems: Array<Problem> = []
    const seqs = new Set(entries.map((e) => e.seq))
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!
      const recomputed = yield* Effect.result(hashOf(e))
      if (Result.isFailure(recomputed) || recomputed.success !== e.hash) {
        problems.push({
          kind: "changed",
          seq: e.seq,
          position: i,
          message: { zh: `第 ${e.seq} 条记录的内容与其哈希不符（已被修改）`, en: `entry ${e.seq} does not match its hash (it was changed)` }
        })
      }
      const previous = i === 0 ? undefined : entries[i - 1]
      const expectedSeq = previous === undefined ? 1 : previous.seq + 1
      const expectedPrev = previous === undefined ? GENESIS : previous.hash
      if (e.seq > expectedSeq) {
        const later = entries.slice(i + 1).some((x) => x.seq === expectedSeq)
        if (later) {
          problems.push({
            kind: "reordered",
            seq: e.seq,
            position: i,
            message: { zh: `第 ${e.seq} 条记录出现在第 ${expectedSeq} 条之前（顺序被改动）`, en: `entry ${e.seq} comes before entry ${expectedSeq} (the order was changed)` }
          })
        } else {
          problems.push({
            kind: "removed",
            seq: expectedSeq,
            position: i,
            message: {
              zh: `缺少第 ${expectedSeq}${e.seq - 1 > expectedSeq ? `–${e.seq - 1}` : ""} 条记录（已被删除）`,
              en: `entr${e.seq - 1 > expectedSeq ? `ies ${expectedSeq}–${e.seq - 1} are` : `y ${expectedSeq} is`} missing (removed)`
            }
          })
        }
      } else if (e.seq < expectedSeq) {
        problems.push({
          kind: "reordered",
          seq: e.seq,
          position: i,
          message: { zh: `第 ${e.seq} 条记录出现在第 ${previous?.seq} 条之后（顺序被改动）`, en: `entry ${e.seq} comes after entry ${previous?.seq} (the order was changed)` }
        })
      } else if (e.prev !== expectedPrev) {
        problems.push({
          kind: "changed",
          seq: previous?.seq ?? e.seq,
          position: Math.max(0, i - 1),
          message: {
            zh: `第 ${e.seq} 条记录指向的前一条哈希与第 ${previous?.seq ?? 0} 条不符（链条被改动）`,
            en: `entry ${e.seq} does not link to entry ${previous?.seq ?? 0} (the chain was altered)`
          }
        })
      }
    }
    const last = entries[entries.length - 1]
    if (recordedHead !== undefined && recordedHead.seq > 0) {
      const atHead = entries.find((e) => e.seq === recordedHead.seq)
      if (last === undefined || last.seq < recordedHead.seq || (atHead === undefined && !seqs.has(recordedHead.seq))) {
        problems.push({
          kind: "truncated",
          seq: (last?.seq ?? 0) + 1,
          position: entries.length,
          message: {
            zh: `记录在第 ${last?.seq ?? 0} 条后中断，而登记的链头为第 ${recordedHead.seq} 条（末尾被截断）`,
            en: `the chain ends at entry ${last?.seq ?? 0} but the recorded head is entry ${recordedHead.seq} (the tail was truncated)`
          }
        })
      } else if (atHead !== undefined && atHead.hash !== recordedHead.hash) {
        problems.push({
          kind: "changed",
          seq: recordedHead.seq,
          position: entries.indexOf(atHead),
          message: {
            zh: `第 ${recordedHead.seq} 条记录的哈希与登记的链头不符`,
            en: `entry ${recordedHead.seq} does not match the recorded head`
          }
        })
      }
    }
    return {
      ok: problems.length === 0,
      entries: entries.length,
      head: last === undefined ? undefined : { seq: last.seq, hash: last.hash },
      problems
    }
  })

/**
 * The audit log service.
 *
 * @since 0.1.0
 * @category services
 */
export class AuditLog extends Context.Service<AuditLog, {
  /** appends an entry to this runtime's writer chain (inside the command's transaction) */
  readonly append: (draft: AuditDraft) => Effect.Effect<AuditEntry, ValidationError | ConflictError | StorageError>
  readonly entries: (
    schoolId: string,
    options?: { readonly writer?: string; readonly fromSeq?: number; readonly toSeq?: number }
  ) => Effect.Effect<ReadonlyArray<AuditEntry>, StorageError>
  readonly head: (schoolId: string, writer?: string) => Effect.Effect<Option.Option<ChainHead>, StorageError>
  readonly writers: (schoolId: string) => Effect.Effect<ReadonlyArray<string>, StorageError>
  readonly verify: (
    schoolId: string,
    options?: { readonly writer?: string; readonly recordedHead?: ChainHead }
  ) => Effect.Effect<VerifyReport, StorageError>
}>()("@houqin/core/AuditLog") {}

/**
 * The audit log over the storage backend's audit store.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<AuditLog["Service"], never, Storage> = Effect.gen(function*() {
  const storage = yield* Storage
  const store = storage.audit
  return AuditLog.of({
    append: (draft) =>
      Effect.gen(function*() {
        const writer = yield* AuditWriter
        const at = draft.at ?? (yield* now)
        const input = yield* Effect.fromResult(Json.canonicalize(draft.input)).pipe(Effect.as(draft.input))
        return yield* store.append(draft.schoolId, writer, (head) =>
          Effect.gen(function*() {
            const base = {
              schoolId: draft.schoolId,
              writer,
              seq: Option.isSome(head) ? head.value.seq + 1 : 1,
              at,
              actor: draft.actor,
              command: draft.command,
              input,
              changes: draft.changes,
              prev: Option.isSome(head) ? head.value.hash : GENESIS
            }
            const hash = yield* hashOf(base)
            return { ...base, hash }
          }))
      }),
    entries: (schoolId, options) =>
      Effect.gen(function*() {
        const writer = options?.writer ?? (yield* AuditWriter)
        const range = {
          ...(options?.fromSeq === undefined ? {} : { fromSeq: options.fromSeq }),
          ...(options?.toSeq === undefined ? {} : { toSeq: options.toSeq })
        }
        return yield* store.entries(schoolId, writer, range)
      }),
    head: (schoolId, writer) => Effect.flatMap(writer === undefined ? AuditWriter : Effect.succeed(writer), (w) => store.head(schoolId, w)),
    writers: (schoolId) => store.writers(schoolId),
    verify: (schoolId, options) =>
      Effect.gen(function*() {
        const writer = options?.writer ?? (yield* AuditWriter)
        const entries = yield* store.entries(schoolId, writer)
        return yield* verifyChain(entries, options?.recordedHead)
      })
  })
})
