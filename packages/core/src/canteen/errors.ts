/**
 * The canteen's typed errors. Like the kernel's, each carries a stable `code`, the `path` of the
 * offending field and messages in zh-CN and en; bad references use the kernel's `NotFoundError`,
 * bad input its `ValidationError`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Path } from "../kernel/Errors.ts"
import { errorFields, formatPath } from "../kernel/Errors.ts"

const describe = (self: { readonly en: string; readonly code: string; readonly path: Path }): string =>
  `${self.en} [${self.code} at ${formatPath(self.path)}]`

/**
 * Less stock than asked for: an issue, spoilage or return of more than is on hand (or, for an
 * issue, more than is on hand within its best-before on that day).
 *
 * @since 0.1.0
 * @category errors
 */
export class InsufficientStockError extends Schema.TaggedError<InsufficientStockError>()("InsufficientStockError", {
  ...errorFields,
  ingredientId: Schema.String,
  requested: Schema.String,
  available: Schema.String,
  unit: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(options: {
    readonly ingredientId: string
    readonly requested: string
    readonly available: string
    readonly unit: string
    readonly path?: Path
    /** an issue draws only on lots received by its date and within their best-before */
    readonly issue?: boolean
  }): InsufficientStockError {
    const { ingredientId, requested, available, unit } = options
    const note = options.issue === true
      ? { zh: "（出库只能用当日前入库且未过保质期的批次）", en: " (an issue draws only on lots received by its date and within their best-before)" }
      : { zh: "", en: "" }
    return new InsufficientStockError({
      code: "canteen.insufficientStock",
      path: options.path ?? [],
      ingredientId,
      requested,
      available,
      unit,
      zh: `库存不足：${ingredientId} 需要 ${requested} ${unit}，可用 ${available} ${unit}${note.zh}`,
      en: `not enough stock of ${ingredientId}: ${requested} ${unit} asked for, ${available} ${unit} available${note.en}`
    })
  }
}

/**
 * A record dated in a month that has been settled: a closed month's records are final, so that its
 * settlement stays reproducible.
 *
 * @since 0.1.0
 * @category errors
 */
export class MonthClosedError extends Schema.TaggedError<MonthClosedError>()("MonthClosedError", {
  ...errorFields,
  month: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(month: string, path: Path = ["date"]): MonthClosedError {
    return new MonthClosedError({
      code: "canteen.monthClosed",
      path,
      month,
      zh: `${month} 已月结，不能再登记该月的记录`,
      en: `${month} has been settled; no more records can be dated in it`
    })
  }
}

/**
 * A command that the record's state does not allow (a delivery against a cancelled order, diners
 * recorded twice for one meal, a month closed with meals still open).
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidStateError extends Schema.TaggedError<InvalidStateError>()("InvalidStateError", {
  ...errorFields,
  aggregate: Schema.String,
  id: Schema.String,
  state: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(options: {
    readonly code: string
    readonly aggregate: string
    readonly id: string
    readonly state: string
    readonly path?: Path
    readonly zh: string
    readonly en: string
  }): InvalidStateError {
    return new InvalidStateError({ ...options, path: options.path ?? [] })
  }
}

/**
 * A recipe that contains itself, directly or through nested recipes.
 *
 * @since 0.1.0
 * @category errors
 */
export class RecipeCycleError extends Schema.TaggedError<RecipeCycleError>()("RecipeCycleError", {
  ...errorFields,
  cycle: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(cycle: ReadonlyArray<string>, path: Path = ["items"]): RecipeCycleError {
    return new RecipeCycleError({
      code: "canteen.recipeCycle",
      path,
      cycle,
      zh: `菜谱循环引用：${cycle.join(" → ")}`,
      en: `a recipe contains itself: ${cycle.join(" → ")}`
    })
  }
}

/**
 * The records of a month do not agree with each other (purchases by the deliveries and by the
 * lots, issues by the meals and by the lots, the opening stock and the previous closing): the month
 * cannot be settled until they are corrected, since the settlement would not be reproducible.
 *
 * @since 0.1.0
 * @category errors
 */
export class SettlementMismatchError extends Schema.TaggedError<SettlementMismatchError>()("SettlementMismatchError", {
  ...errorFields,
  check: Schema.String,
  expected: Schema.Number,
  actual: Schema.Number
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(check: string, expected: number, actual: number, messages: { readonly zh: string; readonly en: string }): SettlementMismatchError {
    return new SettlementMismatchError({
      code: "canteen.settlementMismatch",
      path: [check],
      check,
      expected,
      actual,
      zh: `${messages.zh}：应为 ${expected} 分，实际 ${actual} 分`,
      en: `${messages.en}: expected ${expected} fen, found ${actual} fen`
    })
  }
}
