/**
 * Storage of the assets module: the aggregate specs (with the fields adapters project into columns
 * of their own), one repository service per aggregate, and the `repositories` layer.
 *
 * | aggregate | spec name | queried by | names (foreign keys) | unique |
 * | --- | --- | --- | --- | --- |
 * | asset record | `assets.asset` | tag, name, category, status, class, condition, funding, cost, department, custodian, location, batch, dates, origin | — | tag |
 * | stocktake | `assets.stocktake` | name, status, start and apply dates | — | — |
 * | stocktake count | `assets.stocktakeCount` | stocktake, tag, condition, location, counted at | stocktake | stocktake + tag |
 * | repair request | `assets.repairRequest` | asset, location, status, reported and completed at, cost | asset | — |
 * | inspection plan | `assets.inspectionPlan` | name, start date, active | — | — |
 * | consumable stock | `assets.consumableStock` | name, category, unit, on hand, reorder level | — | — |
 * | consumable movement | `assets.consumableMovement` | item, kind, date, quantity, department, requester, unit cost | item | — |
 * | reservation calendar | `assets.reservations` | asset (its id), bookings | asset | — |
 * | usage record | `assets.usageRecord` | asset, date, hours, sessions, units | asset | — |
 *
 * Quantities (on hand, moved, hours, units) are exact decimals; money is integer fen with its
 * currency.
 *
 * @since 0.1.0
 */
import { Context, Layer } from "effect"
import type {
  Asset,
  ConsumableMovement,
  ConsumableStock,
  InspectionPlan,
  RepairRequest,
  ReservationCalendar,
  Stocktake,
  StocktakeCount,
  UsageRecord
} from "../assets/model.ts"
import * as Model from "../assets/model.ts"
import { format as decimal } from "../kernel/Decimal.ts"
import * as Repository from "./Repository.ts"
import { aggregate } from "./Storage.ts"

/**
 * Asset records. A tag (资产编号) names one record of a school: it is unique, also after the asset
 * is disposed of. `origin` names an asset of another school, so it is no foreign key.
 *
 * @since 0.1.0
 * @category specs
 */
export const AssetSpec = aggregate({
  name: "assets.asset",
  schema: Model.Asset,
  fields: {
    tag: { kind: "text", get: (a: Asset) => a.tag },
    name: { kind: "text", get: (a: Asset) => a.name },
    category: { kind: "text", get: (a: Asset) => a.category },
    gbCode: { kind: "text", get: (a: Asset) => a.gbCode ?? null },
    status: { kind: "text", get: (a: Asset) => a.status },
    accountClass: { kind: "text", get: (a: Asset) => a.accountClass },
    condition: { kind: "text", get: (a: Asset) => a.condition },
    fundingSource: { kind: "text", get: (a: Asset) => a.fundingSource },
    cost: { kind: "int", get: (a: Asset) => a.cost.amount },
    currency: { kind: "text", get: (a: Asset) => a.cost.currency },
    departmentId: { kind: "text", get: (a: Asset) => a.departmentId ?? null },
    custodianId: { kind: "text", get: (a: Asset) => a.custodianId ?? null },
    location: { kind: "text", get: (a: Asset) => a.location ?? null },
    batchId: { kind: "text", get: (a: Asset) => a.batchId ?? null },
    acquisitionDate: { kind: "date", get: (a: Asset) => a.acquisitionDate },
    inServiceDate: { kind: "date", get: (a: Asset) => a.inServiceDate ?? null },
    removedOn: { kind: "date", get: (a: Asset) => a.removedOn ?? null },
    originSchoolId: { kind: "text", get: (a: Asset) => a.origin?.schoolId ?? null },
    originAssetId: { kind: "text", get: (a: Asset) => a.origin?.assetId ?? null }
  },
  unique: [["tag"]]
})

/**
 * Stocktakes.
 *
 * @since 0.1.0
 * @category specs
 */
export const StocktakeSpec = aggregate({
  name: "assets.stocktake",
  schema: Model.Stocktake,
  fields: {
    name: { kind: "text", get: (s: Stocktake) => s.name },
    status: { kind: "text", get: (s: Stocktake) => s.status },
    startedOn: { kind: "date", get: (s: Stocktake) => s.startedOn },
    appliedOn: { kind: "date", get: (s: Stocktake) => s.appliedOn ?? null }
  }
})

/**
 * The counts of stocktakes (one per counted tag and stocktake: unique; id `stocktakeId:tag`). The
 * tag is what was found, which may be on no record (a surplus), so it names no asset.
 *
 * @since 0.1.0
 * @category specs
 */
export const StocktakeCountSpec = aggregate({
  name: "assets.stocktakeCount",
  schema: Model.StocktakeCount,
  fields: {
    stocktakeId: { kind: "text", get: (c: StocktakeCount) => c.stocktakeId, references: "assets.stocktake" },
    tag: { kind: "text", get: (c: StocktakeCount) => c.tag },
    location: { kind: "text", get: (c: StocktakeCount) => c.location ?? null },
    condition: { kind: "text", get: (c: StocktakeCount) => c.condition },
    countedBy: { kind: "text", get: (c: StocktakeCount) => c.countedBy },
    countedAt: { kind: "instant", get: (c: StocktakeCount) => c.countedAt.epochMilliseconds }
  },
  unique: [["stocktakeId", "tag"]]
})

/**
 * Repair requests, of an asset (a reference) or of a place.
 *
 * @since 0.1.0
 * @category specs
 */
export const RepairRequestSpec = aggregate({
  name: "assets.repairRequest",
  schema: Model.RepairRequest,
  fields: {
    assetId: { kind: "text", get: (r: RepairRequest) => r.assetId ?? null, references: "assets.asset" },
    location: { kind: "text", get: (r: RepairRequest) => r.location ?? null },
    status: { kind: "text", get: (r: RepairRequest) => r.status },
    reportedBy: { kind: "text", get: (r: RepairRequest) => r.reportedBy },
    reportedAt: { kind: "instant", get: (r: RepairRequest) => r.reportedAt.epochMilliseconds },
    completedAt: { kind: "instant", get: (r: RepairRequest) => r.completedAt?.epochMilliseconds ?? null },
    cost: { kind: "int", get: (r: RepairRequest) => r.cost?.amount ?? null },
    currency: { kind: "text", get: (r: RepairRequest) => r.cost?.currency ?? null }
  }
})

/**
 * Inspection plans.
 *
 * @since 0.1.0
 * @category specs
 */
export const InspectionPlanSpec = aggregate({
  name: "assets.inspectionPlan",
  schema: Model.InspectionPlan,
  fields: {
    name: { kind: "text", get: (p: InspectionPlan) => p.name },
    startsOn: { kind: "date", get: (p: InspectionPlan) => p.startsOn },
    active: { kind: "bool", get: (p: InspectionPlan) => p.active }
  }
})

/**
 * Consumable stock items, with the quantity on hand and the reorder level as exact decimals in the
 * item's unit.
 *
 * @since 0.1.0
 * @category specs
 */
export const ConsumableStockSpec = aggregate({
  name: "assets.consumableStock",
  schema: Model.ConsumableStock,
  fields: {
    name: { kind: "text", get: (c: ConsumableStock) => c.name },
    category: { kind: "text", get: (c: ConsumableStock) => c.category },
    unit: { kind: "text", get: (c: ConsumableStock) => c.unit },
    onHand: { kind: "decimal", get: (c: ConsumableStock) => decimal(c.onHand) },
    reorderLevel: { kind: "decimal", get: (c: ConsumableStock) => (c.reorderLevel === undefined ? null : decimal(c.reorderLevel)) }
  }
})

/**
 * Goods in and out of consumable stock: the item (a reference; the quantity is in its unit, signed
 * for adjustments), the old items returned, and the unit cost of a receipt in fen.
 *
 * @since 0.1.0
 * @category specs
 */
export const ConsumableMovementSpec = aggregate({
  name: "assets.consumableMovement",
  schema: Model.ConsumableMovement,
  fields: {
    itemId: { kind: "text", get: (m: ConsumableMovement) => m.itemId, references: "assets.consumableStock" },
    kind: { kind: "text", get: (m: ConsumableMovement) => m.kind },
    date: { kind: "date", get: (m: ConsumableMovement) => m.date },
    quantity: { kind: "decimal", get: (m: ConsumableMovement) => decimal(m.quantity) },
    returnedOld: { kind: "decimal", get: (m: ConsumableMovement) => (m.returnedOld === undefined ? null : decimal(m.returnedOld)) },
    departmentId: { kind: "text", get: (m: ConsumableMovement) => m.departmentId ?? null },
    requester: { kind: "text", get: (m: ConsumableMovement) => m.requester ?? null },
    unitCost: { kind: "int", get: (m: ConsumableMovement) => m.unitCost?.amount ?? null },
    currency: { kind: "text", get: (m: ConsumableMovement) => m.unitCost?.currency ?? null }
  }
})

/**
 * Reservation calendars (one per asset: the calendar's id is the asset's, which `assetId` repeats
 * as a foreign key).
 *
 * @since 0.1.0
 * @category specs
 */
export const ReservationsSpec = aggregate({
  name: "assets.reservations",
  schema: Model.ReservationCalendar,
  fields: {
    assetId: { kind: "text", get: (c: ReservationCalendar) => c.id, references: "assets.asset" },
    booked: { kind: "int", get: (c: ReservationCalendar) => c.reservations.filter((r) => r.status === "booked").length }
  }
})

/**
 * Usage records of an asset (a reference): hours and units as exact decimals, sessions counted.
 *
 * @since 0.1.0
 * @category specs
 */
export const UsageRecordSpec = aggregate({
  name: "assets.usageRecord",
  schema: Model.UsageRecord,
  fields: {
    assetId: { kind: "text", get: (u: UsageRecord) => u.assetId, references: "assets.asset" },
    date: { kind: "date", get: (u: UsageRecord) => u.date },
    hours: { kind: "decimal", get: (u: UsageRecord) => (u.hours === undefined ? null : decimal(u.hours)) },
    sessions: { kind: "int", get: (u: UsageRecord) => u.sessions ?? null },
    units: { kind: "decimal", get: (u: UsageRecord) => (u.units === undefined ? null : decimal(u.units)) },
    recordedBy: { kind: "text", get: (u: UsageRecord) => u.recordedBy }
  }
})

/** @since 0.1.0 @category services */
export class AssetRepository extends Context.Service<AssetRepository, Repository.Repository<Asset>>()("@houqin/core/assets/AssetRepository") {}
/** @since 0.1.0 @category services */
export class StocktakeRepository extends Context.Service<StocktakeRepository, Repository.Repository<Stocktake>>()("@houqin/core/assets/StocktakeRepository") {}
/** @since 0.1.0 @category services */
export class StocktakeCountRepository extends Context.Service<StocktakeCountRepository, Repository.Repository<StocktakeCount>>()(
  "@houqin/core/assets/StocktakeCountRepository"
) {}
/** @since 0.1.0 @category services */
export class RepairRequestRepository extends Context.Service<RepairRequestRepository, Repository.Repository<RepairRequest>>()(
  "@houqin/core/assets/RepairRequestRepository"
) {}
/** @since 0.1.0 @category services */
export class InspectionPlanRepository extends Context.Service<InspectionPlanRepository, Repository.Repository<InspectionPlan>>()(
  "@houqin/core/assets/InspectionPlanRepository"
) {}
/** @since 0.1.0 @category services */
export class ConsumableStockRepository extends Context.Service<ConsumableStockRepository, Repository.Repository<ConsumableStock>>()(
  "@houqin/core/assets/ConsumableStockRepository"
) {}
/** @since 0.1.0 @category services */
export class ConsumableMovementRepository extends Context.Service<ConsumableMovementRepository, Repository.Repository<ConsumableMovement>>()(
  "@houqin/core/assets/ConsumableMovementRepository"
) {}
/** @since 0.1.0 @category services */
export class ReservationsRepository extends Context.Service<ReservationsRepository, Repository.Repository<ReservationCalendar>>()(
  "@houqin/core/assets/ReservationsRepository"
) {}
/** @since 0.1.0 @category services */
export class UsageRecordRepository extends Context.Service<UsageRecordRepository, Repository.Repository<UsageRecord>>()(
  "@houqin/core/assets/UsageRecordRepository"
) {}

/**
 * Every aggregate spec of the module.
 *
 * @since 0.1.0
 * @category specs
 */
export const specs = [
  AssetSpec,
  StocktakeSpec,
  StocktakeCountSpec,
  RepairRequestSpec,
  InspectionPlanSpec,
  ConsumableStockSpec,
  ConsumableMovementSpec,
  ReservationsSpec,
  UsageRecordSpec
] as const

/**
 * The assets repositories over a storage backend.
 *
 * @since 0.1.0
 * @category layers
 */
export const repositories = Layer.mergeAll(
  Repository.layer(AssetRepository, AssetSpec),
  Repository.layer(StocktakeRepository, StocktakeSpec),
  Repository.layer(StocktakeCountRepository, StocktakeCountSpec),
  Repository.layer(RepairRequestRepository, RepairRequestSpec),
  Repository.layer(InspectionPlanRepository, InspectionPlanSpec),
  Repository.layer(ConsumableStockRepository, ConsumableStockSpec),
  Repository.layer(ConsumableMovementRepository, ConsumableMovementSpec),
  Repository.layer(ReservationsRepository, ReservationsSpec),
  Repository.layer(UsageRecordRepository, UsageRecordSpec)
)
