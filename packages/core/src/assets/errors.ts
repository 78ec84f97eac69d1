/**
 * The typed errors of the assets module. Each has a stable `code`, the `path` of the offending
 * field and messages in zh-CN and en, like the kernel's errors.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Path } from "../kernel/Errors.ts"
import { errorFields, formatPath } from "../kernel/Errors.ts"

const describe = (self: { readonly en: string; readonly code: string; readonly path: Path }): string =>
  `${self.en} [${self.code} at ${formatPath(self.path)}]`

const stateNames: Record<string, { readonly zh: string; readonly en: string }> = {
  planned: { zh: "计划购置", en: "planned" },
  received: { zh: "已验收", en: "received" },
  inService: { zh: "在用", en: "in service" },
  underRepair: { zh: "维修中", en: "under repair" },
  idle: { zh: "闲置", en: "idle" },
  onLoan: { zh: "借出", en: "on loan" },
  disposalRequested: { zh: "待处置", en: "disposal requested" },
  disposed: { zh: "已处置", en: "disposed" },
  reallocatedOut: { zh: "已调出", en: "reallocated out" },
  open: { zh: "进行中", en: "open" },
  applied: { zh: "已入账", en: "applied" },
  cancelled: { zh: "已取消", en: "cancelled" },
  dispatched: { zh: "已派修", en: "dispatched" },
  completed: { zh: "已完成", en: "completed" }
}

const nameOf = (state: string) => stateNames[state] ?? { zh: state, en: state }

const eventNames: Record<string, string> = {
  receive: "验收",
  putInService: "投入使用",
  startRepair: "送修",
  finishRepair: "修复",
  markIdle: "转为闲置",
  returnToService: "恢复使用",
  lend: "借出",
  returnLoan: "归还",
  requestDisposal: "申请处置",
  rejectDisposal: "驳回处置",
  approveDisposal: "批准处置",
  reallocateOut: "调出",
  transfer: "转移",
  reallocate: "调拨",
  revalue: "重估",
  changeLife: "变更使用年限",
  recordCondition: "登记状况",
  reserve: "预约",
  reportRepair: "报修",
  recordUsage: "登记使用",
  count: "清点",
  apply: "入账",
  cancel: "取消",
  dispatch: "派修",
  complete: "完工"
}

const subjectNames: Record<string, { readonly zh: string; readonly en: string }> = {
  assets: { zh: "资产", en: "asset" },
  "assets.stocktake": { zh: "清查", en: "stocktake" },
  "assets.repairRequest": { zh: "报修单", en: "repair request" },
  "assets.reservation": { zh: "预约", en: "reservation" }
}

/**
 * An event that the state of a record does not allow: `dispose` of a disposed asset, `apply` of
 * an applied stocktake. Names the record, its state and the event.
 *
 * @since 0.1.0
 * @category errors
 */
export class IllegalTransitionError extends Schema.TaggedError<IllegalTransitionError>()("IllegalTransitionError", {
  ...errorFields,
  subject: Schema.String,
  id: Schema.String,
  state: Schema.String,
  event: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(options: { readonly subject: string; readonly id: string; readonly state: string; readonly event: string; readonly path?: Path }): IllegalTransitionError {
    const s = nameOf(options.state)
    const subject = subjectNames[options.subject] ?? { zh: options.subject, en: options.subject }
    const event = eventNames[options.event]
    return new IllegalTransitionError({
      subject: options.subject,
      id: options.id,
      state: options.state,
      event: options.event,
      code: `${options.subject}.illegalTransition`,
      path: options.path ?? ["event"],
      zh: `${subject.zh} ${options.id} 当前状态为“${s.zh}”，不能${event === undefined ? "执行" : `“${event}”`}（${options.event}）`,
      en: `${subject.en} ${options.id} is ${s.en}; the event "${options.event}" is not allowed in that state`
    })
  }
}

/**
 * A useful life outside the years the accounting basis allows for the category (below the
 * minimum of 财会〔2017〕4号 表1, or above the maximum of a ranged category).
 *
 * @since 0.1.0
 * @category errors
 */
export class UsefulLifeError extends Schema.TaggedError<UsefulLifeError>()("UsefulLifeError", {
  ...errorFields,
  category: Schema.String,
  months: Schema.Number,
  minYears: Schema.NullOr(Schema.Number),
  maxYears: Schema.NullOr(Schema.Number),
  /** for a change of remaining life: the months already charged, which `months` includes */
  elapsedMonths: Schema.optionalKey(Schema.Number)
}) {
  override get message(): string {
    return describe(this)
  }
  /**
   * `months` is the whole life; with `elapsedMonths` (a change of remaining life), it is the months
   * already charged plus those remaining, and the messages say so.
   *
   * @since 0.1.0
   */
  static create(options: {
    readonly category: string
    readonly months: number
    readonly minYears: number | null
    readonly maxYears: number | null
    readonly path: Path
    readonly elapsedMonths?: number | undefined
  }): UsefulLifeError {
    const { elapsedMonths, ...rest } = options
    const below = options.minYears !== null && options.months < options.minYears * 12
    const range = options.maxYears === null ? `≥ ${options.minYears}` : `${options.minYears}–${options.maxYears}`
    const got = elapsedMonths === undefined
      ? { zh: `实际为 ${options.months} 个月`, en: `got ${options.months} months` }
      : {
        zh: `调整后为 ${options.months} 个月（已计提 ${elapsedMonths} 个月 + 剩余 ${options.months - elapsedMonths} 个月）`,
        en: `the change makes it ${options.months} months (${elapsedMonths} months charged + ${options.months - elapsedMonths} remaining)`
      }
    return new UsefulLifeError({
      ...rest,
      ...(elapsedMonths === undefined ? {} : { elapsedMonths }),
      code: below ? "assets.usefulLifeBelowMinimum" : "assets.usefulLifeAboveMaximum",
      zh: `“${options.category}”的折旧年限应为 ${range} 年，${got.zh}`,
      en: `the useful life of "${options.category}" must be ${range} years; ${got.en}`
    })
  }
}

/**
 * Depreciation settings for a category that is not depreciated (books, cultural relics, animals
 * and plants, land, assets at a nominal amount), or a method the accounting basis does not allow.
 *
 * @since 0.1.0
 * @category errors
 */
export class DepreciationRuleError extends Schema.TaggedError<DepreciationRuleError>()("DepreciationRuleError", {
  ...errorFields
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static notDepreciable(category: string, path: Path): DepreciationRuleError {
    return new DepreciationRuleError({
      code: "assets.notDepreciable",
      path,
      zh: `“${category}”类资产不计提折旧，不能设置折旧方法`,
      en: `assets of the category "${category}" are not depreciated; no depreciation method may be set`
    })
  }
  /** @since 0.1.0 */
  static methodNotAllowed(method: string, accounting: string, path: Path): DepreciationRuleError {
    return new DepreciationRuleError({
      code: "assets.methodNotAllowed",
      path,
      zh: `${accounting === "government" ? "政府会计" : "企业会计"}规则不允许折旧方法 ${method}`,
      en: `the ${accounting} accounting rules do not allow the depreciation method ${method}`
    })
  }
  /** @since 0.1.0 */
  static unknownCategory(category: string, path: Path): DepreciationRuleError {
    return new DepreciationRuleError({
      code: "assets.unknownCategory",
      path,
      zh: `规则包中没有资产类别“${category}”`,
      en: `the rule pack has no asset category "${category}"`
    })
  }
  /** @since 0.1.0 */
  static invalid(code: string, path: Path, messages: { readonly zh: string; readonly en: string }): DepreciationRuleError {
    return new DepreciationRuleError({ code, path, ...messages })
  }
}

/**
 * A reservation that overlaps another reservation of the same asset.
 *
 * @since 0.1.0
 * @category errors
 */
export class ReservationConflictError extends Schema.TaggedError<ReservationConflictError>()("ReservationConflictError", {
  ...errorFields,
  assetId: Schema.String,
  conflictingId: Schema.String,
  from: Schema.String,
  to: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(options: {
    readonly assetId: string
    readonly conflictingId: string
    readonly from: string
    readonly to: string
    /** the times as the school reads them, for the messages (default: the ISO instants) */
    readonly fromLocal?: string
    readonly toLocal?: string
  }): ReservationConflictError {
    const { fromLocal, toLocal, ...fields } = options
    const from = fromLocal ?? options.from
    const to = toLocal ?? options.to
    return new ReservationConflictError({
      ...fields,
      code: "assets.reservationConflict",
      path: ["from"],
      zh: `资产 ${options.assetId} 在 ${from} 至 ${to} 已被预约（${options.conflictingId}）`,
      en: `asset ${options.assetId} is already reserved from ${from} to ${to} (${options.conflictingId})`
    })
  }
}

/**
 * A requisition, receipt or count of supplies that the rules refuse: not a requisition day,
 * return-old-for-new not met, more than is in stock.
 *
 * @since 0.1.0
 * @category errors
 */
export class RequisitionError extends Schema.TaggedError<RequisitionError>()("RequisitionError", {
  ...errorFields
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(code: string, path: Path, messages: { readonly zh: string; readonly en: string }): RequisitionError {
    return new RequisitionError({ code, path, ...messages })
  }
}

/**
 * A reallocation between schools that cannot be received: the record was not reallocated to this
 * school, or it was already received.
 *
 * @since 0.1.0
 * @category errors
 */
export class ReallocationError extends Schema.TaggedError<ReallocationError>()("ReallocationError", {
  ...errorFields
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(code: string, path: Path, messages: { readonly zh: string; readonly en: string }): ReallocationError {
    return new ReallocationError({ code, path, ...messages })
  }
}

/**
 * A tag that another asset of the school already carries.
 *
 * @since 0.1.0
 * @category errors
 */
export class DuplicateTagError extends Schema.TaggedError<DuplicateTagError>()("DuplicateTagError", {
  ...errorFields,
  tag: Schema.String,
  assetId: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(tag: string, assetId: string, path: Path): DuplicateTagError {
    return new DuplicateTagError({
      tag,
      assetId,
      code: "assets.duplicateTag",
      path,
      zh: `资产编号 ${tag} 已被资产 ${assetId} 使用`,
      en: `the tag ${tag} is already used by asset ${assetId}`
    })
  }
}
