/**
 * The schemas of the assets module: the asset record (资产卡片) and the other aggregates —
 * stocktakes and their counts, repair requests, inspection plans, consumable stock and its
 * movements, reservation calendars and usage records.
 *
 * Every aggregate carries `schoolId`, `id` and `version`; money is integer fen (`Money`), dates are
 * local dates of the school's zone, instants are UTC.
 *
 * @since 0.1.0
 */
import { BigDecimal, Schema } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import { DecimalSchema, NonNegativeDecimal, PositiveDecimal } from "../kernel/Decimal.ts"
import { Messages } from "../kernel/Errors.ts"
import * as Id from "../kernel/Id.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import { MoneySchema, NonNegativeMoney } from "../kernel/Money.ts"
import { DepartmentId, SchoolId, StaffId } from "../kernel/People.ts"
import { InstantSchema } from "../kernel/Time.ts"
import { UnitSchema } from "../kernel/Unit.ts"
import { AssetStatus } from "./lifecycle.ts"
import { YearMonth } from "./months.ts"
import { MethodId } from "./rules.ts"

const Text = (max: number) => Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(max))

/** @since 0.1.0 @category schemas */
export const AssetId = Id.branded("AssetId")
/** @since 0.1.0 @category models */
export type AssetId = typeof AssetId.Type
/** @since 0.1.0 @category schemas */
export const StocktakeId = Id.branded("StocktakeId")
/** @since 0.1.0 @category models */
export type StocktakeId = typeof StocktakeId.Type
/** @since 0.1.0 @category schemas */
export const RepairRequestId = Id.branded("RepairRequestId")
/** @since 0.1.0 @category models */
export type RepairRequestId = typeof RepairRequestId.Type
/** @since 0.1.0 @category schemas */
export const InspectionPlanId = Id.branded("InspectionPlanId")
/** @since 0.1.0 @category models */
export type InspectionPlanId = typeof InspectionPlanId.Type
/** @since 0.1.0 @category schemas */
export const ConsumableId = Id.branded("ConsumableId")
/** @since 0.1.0 @category models */
export type ConsumableId = typeof ConsumableId.Type

/**
 * An asset tag (资产编号): what is printed on the label and scanned in a stocktake. Unique within
 * a school.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AssetTag = Schema.String.check(
  Schema.makeFilter((s: string) => /^[^\s](.{0,62}[^\s])?$/u.test(s), {
    expected: "a tag of 1–64 characters without leading or trailing spaces",
    zh: "1–64 个字符、首尾无空格的资产编号"
  })
)

/**
 * A GB/T 14885 classification code (固定资产等资产基础分类与代码), where the school has one.
 *
 * @since 0.1.0
 * @category schemas
 */
export const GbCode = Schema.String.check(
  Schema.makeFilter((s: string) => /^[A-Z]?\d{1,12}$/.test(s), {
    expected: "a GB/T 14885 code such as A02010105",
    zh: "GB/T 14885 分类代码（如 A02010105）"
  })
)

/**
 * The physical condition of an asset, as recorded and as found in a stocktake.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Condition = Schema.Literals(["good", "fair", "poor", "unusable"])
/** @since 0.1.0 @category models */
export type Condition = typeof Condition.Type

/**
 * Where the money came from: 财政拨款, 非财政拨款 (fees, other income), 捐赠, 自筹, 其他.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FundingSource = Schema.Literals(["fiscal", "nonFiscal", "donation", "selfRaised", "other"])
/** @since 0.1.0 @category models */
export type FundingSource = typeof FundingSource.Type

/**
 * How an item is accounted: a fixed asset (固定资产), or below the capitalisation threshold a
 * low-value consumable (低值易耗品), kept in the register for custody but not depreciated.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccountClass = Schema.Literals(["fixedAsset", "lowValueConsumable"])
/** @since 0.1.0 @category models */
export type AccountClass = typeof AccountClass.Type

/**
 * How an asset left the books: 报废 (scrapping), 转出 (transfer out of the school's books other
 * than a reallocation to another school), 捐赠 (donation), 出售 (sale), 报损 (loss).
 *
 * @since 0.1.0
 * @category schemas
 */
export const DisposalKind = Schema.Literals(["scrapping", "transferOut", "donation", "sale", "loss"])
/** @since 0.1.0 @category models */
export type DisposalKind = typeof DisposalKind.Type

const ResidualRate = DecimalSchema.check(
  Schema.makeFilter((d: Decimal) => d.value >= 0n && BigDecimal.isLessThan(d, BigDecimal.fromBigInt(1n)), {
    expected: "a rate ≥ 0 and < 1",
    zh: "不小于 0 且小于 1 的比率"
  })
)

/**
 * A revaluation or a change of the remaining life (or remaining units), effective from the start
 * of `month`; the rest of the schedule is recomputed from it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AdjustmentSchema = Schema.Struct({
  month: YearMonth,
  bookValue: Schema.optionalKey(NonNegativeMoney),
  remainingMonths: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(1200))),
  remainingUnits: Schema.optionalKey(PositiveDecimal),
  reason: Schema.optionalKey(Text(500))
})

/**
 * How an asset is depreciated: the method, the useful life in months (time-based methods), the
 * residual rate (enterprise), the total units (units of production), and the adjustments so far.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DepreciationSettings = Schema.Struct({
  method: MethodId,
  usefulLifeMonths: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1), Schema.isLessThanOrEqualTo(1200))),
  residualRate: Schema.optionalKey(ResidualRate),
  totalUnits: Schema.optionalKey(PositiveDecimal),
  adjustments: Schema.Array(AdjustmentSchema)
})
/** @since 0.1.0 @category models */
export type DepreciationSettings = typeof DepreciationSettings.Type

/**
 * A loan (借用) with its expected return date.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Loan = Schema.Struct({
  borrower: Text(200),
  since: LocalDateSchema,
  expectedReturn: LocalDateSchema,
  purpose: Schema.optionalKey(Text(500))
})

/**
 * A request to dispose of an asset, awaiting approval. `reason` is the requester's own words; when
 * Houqin writes the request itself (a stocktake's shortage, 盘亏), `reason` holds the zh-CN text and
 * `explanation` the reason in zh-CN and en, each language on its own.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DisposalRequest = Schema.Struct({
  kind: DisposalKind,
  requestedOn: LocalDateSchema,
  requestedBy: Text(64),
  reason: Text(1000),
  explanation: Schema.optionalKey(Messages)
})

/**
 * An approved disposal.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Disposal = Schema.Struct({
  kind: DisposalKind,
  date: LocalDateSchema,
  approvedBy: Text(64),
  reason: Text(1000),
  explanation: Schema.optionalKey(Messages),
  proceeds: Schema.optionalKey(NonNegativeMoney)
})

/**
 * The sending side of a reallocation to another school.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReallocationOut = Schema.Struct({
  toSchoolId: SchoolId,
  date: LocalDateSchema,
  reason: Text(1000)
})

/**
 * The receiving side: the school and record an asset came from.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Origin = Schema.Struct({
  schoolId: SchoolId,
  assetId: AssetId,
  tag: AssetTag,
  date: LocalDateSchema
})

/**
 * An asset record (资产卡片).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Asset = Schema.Struct({
  schoolId: SchoolId,
  id: AssetId,
  version: Schema.Int,
  tag: AssetTag,
  name: Text(200),
  /** a category id of the rule pack's useful-life table (`通用设备/计算机设备`) */
  category: Text(200),
  gbCode: Schema.optionalKey(GbCode),
  model: Schema.optionalKey(Text(200)),
  serial: Schema.optionalKey(Text(200)),
  fundingSource: FundingSource,
  cost: NonNegativeMoney,
  acquisitionDate: LocalDateSchema,
  inServiceDate: Schema.optionalKey(LocalDateSchema),
  departmentId: Schema.optionalKey(DepartmentId),
  custodianId: Schema.optionalKey(StaffId),
  location: Schema.optionalKey(Text(200)),
  /** the batch of like items this record was registered with */
  batchId: Schema.optionalKey(Text(64)),
  accountClass: AccountClass,
  condition: Condition,
  status: AssetStatus,
  statusSince: LocalDateSchema,
  /** absent for categories that are not depreciated and for low-value consumables */
  depreciation: Schema.optionalKey(DepreciationSettings),
  loan: Schema.optionalKey(Loan),
  disposalRequest: Schema.optionalKey(DisposalRequest),
  disposal: Schema.optionalKey(Disposal),
  reallocatedOut: Schema.optionalKey(ReallocationOut),
  origin: Schema.optionalKey(Origin),
  /** the date it left the books (disposal or reallocation out) */
  removedOn: Schema.optionalKey(LocalDateSchema)
})
/** @since 0.1.0 @category models */
export type Asset = typeof Asset.Type

/**
 * A stocktake (清查): its scope and state; the counts are records of their own.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Stocktake = Schema.Struct({
  schoolId: SchoolId,
  id: StocktakeId,
  version: Schema.Int,
  name: Text(200),
  startedOn: LocalDateSchema,
  scope: Schema.Struct({
    departmentId: Schema.optionalKey(DepartmentId),
    location: Schema.optionalKey(Text(200))
  }),
  status: Schema.Literals(["open", "applied", "cancelled"]),
  appliedOn: Schema.optionalKey(LocalDateSchema),
  summary: Schema.optionalKey(Schema.Struct({
    expected: Schema.Int,
    counted: Schema.Int,
    matched: Schema.Int,
    surplus: Schema.Int,
    shortage: Schema.Int,
    wrongLocation: Schema.Int,
    conditionChanged: Schema.Int,
    /** expected away (under repair, on loan) and not counted */
    away: Schema.optionalKey(Schema.Int),
    /** expected away and counted */
    foundAway: Schema.optionalKey(Schema.Int),
    /** registered assets counted that were not expected (never surpluses) */
    foundUnexpected: Schema.optionalKey(Schema.Int),
    /** corrections the assets' states did not allow */
    notApplied: Schema.optionalKey(Schema.Int)
  }))
})
/** @since 0.1.0 @category models */
export type Stocktake = typeof Stocktake.Type

/**
 * One tag counted in a stocktake: where it was found and in what condition.
 *
 * @since 0.1.0
 * @category schemas
 */
export const StocktakeCount = Schema.Struct({
  schoolId: SchoolId,
  id: Id.IdString,
  version: Schema.Int,
  stocktakeId: StocktakeId,
  tag: AssetTag,
  location: Schema.optionalKey(Text(200)),
  condition: Condition,
  countedBy: Text(64),
  countedAt: InstantSchema,
  note: Schema.optionalKey(Text(500))
})
/** @since 0.1.0 @category models */
export type StocktakeCount = typeof StocktakeCount.Type

/**
 * A repair request (报修): reported, dispatched to the repair service, completed (or cancelled).
 *
 * @since 0.1.0
 * @category schemas
 */
export const RepairRequest = Schema.Struct({
  schoolId: SchoolId,
  id: RepairRequestId,
  version: Schema.Int,
  assetId: Schema.optionalKey(AssetId),
  location: Schema.optionalKey(Text(200)),
  description: Text(1000),
  reportedBy: Text(64),
  reportedAt: InstantSchema,
  status: Schema.Literals(["open", "dispatched", "completed", "cancelled"]),
  dispatchedAt: Schema.optionalKey(InstantSchema),
  dispatchedTo: Schema.optionalKey(Text(200)),
  completedAt: Schema.optionalKey(InstantSchema),
  cost: Schema.optionalKey(NonNegativeMoney),
  outcome: Schema.optionalKey(Text(1000))
})
/** @since 0.1.0 @category models */
export type RepairRequest = typeof RepairRequest.Type

/**
 * What an inspection found of one asset of the plan's scope: `passed`, `failed` (with a note saying
 * what is wrong, and the repair request opened for it, if any), or `notFound` (looked for and not
 * where it should be: not inspected).
 *
 * @since 0.1.0
 * @category schemas
 */
export const InspectionAssetResult = Schema.Struct({
  assetId: AssetId,
  outcome: Schema.Literals(["passed", "failed", "notFound"]),
  note: Schema.optionalKey(Text(1000)),
  repairRequestId: Schema.optionalKey(RepairRequestId)
})
/** @since 0.1.0 @category models */
export type InspectionAssetResult = typeof InspectionAssetResult.Type

/**
 * An inspection's result. With `results`, the record says what was found of each asset it names:
 * an asset it does not name (or names as `notFound`) was not inspected, and `result` is `fail` when
 * any named asset failed or was not found. Without `results` (records kept before per-asset results
 * existed, or a plan inspected as a whole) the record covers every asset of the plan.
 *
 * @since 0.1.0
 * @category schemas
 */
export const InspectionRecord = Schema.Struct({
  date: LocalDateSchema,
  inspector: Text(64),
  result: Schema.Literals(["pass", "fail"]),
  notes: Schema.optionalKey(Text(1000)),
  repairRequestId: Schema.optionalKey(RepairRequestId),
  /** per asset of the plan's scope; absent: the record covers the whole plan */
  results: Schema.optionalKey(Schema.Array(InspectionAssetResult))
})
/** @since 0.1.0 @category models */
export type InspectionRecord = typeof InspectionRecord.Type

/**
 * An inspection plan (巡检): the assets it covers, how often (every n days, weeks or months from
 * `startsOn`; each period must hold an inspection), and the inspections done.
 *
 * @since 0.1.0
 * @category schemas
 */
export const InspectionPlan = Schema.Struct({
  schoolId: SchoolId,
  id: InspectionPlanId,
  version: Schema.Int,
  name: Text(200),
  assetIds: Schema.Array(AssetId),
  every: Schema.Struct({
    unit: Schema.Literals(["day", "week", "month"]),
    count: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1), Schema.isLessThanOrEqualTo(120))
  }),
  /** the first day of the first period; each period must hold an inspection */
  startsOn: LocalDateSchema,
  active: Schema.Boolean,
  records: Schema.Array(InspectionRecord),
  /**
   * the spans the plan was switched off: from the day it was switched off to the day it was
   * switched on again (exclusive; none while it is still off). Periods that meet a pause are not
   * checked for misses; the periods before it still are. (Plans switched off before pauses were
   * kept have none: an inactive plan without pauses is not checked for misses at all.)
   */
  pauses: Schema.optionalKey(Schema.Array(Schema.Struct({ from: LocalDateSchema, until: Schema.optionalKey(LocalDateSchema) })))
})
/** @since 0.1.0 @category models */
export type InspectionPlan = typeof InspectionPlan.Type

/**
 * A department's explanation of its unusual consumption of a supply in a month (the answer an
 * `assets.consumptionAnomaly` finding asks for): who gave it, when, and what it says. Kept on the
 * supply item (`ConsumableStock.explanations`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConsumptionExplanation = Schema.Struct({
  departmentId: DepartmentId,
  month: YearMonth,
  text: Text(1000),
  by: Text(64),
  at: InstantSchema
})
/** @since 0.1.0 @category models */
export type ConsumptionExplanation = typeof ConsumptionExplanation.Type

/**
 * A consumable supply item and what is on hand, in the item's unit.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConsumableStock = Schema.Struct({
  schoolId: SchoolId,
  id: ConsumableId,
  version: Schema.Int,
  name: Text(200),
  /** a consumable category (`officeSupplies`, `cleaning`, `labReagents`, …) */
  category: Text(64),
  unit: UnitSchema,
  onHand: NonNegativeDecimal,
  reorderLevel: Schema.optionalKey(NonNegativeDecimal),
  /** explanations of unusual consumption of this item, oldest first */
  explanations: Schema.optionalKey(Schema.Array(ConsumptionExplanation))
})
/** @since 0.1.0 @category models */
export type ConsumableStock = typeof ConsumableStock.Type

/**
 * Goods in and out of consumable stock: a receipt (入库), a requisition (领用, with the old items
 * returned under return-old-for-new), a return into stock, or a stocktake adjustment (signed).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConsumableMovement = Schema.Struct({
  schoolId: SchoolId,
  id: Id.IdString,
  version: Schema.Int,
  itemId: ConsumableId,
  kind: Schema.Literals(["receipt", "requisition", "return", "adjustment"]),
  date: LocalDateSchema,
  /** positive for receipts, requisitions and returns; signed for adjustments */
  quantity: DecimalSchema,
  departmentId: Schema.optionalKey(DepartmentId),
  requester: Schema.optionalKey(Text(64)),
  returnedOld: Schema.optionalKey(NonNegativeDecimal),
  noOldReason: Schema.optionalKey(Text(500)),
  unitCost: Schema.optionalKey(MoneySchema),
  note: Schema.optionalKey(Text(500))
})
/** @since 0.1.0 @category models */
export type ConsumableMovement = typeof ConsumableMovement.Type

/**
 * One reservation of an asset for the half-open interval `[from, to)`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reservation = Schema.Struct({
  id: Id.IdString,
  from: InstantSchema,
  to: InstantSchema,
  bookedBy: Text(64),
  purpose: Schema.optionalKey(Text(500)),
  status: Schema.Literals(["booked", "cancelled"])
})
/** @since 0.1.0 @category models */
export type Reservation = typeof Reservation.Type

/**
 * The reservations of one asset (its id is the asset's id): one record, so that two bookings of
 * the same slot cannot both be written — the second meets a version conflict or an overlap.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ReservationCalendar = Schema.Struct({
  schoolId: SchoolId,
  id: AssetId,
  version: Schema.Int,
  reservations: Schema.Array(Reservation)
})
/** @since 0.1.0 @category models */
export type ReservationCalendar = typeof ReservationCalendar.Type

/**
 * Use of an asset on a date: hours, sessions (lessons, loans), or both; for utilisation.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UsageRecord = Schema.Struct({
  schoolId: SchoolId,
  id: Id.IdString,
  version: Schema.Int,
  assetId: AssetId,
  date: LocalDateSchema,
  hours: Schema.optionalKey(NonNegativeDecimal),
  sessions: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
  /** units produced, for units-of-production depreciation (km, copies, running hours) */
  units: Schema.optionalKey(NonNegativeDecimal),
  reservationId: Schema.optionalKey(Id.IdString),
  recordedBy: Text(64)
})
/** @since 0.1.0 @category models */
export type UsageRecord = typeof UsageRecord.Type
