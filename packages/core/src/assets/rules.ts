/**
 * The `assets` section of a rule pack: the accounting basis and its depreciation methods, the
 * capitalisation threshold, the useful lives per category, and the numbers of the asset checks
 * (repair deadline, overdue loans, missed inspections, requisition days, return-old-for-new,
 * unusual consumption, low utilisation, early failure).
 *
 * Sources are named beside each number. The useful-life table is generated from
 * `data/gov-fixed-asset-useful-life.csv` (《政府会计准则第3号——固定资产》应用指南, 财会〔2017〕4号,
 * 表1); numbers that no national text sets are marked "no national source" and are the project's
 * defaults for a school to replace with its own.
 *
 * @since 0.1.0
 */
import { BigDecimal, Schema } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import { DecimalSchema, NonNegativeDecimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import type { Money } from "../kernel/Money.ts"
import { NonNegativeMoney } from "../kernel/Money.ts"
import * as RP from "../kernel/RulePack.ts"
import type { CategoryId } from "./categories.generated.ts"
import { categories, categoryIds } from "./categories.generated.ts"

/**
 * The depreciation methods Houqin implements, by id (see `methods.ts`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MethodId = Schema.Literals([
  "governmentStraightLine",
  "governmentUnitsOfProduction",
  "enterpriseStraightLine",
  "doubleDecliningBalance",
  "sumOfYearsDigits",
  "unitsOfProduction"
])

/**
 * @since 0.1.0
 * @category models
 */
export type MethodId = typeof MethodId.Type

const Years = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1), Schema.isLessThanOrEqualTo(100))
const Days = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(366))
const Share = DecimalSchema.check(
  Schema.makeFilter((d: Decimal) => d.value >= 0n && BigDecimal.isLessThanOrEqualTo(d, BigDecimal.fromBigInt(1n)), {
    expected: "a share between 0 and 1",
    zh: "0 到 1 之间的比例"
  })
)

/**
 * The depreciation years of one category: the minimum, the maximum for ranged categories
 * (special equipment, 10–15 years), and whether the category is depreciated at all.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UsefulLife = Schema.Struct({
  minYears: Schema.NullOr(Years),
  maxYears: Schema.NullOr(Years),
  depreciable: Schema.Boolean
}).check(
  Schema.makeFilter((u: { readonly minYears: number | null; readonly maxYears: number | null }) =>
    u.minYears === null || u.maxYears === null || u.minYears <= u.maxYears, {
    expected: "minYears ≤ maxYears",
    zh: "最低年限不大于最高年限"
  })
)

/**
 * @since 0.1.0
 * @category models
 */
export type UsefulLife = typeof UsefulLife.Type

/**
 * The schema of the `assets` section.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AssetsRules = Schema.Struct({
  /** `government`: 政府会计准则 (public schools); `enterprise`: 企业会计准则 (private schools, companies) */
  accounting: Schema.Literals(["government", "enterprise"]),
  /** unit cost at or above which an item is a fixed asset; below it, a low-value consumable */
  capitalisationThreshold: NonNegativeMoney,
  /** whether batches of like items lasting over a year are fixed assets below the threshold */
  batchesOfLikeItems: Schema.Boolean,
  /** depreciation years per category (category id → useful life) */
  usefulLives: Schema.Record(Schema.String, UsefulLife),
  /** whether a useful life outside the category's years is refused (not merely reported) */
  enforceUsefulLives: Schema.Boolean,
  /** the depreciation methods the basis allows */
  methods: Schema.Array(MethodId).check(Schema.isMinLength(1)),
  /** the method of an asset that names none */
  defaultMethod: MethodId,
  /** residual value rate of an asset that names none (enterprise methods only) */
  defaultResidualRate: Share,
  /** a repair request must be dispatched within this many days of being reported (0: the same day) */
  repairDeadline: Schema.Struct({ days: Days }),
  /** days after the expected return date before a loan is overdue */
  loanOverdue: Schema.Struct({ graceDays: Days }),
  /** days after an inspection falls due before it counts as missed */
  inspectionMissed: Schema.Struct({ graceDays: Days }),
  /** the ISO weekdays (1 = Monday … 7 = Sunday) on which supplies are issued */
  requisitionDays: Schema.Struct({ weekdays: Schema.Array(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1), Schema.isLessThanOrEqualTo(7))).check(Schema.isMinLength(1)) }),
  /** consumable categories issued only against the return of the old item (交旧领新) */
  returnOldForNew: Schema.Struct({ categories: Schema.Array(Schema.String) }),
  /**
   * unusual consumption: a month's quantity whose modified z-score against the department's own
   * history, 0.6745 × (x − median) / MAD, exceeds `threshold`
   */
  consumptionAnomaly: Schema.Struct({
    threshold: NonNegativeDecimal,
    historyMonths: Schema.Int.check(Schema.isGreaterThanOrEqualTo(3), Schema.isLessThanOrEqualTo(120)),
    minHistoryMonths: Schema.Int.check(Schema.isGreaterThanOrEqualTo(3), Schema.isLessThanOrEqualTo(120))
  }),
  /** low utilisation: used time below `minimum` of the capacity (hours or sessions per week) */
  lowUtilisation: Schema.Struct({
    minimum: Share,
    hoursPerWeek: NonNegativeDecimal,
    sessionsPerWeek: NonNegativeDecimal
  }),
  /** early failure: scrapped, or repaired `repairCount` times, before `shareOfLife` of the useful life */
  earlyFailure: Schema.Struct({
    shareOfLife: Share,
    repairCount: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))
  })
})

/**
 * @since 0.1.0
 * @category models
 */
export type AssetsRules = typeof AssetsRules.Type

const GOV_GUIDE = "《政府会计准则第3号——固定资产》应用指南（财会〔2017〕4号）表1"
const THRESHOLD_SOURCE = "《事业单位财务规则》（财政部令第108号，2022）：单位价值在1000元以上"

/**
 * The useful lives of the generated table (one entry per category).
 *
 * @since 0.1.0
 * @category constants
 */
export const governmentUsefulLives: Readonly<Record<CategoryId, UsefulLife>> = Object.fromEntries(
  categoryIds.map((id) => {
    const c = categories[id]
    return [id, { minYears: c.minYears, maxYears: c.maxYears, depreciable: c.depreciable }]
  })
) as Record<CategoryId, UsefulLife>

const yuan = (n: number): Money => ({ amount: n * 100, currency: "CNY" })

/**
 * The `cn` defaults: government accounting, as public schools and kindergartens keep their books.
 *
 * @since 0.1.0
 * @category packs
 */
export const cn: AssetsRules = {
  // public schools are 事业单位 and keep 政府会计制度 (财会〔2017〕25号, in force 2019-01-01)
  accounting: "government",
  // ¥1,000: 《事业单位财务规则》(财政部令第108号, 2022) on fixed assets, "单位价值在1000元以上" (以上 includes
  // the boundary); 《政府会计准则第3号》 itself sets no number ("单位价值超过规定标准"). Read in a
  // secondary copy. The 2012 rules (财政部令第68号) had ¥1,500 for special equipment; the 2022 text has one number.
  capitalisationThreshold: yuan(1000),
  // the same articles: 单位价值虽未达到规定标准，但是耐用时间在一年以上的大批同类物资，作为固定资产管理
  batchesOfLikeItems: true,
  // 财会〔2017〕4号 表1 (generated from data/gov-fixed-asset-useful-life.csv)
  usefulLives: governmentUsefulLives,
  // 应用指南: 政府会计主体应当按照表1规定确定…折旧年限 — the table binds under government accounting
  enforceUsefulLives: true,
  // 准则第3号: 一般应当采用年限平均法或者工作量法计提固定资产折旧
  methods: ["governmentStraightLine", "governmentUnitsOfProduction"],
  defaultMethod: "governmentStraightLine",
  // 准则第3号: 计提折旧时不考虑预计净残值
  defaultResidualRate: D.fromInt(0),
  // same day: no national source; the seed documents' practice 当天通知维修部门，不留问题过夜
  repairDeadline: { days: 0 },
  // no national source: a loan is overdue the day after its expected return date
  loanOverdue: { graceDays: 0 },
  // no national source: an inspection is missed the day after it falls due
  inspectionMissed: { graceDays: 0 },
  // no national source: issue on school days (Monday–Friday); a school names its own set days
  requisitionDays: { weekdays: [1, 2, 3, 4, 5] },
  // no national source: the seed documents' practice 办公用品要严格要求交旧领新制度
  returnOldForNew: { categories: ["officeSupplies"] },
  // 3.5: Iglewicz & Hoaglin (1993), "How to Detect and Handle Outliers", the modified z-score
  // cut-off they recommend; 12 months of history, at least 6 (no national source)
  consumptionAnomaly: { threshold: BigDecimal.fromStringUnsafe("3.5"), historyMonths: 12, minHistoryMonths: 6 },
  // no national source: below 20% of a 40-hour school week (8 h × 5 days) or 35 sessions (7 × 5)
  lowUtilisation: { minimum: BigDecimal.fromStringUnsafe("0.2"), hoursPerWeek: D.fromInt(40), sessionsPerWeek: D.fromInt(35) },
  // no national source: failing before half the useful life, or two repairs before then
  earlyFailure: { shareOfLife: BigDecimal.fromStringUnsafe("0.5"), repairCount: 2 }
}

/**
 * An `assets` section for schools that keep enterprise books (private schools, company
 * canteens): 《企业会计准则第4号——固定资产》 allows straight-line, units of production,
 * double-declining balance and sum of years' digits, with a residual value; the government table
 * is kept as guidance but not enforced.
 *
 * @since 0.1.0
 * @category packs
 */
export const enterprise: AssetsRules = {
  ...cn,
  accounting: "enterprise",
  enforceUsefulLives: false,
  methods: ["enterpriseStraightLine", "unitsOfProduction", "doubleDecliningBalance", "sumOfYearsDigits"],
  defaultMethod: "enterpriseStraightLine",
  // 5%: a common estimate (the former 《工业企业财务制度》 range was 3–5%); no binding national number
  defaultResidualRate: BigDecimal.fromStringUnsafe("0.05")
}

/**
 * The section: its key, schema and legal minimums (a school may capitalise from a lower amount and
 * depreciate over longer lives, never the reverse).
 *
 * @since 0.1.0
 * @category sections
 */
export const section = RP.section("assets", AssetsRules, [
  { path: ["capitalisationThreshold", "amount"], stricter: "lower", source: THRESHOLD_SOURCE },
  ...categoryIds
    .filter((id) => categories[id].minYears !== null)
    .map((id): RP.Strictness => ({ path: ["usefulLives", id, "minYears"], stricter: "higher", source: GOV_GUIDE }))
])
