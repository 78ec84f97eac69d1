/**
 * The typed errors of sync. Each has a stable `code`, the `path` of the offending part of the
 * change set and messages in zh-CN and en, like the core's errors; a change set that does not
 * match its schema is the core's `ValidationError`.
 *
 * @since 0.1.0
 */
import type { Path } from "@houqin/core/kernel"
import { Errors } from "@houqin/core/kernel"
import { Schema } from "effect"

const describe = (self: { readonly en: string; readonly code: string; readonly path: Path }): string =>
  `${self.en} [${self.code} at ${Errors.formatPath(self.path)}]`

/**
 * One problem found in a change set's chain: an entry that does not match its hash (`changed`),
 * a missing entry (`removed`), entries out of order (`reordered`), a chain that stops before the
 * head it declares (`truncated`), an entry of another school or writer (`foreign`), or bulk rows
 * that are missing or do not match the hash their entry records (`rows`).
 *
 * @since 0.1.0
 * @category models
 */
export const ChainProblem = /* @__PURE__ */ Schema.Struct({
  kind: Schema.Literals(["changed", "removed", "reordered", "truncated", "foreign", "rows"]),
  seq: Schema.Int,
  position: Schema.Int,
  message: Errors.Messages
})

/**
 * @since 0.1.0
 * @category models
 */
export type ChainProblem = typeof ChainProblem.Type

/**
 * A change set whose hash chain is broken: an entry was changed, removed, reordered or added from
 * elsewhere, or bulk rows do not match their entry. Nothing was imported.
 *
 * @since 0.1.0
 * @category errors
 */
export class ChainBrokenError extends Schema.TaggedError<ChainBrokenError>()("ChainBrokenError", {
  ...Errors.errorFields,
  schoolId: Schema.String,
  writer: Schema.String,
  problems: Schema.Array(ChainProblem)
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(schoolId: string, writer: string, problems: ReadonlyArray<ChainProblem>): ChainBrokenError {
    const first = problems[0]!
    return new ChainBrokenError({
      code: "sync.brokenChain",
      path: first.kind === "truncated" ? ["head"] : ["entries", first.position],
      schoolId,
      writer,
      problems,
      zh: `${writer} 的变更链条已损坏，未导入任何内容：${problems.map((p) => p.message.zh).join("；")}`,
      en: `the change chain of ${writer} is broken and nothing was imported: ${problems.map((p) => p.message.en).join("; ")}`
    })
  }
}

/**
 * A change set that forks from the receiver's copy of the chain: at `seq` the two hold different
 * entries (`ours` is the receiver's hash, `theirs` the change set's). Nothing was imported.
 *
 * @since 0.1.0
 * @category errors
 */
export class ChainForkError extends Schema.TaggedError<ChainForkError>()("ChainForkError", {
  ...Errors.errorFields,
  schoolId: Schema.String,
  writer: Schema.String,
  seq: Schema.Int,
  ours: Schema.String,
  theirs: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(options: {
    readonly schoolId: string
    readonly writer: string
    readonly seq: number
    readonly ours: string
    readonly theirs: string
    readonly path: Path
  }): ChainForkError {
    const { writer, seq } = options
    return new ChainForkError({
      ...options,
      code: "sync.fork",
      zh: `${writer} 的变更链在第 ${seq} 条分叉：接收方已有的记录与导入的不同，未导入任何内容`,
      en: `the chain of ${writer} forks at entry ${seq}: the receiver holds a different entry there, and nothing was imported`
    })
  }
}

/**
 * A change set that starts after the receiver's head: the entries between are missing. Export
 * again from the receiver's head. Nothing was imported.
 *
 * @since 0.1.0
 * @category errors
 */
export class ChainGapError extends Schema.TaggedError<ChainGapError>()("ChainGapError", {
  ...Errors.errorFields,
  schoolId: Schema.String,
  writer: Schema.String,
  have: Schema.Int,
  from: Schema.Int
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(schoolId: string, writer: string, have: number, from: number): ChainGapError {
    return new ChainGapError({
      code: "sync.gap",
      path: ["since", "seq"],
      schoolId,
      writer,
      have,
      from,
      zh: `接收方只有 ${writer} 的前 ${have} 条记录，而导入从第 ${from} 条开始，中间缺失；请从第 ${have} 条之后重新导出`,
      en: `the receiver holds ${writer}'s entries up to ${have} but the change set starts at ${from}: export again from entry ${have}`
    })
  }
}

/**
 * One change that cannot be applied because the record is not at the version the change was made
 * from (`actualVersion` 0: the record does not exist); `dependent` when an earlier change of the
 * same record in the change set conflicted already.
 *
 * @since 0.1.0
 * @category models
 */
export const SyncConflict = /* @__PURE__ */ Schema.Struct({
  seq: Schema.Int,
  change: Schema.Int,
  aggregate: Schema.String,
  id: Schema.String,
  op: Schema.Literals(["insert", "update", "remove", "bulkInsert"]),
  expectedVersion: Schema.Int,
  actualVersion: Schema.Int,
  dependent: Schema.Boolean
})

/**
 * @since 0.1.0
 * @category models
 */
export type SyncConflict = typeof SyncConflict.Type

/**
 * Changes that were made offline from versions the receiver no longer holds: both sides changed
 * the same records. Nothing was imported (the `"refuse"` policy); the conflicts list every one.
 *
 * @since 0.1.0
 * @category errors
 */
export class SyncConflictError extends Schema.TaggedError<SyncConflictError>()("SyncConflictError", {
  ...Errors.errorFields,
  schoolId: Schema.String,
  writer: Schema.String,
  conflicts: Schema.Array(SyncConflict)
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(schoolId: string, writer: string, conflicts: ReadonlyArray<SyncConflict>, path: Path): SyncConflictError {
    const list = conflicts.filter((c) => !c.dependent).map((c) => `${c.aggregate} ${c.id}`).join(", ")
    return new SyncConflictError({
      code: "sync.conflict",
      path,
      schoolId,
      writer,
      conflicts,
      zh: `${writer} 离线修改的记录在接收方已被他人修改（${list}），未导入任何内容`,
      en: `${writer} changed records offline that were changed on the receiver too (${list}); nothing was imported`
    })
  }
}

/**
 * A change set names an aggregate the receiver does not store (it runs an older version of the
 * core, or a module it does not have). Nothing was imported.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownAggregateError extends Schema.TaggedError<UnknownAggregateError>()("UnknownAggregateError", {
  ...Errors.errorFields,
  aggregate: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(aggregate: string, path: Path): UnknownAggregateError {
    return new UnknownAggregateError({
      code: "sync.unknownAggregate",
      path,
      aggregate,
      zh: `接收方不认识聚合 ${aggregate}（版本过旧或缺少该模块），未导入任何内容`,
      en: `the receiver does not know the aggregate ${aggregate} (an older version, or a module it lacks); nothing was imported`
    })
  }
}

/**
 * The rows of a bulk insert cannot be exported: this database did not keep them (they were
 * written by an older version, or pruned) or they no longer match the hash their entry records.
 *
 * @since 0.1.0
 * @category errors
 */
export class MissingRowsError extends Schema.TaggedError<MissingRowsError>()("MissingRowsError", {
  ...Errors.errorFields,
  aggregate: Schema.String,
  seq: Schema.Int,
  hash: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(aggregate: string, seq: number, hash: string): MissingRowsError {
    return new MissingRowsError({
      code: "sync.missingRows",
      path: ["entries", seq],
      aggregate,
      seq,
      hash,
      zh: `第 ${seq} 条记录批量写入的 ${aggregate} 行未保留或与其哈希不符，无法导出（SQL 后端须以 keepBulkRows 打开才保留批量写入的行）`,
      en: `the ${aggregate} rows bulk-inserted by entry ${seq} were not kept or do not match their hash, so they cannot be exported (a SQL backend keeps them when opened with keepBulkRows)`
    })
  }
}
