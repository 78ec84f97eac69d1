/**
 * Depreciation as a pure calculation: a whole schedule as data, and the value of an asset as of any
 * date, for any method passed in as a value.
 *
 * A {@link DepreciationMethod} is a record of two parts: a {@link Convention} (when charging starts
 * and stops, whether a residual value counts: `government` or `enterprise`) and a {@link Pattern}
 * (how a depreciable amount is spread over months: straight line, double-declining balance, sum of
 * the years' digits, units of production). The engine here applies either to any asset:
 *
 * - charges are monthly and in whole fen; each pattern rounds its periods with the named rounding
 *   (half-up by default) and the last period of each year (or of the life) absorbs the rounding, so
 *   a time-based schedule adds up exactly to the depreciable amount (cost − residual value);
 * - a revaluation (a new book value) or a change of the remaining life (or remaining units) takes
 *   effect at the start of its month and recomputes the rest of the schedule from the book value
 *   then: the engine starts a new segment of the same pattern;
 * - charges stop at the removal of the asset (government: not in the month removed; enterprise: in
 *   the month removed, not after).
 *
 * The value as of a date counts the charges of the months that have ended by that date (a month's
 * charge is booked at its end) and the revaluations of the months that have begun.
 *
 * @since 0.1.0
 */
import { BigDecimal, Result } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import type { Messages } from "../kernel/Errors.ts"
import { ValidationError } from "../kernel/Errors.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Currency, Money, Rounding } from "../kernel/Money.ts"
import * as Months from "./months.ts"
import type { YearMonth } from "./months.ts"
import type { MethodId } from "./rules.ts"

/**
 * What depreciation needs to know of an asset. The `Asset` aggregate gives it through
 * `depreciableOf`; a caller may also build one by hand.
 *
 * @since 0.1.0
 * @category models
 */
export interface Depreciable {
  /** the cost (原值) in fen */
  readonly cost: Money
  /** the date the asset was added to the books (government charging starts in this month) */
  readonly acquisitionDate: LocalDate
  /** the date it went into service (enterprise charging starts the month after; default: acquisition) */
  readonly inServiceDate?: LocalDate | undefined
  /** the useful life in months (time-based methods) */
  readonly usefulLifeMonths?: number | undefined
  /** the residual value as a share of cost (enterprise conventions; government ignores it) */
  readonly residualRate?: Decimal | undefined
  /** the units the asset is expected to produce over its life (units of production) */
  readonly totalUnits?: Decimal | undefined
  /** the date it left the books (disposal, reallocation out) */
  readonly removedOn?: LocalDate | undefined
  /** revaluations and changes of remaining life, each effective from the start of its month */
  readonly adjustments?: ReadonlyArray<Adjustment> | undefined
}

/**
 * A change that recomputes the rest of the schedule from the start of `month`: a new book value
 * (revaluation, improvement, impairment), a new remaining life in months, a new remaining number
 * of units, or several of these at once.
 *
 * @since 0.1.0
 * @category models
 */
export interface Adjustment {
  readonly month: YearMonth
  readonly bookValue?: Money | undefined
  readonly remainingMonths?: number | undefined
  readonly remainingUnits?: Decimal | undefined
}

/**
 * Units produced (hours run, kilometres driven, copies printed) in a month, for units of
 * production.
 *
 * @since 0.1.0
 * @category models
 */
export interface UnitsUsed {
  readonly month: YearMonth
  readonly units: Decimal
}

/**
 * One stretch of a schedule between adjustments, as a pattern sees it. Amounts in fen; units scaled
 * by 10^8 (so that decimals of up to 8 places are exact integers).
 *
 * @since 0.1.0
 * @category models
 */
export interface Segment {
  /** book value at the start of the segment */
  readonly bookValue: number
  /** residual value the segment must not go below */
  readonly residual: number
  /** months in the segment: the remaining life (time-based), or the months with usage (units) */
  readonly months: number
  /** total remaining units (× 10^8) and the units of each month of the segment (× 10^8) */
  readonly units?: { readonly total: bigint; readonly perMonth: ReadonlyArray<bigint> } | undefined
  readonly rounding: Rounding
}

/**
 * How a pattern spreads a segment's depreciable amount (book value − residual) over its months.
 * Every charge is a whole number of fen ≥ 0, and the charges never add up to more than the
 * depreciable amount; time-based patterns add up to it exactly.
 *
 * @since 0.1.0
 * @category models
 */
export interface Pattern {
  readonly id: "straightLine" | "doubleDecliningBalance" | "sumOfYearsDigits" | "unitsOfProduction"
  readonly name: Messages
  readonly basis: "time" | "units"
  readonly plan: (segment: Segment) => Array<number>
}

/**
 * When charging starts and stops, and whether a residual value counts.
 *
 * @since 0.1.0
 * @category models
 */
export interface Convention {
  readonly id: "government" | "enterprise"
  readonly name: Messages
  /** the index of the first month charged */
  readonly firstMonth: (asset: Depreciable) => number
  /** the index of the last month charged for an asset removed on a date */
  readonly lastMonthBeforeRemoval: (removedOn: LocalDate) => number
  /** whether a residual value is kept back (government: no) */
  readonly residual: boolean
}

/**
 * A depreciation method: a convention and a pattern, passed around as a value.
 *
 * @since 0.1.0
 * @category models
 */
export interface DepreciationMethod {
  readonly id: MethodId
  readonly name: Messages
  readonly convention: Convention
  readonly pattern: Pattern
}

/**
 * Options of {@link schedule} and {@link valueAt}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** units produced by month (units of production) */
  readonly usage?: ReadonlyArray<UnitsUsed> | undefined
  /** the rounding of each period's charge (default half-up, 四舍五入) */
  readonly rounding?: Rounding | undefined
}

/**
 * One month of a schedule. Amounts are `Money` in the schedule's currency.
 *
 * @since 0.1.0
 * @category models
 */
export interface ScheduleLine {
  readonly month: YearMonth
  /** book value at the start of the month, after any revaluation of the month */
  readonly opening: Money
  /** the change of book value by a revaluation at the start of the month (zero when none) */
  readonly revaluation: Money
  /** the month's depreciation */
  readonly charge: Money
  /** depreciation charged so far, this month included */
  readonly accumulated: Money
  /** book value at the end of the month */
  readonly closing: Money
}

/**
 * A whole schedule: every month from the first charged to the last, with its total.
 *
 * @since 0.1.0
 * @category models
 */
export interface Schedule {
  readonly method: MethodId
  readonly currency: Currency
  readonly cost: Money
  /** the residual value kept back at the end (after the last revaluation) */
  readonly residual: Money
  readonly lines: ReadonlyArray<ScheduleLine>
  /** the sum of the charges */
  readonly total: Money
}

/**
 * The value of an asset as of a date.
 *
 * @since 0.1.0
 * @category models
 */
export interface Valuation {
  readonly asOf: LocalDate
  /** the method, or `none` for an asset that is not depreciated */
  readonly method: MethodId | "none"
  readonly cost: Money
  /** the net change of book value by revaluations that have taken effect */
  readonly revaluation: Money
  readonly accumulatedDepreciation: Money
  readonly bookValue: Money
  readonly residual: Money
  /** months whose charge has been booked (including months charged zero by units of production) */
  readonly monthsCharged: number
  /** whether the book value has reached the residual value */
  readonly fullyDepreciated: boolean
}

// ---------------------------------------------------------------------------------------------
// exact integer arithmetic

/**
 * `p / q` for `p ≥ 0`, `q > 0` (bigints), rounded to an integer with a named rounding.
 *
 * @since 0.1.0
 * @category math
 */
export const divide = (p: bigint, q: bigint, rounding: Rounding): bigint => {
  const floor = p / q
  const rem = p - floor * q
  if (rem === 0n) return floor
  switch (rounding) {
    case "halfUp":
      return rem * 2n >= q ? floor + 1n : floor
    case "halfDown":
      return rem * 2n > q ? floor + 1n : floor
    case "halfEven":
      return rem * 2n > q || (rem * 2n === q && floor % 2n === 1n) ? floor + 1n : floor
    case "up":
    case "ceiling":
      return floor + 1n
    case "down":
    case "floor":
      return floor
  }
}

/**
 * `a / n` for whole fen `a ≥ 0` and a count `n ≥ 1`, rounded (numbers, exact below 2^53).
 *
 * @since 0.1.0
 * @category math
 */
export const divideFen = (a: number, n: number, rounding: Rounding): number => {
  let q = Math.floor(a / n)
  let r = a - q * n
  if (r < 0) {
    q--
    r += n
  } else if (r >= n) {
    q++
    r -= n
  }
  if (r === 0) return q
  switch (rounding) {
    case "halfUp":
      return r * 2 >= n ? q + 1 : q
    case "halfDown":
      return r * 2 > n ? q + 1 : q
    case "halfEven":
      return r * 2 > n || (r * 2 === n && q % 2 === 1) ? q + 1 : q
    case "up":
    case "ceiling":
      return q + 1
    case "down":
    case "floor":
      return q
  }
}

/**
 * Spreads `amount` fen evenly over `months` months, appending to `out`: each month gets the
 * rounded even share, capped so that the months never exceed the amount, and the last month
 * takes what is left (it absorbs the rounding).
 *
 * @since 0.1.0
 * @category math
 */
export const spread = (amount: number, months: number, rounding: Rounding, out: Array<number>): void => {
  if (months <= 0) return
  const regular = divideFen(amount, months, rounding)
  let left = amount
  for (let i = 0; i < months - 1; i++) {
    const c = regular < left ? regular : left
    out.push(c)
    left -= c
  }
  out.push(left)
}

const UNIT_SCALE = 8

/**
 * A non-negative decimal as an integer number of 10^-8 units.
 *
 * @since 0.1.0
 * @category math
 */
export const scaledUnits = (d: Decimal): bigint => {
  const shift = UNIT_SCALE - d.scale
  return shift >= 0 ? d.value * 10n ** BigInt(shift) : d.value / 10n ** BigInt(-shift)
}

// ---------------------------------------------------------------------------------------------
// validation

const invalid = (path: ReadonlyArray<string | number>, code: string, zh: string, en: string) =>
  Result.fail(ValidationError.at(path, { zh, en }, code))

const validate = (asset: Depreciable, method: DepreciationMethod, options: Options): Result.Result<void, ValidationError> => {
  const cost = asset.cost
  if (!Number.isSafeInteger(cost.amount) || cost.amount < 0) {
    return invalid(["cost", "amount"], "assets.negativeCost", "原值必须是不小于 0 的整数分", "the cost must be a whole number of fen ≥ 0")
  }
  if (!LD.isLocalDate(asset.acquisitionDate)) {
    return invalid(["acquisitionDate"], "date.invalid", "取得日期无效", "the acquisition date is not a calendar date")
  }
  if (asset.inServiceDate !== undefined && !LD.isLocalDate(asset.inServiceDate)) {
    return invalid(["inServiceDate"], "date.invalid", "投入使用日期无效", "the in-service date is not a calendar date")
  }
  if (asset.removedOn !== undefined && !LD.isLocalDate(asset.removedOn)) {
    return invalid(["removedOn"], "date.invalid", "减少日期无效", "the removal date is not a calendar date")
  }
  if (method.pattern.basis === "time") {
    const n = asset.usefulLifeMonths
    if (n === undefined || !Number.isInteger(n) || n < 1 || n > 1200) {
      return invalid(["usefulLifeMonths"], "assets.invalidUsefulLife", "使用年限必须是 1 到 1200 之间的整月数", "the useful life must be a whole number of months from 1 to 1200")
    }
  } else {
    const t = asset.totalUnits
    if (t === undefined || t.value <= 0n) {
      return invalid(["totalUnits"], "assets.invalidTotalUnits", "工作量法需要大于 0 的预计总工作量", "units of production needs total units > 0")
    }
    const usage = options.usage ?? []
    for (let i = 0; i < usage.length; i++) {
      const u = usage[i]!
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(u.month)) {
        return invalid(["usage", i, "month"], "assets.invalidMonth", "月份应为 YYYY-MM", "a month must be YYYY-MM")
      }
      if (u.units.value < 0n) {
        return invalid(["usage", i, "units"], "assets.negativeUnits", "工作量不能为负数", "units used must be ≥ 0")
      }
    }
  }
  const rate = asset.residualRate
  if (rate !== undefined && (rate.value < 0n || !BigDecimal.isLessThan(rate, BigDecimal.fromBigInt(1n)))) {
    return invalid(["residualRate"], "assets.invalidResidualRate", "残值率应在 0（含）到 1 之间", "the residual rate must be ≥ 0 and < 1")
  }
  const adjustments = asset.adjustments ?? []
  for (let i = 0; i < adjustments.length; i++) {
    const a = adjustments[i]!
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(a.month)) {
      return invalid(["adjustments", i, "month"], "assets.invalidMonth", "月份应为 YYYY-MM", "a month must be YYYY-MM")
    }
    if (a.bookValue !== undefined && (a.bookValue.currency !== cost.currency || !Number.isSafeInteger(a.bookValue.amount) || a.bookValue.amount < 0)) {
      return invalid(["adjustments", i, "bookValue"], "assets.invalidRevaluation", "重估后的净值必须是同币种、不小于 0 的整数分", "a revalued book value must be whole fen ≥ 0 in the cost's currency")
    }
    if (a.remainingMonths !== undefined && (!Number.isInteger(a.remainingMonths) || a.remainingMonths < 0 || a.remainingMonths > 1200)) {
      return invalid(["adjustments", i, "remainingMonths"], "assets.invalidUsefulLife", "剩余使用月数必须是 0 到 1200 之间的整数", "the remaining life must be a whole number of months from 0 to 1200")
    }
    if (a.remainingUnits !== undefined && a.remainingUnits.value <= 0n) {
      return invalid(["adjustments", i, "remainingUnits"], "assets.invalidTotalUnits", "剩余工作量必须大于 0", "the remaining units must be > 0")
    }
  }
  return Result.void
}

// ---------------------------------------------------------------------------------------------
// the engine

interface Computed {
  readonly first: number
  /** charges by month from `first` */
  readonly charges: Array<number>
  /** revaluation deltas by month offset from `first` */
  readonly revaluations: Array<{ readonly offset: number; readonly delta: number }>
  readonly residual: number
}

const residualOf = (amount: number, rate: Decimal | undefined, method: DepreciationMethod, rounding: Rounding): number => {
  if (!method.convention.residual || rate === undefined || rate.value === 0n || amount === 0) return 0
  // amount × rate.value / 10^rate.scale
  const scale = rate.scale
  const num = BigInt(amount) * (scale >= 0 ? rate.value : rate.value * 10n ** BigInt(-scale))
  const den = scale >= 0 ? 10n ** BigInt(scale) : 1n
  return Number(divide(num, den, rounding))
}

const compute = (asset: Depreciable, method: DepreciationMethod, options: Options): Result.Result<Computed, ValidationError> => {
  const checked = validate(asset, method, options)
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  const rounding = options.rounding ?? "halfUp"
  const pattern = method.pattern
  const first = method.convention.firstMonth(asset)
  const lastAllowed = asset.removedOn === undefined ? Number.POSITIVE_INFINITY : method.convention.lastMonthBeforeRemoval(asset.removedOn)

  // adjustments, by month offset; several in one month merge (later fields win)
  const raw = asset.adjustments ?? []
  const byOffset = new Map<number, Adjustment>()
  for (let i = 0; i < raw.length; i++) {
    const a = raw[i]!
    const offset = Months.indexOf(a.month) - first
    if (offset < 0) {
      return Result.fail(ValidationError.at(["adjustments", i, "month"], {
        zh: `调整月份 ${a.month} 早于开始计提折旧的月份 ${Months.textOf(first)}`,
        en: `the adjustment month ${a.month} is before depreciation starts (${Months.textOf(first)})`
      }, "assets.adjustmentBeforeStart"))
    }
    byOffset.set(offset, { ...byOffset.get(offset), ...a })
  }
  const adjustments = [...byOffset.entries()].sort((x, y) => x[0] - y[0])

  // units of production: units by month offset, and the horizon (the last month with usage)
  let perMonth: Array<bigint> = []
  if (pattern.basis === "units") {
    for (const u of options.usage ?? []) {
      const offset = Months.indexOf(u.month) - first
      if (offset < 0) continue
      while (perMonth.length <= offset) perMonth.push(0n)
      perMonth[offset] = perMonth[offset]! + scaledUnits(u.units)
    }
    if (lastAllowed !== Number.POSITIVE_INFINITY) perMonth = perMonth.slice(0, Math.max(0, lastAllowed - first + 1))
  }

  const charges: Array<number> = []
  const revaluations: Array<{ offset: number; delta: number }> = []
  let bookValue = asset.cost.amount
  let residual = residualOf(bookValue, asset.residualRate, method, rounding)
  let remainingMonths = asset.usefulLifeMonths ?? 0
  let remainingUnits = asset.totalUnits === undefined ? 0n : scaledUnits(asset.totalUnits)
  let start = 0
  let next = 0
  for (;;) {
    const segment: Segment = pattern.basis === "time"
      ? { bookValue, residual, months: remainingMonths, rounding }
      : {
        bookValue,
        residual,
        months: Math.max(0, perMonth.length - start),
        units: { total: remainingUnits, perMonth: perMonth.slice(start) },
        rounding
      }
    const planned = segment.months > 0 && bookValue > residual ? pattern.plan(segment) : []
    const adjustment = adjustments[next]
    if (adjustment === undefined) {
      for (const c of planned) charges.push(c)
      break
    }
    const [offset, a] = adjustment
    next++
    const taken = offset - start
    let used = 0n
    for (let i = 0; i < taken; i++) {
      const c = i < planned.length ? planned[i]! : 0
      charges.push(c)
      bookValue -= c
      if (pattern.basis === "units") used += perMonth[start + i] ?? 0n
    }
    if (a.bookValue !== undefined) {
      revaluations.push({ offset, delta: a.bookValue.amount - bookValue })
      bookValue = a.bookValue.amount
      residual = residualOf(bookValue, asset.residualRate, method, rounding)
    }
    remainingMonths = a.remainingMonths ?? Math.max(0, remainingMonths - taken)
    remainingUnits = a.remainingUnits !== undefined
      ? scaledUnits(a.remainingUnits)
      : remainingUnits > used ? remainingUnits - used : 0n
    start = offset
  }
  // stop at removal
  const keep = lastAllowed === Number.POSITIVE_INFINITY ? charges.length : Math.max(0, Math.min(charges.length, lastAllowed - first + 1))
  charges.length = keep
  const kept = lastAllowed === Number.POSITIVE_INFINITY ? revaluations : revaluations.filter((r) => r.offset <= lastAllowed - first)
  return Result.succeed({ first, charges, revaluations: kept, residual })
}

const money = (amount: number, currency: Currency): Money => ({ amount: amount === 0 ? 0 : amount, currency })

/**
 * The whole schedule of an asset under a method: one line per month from the first month charged
 * to the last (the end of the life, the removal, or the last month with usage for units of
 * production), or a typed error for bad input.
 *
 * @since 0.1.0
 * @category calculations
 */
export const schedule = (asset: Depreciable, method: DepreciationMethod, options: Options = {}): Result.Result<Schedule, ValidationError> =>
  Result.map(compute(asset, method, options), (c) => {
    const currency = asset.cost.currency
    const revalAt = new Map<number, number>()
    let lastReval = -1
    for (const r of c.revaluations) {
      revalAt.set(r.offset, (revalAt.get(r.offset) ?? 0) + r.delta)
      if (r.offset > lastReval) lastReval = r.offset
    }
    const length = Math.max(c.charges.length, lastReval + 1)
    const lines: Array<ScheduleLine> = new Array<ScheduleLine>(length)
    let book = asset.cost.amount
    let accumulated = 0
    for (let i = 0; i < length; i++) {
      const delta = revalAt.get(i) ?? 0
      book += delta
      const charge = c.charges[i] ?? 0
      accumulated += charge
      const opening = book
      book -= charge
      lines[i] = {
        month: Months.textOf(c.first + i),
        opening: money(opening, currency),
        revaluation: money(delta, currency),
        charge: money(charge, currency),
        accumulated: money(accumulated, currency),
        closing: money(book, currency)
      }
    }
    return {
      method: method.id,
      currency,
      cost: asset.cost,
      residual: money(c.residual, currency),
      lines,
      total: money(accumulated, currency)
    }
  })

/**
 * The value of an asset as of a date: the charges of the months ended by the date, and the
 * revaluations of the months begun by it.
 *
 * @since 0.1.0
 * @category calculations
 */
export const valueAt = (
  asset: Depreciable,
  date: LocalDate,
  method: DepreciationMethod,
  options: Options = {}
): Result.Result<Valuation, ValidationError> => {
  if (!LD.isLocalDate(date)) {
    return Result.fail(ValidationError.at(["date"], { zh: "日期无效", en: "not a calendar date" }, "date.invalid"))
  }
  return Result.map(compute(asset, method, options), (c) => {
    const currency = asset.cost.currency
    const ended = Months.lastEndedBy(date) - c.first
    const begun = Months.indexOf(date) - c.first
    let accumulated = 0
    const n = Math.min(c.charges.length, ended + 1)
    for (let i = 0; i < n; i++) accumulated += c.charges[i]!
    let revaluation = 0
    for (const r of c.revaluations) if (r.offset <= begun) revaluation += r.delta
    const bookValue = asset.cost.amount + revaluation - accumulated
    // the residual in force: recomputed from the book value after each revaluation that has taken effect
    let residual = residualOf(asset.cost.amount, asset.residualRate, method, options.rounding ?? "halfUp")
    let revalued = 0
    let chargedBefore = 0
    let counted = 0
    for (const r of c.revaluations) {
      if (r.offset > begun) break
      while (counted < r.offset && counted < c.charges.length) chargedBefore += c.charges[counted++]!
      revalued += r.delta
      residual = residualOf(asset.cost.amount + revalued - chargedBefore, asset.residualRate, method, options.rounding ?? "halfUp")
    }
    return {
      asOf: date,
      method: method.id,
      cost: asset.cost,
      revaluation: money(revaluation, currency),
      accumulatedDepreciation: money(accumulated, currency),
      bookValue: money(bookValue, currency),
      residual: money(residual, currency),
      monthsCharged: Math.max(0, n),
      fullyDepreciated: n > 0 && bookValue <= residual
    }
  })
}

/**
 * The granularity of a summary.
 *
 * @since 0.1.0
 * @category models
 */
export type Granularity = "month" | "quarter" | "year" | "lifeYear"

/**
 * One period of a summary.
 *
 * @since 0.1.0
 * @category models
 */
export interface PeriodTotal {
  /** `YYYY-MM`, `YYYY-Qn`, `YYYY` or `Yn` */
  readonly period: string
  readonly charge: Money
  readonly revaluation: Money
  /** book value at the end of the period */
  readonly closing: Money
}

/**
 * A schedule reported by month, quarter, calendar year, or year of the asset's life (`lifeYear`:
 * 12-month periods from the first month charged, labelled `Y1`, `Y2`, …, as the double-declining
 * balance and sum-of-years'-digits methods count). The charges of the periods add up to the
 * schedule's total whatever the granularity.
 *
 * @since 0.1.0
 * @category calculations
 */
export const summarise = (s: Schedule, granularity: Granularity): Array<PeriodTotal> => {
  const out: Array<{ period: string; charge: number; revaluation: number; closing: number }> = []
  const first = s.lines.length === 0 ? 0 : Months.indexOf(s.lines[0]!.month)
  const key = granularity === "month"
    ? (i: number) => Months.textOf(i)
    : granularity === "quarter"
    ? Months.quarterOf
    : granularity === "year"
    ? Months.yearOf
    : (i: number) => `Y${Math.floor((i - first) / 12) + 1}`
  for (const line of s.lines) {
    const k = key(Months.indexOf(line.month))
    const last = out[out.length - 1]
    if (last !== undefined && last.period === k) {
      last.charge += line.charge.amount
      last.revaluation += line.revaluation.amount
      last.closing = line.closing.amount
    } else {
      out.push({ period: k, charge: line.charge.amount, revaluation: line.revaluation.amount, closing: line.closing.amount })
    }
  }
  return out.map((p) => ({
    period: p.period,
    charge: money(p.charge, s.currency),
    revaluation: money(p.revaluation, s.currency),
    closing: money(p.closing, s.currency)
  }))
}
