/**
 * The commands of the assets module. Each decodes its input (a `ValidationError` with the path for
 * bad input), reads through the repository services, checks the rules and the lifecycle (typed
 * errors naming the state and the event), and writes through one unit of work with one audit entry
 * in the school's chain.
 *
 * Commands that change an existing record take the `version` the caller read: a stale version is a
 * `ConflictError`, never a lost update. Dates (`on`) default to today in the school's zone (its
 * organisation's, else the pack's `general.defaultZone`), from the `Clock` service. Staff and
 * departments a command names are checked against the organisation once one is saved
 * (`NotFoundError` with the field's path).
 *
 * @since 0.1.0
 */
import { BigDecimal, Effect, Option, Result, Schema } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import { NonNegativeDecimal, PositiveDecimal } from "../kernel/Decimal.ts"
import { ConflictError, ValidationError } from "../kernel/Errors.ts"
import * as Id from "../kernel/Id.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import { MoneySchema, NonNegativeMoney } from "../kernel/Money.ts"
import { DepartmentId, SchoolId, StaffId } from "../kernel/People.ts"
import type { Instant, Zone } from "../kernel/Time.ts"
import * as Time from "../kernel/Time.ts"
import { UnitSchema } from "../kernel/Unit.ts"
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
import * as Command from "../ports/Command.ts"
import { depreciableOf, valueOf } from "./assetValue.ts"
import { checkUsefulLife, classify, settle } from "./categories.ts"
import * as Consumables from "./consumables.ts"
import { DepreciationRuleError, DuplicateTagError, IllegalTransitionError, ReallocationError, RequisitionError } from "./errors.ts"
import type { LifecycleEvent } from "./lifecycle.ts"
import * as Lifecycle from "./lifecycle.ts"
import type { Asset, ConsumableMovement, ConsumableStock, InspectionPlan, RepairRequest, ReservationCalendar, Stocktake, StocktakeCount } from "./model.ts"
import * as Model from "./model.ts"
import { byId } from "./methods.ts"
import * as Months from "./months.ts"
import { YearMonth } from "./months.ts"
import { receivingRecord } from "./reallocation.ts"
import * as Repairs from "./repairs.ts"
import * as Reservations from "./reservations.ts"
import { MethodId } from "./rules.ts"
import type { AssetsRules } from "./rules.ts"
import { rulesOf, stocktakeResult } from "./queries.ts"

const Text = (max: number) => Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(max))

// ---------------------------------------------------------------------------------------------
// shared steps

const dateOr = (on: LocalDate | undefined, zone: Zone) =>
  on === undefined ? Effect.map(Time.now, (i) => Time.localDate(i, zone)) : Effect.succeed(on)

const instantOr = (at: Instant | undefined) => (at === undefined ? Time.now : Effect.succeed(at))

const idOr = (id: string | undefined) => (id === undefined ? Id.next : Effect.succeed(id))

const stale = (aggregate: string, schoolId: string, id: string, expectedVersion: number, actualVersion: number) =>
  ConflictError.create({ aggregate, schoolId, id, expectedVersion, actualVersion })

const loadAsset = (schoolId: string, assetId: string, version: number) =>
  Effect.gen(function*() {
    const asset = yield* AssetRepository.use((r) => r.get(schoolId, assetId))
    if (asset.version !== version) return yield* stale("assets.asset", schoolId, assetId, version, asset.version)
    return asset
  })

/**
 * An asset after a lifecycle event: the event must be allowed in its state (otherwise an
 * `IllegalTransitionError` naming both), and `statusSince` moves when the state does.
 *
 * @since 0.1.0
 * @category combinators
 */
export const applyEvent = (
  asset: Asset,
  event: LifecycleEvent,
  on: LocalDate,
  change: (a: Asset) => Asset = (a) => a,
  path: ReadonlyArray<string | number> = ["event"]
): Result.Result<Asset, IllegalTransitionError> => {
  const next = Lifecycle.transitions[asset.status][event]
  if (next === undefined) {
    return Result.fail(IllegalTransitionError.create({ subject: "assets", id: asset.id, state: asset.status, event, path }))
  }
  const changed = change(asset)
  return Result.succeed({ ...changed, status: next, statusSince: next === asset.status ? asset.statusSince : on })
}

const without = <A extends object, K extends keyof A>(a: A, ...keys: ReadonlyArray<K>): Omit<A, K> => {
  const out = { ...a }
  for (const k of keys) delete out[k]
  return out
}

const checkTagsFree = (schoolId: string, tags: ReadonlyArray<string>, path: (i: number) => ReadonlyArray<string | number>) =>
  Effect.gen(function*() {
    const seen = new Map<string, number>()
    for (let i = 0; i < tags.length; i++) {
      const t = tags[i]!
      if (seen.has(t)) {
        return yield* ValidationError.at(path(i), { zh: `资产编号重复：${t}`, en: `duplicate tag ${t}` }, "assets.duplicateTag")
      }
      seen.set(t, i)
    }
    const taken = yield* AssetRepository.use((r) => r.list(schoolId, { where: { tag: [...tags] } }))
    const first = taken[0]
    if (first !== undefined) return yield* DuplicateTagError.create(first.tag, first.id, path(seen.get(first.tag) ?? 0))
  })

const DepreciationInput = Schema.Struct({
  method: Schema.optionalKey(MethodId),
  usefulLifeYears: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1), Schema.isLessThanOrEqualTo(100))),
  usefulLifeMonths: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(1), Schema.isLessThanOrEqualTo(1200))),
  residualRate: Schema.optionalKey(Model.DepreciationSettings.fields.residualRate.schema),
  totalUnits: Schema.optionalKey(PositiveDecimal)
})

const settingsInput = (d: typeof DepreciationInput.Type | undefined, path: ReadonlyArray<string | number>) => {
  if (d === undefined) return Effect.succeed(undefined)
  if (d.usefulLifeYears !== undefined && d.usefulLifeMonths !== undefined) {
    return Effect.fail(ValidationError.at([...path, "usefulLifeMonths"], {
      zh: "使用年限只能用年或月中的一种填写",
      en: "give the useful life in years or in months, not both"
    }, "assets.lifeTwice"))
  }
  const months = d.usefulLifeMonths ?? (d.usefulLifeYears === undefined ? undefined : d.usefulLifeYears * 12)
  return Effect.succeed({ method: d.method, usefulLifeMonths: months, residualRate: d.residualRate, totalUnits: d.totalUnits })
}

const AssetFields = {
  name: Text(200),
  category: Text(200),
  gbCode: Schema.optionalKey(Model.GbCode),
  model: Schema.optionalKey(Text(200)),
  fundingSource: Model.FundingSource,
  acquisitionDate: LocalDateSchema,
  inServiceDate: Schema.optionalKey(LocalDateSchema),
  departmentId: Schema.optionalKey(DepartmentId),
  custodianId: Schema.optionalKey(StaffId),
  location: Schema.optionalKey(Text(200)),
  condition: Schema.optionalKey(Model.Condition),
  /** the state to register in (default: in service when an in-service date is given, else received) */
  status: Schema.optionalKey(Schema.Literals(["planned", "received", "inService"])),
  depreciation: Schema.optionalKey(DepreciationInput)
} as const

const AssetInput = Schema.Struct({
  id: Schema.optionalKey(Model.AssetId),
  tag: Model.AssetTag,
  serial: Schema.optionalKey(Text(200)),
  cost: NonNegativeMoney,
  ...AssetFields
})

const newRecord = (
  schoolId: string,
  id: string,
  input: typeof AssetInput.Type,
  rules: AssetsRules,
  batch: { readonly id: string; readonly likeItems: boolean } | undefined,
  path: ReadonlyArray<string | number>
) =>
  Effect.gen(function*() {
    const accountClass = classify({ unitCost: input.cost, batchOfLikeItems: batch?.likeItems }, rules)
    const given = yield* settingsInput(input.depreciation, [...path, "depreciation"])
    const depreciation = yield* Effect.fromResult(settle({ category: input.category, accountClass, depreciation: given }, rules, path))
    const status = input.status ?? (input.inServiceDate === undefined ? "received" : "inService")
    const record: Asset = {
      schoolId: schoolId as Asset["schoolId"],
      id: id as Asset["id"],
      version: 0,
      tag: input.tag,
      name: input.name,
      category: input.category,
      ...(input.gbCode === undefined ? {} : { gbCode: input.gbCode }),
      ...(input.model === undefined ? {} : { model: input.model }),
      ...(input.serial === undefined ? {} : { serial: input.serial }),
      fundingSource: input.fundingSource,
      cost: input.cost,
      acquisitionDate: input.acquisitionDate,
      ...(input.inServiceDate === undefined ? {} : { inServiceDate: input.inServiceDate }),
      ...(input.departmentId === undefined ? {} : { departmentId: input.departmentId }),
      ...(input.custodianId === undefined ? {} : { custodianId: input.custodianId }),
      ...(input.location === undefined ? {} : { location: input.location }),
      ...(batch === undefined ? {} : { batchId: batch.id }),
      accountClass,
      condition: input.condition ?? "good",
      status,
      statusSince: input.inServiceDate ?? input.acquisitionDate,
      ...(depreciation === undefined ? {} : { depreciation })
    }
    return record
  })

// ---------------------------------------------------------------------------------------------
// register

/**
 * Registers one asset (资产卡片): the capitalisation threshold decides fixed asset or low-value
 * consumable; the category's useful life and the allowed methods are checked against the pack.
 *
 * @since 0.1.0
 * @category commands
 */
export const registerAsset = Command.make({
  name: "assets.registerAsset",
  input: Schema.Struct({ ...Command.contextFields, asset: AssetInput }),
  run: (input) =>
    Effect.gen(function*() {
      const { rules, check } = yield* rulesOf(input.schoolId)
      yield* check.department(input.asset.departmentId, ["asset", "departmentId"])
      yield* check.staff(input.asset.custodianId, ["asset", "custodianId"])
      yield* checkTagsFree(input.schoolId, [input.asset.tag], () => ["asset", "tag"])
      const id = yield* idOr(input.asset.id)
      const record = yield* newRecord(input.schoolId, id, input.asset, rules, undefined, ["asset"])
      return yield* AssetRepository.use((r) => r.insert(record))
    })
})

/**
 * Registers a batch of like items (one record each, one bulk write): common fields once, a tag
 * (and optionally a serial, location and custodian) per item. With `likeItems` (a batch of like
 * items lasting over a year: books, furniture, fittings), the items are fixed assets even below the
 * capitalisation threshold when the pack says so.
 *
 * @since 0.1.0
 * @category commands
 */
export const registerBatch = Command.make({
  name: "assets.registerBatch",
  bulk: ["batch", "items"],
  input: Schema.Struct({
    ...Command.contextFields,
    batch: Schema.Struct({
      id: Schema.optionalKey(Text(64)),
      unitCost: NonNegativeMoney,
      likeItems: Schema.Boolean,
      ...AssetFields,
      items: Schema.Array(Schema.Struct({
        id: Schema.optionalKey(Model.AssetId),
        tag: Model.AssetTag,
        serial: Schema.optionalKey(Text(200)),
        location: Schema.optionalKey(Text(200)),
        custodianId: Schema.optionalKey(StaffId)
      })).check(Schema.isMinLength(1), Schema.isMaxLength(100_000))
    })
  }),
  run: (input) =>
    Effect.gen(function*() {
      const { rules, check } = yield* rulesOf(input.schoolId)
      const b = input.batch
      yield* check.department(b.departmentId, ["batch", "departmentId"])
      yield* check.staff(b.custodianId, ["batch", "custodianId"])
      for (let i = 0; i < b.items.length; i++) yield* check.staff(b.items[i]!.custodianId, ["batch", "items", i, "custodianId"])
      yield* checkTagsFree(input.schoolId, b.items.map((i) => i.tag), (i) => ["batch", "items", i, "tag"])
      const batchId = yield* idOr(b.id)
      const { items: _items, unitCost, likeItems: _l, id: _id, ...common } = b
      const records: Array<Asset> = []
      for (let i = 0; i < b.items.length; i++) {
        const item = b.items[i]!
        const id = yield* idOr(item.id)
        records.push(yield* newRecord(input.schoolId, id, {
          ...common,
          tag: item.tag,
          cost: unitCost,
          ...(item.serial === undefined ? {} : { serial: item.serial }),
          ...(item.location === undefined ? {} : { location: item.location }),
          ...(item.custodianId === undefined ? {} : { custodianId: item.custodianId })
        }, rules, { id: batchId, likeItems: b.likeItems }, ["batch"]))
      }
      return yield* AssetRepository.use((r) => r.insertMany(records))
    })
})

// ---------------------------------------------------------------------------------------------
// lifecycle

const Target = { assetId: Model.AssetId, version: Schema.Int, on: Schema.optionalKey(LocalDateSchema) } as const

const changeAsset = (
  input: { readonly schoolId: string; readonly assetId: string; readonly version: number; readonly on?: LocalDate | undefined },
  event: LifecycleEvent,
  change: (a: Asset, on: LocalDate) => Asset,
  path: ReadonlyArray<string | number> = ["assetId"]
) =>
  Effect.gen(function*() {
    const { zone } = yield* rulesOf(input.schoolId)
    const on = yield* dateOr(input.on, zone)
    const asset = yield* loadAsset(input.schoolId, input.assetId, input.version)
    const next = yield* Effect.fromResult(applyEvent(asset, event, on, (a) => change(a, on), path))
    return yield* AssetRepository.use((r) => r.update(next))
  })

/**
 * The lifecycle events that carry no data of their own.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SimpleEvent = Schema.Literals(["receive", "putInService", "startRepair", "finishRepair", "markIdle", "returnToService", "returnLoan", "rejectDisposal"])

/**
 * Moves an asset through a lifecycle event that needs no data: received, put in service (sets the
 * in-service date when there is none), to repair and back, idle and back, returned from loan, a
 * disposal request rejected.
 *
 * @since 0.1.0
 * @category commands
 */
export const changeStatus = Command.make({
  name: "assets.changeStatus",
  input: Schema.Struct({ ...Command.contextFields, ...Target, event: SimpleEvent }),
  run: (input) =>
    changeAsset(input, input.event, (a, on) => {
      switch (input.event) {
        case "putInService":
          return a.inServiceDate === undefined ? { ...a, inServiceDate: on } : a
        case "returnLoan":
          return without(a, "loan")
        case "rejectDisposal":
          return without(a, "disposalRequest")
        default:
          return a
      }
    }, ["event"])
})

/**
 * Lends an asset (借用) until an expected return date.
 *
 * @since 0.1.0
 * @category commands
 */
export const lend = Command.make({
  name: "assets.lend",
  input: Schema.Struct({
    ...Command.contextFields,
    ...Target,
    borrower: Text(200),
    expectedReturn: LocalDateSchema,
    purpose: Schema.optionalKey(Text(500))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const { zone } = yield* rulesOf(input.schoolId)
      const on = yield* dateOr(input.on, zone)
      if (input.expectedReturn < on) {
        return yield* ValidationError.at(["expectedReturn"], {
          zh: `预计归还日期 ${input.expectedReturn} 早于借出日期 ${on}`,
          en: `the expected return date ${input.expectedReturn} is before the loan date ${on}`
        }, "assets.returnBeforeLoan")
      }
      return yield* changeAsset({ ...input, on }, "lend", (a) => ({
        ...a,
        loan: { borrower: input.borrower, since: on, expectedReturn: input.expectedReturn, ...(input.purpose === undefined ? {} : { purpose: input.purpose }) }
      }))
    })
})

/**
 * Transfers an asset (转移) to another custodian and/or location.
 *
 * @since 0.1.0
 * @category commands
 */
export const transfer = Command.make({
  name: "assets.transfer",
  input: Schema.Struct({
    ...Command.contextFields,
    ...Target,
    custodianId: Schema.optionalKey(StaffId),
    location: Schema.optionalKey(Text(200))
  }),
  run: (input) =>
    Effect.gen(function*() {
      if (input.custodianId === undefined && input.location === undefined) {
        return yield* ValidationError.at(["custodianId"], { zh: "请填写新的保管人或存放地点", en: "give a new custodian or location" }, "assets.emptyTransfer")
      }
      const { check } = yield* rulesOf(input.schoolId)
      yield* check.staff(input.custodianId, ["custodianId"])
      return yield* changeAsset(input, "transfer", (a) => ({
        ...a,
        ...(input.custodianId === undefined ? {} : { custodianId: input.custodianId }),
        ...(input.location === undefined ? {} : { location: input.location })
      }))
    })
})

/**
 * Reallocates an asset (调拨) to another department of the school, optionally with a new custodian
 * and location.
 *
 * @since 0.1.0
 * @category commands
 */
export const reallocate = Command.make({
  name: "assets.reallocate",
  input: Schema.Struct({
    ...Command.contextFields,
    ...Target,
    departmentId: DepartmentId,
    custodianId: Schema.optionalKey(StaffId),
    location: Schema.optionalKey(Text(200))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const { check } = yield* rulesOf(input.schoolId)
      yield* check.department(input.departmentId, ["departmentId"])
      yield* check.staff(input.custodianId, ["custodianId"])
      return yield* changeAsset(input, "reallocate", (a) => ({
        ...a,
        departmentId: input.departmentId,
        ...(input.custodianId === undefined ? {} : { custodianId: input.custodianId }),
        ...(input.location === undefined ? {} : { location: input.location })
      }))
    })
})

/**
 * Records the condition of an asset.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordCondition = Command.make({
  name: "assets.recordCondition",
  input: Schema.Struct({ ...Command.contextFields, ...Target, condition: Model.Condition }),
  run: (input) => changeAsset(input, "recordCondition", (a) => ({ ...a, condition: input.condition }))
})

/**
 * Requests the disposal of an asset (scrapping, transfer out, donation, sale, loss).
 *
 * @since 0.1.0
 * @category commands
 */
export const requestDisposal = Command.make({
  name: "assets.requestDisposal",
  input: Schema.Struct({ ...Command.contextFields, ...Target, kind: Model.DisposalKind, reason: Text(1000) }),
  run: (input) =>
    changeAsset(input, "requestDisposal", (a, on) => ({
      ...without(a, "loan"),
      disposalRequest: { kind: input.kind, requestedOn: on, requestedBy: input.actor, reason: input.reason }
    }))
})

/**
 * Approves a requested disposal: the asset leaves the books on the date (its depreciation stops as
 * the accounting convention says) and its record is terminal.
 *
 * @since 0.1.0
 * @category commands
 */
export const approveDisposal = Command.make({
  name: "assets.approveDisposal",
  input: Schema.Struct({ ...Command.contextFields, ...Target, proceeds: Schema.optionalKey(NonNegativeMoney) }),
  run: (input) =>
    changeAsset(input, "approveDisposal", (a, on) => {
      const request = a.disposalRequest
      return {
        ...without(a, "disposalRequest"),
        removedOn: on,
        disposal: {
          kind: request?.kind ?? "scrapping",
          date: on,
          approvedBy: input.actor,
          reason: request?.reason ?? "",
          ...(request?.explanation === undefined ? {} : { explanation: request.explanation }),
          ...(input.proceeds === undefined ? {} : { proceeds: input.proceeds })
        }
      }
    })
})

/**
 * Reallocates an asset to another school: the record ends here in the terminal state
 * `reallocatedOut`; the receiving school opens its own record with {@link receiveReallocation}.
 *
 * @since 0.1.0
 * @category commands
 */
export const reallocateOut = Command.make({
  name: "assets.reallocateOut",
  input: Schema.Struct({ ...Command.contextFields, ...Target, toSchoolId: SchoolId, reason: Text(1000) }),
  run: (input) =>
    Effect.gen(function*() {
      if (input.toSchoolId === input.schoolId) {
        return yield* ValidationError.at(["toSchoolId"], { zh: "不能调拨给本校", en: "cannot reallocate to the same school" }, "assets.reallocateToSelf")
      }
      return yield* changeAsset(input, "reallocateOut", (a, on) => ({
        ...a,
        removedOn: on,
        reallocatedOut: { toSchoolId: input.toSchoolId, date: on, reason: input.reason }
      }))
    })
})

/**
 * Receives an asset reallocated from another school: a new record, with a new id, naming its
 * origin, valued at the sender's book value on the day it left and depreciated over its remaining
 * life. An asset is received once.
 *
 * @since 0.1.0
 * @category commands
 */
export const receiveReallocation = Command.make({
  name: "assets.receiveReallocation",
  input: Schema.Struct({
    ...Command.contextFields,
    fromSchoolId: SchoolId,
    assetId: Model.AssetId,
    id: Schema.optionalKey(Model.AssetId),
    tag: Schema.optionalKey(Model.AssetTag),
    on: Schema.optionalKey(LocalDateSchema),
    departmentId: Schema.optionalKey(DepartmentId),
    custodianId: Schema.optionalKey(StaffId),
    location: Schema.optionalKey(Text(200))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const { zone, check } = yield* rulesOf(input.schoolId)
      yield* check.department(input.departmentId, ["departmentId"])
      yield* check.staff(input.custodianId, ["custodianId"])
      const on = yield* dateOr(input.on, zone)
      const repo = yield* AssetRepository
      const sent = yield* repo.get(input.fromSchoolId, input.assetId)
      const already = yield* repo.list(input.schoolId, { where: { originSchoolId: input.fromSchoolId, originAssetId: input.assetId } })
      if (already.length > 0) {
        return yield* ReallocationError.create("assets.alreadyReceived", ["assetId"], {
          zh: `资产 ${input.assetId} 已调入为 ${already[0]!.id}`,
          en: `asset ${input.assetId} was already received as ${already[0]!.id}`
        })
      }
      const id = yield* idOr(input.id)
      const record = yield* Effect.fromResult(receivingRecord(sent, {
        schoolId: input.schoolId,
        id,
        tag: input.tag,
        receivedOn: on,
        departmentId: input.departmentId,
        custodianId: input.custodianId,
        location: input.location
      }))
      yield* checkTagsFree(input.schoolId, [record.tag], () => ["tag"])
      return yield* repo.insert(record)
    })
})

const requireDepreciation = (a: Asset) =>
  a.depreciation === undefined
    ? Effect.fail(DepreciationRuleError.invalid("assets.notDepreciated", ["assetId"], {
      zh: `资产 ${a.tag} 不计提折旧`,
      en: `asset ${a.tag} is not depreciated`
    }))
    : Effect.succeed(a.depreciation)

const adjust = (
  input: { readonly schoolId: string; readonly assetId: string; readonly version: number; readonly on?: LocalDate | undefined },
  event: "revalue" | "changeLife",
  adjustment: Model.DepreciationSettings["adjustments"][number]
) =>
  Effect.gen(function*() {
    const { rules, zone } = yield* rulesOf(input.schoolId)
    const on = yield* dateOr(input.on, zone)
    const asset = yield* loadAsset(input.schoolId, input.assetId, input.version)
    const settings = yield* requireDepreciation(asset)
    const next = yield* Effect.fromResult(applyEvent(asset, event, on, (a) => ({
      ...a,
      depreciation: { ...settings, adjustments: [...settings.adjustments, adjustment] }
    }), ["assetId"]))
    // the recomputed schedule must hold (e.g. the month is not before depreciation starts)
    const check = valueOf(next, on)
    if (Result.isFailure(check)) {
      const e = check.failure
      return yield* ValidationError.fromIssues(e.issues.map((i) => ({ ...i, path: i.path[0] === "adjustments" ? ["month"] : i.path })), e.code)
    }
    // a new remaining life keeps the category's useful life, as registration does: the whole life
    // (the months charged before the adjustment's month, plus those remaining) within the range
    const method = byId(settings.method)
    if (adjustment.remainingMonths !== undefined && method.pattern.basis === "time") {
      const elapsed = Months.indexOf(adjustment.month) - method.convention.firstMonth(depreciableOf(asset)!)
      yield* Effect.fromResult(checkUsefulLife(rules, asset.category, elapsed + adjustment.remainingMonths, ["remainingMonths"], elapsed))
    }
    return yield* AssetRepository.use((r) => r.update(next))
  })

/**
 * Revalues an asset (a new book value from the start of `month`: an improvement, a revaluation, an
 * impairment); the rest of its schedule is recomputed from it.
 *
 * @since 0.1.0
 * @category commands
 */
export const revalue = Command.make({
  name: "assets.revalue",
  input: Schema.Struct({
    ...Command.contextFields,
    ...Target,
    month: YearMonth,
    bookValue: NonNegativeMoney,
    remainingMonths: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(1200))),
    reason: Text(500)
  }),
  run: (input) =>
    adjust(input, "revalue", {
      month: input.month,
      bookValue: input.bookValue,
      ...(input.remainingMonths === undefined ? {} : { remainingMonths: input.remainingMonths }),
      reason: input.reason
    })
})

/**
 * Changes the remaining life of an asset (months, or units for units of production) from the start
 * of `month`; the rest of its schedule is recomputed.
 *
 * @since 0.1.0
 * @category commands
 */
export const changeRemainingLife = Command.make({
  name: "assets.changeRemainingLife",
  input: Schema.Struct({
    ...Command.contextFields,
    ...Target,
    month: YearMonth,
    remainingMonths: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0), Schema.isLessThanOrEqualTo(1200))),
    remainingUnits: Schema.optionalKey(PositiveDecimal),
    reason: Text(500)
  }),
  run: (input) =>
    Effect.gen(function*() {
      if (input.remainingMonths === undefined && input.remainingUnits === undefined) {
        return yield* ValidationError.at(["remainingMonths"], { zh: "请填写剩余使用月数或剩余工作量", en: "give the remaining months or units" }, "assets.emptyLifeChange")
      }
      return yield* adjust(input, "changeLife", {
        month: input.month,
        ...(input.remainingMonths === undefined ? {} : { remainingMonths: input.remainingMonths }),
        ...(input.remainingUnits === undefined ? {} : { remainingUnits: input.remainingUnits }),
        reason: input.reason
      })
    })
})

// ---------------------------------------------------------------------------------------------
// stocktake

const stocktakeEvent = (s: Stocktake, event: "count" | "apply" | "cancel") =>
  s.status === "open"
    ? Effect.void
    : Effect.fail(IllegalTransitionError.create({ subject: "assets.stocktake", id: s.id, state: s.status, event, path: ["stocktakeId"] }))

/**
 * Starts a stocktake (清查) of the register, or of one department or location.
 *
 * @since 0.1.0
 * @category commands
 */
export const startStocktake = Command.make({
  name: "assets.startStocktake",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(Model.StocktakeId),
    name: Text(200),
    startedOn: Schema.optionalKey(LocalDateSchema),
    scope: Schema.optionalKey(Model.Stocktake.fields.scope)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const { zone } = yield* rulesOf(input.schoolId)
      const startedOn = yield* dateOr(input.startedOn, zone)
      const id = yield* idOr(input.id)
      const s: Stocktake = {
        schoolId: input.schoolId,
        id: id as Stocktake["id"],
        version: 0,
        name: input.name,
        startedOn,
        scope: input.scope ?? {},
        status: "open"
      }
      return yield* StocktakeRepository.use((r) => r.insert(s))
    })
})

/**
 * Records counted tags (scanned or written down): where each was found and in what condition. A
 * tag counted again replaces its earlier count.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordCounts = Command.make({
  name: "assets.recordCounts",
  bulk: "counts",
  input: Schema.Struct({
    ...Command.contextFields,
    stocktakeId: Model.StocktakeId,
    countedAt: Schema.optionalKey(Time.InstantSchema),
    counts: Schema.Array(Schema.Struct({
      tag: Model.AssetTag,
      location: Schema.optionalKey(Text(200)),
      condition: Model.Condition,
      note: Schema.optionalKey(Text(500))
    })).check(Schema.isMinLength(1), Schema.isMaxLength(100_000))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const s = yield* StocktakeRepository.use((r) => r.get(input.schoolId, input.stocktakeId))
      yield* stocktakeEvent(s, "count")
      const at = yield* instantOr(input.countedAt)
      const repo = yield* StocktakeCountRepository
      const last = new Map<string, (typeof input.counts)[number]>()
      for (const c of input.counts) last.set(c.tag, c)
      const existing = new Map<string, StocktakeCount>()
      for (const c of yield* repo.list(input.schoolId, { where: { stocktakeId: s.id, tag: [...last.keys()] } })) existing.set(c.tag, c)
      const fresh: Array<StocktakeCount> = []
      for (const [tag, c] of last) {
        const old = existing.get(tag)
        const record: StocktakeCount = {
          schoolId: input.schoolId,
          id: old?.id ?? (yield* Id.next),
          version: old?.version ?? 0,
          stocktakeId: s.id,
          tag,
          condition: c.condition,
          countedBy: input.actor,
          countedAt: at,
          ...(c.location === undefined ? {} : { location: c.location }),
          ...(c.note === undefined ? {} : { note: c.note })
        }
        if (old === undefined) fresh.push(record)
        else yield* repo.update(record)
      }
      yield* repo.insertMany(fresh)
      return { counted: last.size, new: fresh.length, replaced: last.size - fresh.length }
    })
})

const conditionNames: Record<Model.Condition, string> = { good: "完好", fair: "一般", poor: "较差", unusable: "不能使用" }

/**
 * A correction a stocktake found: an asset's location or condition as counted.
 *
 * @since 0.1.0
 * @category models
 */
export interface StocktakeCorrection {
  readonly assetId: string
  readonly tag: string
  readonly correction: "location" | "condition"
  readonly found: string
}

/**
 * A correction applying a stocktake did not make because the asset's state does not allow it (an
 * asset on loan is neither moved nor re-graded until its return is recorded; one awaiting disposal
 * is not moved; a disposed one is not changed at all), with why, in both languages.
 *
 * @since 0.1.0
 * @category models
 */
export interface StocktakeNotApplied extends StocktakeCorrection {
  readonly state: Model.Asset["status"]
  readonly explanation: { readonly zh: string; readonly en: string }
}

/**
 * Applies a stocktake: assets found elsewhere are moved to where they were found (an expected
 * asset, or a registered asset found outside the scope), changed conditions are recorded, and short
 * assets get a disposal request as losses (报损), each a recorded change in this command's audit
 * entry; the stocktake closes with its summary. A correction the asset's state does not allow is
 * not made and does not stop the others: it is returned in `notApplied`, with why. Surpluses (盘盈:
 * tags the register does not know) are not booked — a count gives no name, category or value —
 * and are returned in `awaitingRegistration`, each to be registered (`registerAsset` with its tag)
 * at its valuation once that is known.
 *
 * @since 0.1.0
 * @category commands
 */
export const applyStocktake = Command.make({
  name: "assets.applyStocktake",
  input: Schema.Struct({ ...Command.contextFields, stocktakeId: Model.StocktakeId, version: Schema.Int, on: Schema.optionalKey(LocalDateSchema) }),
  run: (input) =>
    Effect.gen(function*() {
      const { zone } = yield* rulesOf(input.schoolId)
      const on = yield* dateOr(input.on, zone)
      const { stocktake, assets, result } = yield* stocktakeResult(input.schoolId, input.stocktakeId)
      if (stocktake.version !== input.version) {
        return yield* stale("assets.stocktake", input.schoolId, stocktake.id, input.version, stocktake.version)
      }
      yield* stocktakeEvent(stocktake, "apply")
      const byId = new Map(assets.map((a) => [a.id as string, a] as const))
      const changed = new Map<string, Asset>()
      const current = (id: string) => changed.get(id) ?? byId.get(id)!
      const step = (id: string, event: LifecycleEvent, change: (a: Asset) => Asset) =>
        Effect.gen(function*() {
          const next = yield* Effect.fromResult(applyEvent(current(id), event, on, change, ["stocktakeId"]))
          changed.set(id, next)
        })
      const corrections: Array<StocktakeCorrection> = [
        ...result.wrongLocation.map((w) => ({ assetId: w.assetId, tag: w.tag, correction: "location" as const, found: w.found })),
        ...result.conditionChanged.map((c) => ({ assetId: c.assetId, tag: c.tag, correction: "condition" as const, found: c.found })),
        ...result.foundUnexpected.flatMap((f) => [
          ...(f.location !== undefined && f.location !== f.recorded ? [{ assetId: f.assetId, tag: f.tag, correction: "location" as const, found: f.location }] : []),
          ...(f.condition !== f.recordedCondition ? [{ assetId: f.assetId, tag: f.tag, correction: "condition" as const, found: f.condition }] : [])
        ])
      ]
      const notApplied: Array<StocktakeNotApplied> = []
      for (const c of corrections) {
        const event = c.correction === "location" ? "transfer" : "recordCondition"
        const state = current(c.assetId).status
        if (Lifecycle.transitions[state][event] === undefined) {
          const refused = IllegalTransitionError.create({ subject: "assets", id: c.tag, state, event })
          const found = c.correction === "location"
            ? { zh: `盘点发现位于“${c.found}”，存放地点未更正`, en: `it was found at “${c.found}”; its location is not corrected` }
            : { zh: `盘点发现状况为“${conditionNames[c.found as Model.Condition]}”，状况未更正`, en: `it was found ${c.found}; its condition is not corrected` }
          notApplied.push({ ...c, state, explanation: { zh: `${refused.zh}：${found.zh}`, en: `${refused.en}: ${found.en}` } })
          continue
        }
        yield* step(c.assetId, event, (a) => (c.correction === "location" ? { ...a, location: c.found } : { ...a, condition: c.found as Model.Condition }))
      }
      for (const s of result.shortage) {
        if (current(s.assetId).status === "disposalRequested") continue
        yield* step(s.assetId, "requestDisposal", (a) => ({
          ...a,
          disposalRequest: {
            kind: "loss",
            requestedOn: on,
            requestedBy: input.actor,
            reason: `盘亏：清查「${stocktake.name}」中未找到`,
            explanation: { zh: `盘亏：清查「${stocktake.name}」中未找到`, en: `shortage: not found in the stocktake “${stocktake.name}”` }
          }
        }))
      }
      const repo = yield* AssetRepository
      for (const a of changed.values()) yield* repo.update(a)
      const summary = {
        expected: result.expected,
        counted: result.counted,
        matched: result.matched.length,
        surplus: result.surplus.length,
        shortage: result.shortage.length,
        wrongLocation: result.wrongLocation.length,
        conditionChanged: result.conditionChanged.length,
        away: result.away.length,
        foundAway: result.foundAway.length,
        foundUnexpected: result.foundUnexpected.length,
        notApplied: notApplied.length
      }
      const applied = yield* StocktakeRepository.use((r) => r.update({ ...stocktake, status: "applied", appliedOn: on, summary }))
      const awaitingRegistration = result.surplus.map((s) => ({ tag: s.tag, ...(s.location === undefined ? {} : { location: s.location }), condition: s.condition }))
      return { stocktake: applied, result, corrected: changed.size, notApplied, awaitingRegistration }
    })
})

/**
 * Cancels an open stocktake.
 *
 * @since 0.1.0
 * @category commands
 */
export const cancelStocktake = Command.make({
  name: "assets.cancelStocktake",
  input: Schema.Struct({ ...Command.contextFields, stocktakeId: Model.StocktakeId, version: Schema.Int }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* StocktakeRepository
      const s = yield* repo.get(input.schoolId, input.stocktakeId)
      if (s.version !== input.version) return yield* stale("assets.stocktake", input.schoolId, s.id, input.version, s.version)
      yield* stocktakeEvent(s, "cancel")
      return yield* repo.update({ ...s, status: "cancelled" })
    })
})

// ---------------------------------------------------------------------------------------------
// repairs

const loadRepair = (schoolId: string, id: string, version: number) =>
  Effect.gen(function*() {
    const r = yield* RepairRequestRepository.use((repo) => repo.get(schoolId, id))
    if (r.version !== version) return yield* stale("assets.repairRequest", schoolId, id, version, r.version)
    return r
  })

/**
 * Reports a repair (报修) of an asset or of a place.
 *
 * @since 0.1.0
 * @category commands
 */
export const reportRepair = Command.make({
  name: "assets.reportRepair",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(Model.RepairRequestId),
    assetId: Schema.optionalKey(Model.AssetId),
    location: Schema.optionalKey(Text(200)),
    description: Text(1000),
    reportedAt: Schema.optionalKey(Time.InstantSchema)
  }),
  run: (input) =>
    Effect.gen(function*() {
      if (input.assetId === undefined && input.location === undefined) {
        return yield* ValidationError.at(["assetId"], { zh: "请填写报修的资产或地点", en: "give the asset or the place to repair" }, "assets.repairWithoutSubject")
      }
      if (input.assetId !== undefined) {
        const a = yield* AssetRepository.use((r) => r.get(input.schoolId, input.assetId!))
        if (Lifecycle.isTerminal(a.status)) {
          return yield* IllegalTransitionError.create({ subject: "assets", id: a.id, state: a.status, event: "reportRepair", path: ["assetId"] })
        }
      }
      const id = yield* idOr(input.id)
      const reportedAt = yield* instantOr(input.reportedAt)
      const r: RepairRequest = {
        schoolId: input.schoolId,
        id: id as RepairRequest["id"],
        version: 0,
        description: input.description,
        reportedBy: input.actor,
        reportedAt,
        status: "open",
        ...(input.assetId === undefined ? {} : { assetId: input.assetId }),
        ...(input.location === undefined ? {} : { location: input.location })
      }
      return yield* RepairRequestRepository.use((repo) => repo.insert(r))
    })
})

/**
 * Dispatches a repair request to the repair service (通知维修部门): the moment the deadline rule
 * measures.
 *
 * @since 0.1.0
 * @category commands
 */
export const dispatchRepair = Command.make({
  name: "assets.dispatchRepair",
  input: Schema.Struct({
    ...Command.contextFields,
    repairRequestId: Model.RepairRequestId,
    version: Schema.Int,
    dispatchedTo: Text(200),
    at: Schema.optionalKey(Time.InstantSchema)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const r = yield* loadRepair(input.schoolId, input.repairRequestId, input.version)
      const status = yield* Effect.fromResult(Repairs.transition(r, "dispatch"))
      const at = yield* instantOr(input.at)
      return yield* RepairRequestRepository.use((repo) => repo.update({ ...r, status, dispatchedAt: at, dispatchedTo: input.dispatchedTo }))
    })
})

/**
 * Completes a repair request, with its cost and outcome.
 *
 * @since 0.1.0
 * @category commands
 */
export const completeRepair = Command.make({
  name: "assets.completeRepair",
  input: Schema.Struct({
    ...Command.contextFields,
    repairRequestId: Model.RepairRequestId,
    version: Schema.Int,
    at: Schema.optionalKey(Time.InstantSchema),
    cost: Schema.optionalKey(NonNegativeMoney),
    outcome: Text(1000)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const r = yield* loadRepair(input.schoolId, input.repairRequestId, input.version)
      const status = yield* Effect.fromResult(Repairs.transition(r, "complete"))
      const at = yield* instantOr(input.at)
      return yield* RepairRequestRepository.use((repo) =>
        repo.update({ ...r, status, completedAt: at, outcome: input.outcome, ...(input.cost === undefined ? {} : { cost: input.cost }) }))
    })
})

/**
 * Cancels a repair request.
 *
 * @since 0.1.0
 * @category commands
 */
export const cancelRepair = Command.make({
  name: "assets.cancelRepair",
  input: Schema.Struct({ ...Command.contextFields, repairRequestId: Model.RepairRequestId, version: Schema.Int, reason: Text(500) }),
  run: (input) =>
    Effect.gen(function*() {
      const r = yield* loadRepair(input.schoolId, input.repairRequestId, input.version)
      const status = yield* Effect.fromResult(Repairs.transition(r, "cancel"))
      return yield* RepairRequestRepository.use((repo) => repo.update({ ...r, status, outcome: input.reason }))
    })
})

// ---------------------------------------------------------------------------------------------
// inspections

/**
 * Creates an inspection plan (e.g. the outdoor play equipment, every month).
 *
 * @since 0.1.0
 * @category commands
 */
export const createInspectionPlan = Command.make({
  name: "assets.createInspectionPlan",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(Model.InspectionPlanId),
    name: Text(200),
    assetIds: Schema.Array(Model.AssetId),
    every: Model.InspectionPlan.fields.every,
    startsOn: LocalDateSchema
  }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* AssetRepository
      for (let i = 0; i < input.assetIds.length; i++) {
        const found = yield* repo.find(input.schoolId, input.assetIds[i]!)
        if (Option.isNone(found)) {
          return yield* ValidationError.at(["assetIds", i], { zh: `没有资产 ${input.assetIds[i]}`, en: `no asset ${input.assetIds[i]}` }, "assets.unknownAsset")
        }
      }
      const id = yield* idOr(input.id)
      const plan: InspectionPlan = {
        schoolId: input.schoolId,
        id: id as InspectionPlan["id"],
        version: 0,
        name: input.name,
        assetIds: input.assetIds,
        every: input.every,
        startsOn: input.startsOn,
        active: true,
        records: []
      }
      return yield* InspectionPlanRepository.use((r) => r.insert(plan))
    })
})

const InspectionResultInput = Schema.Struct({
  assetId: Model.AssetId,
  outcome: Model.InspectionAssetResult.fields.outcome,
  note: Schema.optionalKey(Text(1000)),
  repairRequestId: Schema.optionalKey(Model.RepairRequestId)
})

/**
 * The record an inspection input makes: the per-asset `results` checked against the plan's scope
 * (each asset of the plan, once; a failure with a note) and the overall `result` derived from them
 * (`fail` when any failed or was not found), or given as it always was when there are none.
 *
 * @since 0.1.0
 * @category combinators
 */
export const inspectionRecord = (
  plan: Pick<InspectionPlan, "assetIds">,
  record: {
    readonly date: LocalDate
    readonly result?: "pass" | "fail" | undefined
    readonly notes?: string | undefined
    readonly repairRequestId?: Model.InspectionRecord["repairRequestId"] | undefined
    readonly results?: ReadonlyArray<typeof InspectionResultInput.Type> | undefined
  },
  inspector: string,
  path: ReadonlyArray<string | number> = ["record"]
): Result.Result<Model.InspectionRecord, ValidationError> => {
  const base = {
    date: record.date,
    inspector,
    ...(record.notes === undefined ? {} : { notes: record.notes }),
    ...(record.repairRequestId === undefined ? {} : { repairRequestId: record.repairRequestId })
  }
  if (record.results === undefined) {
    if (record.result === undefined) {
      return Result.fail(ValidationError.at([...path, "result"], {
        zh: "请填写检查结果（合格或不合格），或逐项填写各资产的结果",
        en: "give the result (pass or fail), or the result of each asset"
      }, "assets.inspectionWithoutResult"))
    }
    return Result.succeed({ ...base, result: record.result })
  }
  if (record.results.length === 0) {
    return Result.fail(ValidationError.at([...path, "results"], {
      zh: "逐项结果至少要有一项资产",
      en: "per-asset results need at least one asset"
    }, "assets.inspectionWithoutResult"))
  }
  const scope = new Set<string>(plan.assetIds)
  const seen = new Set<string>()
  for (let i = 0; i < record.results.length; i++) {
    const x = record.results[i]!
    if (!scope.has(x.assetId)) {
      return Result.fail(ValidationError.at([...path, "results", i, "assetId"], {
        zh: `资产 ${x.assetId} 不在本巡检计划范围内`,
        en: `the asset ${x.assetId} is not covered by this inspection plan`
      }, "assets.notInPlan"))
    }
    if (seen.has(x.assetId)) {
      return Result.fail(ValidationError.at([...path, "results", i, "assetId"], {
        zh: `资产 ${x.assetId} 的结果重复填写`,
        en: `the asset ${x.assetId} has two results`
      }, "assets.duplicateResult"))
    }
    seen.add(x.assetId)
    if (x.outcome === "failed" && x.note === undefined) {
      return Result.fail(ValidationError.at([...path, "results", i, "note"], {
        zh: `资产 ${x.assetId} 检查不合格，请说明问题`,
        en: `the asset ${x.assetId} failed: say what is wrong`
      }, "assets.failureWithoutNote"))
    }
  }
  const result = record.results.some((x) => x.outcome !== "passed") ? "fail" : "pass"
  if (record.result !== undefined && record.result !== result) {
    return Result.fail(ValidationError.at([...path, "result"], {
      zh: result === "fail" ? "有资产不合格或未找到，检查结果应为不合格" : "各资产均合格，检查结果应为合格",
      en: result === "fail" ? "an asset failed or was not found: the result is fail" : "every asset passed: the result is pass"
    }, "assets.resultDisagrees"))
  }
  const results = record.results.map((x) => ({
    assetId: x.assetId,
    outcome: x.outcome,
    ...(x.note === undefined ? {} : { note: x.note }),
    ...(x.repairRequestId === undefined ? {} : { repairRequestId: x.repairRequestId })
  }))
  return Result.succeed({ ...base, result, results })
}

/**
 * Records an inspection of a plan: pass or fail as a whole (with the repair request opened for a
 * failure), or the result of each asset of the plan's scope (`results`: passed, failed with a note,
 * not found), from which the overall result follows. An asset outside the plan is refused at
 * `record.results.i.assetId`.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordInspection = Command.make({
  name: "assets.recordInspection",
  input: Schema.Struct({
    ...Command.contextFields,
    planId: Model.InspectionPlanId,
    version: Schema.Int,
    record: Schema.Struct({
      date: LocalDateSchema,
      result: Schema.optionalKey(Schema.Literals(["pass", "fail"])),
      notes: Schema.optionalKey(Text(1000)),
      repairRequestId: Schema.optionalKey(Model.RepairRequestId),
      results: Schema.optionalKey(Schema.Array(InspectionResultInput).check(Schema.isMaxLength(100_000)))
    })
  }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* InspectionPlanRepository
      const plan = yield* repo.get(input.schoolId, input.planId)
      if (plan.version !== input.version) return yield* stale("assets.inspectionPlan", input.schoolId, plan.id, input.version, plan.version)
      const record = yield* Effect.fromResult(inspectionRecord(plan, input.record, input.actor))
      return yield* repo.update({ ...plan, records: [...plan.records, record] })
    })
})

/**
 * Switches an inspection plan on or off, as of `on` (default: today in the school's zone). The plan
 * keeps the span it was off (`pauses`): periods that meet it are not checked for misses, the
 * periods before and after it are. Switching a plan to the state it is in changes nothing. `on`
 * may not be before the plan starts nor before the last pause began (`assets.badDates` at
 * `["on"]`).
 *
 * @since 0.1.0
 * @category commands
 */
export const setInspectionPlanActive = Command.make({
  name: "assets.setInspectionPlanActive",
  input: Schema.Struct({
    ...Command.contextFields,
    planId: Model.InspectionPlanId,
    version: Schema.Int,
    active: Schema.Boolean,
    on: Schema.optionalKey(LocalDateSchema)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* InspectionPlanRepository
      const plan = yield* repo.get(input.schoolId, input.planId)
      if (plan.version !== input.version) return yield* stale("assets.inspectionPlan", input.schoolId, plan.id, input.version, plan.version)
      if (plan.active === input.active) return plan
      const { zone } = yield* rulesOf(input.schoolId)
      const on = yield* dateOr(input.on, zone)
      const pauses = plan.pauses ?? []
      const last = pauses.at(-1)
      // not before the plan starts, nor before its last switch
      const earliest = [plan.startsOn, last?.from, last?.until].reduce<LocalDate>((a, b) => (b !== undefined && b > a ? b : a), plan.startsOn)
      if (on < earliest) {
        return yield* Effect.fail(ValidationError.at(["on"], {
          zh: `日期 ${on} 早于 ${earliest}（巡检计划的开始日期或上一次启用、停用的日期）`,
          en: `${on} is before ${earliest} (the plan's start, or the last time it was switched on or off)`
        }, "assets.badDates"))
      }
      // switched off: a pause opens; switched on: the open pause ends (a plan switched off before
      // pauses were kept has none open: its time off is unknown, and all of it is checked, as before)
      const next = !input.active
        ? [...pauses, { from: on }]
        : last !== undefined && last.until === undefined
        ? [...pauses.slice(0, -1), { from: last.from, until: on }]
        : pauses
      return yield* repo.update({ ...plan, active: input.active, ...(next.length === 0 ? {} : { pauses: next }) })
    })
})

// ---------------------------------------------------------------------------------------------
// consumables

const move = (
  schoolId: string,
  itemId: string,
  movement: Omit<ConsumableMovement, "schoolId" | "id" | "version" | "itemId">,
  check: (item: ConsumableStock) => Effect.Effect<void, RequisitionError> = () => Effect.void
) =>
  Effect.gen(function*() {
    const items = yield* ConsumableStockRepository
    const item = yield* items.get(schoolId, itemId)
    yield* check(item)
    const onHand = BigDecimal.normalize(BigDecimal.sum(item.onHand, Consumables.delta(movement)))
    if (onHand.value < 0n) {
      return yield* RequisitionError.create("assets.insufficientStock", ["quantity"], {
        zh: `${item.name} 库存 ${D.format(item.onHand)}，调整后将为负数`,
        en: `${item.name}: ${D.format(item.onHand)} on hand; the change would leave less than nothing`
      })
    }
    const id = yield* Id.next
    const m: ConsumableMovement = { schoolId: schoolId as ConsumableMovement["schoolId"], id, version: 0, itemId: item.id, ...movement }
    yield* ConsumableMovementRepository.use((r) => r.insert(m))
    const updated = yield* items.update({ ...item, onHand })
    return { item: updated, movement: m }
  })

/**
 * Adds a consumable supply item (stock starts at zero).
 *
 * @since 0.1.0
 * @category commands
 */
export const addConsumable = Command.make({
  name: "assets.addConsumable",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(Model.ConsumableId),
    name: Text(200),
    category: Text(64),
    unit: UnitSchema,
    reorderLevel: Schema.optionalKey(NonNegativeDecimal)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const id = yield* idOr(input.id)
      const item: ConsumableStock = {
        schoolId: input.schoolId,
        id: id as ConsumableStock["id"],
        version: 0,
        name: input.name,
        category: input.category,
        unit: input.unit,
        onHand: D.fromInt(0),
        ...(input.reorderLevel === undefined ? {} : { reorderLevel: input.reorderLevel })
      }
      return yield* ConsumableStockRepository.use((r) => r.insert(item))
    })
})

/**
 * Registers goods in (入库).
 *
 * @since 0.1.0
 * @category commands
 */
export const receiveConsumables = Command.make({
  name: "assets.receiveConsumables",
  input: Schema.Struct({
    ...Command.contextFields,
    itemId: Model.ConsumableId,
    quantity: PositiveDecimal,
    date: Schema.optionalKey(LocalDateSchema),
    unitCost: Schema.optionalKey(MoneySchema),
    note: Schema.optionalKey(Text(500))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const { zone } = yield* rulesOf(input.schoolId)
      const date = yield* dateOr(input.date, zone)
      return yield* move(input.schoolId, input.itemId, {
        kind: "receipt",
        date,
        quantity: input.quantity,
        ...(input.unitCost === undefined ? {} : { unitCost: input.unitCost }),
        ...(input.note === undefined ? {} : { note: input.note })
      })
    })
})

/**
 * Issues supplies to a department (领用): on a requisition day, no more than is on hand, and under
 * return-old-for-new the old items returned or the reason why not.
 *
 * @since 0.1.0
 * @category commands
 */
export const requisitionConsumables = Command.make({
  name: "assets.requisitionConsumables",
  input: Schema.Struct({
    ...Command.contextFields,
    itemId: Model.ConsumableId,
    quantity: PositiveDecimal,
    date: Schema.optionalKey(LocalDateSchema),
    departmentId: DepartmentId,
    requester: Text(64),
    returnedOld: Schema.optionalKey(NonNegativeDecimal),
    noOldReason: Schema.optionalKey(Text(500))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const { rules, zone, check } = yield* rulesOf(input.schoolId)
      yield* check.department(input.departmentId, ["departmentId"])
      const date = yield* dateOr(input.date, zone)
      return yield* move(input.schoolId, input.itemId, {
        kind: "requisition",
        date,
        quantity: input.quantity,
        departmentId: input.departmentId,
        requester: input.requester,
        ...(input.returnedOld === undefined ? {} : { returnedOld: input.returnedOld }),
        ...(input.noOldReason === undefined ? {} : { noOldReason: input.noOldReason })
      }, (item) => Effect.fromResult(Consumables.checkRequisition(item, { ...input, date }, rules)))
    })
})

/**
 * Takes unused supplies back into stock (a department's return lowers its consumption).
 *
 * @since 0.1.0
 * @category commands
 */
export const returnConsumables = Command.make({
  name: "assets.returnConsumables",
  input: Schema.Struct({
    ...Command.contextFields,
    itemId: Model.ConsumableId,
    quantity: PositiveDecimal,
    date: Schema.optionalKey(LocalDateSchema),
    departmentId: Schema.optionalKey(DepartmentId),
    note: Schema.optionalKey(Text(500))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const { zone, check } = yield* rulesOf(input.schoolId)
      yield* check.department(input.departmentId, ["departmentId"])
      const date = yield* dateOr(input.date, zone)
      return yield* move(input.schoolId, input.itemId, {
        kind: "return",
        date,
        quantity: input.quantity,
        ...(input.departmentId === undefined ? {} : { departmentId: input.departmentId }),
        ...(input.note === undefined ? {} : { note: input.note })
      })
    })
})

/**
 * Records a count of a supply: the difference from what is on hand is booked as an adjustment.
 *
 * @since 0.1.0
 * @category commands
 */
export const countConsumables = Command.make({
  name: "assets.countConsumables",
  input: Schema.Struct({
    ...Command.contextFields,
    itemId: Model.ConsumableId,
    counted: NonNegativeDecimal,
    date: Schema.optionalKey(LocalDateSchema),
    note: Schema.optionalKey(Text(500))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const { zone } = yield* rulesOf(input.schoolId)
      const date = yield* dateOr(input.date, zone)
      const item = yield* ConsumableStockRepository.use((r) => r.get(input.schoolId, input.itemId))
      const difference: Decimal = BigDecimal.normalize(BigDecimal.subtract(input.counted, item.onHand))
      return yield* move(input.schoolId, input.itemId, {
        kind: "adjustment",
        date,
        quantity: difference,
        ...(input.note === undefined ? {} : { note: input.note })
      })
    })
})

/**
 * Records a department's explanation of its unusual consumption of a supply in a month (the
 * answer an `assets.consumptionAnomaly` finding asks for): the text, who gave it (the actor) and
 * when, kept on the supply item (`explanations`). The month's finding is then `info`, with the
 * explanation in its evidence. A later explanation of the same month supersedes the earlier one in
 * the finding; both stay on the item. A month that has not begun cannot be explained.
 *
 * @since 0.1.0
 * @category commands
 */
export const explainConsumption = Command.make({
  name: "assets.explainConsumption",
  input: Schema.Struct({
    ...Command.contextFields,
    itemId: Model.ConsumableId,
    version: Schema.Int,
    departmentId: DepartmentId,
    month: YearMonth,
    text: Text(1000),
    at: Schema.optionalKey(Time.InstantSchema)
  }),
  run: (input) =>
    Effect.gen(function*() {
      const { zone, check } = yield* rulesOf(input.schoolId)
      yield* check.department(input.departmentId, ["departmentId"])
      const items = yield* ConsumableStockRepository
      const item = yield* items.get(input.schoolId, input.itemId)
      if (item.version !== input.version) return yield* stale("assets.consumableStock", input.schoolId, item.id, input.version, item.version)
      const at = yield* instantOr(input.at)
      const today = Time.localDate(at, zone)
      if (Months.indexOf(input.month) > Months.indexOf(today)) {
        return yield* ValidationError.at(["month"], {
          zh: `${input.month} 尚未开始，不能说明其消耗（今天是 ${today}）`,
          en: `${input.month} has not begun (today is ${today}): its consumption cannot be explained yet`
        }, "assets.explanationTooEarly")
      }
      const explanation: Model.ConsumptionExplanation = { departmentId: input.departmentId, month: input.month, text: input.text, by: input.actor, at }
      return yield* items.update({ ...item, explanations: [...(item.explanations ?? []), explanation] })
    })
})

// ---------------------------------------------------------------------------------------------
// reservations and usage

const bookable = new Set<Asset["status"]>(["inService", "idle"])

/**
 * Reserves an asset for `[from, to)`; an overlap with another booking is refused.
 *
 * @since 0.1.0
 * @category commands
 */
export const reserve = Command.make({
  name: "assets.reserve",
  input: Schema.Struct({
    ...Command.contextFields,
    assetId: Model.AssetId,
    id: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64))),
    from: Time.InstantSchema,
    to: Time.InstantSchema,
    purpose: Schema.optionalKey(Text(500))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const { zone } = yield* rulesOf(input.schoolId)
      const asset = yield* AssetRepository.use((r) => r.get(input.schoolId, input.assetId))
      if (!bookable.has(asset.status)) {
        return yield* IllegalTransitionError.create({ subject: "assets", id: asset.id, state: asset.status, event: "reserve", path: ["assetId"] })
      }
      const repo = yield* ReservationsRepository
      const found = yield* repo.find(input.schoolId, input.assetId)
      const calendar: ReservationCalendar = Option.getOrElse(found, () => ({ schoolId: input.schoolId, id: input.assetId, version: 0, reservations: [] }))
      const id = yield* idOr(input.id)
      const next = yield* Effect.fromResult(Reservations.reserve(calendar, {
        id,
        from: input.from,
        to: input.to,
        bookedBy: input.actor,
        status: "booked",
        ...(input.purpose === undefined ? {} : { purpose: input.purpose })
      }, zone))
      return calendar.version === 0 ? yield* repo.insert(next) : yield* repo.update(next)
    })
})

/**
 * Cancels a reservation.
 *
 * @since 0.1.0
 * @category commands
 */
export const cancelReservation = Command.make({
  name: "assets.cancelReservation",
  input: Schema.Struct({ ...Command.contextFields, assetId: Model.AssetId, reservationId: Schema.String.check(Schema.isMinLength(1)) }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* ReservationsRepository
      const calendar = yield* repo.get(input.schoolId, input.assetId)
      const i = calendar.reservations.findIndex((r) => r.id === input.reservationId)
      const r = calendar.reservations[i]
      if (r === undefined) {
        return yield* ValidationError.at(["reservationId"], { zh: `没有预约 ${input.reservationId}`, en: `no reservation ${input.reservationId}` }, "assets.unknownReservation")
      }
      if (r.status !== "booked") {
        return yield* IllegalTransitionError.create({ subject: "assets.reservation", id: r.id, state: r.status, event: "cancel", path: ["reservationId"] })
      }
      const reservations = calendar.reservations.map((x, j) => (j === i ? { ...x, status: "cancelled" as const } : x))
      return yield* repo.update({ ...calendar, reservations })
    })
})

/**
 * Records the use of an asset on a date: hours, sessions, units produced (for units-of-production
 * depreciation), or several.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordUsage = Command.make({
  name: "assets.recordUsage",
  input: Schema.Struct({
    ...Command.contextFields,
    id: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64))),
    assetId: Model.AssetId,
    date: LocalDateSchema,
    hours: Schema.optionalKey(NonNegativeDecimal),
    sessions: Schema.optionalKey(Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))),
    units: Schema.optionalKey(NonNegativeDecimal),
    reservationId: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(64)))
  }),
  run: (input) =>
    Effect.gen(function*() {
      if (input.hours === undefined && input.sessions === undefined && input.units === undefined) {
        return yield* ValidationError.at(["hours"], { zh: "请填写使用小时数、次数或工作量", en: "give hours, sessions or units" }, "assets.emptyUsage")
      }
      const asset = yield* AssetRepository.use((r) => r.get(input.schoolId, input.assetId))
      if (Lifecycle.isTerminal(asset.status)) {
        return yield* IllegalTransitionError.create({ subject: "assets", id: asset.id, state: asset.status, event: "recordUsage", path: ["assetId"] })
      }
      const id = yield* idOr(input.id)
      return yield* UsageRecordRepository.use((r) =>
        r.insert({
          schoolId: input.schoolId,
          id,
          version: 0,
          assetId: input.assetId,
          date: input.date,
          recordedBy: input.actor,
          ...(input.hours === undefined ? {} : { hours: input.hours }),
          ...(input.sessions === undefined ? {} : { sessions: input.sessions }),
          ...(input.units === undefined ? {} : { units: input.units }),
          ...(input.reservationId === undefined ? {} : { reservationId: input.reservationId })
        }))
    })
})
