/**
 * Depreciation of an asset record: its {@link Depreciable} view, its schedule and its value as of
 * any date, with the method its settings name.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { ValidationError } from "../kernel/Errors.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { ValidationError as VE } from "../kernel/Errors.ts"
import type { Depreciable, Options, Schedule, Valuation } from "./depreciation.ts"
import * as Depreciation from "./depreciation.ts"
import { byId } from "./methods.ts"
import type { Asset } from "./model.ts"

/**
 * What depreciation needs of an asset record, or `undefined` when it is not depreciated.
 *
 * @since 0.1.0
 * @category conversions
 */
export const depreciableOf = (asset: Asset): Depreciable | undefined => {
  const d = asset.depreciation
  if (d === undefined) return undefined
  return {
    cost: asset.cost,
    acquisitionDate: asset.acquisitionDate,
    inServiceDate: asset.inServiceDate,
    usefulLifeMonths: d.usefulLifeMonths,
    residualRate: d.residualRate,
    totalUnits: d.totalUnits,
    removedOn: asset.removedOn,
    adjustments: d.adjustments
  }
}

/**
 * The schedule of an asset record under the method its settings name; `undefined` when it is not
 * depreciated.
 *
 * @since 0.1.0
 * @category calculations
 */
export const scheduleOf = (asset: Asset, options: Options = {}): Result.Result<Schedule | undefined, ValidationError> => {
  const basis = depreciableOf(asset)
  if (basis === undefined || asset.depreciation === undefined) return Result.succeed(undefined)
  return Depreciation.schedule(basis, byId(asset.depreciation.method), options)
}

/**
 * The value of an asset record as of a date. An asset that is not depreciated keeps its cost
 * (method `none`).
 *
 * @since 0.1.0
 * @category calculations
 */
export const valueOf = (asset: Asset, date: LocalDate, options: Options = {}): Result.Result<Valuation, ValidationError> => {
  const basis = depreciableOf(asset)
  if (basis === undefined || asset.depreciation === undefined) {
    if (!LD.isLocalDate(date)) return Result.fail(VE.at(["date"], { zh: "日期无效", en: "not a calendar date" }, "date.invalid"))
    const zero = { amount: 0, currency: asset.cost.currency }
    return Result.succeed({
      asOf: date,
      method: "none",
      cost: asset.cost,
      revaluation: zero,
      accumulatedDepreciation: zero,
      bookValue: asset.cost,
      residual: asset.cost,
      monthsCharged: 0,
      fullyDepreciated: false
    })
  }
  return Depreciation.valueAt(basis, date, byId(asset.depreciation.method), options)
}
