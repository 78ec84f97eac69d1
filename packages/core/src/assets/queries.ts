/**
 * Read-only views of a school's assets, as effects over the repository services: valuations and
 * schedules as of a date, the checks that return findings, utilisation and the configuration check.
 *
 * @since 0.1.0
 */
import { BigDecimal, Effect, Result } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Money } from "../kernel/Money.ts"
import { OrganisationRepository, StudentRepository } from "../ports/people.ts"
import {
  AssetRepository,
  ConsumableMovementRepository,
  ConsumableStockRepository,
  InspectionPlanRepository,
  RepairRequestRepository,
  ReservationsRepository,
  StocktakeCountRepository,
  StocktakeRepository,
  UsageRecordRepository
} from "../ports/assets.ts"
import { namesFrom, organisationOf } from "../ports/School.ts"
import type { Query } from "../ports/Storage.ts"
import type { Zone } from "../kernel/Time.ts"
import * as Time from "../kernel/Time.ts"
import { scheduleOf, valueOf } from "./assetValue.ts"
import type { ConfigurationStandard } from "./configuration.ts"
import { checkConfiguration } from "./configuration.ts"
import { consumptionAnomalies, explanationsOf, monthlyConsumption } from "./consumptionAnomaly.ts"
import type { Schedule, UnitsUsed, Valuation } from "./depreciation.ts"
import { earlyFailures } from "./earlyFailure.ts"
import { inspectionFindings } from "./inspections.ts"
import { overdueLoans } from "./loans.ts"
import type { Asset, UsageRecord } from "./model.ts"
import type { YearMonth } from "./months.ts"
import { missedRepairDeadlines } from "./repairs.ts"
import { lowUtilisation, utilisation } from "./utilisation.ts"
import * as Stocktakes from "./stocktake.ts"
import { sectionOf } from "../packs/RulePack.ts"
import { referenceChecks, schoolOf } from "../ports/School.ts"


/**
 * The `assets` rules of a school (its pack's section), its zone (the organisation's, else the
 * pack's default: `Ports.School.zoneOf`) and the checks of the staff and departments a command
 * names against its organisation.
 *
 * @since 0.1.0
 * @category services
 */
export const rulesOf = (schoolId: string, on?: LocalDate) =>
  Effect.gen(function*() {
    const school = yield* schoolOf(schoolId, on)
    const rules = yield* Effect.fromResult(sectionOf(school.pack, "assets"))
    const zone: Zone = school.zone
    return { rules, zone, check: referenceChecks(school) }
  })

/**
 * The result of a stocktake so far: the register's expected list against the counts.
 *
 * @since 0.1.0
 * @category queries
 */
export const stocktakeResult = (schoolId: string, stocktakeId: string) =>
  Effect.gen(function*() {
    const s = yield* StocktakeRepository.use((r) => r.get(schoolId, stocktakeId))
    const assets = yield* AssetRepository.use((r) => r.list(schoolId))
    const counts = yield* StocktakeCountRepository.use((r) => r.list(schoolId, { where: { stocktakeId } }))
    return { stocktake: s, assets, result: Stocktakes.compare(Stocktakes.expectedItems(assets, s), counts, Stocktakes.registeredItems(assets, s)) }
  })

/**
 * Units produced by month, from usage records (for units-of-production depreciation).
 *
 * @since 0.1.0
 * @category conversions
 */
export const unitsByMonth = (records: Iterable<UsageRecord>): Array<UnitsUsed> => {
  const totals = new Map<string, Decimal>()
  for (const r of records) {
    if (r.units === undefined) continue
    const m = r.date.slice(0, 7)
    const t = totals.get(m)
    totals.set(m, t === undefined ? r.units : BigDecimal.sum(t, r.units))
  }
  return [...totals.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, units]) => ({ month, units: BigDecimal.normalize(units) }))
}

const usageOf = (schoolId: string, asset: Asset) =>
  asset.depreciation !== undefined && (asset.depreciation.method === "unitsOfProduction" || asset.depreciation.method === "governmentUnitsOfProduction")
    ? Effect.map(UsageRecordRepository.use((r) => r.list(schoolId, { where: { assetId: asset.id } })), unitsByMonth)
    : Effect.succeed([])

/**
 * The assets of a school (optionally filtered by projected fields).
 *
 * @since 0.1.0
 * @category queries
 */
export const register = (schoolId: string, query?: Query) => AssetRepository.use((r) => r.list(schoolId, query))

/**
 * The value of an asset as of a date.
 *
 * @since 0.1.0
 * @category queries
 */
export const valuation = (schoolId: string, assetId: string, date: LocalDate) =>
  Effect.gen(function*() {
    const asset = yield* AssetRepository.use((r) => r.get(schoolId, assetId))
    const usage = yield* usageOf(schoolId, asset)
    return yield* Effect.fromResult(valueOf(asset, date, { usage }))
  })

/**
 * The whole depreciation schedule of an asset (`undefined` when it is not depreciated).
 *
 * @since 0.1.0
 * @category queries
 */
export const schedule = (schoolId: string, assetId: string): Effect.Effect<Schedule | undefined, unknown, AssetRepository | UsageRecordRepository> =>
  Effect.gen(function*() {
    const asset = yield* AssetRepository.use((r) => r.get(schoolId, assetId))
    const usage = yield* usageOf(schoolId, asset)
    return yield* Effect.fromResult(scheduleOf(asset, { usage }))
  })

/**
 * The value of every fixed asset on the books on a date, with the totals (cost, accumulated
 * depreciation, book value).
 *
 * @since 0.1.0
 * @category queries
 */
export const valuationReport = (schoolId: string, date: LocalDate) =>
  Effect.gen(function*() {
    const assets = yield* AssetRepository.use((r) => r.list(schoolId, { where: { accountClass: "fixedAsset" } }))
    const usage = yield* UsageRecordRepository.use((r) => r.list(schoolId))
    const byAsset = new Map<string, Array<UsageRecord>>()
    for (const u of usage) {
      const list = byAsset.get(u.assetId) ?? []
      list.push(u)
      byAsset.set(u.assetId, list)
    }
    const lines: Array<{ readonly asset: Asset; readonly valuation: Valuation }> = []
    let cost = 0
    let accumulated = 0
    let book = 0
    const currency = assets[0]?.cost.currency ?? "CNY"
    for (const a of assets) {
      if (a.acquisitionDate > date || (a.removedOn !== undefined && a.removedOn <= date) || a.status === "planned") continue
      const v = valueOf(a, date, { usage: unitsByMonth(byAsset.get(a.id) ?? []) })
      if (Result.isFailure(v)) return yield* Effect.fail(v.failure)
      lines.push({ asset: a, valuation: v.success })
      cost += v.success.cost.amount
      accumulated += v.success.accumulatedDepreciation.amount
      book += v.success.bookValue.amount
    }
    const m = (amount: number): Money => ({ amount, currency })
    return { date, lines, totals: { cost: m(cost), accumulatedDepreciation: m(accumulated), bookValue: m(book) } }
  })

/**
 * The findings of the checks that need no parameters as of a date: overdue loans, missed repair
 * deadlines, missed and failed inspections, early failures.
 *
 * @since 0.1.0
 * @category queries
 */
export const findings = (schoolId: string, asOf: LocalDate) =>
  Effect.gen(function*() {
    const { rules, zone } = yield* rulesOf(schoolId, asOf)
    const assets = yield* AssetRepository.use((r) => r.list(schoolId))
    const repairs = yield* RepairRequestRepository.use((r) => r.list(schoolId))
    const plans = yield* InspectionPlanRepository.use((r) => r.list(schoolId))
    const names = new Map(assets.map((a) => [a.id as string, `${a.tag} ${a.name}`]))
    // as of the end of the day
    const end = Time.startOfDay(LD.addDays(asOf, 1), zone)
    const all: Array<Finding> = [
      ...overdueLoans(assets, asOf, rules, zone),
      ...missedRepairDeadlines(repairs, end, rules, zone).filter((f) => f.at.epochMilliseconds <= end.epochMilliseconds),
      ...inspectionFindings(plans, asOf, rules, zone, { asset: (id) => names.get(id) ?? id }),
      ...earlyFailures(assets, repairs, rules, zone)
    ]
    return F.sort(all)
  })

/**
 * Findings of unusual consumption in a month (see `consumptionAnomaly.ts` for the method), with
 * the departments' explanations kept on the supply items (an explained month is `info`).
 *
 * @since 0.1.0
 * @category queries
 */
export const consumptionFindings = (schoolId: string, month: YearMonth) =>
  Effect.gen(function*() {
    const { rules, zone } = yield* rulesOf(schoolId)
    const movements = yield* ConsumableMovementRepository.use((r) => r.list(schoolId, { where: { kind: ["requisition", "return"] } }))
    const stock = yield* ConsumableStockRepository.use((r) => r.list(schoolId))
    const items = new Map(stock.map((i) => [i.id as string, i.name]))
    const departments = namesFrom(yield* organisationOf(schoolId)).department
    return consumptionAnomalies(monthlyConsumption(movements), month, rules, zone, { department: departments, item: (id) => items.get(id) ?? id }, explanationsOf(stock))
  })

/**
 * Utilisation of the assets in service over a period, with the low-utilisation findings.
 *
 * @since 0.1.0
 * @category queries
 */
export const utilisationReport = (schoolId: string, from: LocalDate, to: LocalDate, query?: Query) =>
  Effect.gen(function*() {
    const { rules, zone } = yield* rulesOf(schoolId, to)
    const assets = (yield* AssetRepository.use((r) => r.list(schoolId, query)))
      .filter((a) => a.status === "inService" || a.status === "idle" || a.status === "onLoan")
    const usage = yield* UsageRecordRepository.use((r) => r.list(schoolId, { range: { field: "date", from, to: LD.addDays(to, 1) } }))
    const calendars = yield* ReservationsRepository.use((r) => r.list(schoolId))
    const report = utilisation({ assets, usage, calendars, from, to, zone }, rules)
    const names = new Map(assets.map((a) => [a.id as string, `${a.tag} ${a.name}`]))
    return { report, findings: lowUtilisation(report, rules, zone, (id) => names.get(id) ?? id) }
  })

/**
 * The configuration check of a school against a standard, with the counts of students (enrolled),
 * classes and active staff from the people model.
 *
 * @since 0.1.0
 * @category queries
 */
export const configuration = (schoolId: string, standard: ConfigurationStandard, asOf: LocalDate) =>
  Effect.gen(function*() {
    const { zone } = yield* rulesOf(schoolId)
    const org = yield* OrganisationRepository.use((r) => r.get(schoolId, schoolId))
    const students = yield* StudentRepository.use((r) => r.count(schoolId, { where: { enrolled: true } }))
    const assets = yield* AssetRepository.use((r) => r.list(schoolId))
    return checkConfiguration(assets, standard, { students, classes: org.classes.length, staff: org.staff.filter((s) => s.active).length }, Time.startOfDay(asOf, zone))
  })
