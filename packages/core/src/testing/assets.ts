/**
 * fast-check arbitraries of the assets module: depreciable assets (with revaluations, changes of
 * life and removals), monthly units, and asset records that the schemas and the `cn` rules accept.
 *
 * @since 0.1.0
 */
import { BigDecimal } from "effect"
import * as fc from "fast-check"
import type { Adjustment, Depreciable, UnitsUsed } from "../assets/depreciation.ts"
import type { Asset } from "../assets/model.ts"
import * as Months from "../assets/months.ts"
import { cn } from "../assets/rules.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { localDate } from "./arbitraries.ts"

const rate = (max: number): fc.Arbitrary<BigDecimal.BigDecimal> =>
  fc.integer({ min: 0, max }).map((n) => BigDecimal.normalize(BigDecimal.make(BigInt(n), 4)))

/**
 * Options of {@link depreciable}.
 *
 * @since 0.1.0
 * @category models
 */
export interface DepreciableOptions {
  /** add revaluations and changes of remaining life, each within the life left when it happens */
  readonly adjustments?: boolean
  /** sometimes remove the asset (a disposal date) */
  readonly removal?: boolean
  /** the longest life in months (default 600) */
  readonly maxLifeMonths?: number
}

/**
 * A depreciable asset: cost up to ¥1 billion, acquired 2000–2040, in service up to a year later,
 * a life of 1–600 months, a residual rate of 0–20%, total units for units of production, and
 * optionally adjustments (each inside the life left at its month, so a time-based schedule still
 * ends at the residual value) and a removal date.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const depreciable = (options: DepreciableOptions = {}): fc.Arbitrary<Depreciable> =>
  fc.record({
    cost: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000_000_000 })),
    acquisitionDate: localDate({ min: "2000-01-01" as LocalDate, max: "2040-12-31" as LocalDate }),
    inServiceDelay: fc.integer({ min: 0, max: 365 }),
    life: fc.integer({ min: 1, max: options.maxLifeMonths ?? 600 }),
    residualRate: rate(2000),
    totalUnits: fc.integer({ min: 1, max: 10_000_000 }),
    steps: options.adjustments === true
      ? fc.array(fc.record({
        at: fc.double({ min: 0, max: 0.999, noNaN: true }),
        bookValue: fc.option(fc.integer({ min: 0, max: 100_000_000_000 }), { nil: undefined }),
        remainingMonths: fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined }),
        remainingUnits: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: undefined })
      }), { maxLength: 3 })
      : fc.constant([]),
    removeAfter: options.removal === true ? fc.option(fc.integer({ min: 0, max: 720 }), { nil: undefined }) : fc.constant(undefined)
  }).map((r) => {
    const inServiceDate = LD.addDays(r.acquisitionDate, r.inServiceDelay)
    // adjustments start after the later of the two conventions' first months
    const first = Months.indexOf(inServiceDate) + 1
    const adjustments: Array<Adjustment> = []
    let start = first
    let left = r.life
    for (const s of r.steps) {
      const offset = Math.floor(s.at * left)
      const month = start + offset
      if (offset === 0 && adjustments.length > 0) continue
      adjustments.push({
        month: Months.textOf(month),
        ...(s.bookValue === undefined ? {} : { bookValue: { amount: s.bookValue, currency: "CNY" as const } }),
        ...(s.remainingMonths === undefined ? {} : { remainingMonths: s.remainingMonths }),
        ...(s.remainingUnits === undefined ? {} : { remainingUnits: BigDecimal.fromBigInt(BigInt(s.remainingUnits)) })
      })
      left = s.remainingMonths ?? left - offset
      start = month
    }
    const asset: Depreciable = {
      cost: { amount: r.cost, currency: "CNY" },
      acquisitionDate: r.acquisitionDate,
      inServiceDate,
      usefulLifeMonths: r.life,
      residualRate: r.residualRate,
      totalUnits: BigDecimal.fromBigInt(BigInt(r.totalUnits)),
      ...(adjustments.length === 0 ? {} : { adjustments }),
      ...(r.removeAfter === undefined ? {} : { removedOn: Months.firstDay(Months.indexOf(r.acquisitionDate) + r.removeAfter) })
    }
    return asset
  })

/**
 * Units produced by month over `months` months from `from` (some months idle, some with decimals).
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const usage = (from: string, months: number): fc.Arbitrary<Array<UnitsUsed>> =>
  fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 2_000_000_000 })), { minLength: 0, maxLength: months })
    .map((xs) => xs.map((n, i) => ({ month: Months.textOf(Months.indexOf(from) + i), units: BigDecimal.normalize(BigDecimal.make(BigInt(n), 2)) })))

const depreciableCategories = Object.entries(cn.usefulLives).filter(([, u]) => u.depreciable && u.minYears !== null)

/**
 * An asset record of a school that the `Asset` schema and the `cn` pack accept: a depreciable
 * government category, government straight line over at least the category's minimum life.
 *
 * @since 0.1.0
 * @category arbitraries
 */
export const asset = (schoolId: string, options: { readonly idPrefix?: string } = {}): fc.Arbitrary<Asset> =>
  fc.record({
    n: fc.integer({ min: 1, max: 9_999_999 }),
    category: fc.constantFrom(...depreciableCategories),
    extraYears: fc.integer({ min: 0, max: 5 }),
    cost: fc.integer({ min: 100_000, max: 50_000_000 }),
    acquisitionDate: localDate({ min: "2010-01-01" as LocalDate, max: "2030-12-31" as LocalDate }),
    location: fc.constantFrom("教学楼 101", "教学楼 102", "操场", "食堂", "图书馆", "办公室"),
    condition: fc.constantFrom("good" as const, "fair" as const, "poor" as const),
    name: fc.constantFrom("台式计算机", "投影仪", "钢琴", "滑梯", "消毒柜", "办公桌")
  }).map((r): Asset => ({
    schoolId: schoolId as Asset["schoolId"],
    id: `${options.idPrefix ?? "asset"}-${r.n}` as Asset["id"],
    version: 0,
    tag: `T${String(r.n).padStart(7, "0")}`,
    name: r.name,
    category: r.category[0],
    fundingSource: "fiscal",
    cost: { amount: r.cost, currency: "CNY" },
    acquisitionDate: r.acquisitionDate,
    inServiceDate: r.acquisitionDate,
    location: r.location,
    accountClass: "fixedAsset",
    condition: r.condition,
    status: "inService",
    statusSince: r.acquisitionDate,
    depreciation: { method: "governmentStraightLine", usefulLifeMonths: (r.category[1].minYears! + r.extraYears) * 12, adjustments: [] }
  }))
