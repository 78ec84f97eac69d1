/**
 * Conformance cases of the assets module: every aggregate reads back exactly as written, the
 * projected fields answer queries as the reference does, commands are atomic and audited on each
 * side of a reallocation, a disposed record does not change, and two bookings of one slot cannot
 * both be written.
 *
 * Every date is given explicitly: the cases do not depend on the clock.
 *
 * @since 0.1.0
 */
import { BigDecimal, Effect, Result, Schema } from "effect"
import * as fc from "fast-check"
import { assert } from "vitest"
import * as C from "../../assets/commands.ts"
import type { Asset, StocktakeCount } from "../../assets/model.ts"
import * as Model from "../../assets/model.ts"
import * as Queries from "../../assets/queries.ts"
import * as Json from "../../kernel/Json.ts"
import type { LocalDate } from "../../kernel/LocalDate.ts"
import { parseInstant } from "../../kernel/Time.ts"
import { AuditLog } from "../../ports/AuditLog.ts"
import {
  AssetRepository,
  AssetSpec,
  ConsumableMovementRepository,
  ConsumableStockRepository,
  InspectionPlanRepository,
  RepairRequestRepository,
  RepairRequestSpec,
  ReservationsRepository,
  StocktakeCountRepository,
  StocktakeRepository,
  UsageRecordRepository,
  UsageRecordSpec
} from "../../ports/assets.ts"
import { applyQuery } from "../../ports/Memory.ts"
import type { Query } from "../../ports/Storage.ts"
import * as AssetArb from "../assets.ts"
import type { Group } from "../conformance.ts"
import { hasFields } from "./expect.ts"

const sample = <A>(arb: fc.Arbitrary<A>, seed: number): A => fc.sample(arb, { seed, numRuns: 1 })[0]!

const same = (actual: unknown, expected: unknown, message: string) =>
  assert.strictEqual(Result.getOrThrow(Json.canonicalize(actual)), Result.getOrThrow(Json.canonicalize(expected)), message)

const encodeAsset = Schema.encodeSync(Model.Asset)
const at = (s: string) => parseInstant(s)!
const cny = (amount: number) => ({ amount, currency: "CNY" as const })

const assets = (schoolId: string, seed: number, n: number): Array<Asset> =>
  sample(fc.uniqueArray(AssetArb.asset(schoolId), { selector: (a) => a.id, minLength: n, maxLength: n }), seed).map((a, i) => ({
    ...a,
    tag: `${a.tag}-${i}`,
    ...(i % 3 === 0 ? { departmentId: "dept-a" as NonNullable<Asset["departmentId"]> } : i % 3 === 1 ? { departmentId: "dept-b" as NonNullable<Asset["departmentId"]> } : {}),
    status: (["inService", "idle", "underRepair", "onLoan"] as const)[i % 4]!,
    ...(i % 4 === 3 ? { loan: { borrower: "王老师", since: a.acquisitionDate, expectedReturn: a.acquisitionDate } } : {}),
    ...(i % 5 === 0 ? { origin: { schoolId: "other-school" as Asset["schoolId"], assetId: `old-${i}` as Asset["id"], tag: `O-${i}`, date: a.acquisitionDate } } : {})
  }))

/**
 * @since 0.1.0
 * @category cases
 */
export const assetsCases: Group = {
  name: "assets",
  cases: [
    {
      name: "round trip: every aggregate reads back exactly as written (money, decimals, Chinese text, instants)",
      run: Effect.gen(function*() {
        const schoolId = "conf-assets-roundtrip" as Asset["schoolId"]
        const list = assets(schoolId, 21, 12).map((a, i) => i === 0
          ? {
            ...a,
            name: "钢琴 “星海” 🎹 '; DROP TABLE assets_asset;--",
            cost: cny(9_007_199_254_740_991),
            depreciation: {
              method: "governmentStraightLine" as const,
              usefulLifeMonths: 180,
              adjustments: [{ month: "2026-01", bookValue: cny(123_456_789), remainingMonths: 100, reason: "改造" }]
            }
          }
          : a)
        const repo = yield* AssetRepository
        yield* repo.insertMany(list)
        for (const a of list) same(encodeAsset(yield* repo.get(schoolId, a.id)), encodeAsset({ ...a, version: 1 }), `asset ${a.id}`)
        const s = yield* StocktakeRepository.use((r) => r.insert({ schoolId, id: "st-1" as Model.StocktakeId, version: 0, name: "期末清查", startedOn: list[0]!.acquisitionDate, scope: { location: "操场" }, status: "open" }))
        same(yield* StocktakeRepository.use((r) => r.get(schoolId, s.id)).pipe(Effect.map(Schema.encodeSync(Model.Stocktake))), Schema.encodeSync(Model.Stocktake)(s), "stocktake")
        const count = yield* StocktakeCountRepository.use((r) => r.insert({ schoolId, id: "c-1", version: 0, stocktakeId: s.id, tag: "T0001", condition: "poor", countedBy: "staff-1", countedAt: at("2024-06-30T17:45:00+08:00") }))
        same(Schema.encodeSync(Model.StocktakeCount)(yield* StocktakeCountRepository.use((r) => r.get(schoolId, count.id))), Schema.encodeSync(Model.StocktakeCount)(count), "count")
        const repair = yield* RepairRequestRepository.use((r) => r.insert({ schoolId, id: "rr-1" as Model.RepairRequestId, version: 0, assetId: list[1]!.id, description: "屏幕闪烁", reportedBy: "staff-2", reportedAt: at("2024-05-06T09:00:00+08:00"), status: "completed", completedAt: at("2024-05-06T15:00:00+08:00"), cost: cny(12_050), outcome: "更换电源" }))
        same(Schema.encodeSync(Model.RepairRequest)(yield* RepairRequestRepository.use((r) => r.get(schoolId, repair.id))), Schema.encodeSync(Model.RepairRequest)(repair), "repair request")
        const plan = yield* InspectionPlanRepository.use((r) => r.insert({ schoolId, id: "ip-1" as Model.InspectionPlanId, version: 0, name: "电器月检", assetIds: [list[2]!.id], every: { unit: "month", count: 1 }, startsOn: list[2]!.acquisitionDate, active: true, records: [
          { date: list[2]!.acquisitionDate, inspector: "staff-3", result: "fail", notes: "插座松动" },
          { date: list[2]!.acquisitionDate, inspector: "staff-3", result: "fail", results: [{ assetId: list[2]!.id, outcome: "failed", note: "漏电保护器不跳闸 ⚡", repairRequestId: "rr-1" as Model.RepairRequestId }] }
        ], pauses: [{ from: "2024-07-10" as LocalDate, until: "2024-09-01" as LocalDate }, { from: "2025-01-15" as LocalDate }] }))
        same(Schema.encodeSync(Model.InspectionPlan)(yield* InspectionPlanRepository.use((r) => r.get(schoolId, plan.id))), Schema.encodeSync(Model.InspectionPlan)(plan), "inspection plan")
        const stock = yield* ConsumableStockRepository.use((r) => r.insert({ schoolId, id: "reagent" as Model.ConsumableId, version: 0, name: "实验试剂", category: "labReagents", unit: "ml", onHand: BigDecimal.fromStringUnsafe("1234.56789012"), explanations: [{ departmentId: "dept-science" as never, month: "2024-06", text: "期末实验考试集中用量", by: "staff-2", at: at("2024-07-01T09:00:00+08:00") }] }))
        same(Schema.encodeSync(Model.ConsumableStock)(yield* ConsumableStockRepository.use((r) => r.get(schoolId, stock.id))), Schema.encodeSync(Model.ConsumableStock)(stock), "consumable stock")
        const move = yield* ConsumableMovementRepository.use((r) => r.insert({ schoolId, id: "m-1", version: 0, itemId: stock.id, kind: "adjustment", date: list[0]!.acquisitionDate, quantity: BigDecimal.fromStringUnsafe("-0.00000001") }))
        same(Schema.encodeSync(Model.ConsumableMovement)(yield* ConsumableMovementRepository.use((r) => r.get(schoolId, move.id))), Schema.encodeSync(Model.ConsumableMovement)(move), "movement")
        const cal = yield* ReservationsRepository.use((r) => r.insert({ schoolId, id: list[3]!.id, version: 0, reservations: [{ id: "b1", from: at("2024-06-04T08:00:00+08:00"), to: at("2024-06-04T09:40:00+08:00"), bookedBy: "staff-4", purpose: "公开课", status: "booked" }] }))
        same(Schema.encodeSync(Model.ReservationCalendar)(yield* ReservationsRepository.use((r) => r.get(schoolId, cal.id))), Schema.encodeSync(Model.ReservationCalendar)(cal), "reservations")
        const use = yield* UsageRecordRepository.use((r) => r.insert({ schoolId, id: "u-1", version: 0, assetId: list[4]!.id, date: list[4]!.acquisitionDate, hours: BigDecimal.fromStringUnsafe("1.5"), sessions: 2, units: BigDecimal.fromStringUnsafe("12.25"), recordedBy: "staff-5" }))
        same(Schema.encodeSync(Model.UsageRecord)(yield* UsageRecordRepository.use((r) => r.get(schoolId, use.id))), Schema.encodeSync(Model.UsageRecord)(use), "usage")
      })
    },
    {
      name: "queries: assets, repair requests and usage records by their projected fields match the reference",
      run: Effect.gen(function*() {
        const schoolId = "conf-assets-query" as Asset["schoolId"]
        const list = assets(schoolId, 22, 30)
        const stored = yield* AssetRepository.use((r) => r.insertMany(list))
        const dates = stored.map((a) => a.acquisitionDate).sort()
        const queries: Array<Query> = [
          { where: { tag: [stored[3]!.tag, stored[7]!.tag, "missing"] } },
          { where: { status: "onLoan" } },
          { where: { departmentId: ["dept-a", "dept-b"], status: ["inService", "idle"] } },
          { where: { departmentId: null } },
          { where: { category: stored[0]!.category } },
          { where: { originSchoolId: "other-school" }, orderBy: "acquisitionDate", direction: "desc" },
          { range: { field: "acquisitionDate", from: dates[4]!, to: dates[20]! }, limit: 5, offset: 2 },
          { orderBy: "location", limit: 10 }
        ]
        const repo = yield* AssetRepository
        for (const q of queries) {
          assert.deepStrictEqual((yield* repo.list(schoolId, q)).map((a) => a.id), applyQuery(AssetSpec, stored, q).map((a) => a.id), JSON.stringify(q))
          const { limit: _l, offset: _o, ...unpaged } = q
          assert.strictEqual(yield* repo.count(schoolId, q), applyQuery(AssetSpec, stored, unpaged).length, `count ${JSON.stringify(q)}`)
        }
        const repairs = yield* RepairRequestRepository.use((r) => r.insertMany(Array.from({ length: 12 }, (_, i) => ({
          schoolId,
          id: `rr-${i}` as Model.RepairRequestId,
          version: 0,
          assetId: stored[i % 4]!.id,
          description: `故障 ${i}`,
          reportedBy: "staff-1",
          reportedAt: at(`2024-05-${String(1 + i * 2).padStart(2, "0")}T09:00:00+08:00`),
          status: (["open", "dispatched", "completed"] as const)[i % 3]!
        }))))
        const rq: Array<Query> = [
          { where: { status: ["open", "dispatched"] } },
          { where: { assetId: stored[1]!.id }, orderBy: "reportedAt" },
          { range: { field: "reportedAt", from: at("2024-05-05T00:00:00Z").epochMilliseconds, to: at("2024-05-15T00:00:00Z").epochMilliseconds } }
        ]
        for (const q of rq) {
          assert.deepStrictEqual((yield* RepairRequestRepository.use((r) => r.list(schoolId, q))).map((x) => x.id), applyQuery(RepairRequestSpec, repairs, q).map((x) => x.id), JSON.stringify(q))
        }
        const usage = yield* UsageRecordRepository.use((r) => r.insertMany(Array.from({ length: 10 }, (_, i) => ({
          schoolId,
          id: `u-${i}`,
          version: 0,
          assetId: stored[i % 3]!.id,
          date: `2024-06-${String(1 + i).padStart(2, "0")}` as Model.UsageRecord["date"],
          hours: BigDecimal.fromBigInt(BigInt(i)),
          recordedBy: "staff-1"
        }))))
        const uq: Query = { where: { assetId: stored[0]!.id }, range: { field: "date", from: "2024-06-02", to: "2024-06-09" } }
        assert.deepStrictEqual((yield* UsageRecordRepository.use((r) => r.list(schoolId, uq))).map((x) => x.id), applyQuery(UsageRecordSpec, usage, uq).map((x) => x.id))
      })
    },
    {
      name: "atomicity: a batch with one tag already taken writes no record and no audit entry",
      run: Effect.gen(function*() {
        const ctx = { schoolId: "conf-assets-atomic", actor: "staff-1" }
        yield* C.registerAsset({ ...ctx, asset: { tag: "KZ-003", name: "课桌", category: "家具、用具及装具/家具", fundingSource: "fiscal", cost: cny(150_000), acquisitionDate: "2024-08-20" } })
        const before = yield* AuditLog.use((a) => a.entries(ctx.schoolId))
        const error = yield* Effect.flip(C.registerBatch({
          ...ctx,
          batch: { name: "课桌", category: "家具、用具及装具/家具", fundingSource: "fiscal", unitCost: cny(30_000), likeItems: true, acquisitionDate: "2024-08-20", items: ["KZ-001", "KZ-002", "KZ-003", "KZ-004"].map((tag) => ({ tag })) }
        }))
        assert.strictEqual((error as { _tag: string })._tag, "DuplicateTagError")
        assert.deepStrictEqual((error as { path: ReadonlyArray<unknown> }).path, ["batch", "items", 2, "tag"])
        assert.strictEqual(yield* AssetRepository.use((r) => r.count(ctx.schoolId)), 1)
        assert.strictEqual((yield* AuditLog.use((a) => a.entries(ctx.schoolId))).length, before.length)
      })
    },
    {
      name: "lifecycle: a disposed asset refuses every command and keeps its version",
      run: Effect.gen(function*() {
        const ctx = { schoolId: "conf-assets-disposed", actor: "staff-1" }
        let a = yield* C.registerAsset({ ...ctx, asset: { tag: "XD-01", name: "消毒柜", category: "通用设备/电气设备", fundingSource: "fiscal", cost: cny(480_000), acquisitionDate: "2020-09-01", inServiceDate: "2020-09-01" } })
        a = yield* C.requestDisposal({ ...ctx, assetId: a.id, version: a.version, kind: "scrapping", reason: "达到使用年限", on: "2025-09-02" })
        a = yield* C.approveDisposal({ ...ctx, actor: "staff-3", assetId: a.id, version: a.version, on: "2025-09-05" })
        const target = { ...ctx, assetId: a.id, version: a.version, on: "2025-09-06" }
        const attempts = [
          C.changeStatus({ ...target, event: "returnToService" }),
          C.transfer({ ...target, location: "食堂" }),
          C.lend({ ...target, borrower: "x", expectedReturn: "2025-10-01" }),
          C.revalue({ ...target, month: "2025-10", bookValue: cny(1), reason: "x" }),
          C.requestDisposal({ ...target, kind: "sale", reason: "x" }),
          C.reallocateOut({ ...target, toSchoolId: "elsewhere", reason: "x" })
        ]
        for (const attempt of attempts) {
          const e = yield* Effect.flip(attempt)
          assert.strictEqual((e as { _tag: string })._tag, "IllegalTransitionError")
          assert.strictEqual((e as { state: string }).state, "disposed")
        }
        assert.strictEqual((yield* AssetRepository.use((r) => r.get(ctx.schoolId, a.id))).version, a.version)
        // 2020-09 … 2025-08 = 60 months of a 60-month life: fully depreciated, nothing charged in September 2025
        const v = yield* Queries.valuation(ctx.schoolId, a.id, "2026-01-01" as LocalDate)
        assert.strictEqual(v.bookValue.amount, 0)
      })
    },
    {
      name: "reallocation: the sender ends reallocated out, the receiver opens a new record naming its origin, each audited in its own chain",
      run: Effect.gen(function*() {
        const a = { schoolId: "conf-assets-send", actor: "staff-1" }
        const b = { schoolId: "conf-assets-receive", actor: "staff-2" }
        let sent = yield* C.registerAsset({ ...a, asset: { tag: "GQ-01", name: "钢琴", category: "专用设备/文艺设备", fundingSource: "fiscal", cost: cny(3_600_000), acquisitionDate: "2022-01-10", inServiceDate: "2022-01-10", depreciation: { usefulLifeYears: 10 } } })
        sent = yield* C.reallocateOut({ ...a, assetId: sent.id, version: sent.version, toSchoolId: b.schoolId, reason: "调剂", on: "2024-01-15" })
        const got = yield* C.receiveReallocation({ ...b, fromSchoolId: a.schoolId, assetId: sent.id, on: "2024-01-20" })
        // 3,600,000 ÷ 120 = 30,000 a month; January 2022 … December 2023 = 24 months → 720,000 charged
        assert.strictEqual(got.cost.amount, 2_880_000)
        assert.strictEqual(got.depreciation?.usefulLifeMonths, 96)
        assert.deepStrictEqual(got.origin, { schoolId: a.schoolId, assetId: sent.id, tag: "GQ-01", date: "2024-01-15" } as Asset["origin"])
        assert.notStrictEqual(got.id, sent.id)
        const found = yield* AssetRepository.use((r) => r.list(b.schoolId, { where: { originSchoolId: a.schoolId, originAssetId: sent.id } }))
        assert.deepStrictEqual(found.map((x) => x.id), [got.id])
        const audit = yield* AuditLog
        assert.deepStrictEqual((yield* audit.entries(a.schoolId)).map((e) => e.command), ["assets.registerAsset", "assets.reallocateOut"])
        assert.deepStrictEqual((yield* audit.entries(b.schoolId)).map((e) => e.command), ["assets.receiveReallocation"])
        assert.isTrue((yield* audit.verify(a.schoolId)).ok)
        assert.isTrue((yield* audit.verify(b.schoolId)).ok)
      })
    },
    {
      name: "stocktake: applying records every correction, with before and after, in one audit entry",
      run: Effect.gen(function*() {
        const ctx = { schoolId: "conf-assets-stocktake", actor: "staff-1" }
        const regs: Array<Asset> = []
        for (const [tag, location] of [["S1", "图书馆"], ["S2", "图书馆"], ["S3", "办公室"]] as const) {
          regs.push(yield* C.registerAsset({ ...ctx, asset: { tag, name: "书架", category: "家具、用具及装具/家具", fundingSource: "fiscal", cost: cny(200_000), acquisitionDate: "2023-02-01", location } }))
        }
        const s = yield* C.startStocktake({ ...ctx, name: "学期末清查", startedOn: "2024-01-10" })
        yield* C.recordCounts({ ...ctx, stocktakeId: s.id, countedAt: "2024-01-10T10:00:00+08:00", counts: [{ tag: "S1", location: "图书馆", condition: "good" }, { tag: "S2", location: "阅览室", condition: "good" }] })
        const applied = yield* C.applyStocktake({ ...ctx, stocktakeId: s.id, version: s.version, on: "2024-01-12" })
        assert.strictEqual(applied.corrected, 2)
        const entry = (yield* AuditLog.use((a) => a.entries(ctx.schoolId))).at(-1)!
        assert.strictEqual(entry.command, "assets.applyStocktake")
        const changed = entry.changes.filter((c) => c.aggregate === "assets.asset")
        assert.deepStrictEqual(changed.map((c) => c.id).sort(), [regs[1]!.id, regs[2]!.id].sort())
        for (const c of changed) assert.isTrue(c.before !== undefined && c.after !== undefined)
        assert.strictEqual((yield* AssetRepository.use((r) => r.get(ctx.schoolId, regs[1]!.id))).location, "阅览室")
        assert.strictEqual((yield* AssetRepository.use((r) => r.get(ctx.schoolId, regs[2]!.id))).status, "disposalRequested")
      })
    },
    {
      name: "concurrency: two bookings of one slot race — exactly one is written",
      run: Effect.gen(function*() {
        const ctx = { schoolId: "conf-assets-race", actor: "staff-1" }
        const a = yield* C.registerAsset({ ...ctx, asset: { tag: "TYY-01", name: "投影仪", category: "通用设备/办公设备", fundingSource: "fiscal", cost: cny(450_000), acquisitionDate: "2024-01-10", inServiceDate: "2024-01-10" } })
        yield* C.reserve({ ...ctx, assetId: a.id, from: "2024-03-01T08:00:00+08:00", to: "2024-03-01T09:00:00+08:00" })
        for (let trial = 0; trial < 10; trial++) {
          const from = `2024-03-${String(2 + trial).padStart(2, "0")}T08:00:00+08:00`
          const to = `2024-03-${String(2 + trial).padStart(2, "0")}T09:00:00+08:00`
          const results = yield* Effect.all([
            Effect.result(C.reserve({ ...ctx, actor: "staff-2", assetId: a.id, from, to })),
            Effect.result(C.reserve({ ...ctx, actor: "staff-3", assetId: a.id, from, to }))
          ], { concurrency: 2 })
          assert.strictEqual(results.filter(Result.isSuccess).length, 1, `trial ${trial}: exactly one booking`)
          const failure = results.find(Result.isFailure)!.failure as { _tag: string }
          assert.include(["ConflictError", "ReservationConflictError"], failure._tag)
        }
        const cal = yield* ReservationsRepository.use((r) => r.get(ctx.schoolId, a.id))
        assert.strictEqual(cal.reservations.filter((r) => r.status === "booked").length, 11)
      }),
      timeout: 120_000
    },
    {
      name: "unique: a tag names one asset record of a school — repeated alone, in a batch or by a change it is refused with DuplicateError and nothing of the write is kept; another school may use it; a stocktake counts a tag once",
      run: Effect.gen(function*() {
        const schoolId = "conf-assets-unique" as Asset["schoolId"]
        const [a, b, c, d] = assets(schoolId, 31, 4)
        const first = yield* AssetRepository.use((r) => r.insert(a!))
        const duplicate = { _tag: "DuplicateError", code: "storage.duplicate", aggregate: "assets.asset", fields: ["tag"], path: ["tag"], existingId: a!.id }
        hasFields(yield* Effect.flip(AssetRepository.use((r) => r.insert({ ...b!, tag: a!.tag }))), duplicate)
        hasFields(yield* Effect.flip(AssetRepository.use((r) => r.insertMany([b!, { ...c!, tag: a!.tag }]))), duplicate)
        hasFields(yield* Effect.flip(AssetRepository.use((r) => r.insertMany([b!, c!, { ...d!, tag: b!.tag }]))), { ...duplicate, existingId: b!.id })
        assert.strictEqual(yield* AssetRepository.use((r) => r.count(schoolId)), 1, "nothing of a refused write is kept")
        const second = yield* AssetRepository.use((r) => r.insert(b!))
        hasFields(yield* Effect.flip(AssetRepository.use((r) => r.update({ ...second, tag: a!.tag }))), { ...duplicate, existingId: a!.id })
        // keeping one's own tag is no duplicate
        const renamed = yield* AssetRepository.use((r) => r.update({ ...first, name: "改名" }))
        assert.strictEqual(renamed.version, 2)
        // another school's register is its own
        const elsewhere = "conf-assets-unique-2" as Asset["schoolId"]
        yield* AssetRepository.use((r) => r.insert({ ...a!, schoolId: elsewhere }))
        assert.strictEqual(yield* AssetRepository.use((r) => r.count(elsewhere, { where: { tag: a!.tag } })), 1)
        // stocktake counts: one per stocktake and tag, and only of a stocktake that exists
        const ctx = { schoolId, actor: "keeper-1" }
        const stocktake = yield* C.startStocktake({ ...ctx, id: "st-1", name: "学期末清查", startedOn: "2024-01-10" })
        const count = (id: string, stocktakeId: string, tag: string): StocktakeCount =>
          ({ schoolId, id, version: 0, stocktakeId, tag, condition: "good", countedBy: "keeper-1", countedAt: at("2024-01-10T09:00:00+08:00") }) as StocktakeCount
        yield* StocktakeCountRepository.use((r) => r.insert(count("count-1", stocktake.id, a!.tag)))
        hasFields(yield* Effect.flip(StocktakeCountRepository.use((r) => r.insert(count("count-2", stocktake.id, a!.tag)))), {
          _tag: "DuplicateError",
          fields: ["stocktakeId", "tag"],
          existingId: "count-1"
        })
        hasFields(yield* Effect.flip(StocktakeCountRepository.use((r) => r.insert(count("count-3", "st-404", a!.tag)))), {
          _tag: "ReferenceError",
          code: "storage.missingReference",
          path: ["stocktakeId"]
        })
        // an asset named by a repair request or a usage record stays
        yield* C.reportRepair({ ...ctx, id: "repair-1", assetId: first.id, description: "抽屉坏了", reportedAt: "2024-01-11T08:00:00+08:00" })
        const current = yield* AssetRepository.use((r) => r.get(schoolId, first.id))
        hasFields(yield* Effect.flip(AssetRepository.use((r) => r.remove(current))), { _tag: "ReferenceError", code: "storage.referenced", aggregate: "assets.asset", id: first.id })
      })
    }
  ]
}
