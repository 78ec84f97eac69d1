/**
 * Typed errors shared by every module.
 *
 * Every Houqin error is a tagged, schema-backed class with a stable `code`, the `path` of the
 * offending field and messages in zh-CN (`zh`) and English (`en`). They are plain data: they cross
 * a `postMessage`, a JSON encoding or a Promise rejection unchanged.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The path of a field inside the input, from the root: `["lines", 2, "unitPrice"]`.
 *
 * @since 0.1.0
 * @category models
 */
export const Path = Schema.Array(Schema.Union([Schema.String, Schema.Number]))

/**
 * @since 0.1.0
 * @category models
 */
export type Path = ReadonlyArray<string | number>

/**
 * A message in both languages Houqin speaks.
 *
 * @since 0.1.0
 * @category models
 */
export const Messages = Schema.Struct({ zh: Schema.String, en: Schema.String })

/**
 * @since 0.1.0
 * @category models
 */
export interface Messages {
  readonly zh: string
  readonly en: string
}

/**
 * The fields every Houqin error carries.
 *
 * @since 0.1.0
 * @category models
 */
export const errorFields = {
  code: Schema.String,
  path: Path,
  zh: Schema.String,
  en: Schema.String
} as const

/**
 * The shape of every Houqin error.
 *
 * @since 0.1.0
 * @category models
 */
export interface HouqinError {
  readonly _tag: string
  readonly code: string
  readonly path: Path
  readonly zh: string
  readonly en: string
}

/**
 * Formats a path the way JavaScript reads it: `lines[2].unitPrice`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatPath = (path: Path): string =>
  path.length === 0
    ? "(root)"
    : path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`))
      .join("")

/**
 * Whether a value is a Houqin error (from any module).
 *
 * @since 0.1.0
 * @category guards
 */
export const isHouqinError = (u: unknown): u is HouqinError =>
  typeof u === "object" && u !== null &&
  typeof (u as HouqinError)._tag === "string" &&
  typeof (u as HouqinError).code === "string" &&
  Array.isArray((u as HouqinError).path) &&
  typeof (u as HouqinError).zh === "string" &&
  typeof (u as HouqinError).en === "string"

const describe = (self: HouqinError): string =>
  `${self.en} [${self.code} at ${formatPath(self.path)}]`

/**
 * One problem found while decoding input.
 *
 * @since 0.1.0
 * @category models
 */
export const Issue = Schema.Struct({ path: Path, zh: Schema.String, en: Schema.String })

/**
 * @since 0.1.0
 * @category models
 */
export type Issue = typeof Issue.Type

/**
 * Input that does not match its schema. `path` and the messages are those of the first issue;
 * `issues` lists all of them.
 *
 * @since 0.1.0
 * @category errors
 */
export class ValidationError extends Schema.TaggedError<ValidationError>()("ValidationError", {
  ...errorFields,
  issues: Schema.Array(Issue)
}) {
  override get message(): string {
    return describe(this)
  }
  /**
   * @since 0.1.0
   */
  static fromIssues(issues: ReadonlyArray<Issue>, code = "validation.invalid"): ValidationError {
    const first = issues[0] ?? { path: [], zh: "输入无效", en: "invalid input" }
    return new ValidationError({ code, path: first.path, zh: first.zh, en: first.en, issues })
  }
  /**
   * One issue at one path.
   *
   * @since 0.1.0
   */
  static at(path: Path, messages: Messages, code = "validation.invalid"): ValidationError {
    return ValidationError.fromIssues([{ path, ...messages }], code)
  }
}

/**
 * An amount that would leave the safe-integer range of fen.
 *
 * @since 0.1.0
 * @category errors
 */
export class OverflowError extends Schema.TaggedError<OverflowError>()("OverflowError", {
  ...errorFields,
  operation: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(operation: string, path: Path = []): OverflowError {
    return new OverflowError({
      code: "money.overflow",
      path,
      operation,
      zh: `金额运算（${operation}）超出可精确表示的范围`,
      en: `the result of ${operation} is outside the range of exactly representable amounts`
    })
  }
}

/**
 * Two amounts or prices in different currencies were combined.
 *
 * @since 0.1.0
 * @category errors
 */
export class CurrencyMismatchError extends Schema.TaggedError<CurrencyMismatchError>()("CurrencyMismatchError", {
  ...errorFields,
  expected: Schema.String,
  actual: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(expected: string, actual: string, path: Path = []): CurrencyMismatchError {
    return new CurrencyMismatchError({
      code: "money.currencyMismatch",
      path,
      expected,
      actual,
      zh: `币种不一致：应为 ${expected}，实际为 ${actual}`,
      en: `currency mismatch: expected ${expected}, got ${actual}`
    })
  }
}

/**
 * Quantities of different dimensions (mass and volume, or two different count units) were
 * combined or converted into each other without a conversion for that item.
 *
 * @since 0.1.0
 * @category errors
 */
export class DimensionMismatchError extends Schema.TaggedError<DimensionMismatchError>()("DimensionMismatchError", {
  ...errorFields,
  from: Schema.String,
  to: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(from: string, to: string, path: Path = []): DimensionMismatchError {
    return new DimensionMismatchError({
      code: "quantity.dimensionMismatch",
      path,
      from,
      to,
      zh: `单位 ${from} 与 ${to} 不能相互换算（没有为该物品登记换算关系）`,
      en: `cannot convert between ${from} and ${to} (no conversion recorded for this item)`
    })
  }
}

/**
 * An arithmetic operation with no defined result (a division by zero, an allocation over
 * weights that sum to zero).
 *
 * @since 0.1.0
 * @category errors
 */
export class ArithmeticError extends Schema.TaggedError<ArithmeticError>()("ArithmeticError", {
  ...errorFields
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(code: string, messages: Messages, path: Path = []): ArithmeticError {
    return new ArithmeticError({ code, path, ...messages })
  }
}

/**
 * A rule pack, or a school's override of one, that is invalid or weaker than a legal minimum.
 *
 * @since 0.1.0
 * @category errors
 */
export class RulePackError extends Schema.TaggedError<RulePackError>()("RulePackError", {
  ...errorFields
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(code: string, path: Path, messages: Messages): RulePackError {
    return new RulePackError({ code, path, ...messages })
  }
}

/**
 * A record that does not exist.
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFoundError extends Schema.TaggedError<NotFoundError>()("NotFoundError", {
  ...errorFields,
  aggregate: Schema.String,
  schoolId: Schema.String,
  id: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(aggregate: string, schoolId: string, id: string, path: Path = ["id"]): NotFoundError {
    return new NotFoundError({
      code: "storage.notFound",
      path,
      aggregate,
      schoolId,
      id,
      zh: `找不到记录：${aggregate} ${id}`,
      en: `no ${aggregate} with id ${id}`
    })
  }
}

/**
 * A write against a stale version: somebody else changed the record first. Reload and retry.
 * An insert of a record that already exists is a conflict with expected version 0.
 *
 * @since 0.1.0
 * @category errors
 */
export class ConflictError extends Schema.TaggedError<ConflictError>()("ConflictError", {
  ...errorFields,
  aggregate: Schema.String,
  schoolId: Schema.String,
  id: Schema.String,
  expectedVersion: Schema.Number,
  actualVersion: Schema.Number
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(options: {
    readonly aggregate: string
    readonly schoolId: string
    readonly id: string
    readonly expectedVersion: number
    readonly actualVersion: number
  }): ConflictError {
    const { aggregate, id, expectedVersion, actualVersion } = options
    return new ConflictError({
      ...options,
      code: "storage.conflict",
      path: ["version"],
      zh: expectedVersion === 0
        ? `记录已存在：${aggregate} ${id}`
        : `记录已被他人修改：${aggregate} ${id}（预期版本 ${expectedVersion}，当前版本 ${actualVersion}），请重新读取后再试`,
      en: expectedVersion === 0
        ? `${aggregate} ${id} already exists`
        : `${aggregate} ${id} was changed by someone else (expected version ${expectedVersion}, found ${actualVersion}); reload and retry`
    })
  }
}

/**
 * A write that would break a uniqueness rule of the aggregate (two assets with one tag in a
 * school): another record already holds the value.
 *
 * @since 0.1.0
 * @category errors
 */
export class DuplicateError extends Schema.TaggedError<DuplicateError>()("DuplicateError", {
  ...errorFields,
  aggregate: Schema.String,
  schoolId: Schema.String,
  fields: Schema.Array(Schema.String),
  existingId: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(options: {
    readonly aggregate: string
    readonly schoolId: string
    readonly fields: ReadonlyArray<string>
    readonly existingId: string
  }): DuplicateError {
    const { aggregate, fields, existingId } = options
    return new DuplicateError({
      ...options,
      code: "storage.duplicate",
      path: [fields[0] ?? "id"],
      zh: `${aggregate} 的 ${fields.join("、")} 与已有记录 ${existingId} 重复`,
      en: `${aggregate}: ${fields.join(", ")} already used by ${existingId}`
    })
  }
}

/**
 * A write that names a record that does not exist (`storage.missingReference`), or the removal
 * of a record that others still name (`storage.referenced`).
 *
 * @since 0.1.0
 * @category errors
 */
export class ReferenceError extends Schema.TaggedError<ReferenceError>()("ReferenceError", {
  ...errorFields,
  aggregate: Schema.String,
  schoolId: Schema.String,
  id: Schema.String,
  target: Schema.String,
  targetId: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static missing(options: {
    readonly aggregate: string
    readonly schoolId: string
    readonly id: string
    readonly field: string
    readonly target: string
    readonly targetId: string
  }): ReferenceError {
    const { field, ...rest } = options
    return new ReferenceError({
      ...rest,
      code: "storage.missingReference",
      path: [field],
      zh: `${options.aggregate} ${options.id} 引用的 ${options.target} ${options.targetId} 不存在`,
      en: `${options.aggregate} ${options.id} names ${options.target} ${options.targetId}, which does not exist`
    })
  }
  /** @since 0.1.0 */
  static referenced(options: {
    readonly aggregate: string
    readonly schoolId: string
    readonly id: string
    readonly target: string
    readonly targetId: string
  }): ReferenceError {
    return new ReferenceError({
      aggregate: options.target,
      schoolId: options.schoolId,
      id: options.targetId,
      target: options.aggregate,
      targetId: options.id,
      code: "storage.referenced",
      path: ["id"],
      zh: `${options.target} ${options.targetId} 仍被 ${options.aggregate} ${options.id} 引用，不能删除`,
      en: `${options.target} ${options.targetId} is still named by ${options.aggregate} ${options.id} and cannot be removed`
    })
  }
}

/**
 * A failure of the storage itself (a lost connection, a full disk), as reported by an adapter.
 * Nothing of the command that met it was written.
 *
 * @since 0.1.0
 * @category errors
 */
export class StorageError extends Schema.TaggedError<StorageError>()("StorageError", {
  ...errorFields,
  detail: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(cause: unknown, path: Path = []): StorageError {
    const text = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)
    return new StorageError({
      code: "storage.failure",
      path,
      detail: text,
      zh: `存储失败，本次操作未写入任何数据：${text}`,
      en: `storage failed and nothing of this command was written: ${text}`
    })
  }
}
