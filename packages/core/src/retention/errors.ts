/**
 * The typed errors of the retention module. Each has a stable `code`, the `path` of the offending
 * field and messages in zh-CN and en (like the kernel's errors); input that does not match its
 * schema (negative grams, a reading without a fridge) is the kernel's `ValidationError`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { Path } from "../kernel/Errors.ts"
import { errorFields, formatPath } from "../kernel/Errors.ts"
import type { Zone } from "../kernel/Time.ts"
import { formatLocal, parseInstant } from "../kernel/Time.ts"

/** an ISO instant as the school reads it, when its zone is known */
const local = (iso: string, zone: Zone | undefined): string => {
  const i = zone === undefined ? undefined : parseInstant(iso)
  return i === undefined ? iso : formatLocal(i, zone)
}

const describe = (self: { readonly en: string; readonly code: string; readonly path: Path }): string =>
  `${self.en} [${self.code} at ${formatPath(self.path)}]`

/**
 * A fridge that the school has not registered.
 *
 * @since 0.1.0
 * @category errors
 */
export class UnknownFridgeError extends Schema.TaggedError<UnknownFridgeError>()("UnknownFridgeError", {
  ...errorFields,
  fridgeId: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(fridgeId: string, path: Path): UnknownFridgeError {
    return new UnknownFridgeError({
      code: "retention.unknownFridge",
      path,
      fridgeId,
      zh: `未登记的留样柜：${fridgeId}`,
      en: `no sample refrigerator ${fridgeId} is registered`
    })
  }
}

/**
 * A sample put into a fridge that is no longer in use.
 *
 * @since 0.1.0
 * @category errors
 */
export class RetiredFridgeError extends Schema.TaggedError<RetiredFridgeError>()("RetiredFridgeError", {
  ...errorFields,
  fridgeId: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(fridgeId: string, path: Path): RetiredFridgeError {
    return new RetiredFridgeError({
      code: "retention.fridgeRetired",
      path,
      fridgeId,
      zh: `留样柜 ${fridgeId} 已停用，不能再存放留样`,
      en: `sample refrigerator ${fridgeId} is no longer in use and cannot take samples`
    })
  }
}

/**
 * A disposal dated before the sample was taken.
 *
 * @since 0.1.0
 * @category errors
 */
export class DisposalBeforeTakenError extends Schema.TaggedError<DisposalBeforeTakenError>()("DisposalBeforeTakenError", {
  ...errorFields,
  sampleId: Schema.String,
  takenAt: Schema.String,
  disposedAt: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(options: {
    readonly sampleId: string
    readonly takenAt: string
    readonly disposedAt: string
    readonly path: Path
    /** the school's zone: the messages print local times */
    readonly zone?: Zone
  }): DisposalBeforeTakenError {
    const { zone, ...fields } = options
    const disposed = local(options.disposedAt, zone)
    const taken = local(options.takenAt, zone)
    return new DisposalBeforeTakenError({
      code: "retention.disposalBeforeTaken",
      ...fields,
      zh: `留样 ${options.sampleId} 的销毁时间（${disposed}）早于留样时间（${taken}）`,
      en: `sample ${options.sampleId} is disposed of (${disposed}) before it was taken (${taken})`
    })
  }
}

/**
 * A disposal of a sample that was already disposed of.
 *
 * @since 0.1.0
 * @category errors
 */
export class AlreadyDisposedError extends Schema.TaggedError<AlreadyDisposedError>()("AlreadyDisposedError", {
  ...errorFields,
  sampleId: Schema.String,
  disposedAt: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(sampleId: string, disposedAt: string, path: Path, zone?: Zone): AlreadyDisposedError {
    return new AlreadyDisposedError({
      code: "retention.alreadyDisposed",
      path,
      sampleId,
      disposedAt,
      zh: `留样 ${sampleId} 已于 ${local(disposedAt, zone)} 销毁`,
      en: `sample ${sampleId} was already disposed of at ${local(disposedAt, zone)}`
    })
  }
}

/**
 * A sample on hold (封存): it cannot be disposed of (or held again) until the hold is released.
 *
 * @since 0.1.0
 * @category errors
 */
export class SampleOnHoldError extends Schema.TaggedError<SampleOnHoldError>()("SampleOnHoldError", {
  ...errorFields,
  sampleId: Schema.String,
  heldAt: Schema.String,
  orderedBy: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(options: {
    readonly sampleId: string
    readonly heldAt: string
    readonly orderedBy: string
    readonly path: Path
    readonly zone?: Zone
  }): SampleOnHoldError {
    const { zone, ...fields } = options
    const at = local(options.heldAt, zone)
    return new SampleOnHoldError({
      code: "retention.sampleOnHold",
      ...fields,
      zh: `留样 ${options.sampleId} 已于 ${at} 按 ${options.orderedBy} 的要求封存，解除封存前不得销毁`,
      en: `sample ${options.sampleId} has been on hold since ${at}, ordered by ${options.orderedBy}: it cannot be disposed of until the hold is released`
    })
  }
}

/**
 * A release of a hold on a sample that is not on hold.
 *
 * @since 0.1.0
 * @category errors
 */
export class SampleNotHeldError extends Schema.TaggedError<SampleNotHeldError>()("SampleNotHeldError", {
  ...errorFields,
  sampleId: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(sampleId: string, path: Path): SampleNotHeldError {
    return new SampleNotHeldError({
      code: "retention.sampleNotHeld",
      path,
      sampleId,
      zh: `留样 ${sampleId} 未被封存`,
      en: `sample ${sampleId} is not on hold`
    })
  }
}

/**
 * A sample that was handed over to the authority: it is no longer in the school's keeping.
 *
 * @since 0.1.0
 * @category errors
 */
export class SampleHandedOverError extends Schema.TaggedError<SampleHandedOverError>()("SampleHandedOverError", {
  ...errorFields,
  sampleId: Schema.String,
  handedOverAt: Schema.String,
  to: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(options: {
    readonly sampleId: string
    readonly handedOverAt: string
    readonly to: string
    readonly path: Path
    readonly zone?: Zone
  }): SampleHandedOverError {
    const { zone, ...fields } = options
    const at = local(options.handedOverAt, zone)
    return new SampleHandedOverError({
      code: "retention.sampleHandedOver",
      ...fields,
      zh: `留样 ${options.sampleId} 已于 ${at} 移交 ${options.to}，不在本校保管`,
      en: `sample ${options.sampleId} was handed over to ${options.to} at ${at} and is no longer kept by the school`
    })
  }
}

/**
 * A reviewer who is the taker, where the rule pack requires another person.
 *
 * @since 0.1.0
 * @category errors
 */
export class ReviewerIsTakerError extends Schema.TaggedError<ReviewerIsTakerError>()("ReviewerIsTakerError", {
  ...errorFields,
  staffId: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(staffId: string, path: Path): ReviewerIsTakerError {
    return new ReviewerIsTakerError({
      code: "retention.reviewerIsTaker",
      path,
      staffId,
      zh: `审核人不能是留样人本人（${staffId}）`,
      en: `the reviewer must be another person than the taker (${staffId})`
    })
  }
}

/**
 * Readings streamed out of order: the compliance check reads each fridge's readings together, in
 * time order.
 *
 * @since 0.1.0
 * @category errors
 */
export class ReadingOrderError extends Schema.TaggedError<ReadingOrderError>()("ReadingOrderError", {
  ...errorFields,
  fridgeId: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(fridgeId: string, index: number, kind: "time" | "fridge"): ReadingOrderError {
    return new ReadingOrderError({
      code: "retention.readingOrder",
      path: ["readings", index],
      fridgeId,
      zh: kind === "time"
        ? `温度记录 #${index}（留样柜 ${fridgeId}）早于该柜的上一条记录：记录须按留样柜、再按时间排序`
        : `温度记录 #${index}（留样柜 ${fridgeId}）出现在其他留样柜的记录之后：同一留样柜的记录须连续`,
      en: kind === "time"
        ? `reading #${index} (fridge ${fridgeId}) is earlier than that fridge's previous reading: readings must be sorted by fridge, then time`
        : `reading #${index} (fridge ${fridgeId}) comes after another fridge's readings: each fridge's readings must be together`
    })
  }
}

/**
 * Two records with one id in the input of a check.
 *
 * @since 0.1.0
 * @category errors
 */
export class DuplicateIdError extends Schema.TaggedError<DuplicateIdError>()("DuplicateIdError", {
  ...errorFields,
  id: Schema.String
}) {
  override get message(): string {
    return describe(this)
  }
  /** @since 0.1.0 */
  static create(kind: "sample" | "meal", id: string, path: Path): DuplicateIdError {
    const zh = kind === "sample" ? "留样" : "餐次"
    return new DuplicateIdError({
      code: "retention.duplicateId",
      path,
      id,
      zh: `${zh}编号重复：${id}`,
      en: `duplicate ${kind} id ${id}`
    })
  }
}

/**
 * Any error of the retention module's own.
 *
 * @since 0.1.0
 * @category errors
 */
export type RetentionError =
  | UnknownFridgeError
  | RetiredFridgeError
  | DisposalBeforeTakenError
  | AlreadyDisposedError
  | ReviewerIsTakerError
  | ReadingOrderError
  | DuplicateIdError
  | SampleOnHoldError
  | SampleNotHeldError
  | SampleHandedOverError
