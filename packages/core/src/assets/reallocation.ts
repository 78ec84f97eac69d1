/**
 * Reallocation (调拨) of an asset to another school. The sending school's record ends in the
 * terminal state `reallocatedOut`, naming the receiving school; the receiving school opens a new
 * record, with a new id, whose `origin` names the school and record it came from. Each side is
 * written by its own command, so each school's audit chain records its half.
 *
 * The receiving record is valued as government accounting values assets transferred in without
 * payment (无偿调入): at the sender's book value on the day (准则第3号: 按照调出方账面价值…确定), and it
 * is depreciated over the remaining life — the sender's life less the months it charged. It is
 * added to the receiver's books in the month received, so that month is charged once: by the
 * receiver, not by the sender (which does not charge in the month an asset leaves).
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { ValidationError } from "../kernel/Errors.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { valueOf } from "./assetValue.ts"
import { ReallocationError } from "./errors.ts"
import type { Asset, AssetId } from "./model.ts"

/**
 * The receiving school's new record for an asset reallocated to it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const receivingRecord = (
  sent: Asset,
  input: {
    readonly schoolId: string
    readonly id: string
    readonly tag?: string | undefined
    readonly receivedOn: LocalDate
    readonly departmentId?: string | undefined
    readonly custodianId?: string | undefined
    readonly location?: string | undefined
  }
): Result.Result<Asset, ReallocationError | ValidationError> => {
  if (sent.status !== "reallocatedOut" || sent.reallocatedOut === undefined) {
    return Result.fail(ReallocationError.create("assets.notReallocated", ["origin", "assetId"], {
      zh: `资产 ${sent.id} 未办理调出`,
      en: `asset ${sent.id} has not been reallocated out`
    }))
  }
  if (sent.reallocatedOut.toSchoolId !== input.schoolId) {
    return Result.fail(ReallocationError.create("assets.notReallocatedHere", ["origin", "assetId"], {
      zh: `资产 ${sent.id} 调往 ${sent.reallocatedOut.toSchoolId}，不是本校`,
      en: `asset ${sent.id} was reallocated to ${sent.reallocatedOut.toSchoolId}, not to this school`
    }))
  }
  if (input.receivedOn < sent.reallocatedOut.date) {
    return Result.fail(ReallocationError.create("assets.receivedBeforeSent", ["receivedOn"], {
      zh: `调入日期 ${input.receivedOn} 早于调出日期 ${sent.reallocatedOut.date}`,
      en: `received on ${input.receivedOn}, before it was sent on ${sent.reallocatedOut.date}`
    }))
  }
  const value = valueOf(sent, sent.reallocatedOut.date)
  if (Result.isFailure(value)) return Result.fail(value.failure)
  const v = value.success
  const d = sent.depreciation
  const depreciation = d === undefined
    ? undefined
    : {
      method: d.method,
      ...(d.usefulLifeMonths === undefined ? {} : { usefulLifeMonths: Math.max(1, d.usefulLifeMonths - v.monthsCharged) }),
      ...(d.residualRate === undefined ? {} : { residualRate: d.residualRate }),
      ...(d.totalUnits === undefined ? {} : { totalUnits: d.totalUnits }),
      adjustments: []
    }
  const record: Asset = {
    schoolId: input.schoolId as Asset["schoolId"],
    id: input.id as AssetId,
    version: 0,
    tag: input.tag ?? sent.tag,
    name: sent.name,
    category: sent.category,
    ...(sent.gbCode === undefined ? {} : { gbCode: sent.gbCode }),
    ...(sent.model === undefined ? {} : { model: sent.model }),
    ...(sent.serial === undefined ? {} : { serial: sent.serial }),
    fundingSource: sent.fundingSource,
    cost: v.bookValue,
    acquisitionDate: input.receivedOn,
    inServiceDate: input.receivedOn,
    ...(input.departmentId === undefined ? {} : { departmentId: input.departmentId as NonNullable<Asset["departmentId"]> }),
    ...(input.custodianId === undefined ? {} : { custodianId: input.custodianId as NonNullable<Asset["custodianId"]> }),
    ...(input.location === undefined ? {} : { location: input.location }),
    accountClass: sent.accountClass,
    condition: sent.condition,
    status: "received",
    statusSince: input.receivedOn,
    ...(depreciation === undefined ? {} : { depreciation }),
    origin: { schoolId: sent.schoolId, assetId: sent.id, tag: sent.tag, date: sent.reallocatedOut.date }
  }
  return Result.succeed(record)
}
