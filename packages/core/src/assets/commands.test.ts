import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { cny, makeRuntime } from "../../test/assets/support.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { AuditLog } from "../ports/AuditLog.ts"
import { AssetRepository, ConsumableStockRepository } from "../ports/assets.ts"
import * as C from "./commands.ts"
import * as Q from "./queries.ts"
import * as People from "../ports/people.ts"
import type * as Command from "../ports/Command.ts"
import { cn } from "../packs/cn.ts"
import { enterprise } from "./rules.ts"

const d = (s: string) => s as LocalDate
const A = { schoolId: "school-a", actor: "staff-1" }
const B = { schoolId: "school-b", actor: "staff-9" }

const computer = (over: Record<string, unknown> = {}) => ({
  tag: "JSJ-0001",
  name: "台式计算机",
  category: "通用设备/计算机设备",
  fundingSource: "fiscal",
  cost: cny(600_000),
  acquisitionDate: "2024-03-15",
  inServiceDate: "2024-03-15",
  location: "教学楼 101",
  ...over
})

let rt: ReturnType<typeof makeRuntime>
beforeEach(() => {
  rt = makeRuntime()
})
afterEach(async () => {
  await rt.dispose()
})

describe("registering assets", () => {
  it("registers a ¥6,000 computer as a fixed asset, government straight line over 72 months, and values it", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer() }))
    expect(a).toMatchObject({ accountClass: "fixedAsset", status: "inService", version: 1, depreciation: { method: "governmentStraightLine", usefulLifeMonths: 72 } })
    // March 2024 … May 2024 ended by 2024-06-03: 3 × 8,333 = 24,999; 600,000 − 24,999 = 575,001
    const v = await rt.run(Q.valuation("school-a", a.id, d("2024-06-03")))
    expect(v.bookValue.amount).toBe(575_001)
  })

  it("registers an item under ¥1,000 as a low-value consumable, not depreciated", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer({ tag: "DY-1", name: "订书机", category: "通用设备/办公设备", cost: cny(99_999) }) }))
    expect(a.accountClass).toBe("lowValueConsumable")
    expect(a.depreciation).toBeUndefined()
    expect((await rt.run(Q.valuation("school-a", a.id, d("2030-01-01")))).bookValue.amount).toBe(99_999)
  })

  it("registers a batch of like items (40 desks at ¥300, 大批同类物资) as fixed assets in one bulk write", async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ tag: `KZ-${String(i + 1).padStart(3, "0")}` }))
    const rows = await rt.run(C.registerBatch({
      ...A,
      batch: { name: "课桌", category: "家具、用具及装具/家具", fundingSource: "fiscal", unitCost: cny(30_000), likeItems: true, acquisitionDate: "2024-08-20", items }
    }))
    expect(rows.length).toBe(40)
    expect(new Set(rows.map((r) => r.batchId)).size).toBe(1)
    expect(rows.every((r) => r.accountClass === "fixedAsset" && r.depreciation?.usefulLifeMonths === 180)).toBe(true)
    const entries = await rt.run(AuditLog.use((a) => a.entries("school-a")))
    expect(entries.at(-1)!.changes.map((c) => [c.op, c.count])).toEqual([["bulkInsert", 40]])
  })

  it("refuses bad input with typed errors and paths, writing nothing", async () => {
    const negative = await rt.fail(C.registerAsset({ ...A, asset: computer({ cost: cny(-100) }) }))
    expect([negative._tag, negative.path]).toEqual(["ValidationError", ["asset", "cost"]])
    const short = await rt.fail(C.registerAsset({ ...A, asset: computer({ depreciation: { usefulLifeYears: 5 } }) }))
    expect([short._tag, short.code, short.path]).toEqual(["UsefulLifeError", "assets.usefulLifeBelowMinimum", ["asset", "depreciation", "usefulLifeMonths"]])
    const ddb = await rt.fail(C.registerAsset({ ...A, asset: computer({ depreciation: { method: "doubleDecliningBalance" } }) }))
    expect(ddb.code).toBe("assets.methodNotAllowed")
    await rt.run(C.registerAsset({ ...A, asset: computer() }))
    const twice = await rt.fail(C.registerAsset({ ...A, asset: computer({ name: "另一台" }) }))
    expect([twice._tag, twice.path]).toEqual(["DuplicateTagError", ["asset", "tag"]])
    const dupInBatch = await rt.fail(C.registerBatch({
      ...A,
      batch: { name: "椅子", category: "家具、用具及装具/家具", fundingSource: "fiscal", unitCost: cny(20_000), likeItems: true, acquisitionDate: "2024-08-20", items: [{ tag: "Y-1" }, { tag: "Y-1" }] }
    }))
    expect(dupInBatch.path).toEqual(["batch", "items", 1, "tag"])
    expect((await rt.run(Q.register("school-a"))).length).toBe(1)
  })
})

describe("lifecycle commands", () => {
  it("refuses the disposal of a disposed asset with a typed error naming the state and the event", async () => {
    let a = await rt.run(C.registerAsset({ ...A, asset: computer() }))
    a = await rt.run(C.requestDisposal({ ...A, assetId: a.id, version: a.version, kind: "scrapping", reason: "主板损坏", on: "2025-06-10" }))
    a = await rt.run(C.approveDisposal({ ...A, actor: "staff-3", assetId: a.id, version: a.version, on: "2025-06-12" }))
    expect(a).toMatchObject({ status: "disposed", removedOn: "2025-06-12", disposal: { kind: "scrapping", approvedBy: "staff-3" } })
    const again = await rt.fail(C.approveDisposal({ ...A, assetId: a.id, version: a.version }))
    expect(again).toMatchObject({ _tag: "IllegalTransitionError", code: "assets.illegalTransition", state: "disposed", event: "approveDisposal", path: ["assetId"] })
    // depreciation stopped before June 2025: March 2024 … May 2025 = 15 months
    expect((await rt.run(Q.valuation("school-a", a.id, d("2026-01-01")))).accumulatedDepreciation.amount).toBe(15 * 8_333)
  })

  it("refuses a stale version with a conflict, not a lost update", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer() }))
    await rt.run(C.transfer({ ...A, assetId: a.id, version: 1, location: "教学楼 102" }))
    const stale = await rt.fail(C.transfer({ ...A, assetId: a.id, version: 1, custodianId: "staff-7" }))
    expect(stale._tag).toBe("ConflictError")
  })

  it("lends until an expected return date and reports the overdue loan", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer() }))
    await rt.run(C.lend({ ...A, assetId: a.id, version: 1, borrower: "王老师", expectedReturn: "2024-06-10", on: "2024-06-03" }))
    expect(await rt.run(Q.findings("school-a", d("2024-06-10")))).toEqual([])
    const fs = await rt.run(Q.findings("school-a", d("2024-06-12")))
    expect(fs.map((f) => [f.rule, f.subject.id, f.evidence["daysOverdue"]])).toEqual([["assets.loanOverdue", a.id, 2]])
  })
})

describe("changing the remaining life or revaluing keeps the category's useful life (政府会计)", () => {
  // The ¥6,000 computer is 通用设备/计算机设备: at least 6 years (72 months) under 财会〔2017〕4号.
  // Acquired 2024-03-15, government charging starts in March, so by May two months are gone
  // (March, April). A remaining life of 6 months from May makes a whole life of 2 + 6 = 8 months.
  // Before the fix `adjust` checked only that the schedule could be computed, and took it.
  it("refuses a remaining life that makes the whole life shorter than the category's minimum, at remainingMonths, writing nothing", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer() }))
    const audit = (await rt.run(AuditLog.use((l) => l.entries("school-a")))).length
    const short = await rt.fail(C.changeRemainingLife({ ...A, assetId: a.id, version: 1, month: "2024-05", remainingMonths: 6, reason: "性能落后" }))
    expect(short).toMatchObject({ _tag: "UsefulLifeError", code: "assets.usefulLifeBelowMinimum", path: ["remainingMonths"], category: "通用设备/计算机设备", months: 8, minYears: 6 })
    // the messages name the category and the minimum, and how the whole life was reached
    expect(short.zh).toContain("通用设备/计算机设备")
    expect(short.zh).toContain("6 年")
    expect(short.zh).toContain("已计提 2 个月 + 剩余 6 个月")
    expect(short.en).toContain("6 years")
    expect(short.en).toContain("2 months charged + 6 remaining")
    expect((await rt.run(AssetRepository.use((r) => r.get("school-a", a.id)))).version).toBe(1)
    expect((await rt.run(AuditLog.use((l) => l.entries("school-a")))).length).toBe(audit)
  })

  it("takes exactly the minimum (2 + 70 = 72 months) and refuses one month less", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer() }))
    const under = await rt.fail(C.changeRemainingLife({ ...A, assetId: a.id, version: 1, month: "2024-05", remainingMonths: 69, reason: "调整" }))
    expect([under.code, under.path]).toEqual(["assets.usefulLifeBelowMinimum", ["remainingMonths"]])
    const ok = await rt.run(C.changeRemainingLife({ ...A, assetId: a.id, version: 1, month: "2024-05", remainingMonths: 70, reason: "调整" }))
    expect(ok.depreciation?.adjustments.at(-1)).toMatchObject({ month: "2024-05", remainingMonths: 70 })
  })

  it("applies the same rule to a revaluation that sets a remaining life; a revaluation without one keeps the life", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer() }))
    const short = await rt.fail(C.revalue({ ...A, assetId: a.id, version: 1, month: "2024-05", bookValue: cny(300_000), remainingMonths: 6, reason: "减值" }))
    expect([short._tag, short.code, short.path]).toEqual(["UsefulLifeError", "assets.usefulLifeBelowMinimum", ["remainingMonths"]])
    const revalued = await rt.run(C.revalue({ ...A, assetId: a.id, version: 1, month: "2024-05", bookValue: cny(300_000), reason: "减值" }))
    expect(revalued.version).toBe(2)
  })

  it("refuses a whole life above the maximum of a ranged category (医疗设备 5–10 years)", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer({ tag: "YL-1", name: "视力检测仪", category: "专用设备/医疗设备" }) }))
    // registered at the minimum, 60 months; from May, 2 charged + 119 remaining = 121 > 120
    const long = await rt.fail(C.changeRemainingLife({ ...A, assetId: a.id, version: 1, month: "2024-05", remainingMonths: 119, reason: "大修延寿" }))
    expect(long).toMatchObject({ _tag: "UsefulLifeError", code: "assets.usefulLifeAboveMaximum", path: ["remainingMonths"], months: 121, maxYears: 10 })
    expect((await rt.run(C.changeRemainingLife({ ...A, assetId: a.id, version: 1, month: "2024-05", remainingMonths: 118, reason: "大修延寿" }))).version).toBe(2)
  })

  it("leaves lives free under a pack that does not enforce the table (enterprise accounting)", async () => {
    const enterpriseRt = makeRuntime({ rules: { ...cn, assets: enterprise } })
    try {
      const a = await enterpriseRt.run(C.registerAsset({ ...A, asset: computer({ depreciation: { usefulLifeMonths: 36 } }) }))
      const changed = await enterpriseRt.run(C.changeRemainingLife({ ...A, assetId: a.id, version: 1, month: "2024-05", remainingMonths: 6, reason: "性能落后" }))
      expect(changed.version).toBe(2)
    } finally {
      await enterpriseRt.dispose()
    }
  })
})

describe("reallocation to another school (调拨)", () => {
  it("ends the sender's record as reallocated out and opens a new record at the receiver naming its origin, each side audited", async () => {
    const sent0 = await rt.run(C.registerAsset({ ...A, asset: computer() }))
    const sent = await rt.run(C.reallocateOut({ ...A, assetId: sent0.id, version: 1, toSchoolId: "school-b", reason: "支援分校", on: "2025-03-10" }))
    expect(sent).toMatchObject({ status: "reallocatedOut", removedOn: "2025-03-10", reallocatedOut: { toSchoolId: "school-b" } })
    const got = await rt.run(C.receiveReallocation({ ...B, fromSchoolId: "school-a", assetId: sent.id, tag: "B-JSJ-01", on: "2025-03-12" }))
    // valued at the sender's book value: March 2024 … February 2025 charged = 12 × 8,333 = 99,996 → 500,004
    // and depreciated over the 72 − 12 = 60 months left, from March 2025
    expect(got).toMatchObject({
      schoolId: "school-b",
      status: "received",
      cost: { amount: 500_004 },
      acquisitionDate: "2025-03-12",
      origin: { schoolId: "school-a", assetId: sent.id, tag: "JSJ-0001", date: "2025-03-10" },
      depreciation: { method: "governmentStraightLine", usefulLifeMonths: 60 }
    })
    expect(got.id).not.toBe(sent.id)
    const auditA = await rt.run(AuditLog.use((a) => a.entries("school-a")))
    const auditB = await rt.run(AuditLog.use((a) => a.entries("school-b")))
    expect(auditA.map((e) => e.command)).toEqual(["assets.registerAsset", "assets.reallocateOut"])
    expect(auditB.map((e) => e.command)).toEqual(["assets.receiveReallocation"])
    expect(auditB[0]!.changes[0]).toMatchObject({ op: "insert", id: got.id })
    expect((await rt.run(AuditLog.use((a) => a.verify("school-b")))).ok).toBe(true)
    // the sender's record no longer changes; the asset is received once; only by the school named
    expect((await rt.fail(C.transfer({ ...A, assetId: sent.id, version: sent.version, location: "x" }))).code).toBe("assets.illegalTransition")
    expect((await rt.fail(C.receiveReallocation({ ...B, fromSchoolId: "school-a", assetId: sent.id, tag: "B-JSJ-02" }))).code).toBe("assets.alreadyReceived")
    expect((await rt.fail(C.receiveReallocation({ schoolId: "school-c", actor: "s", fromSchoolId: "school-a", assetId: sent.id }))).code).toBe("assets.notReallocatedHere")
  })
})

describe("stocktake (清查) through the commands", () => {
  it("applies corrections, each recorded with before and after in the audit log", async () => {
    const reg = (tag: string, location: string) => rt.run(C.registerAsset({ ...A, asset: computer({ tag, location }) }))
    const [a1, a2, a3] = [await reg("T1", "教学楼 101"), await reg("T2", "教学楼 101"), await reg("T3", "操场")]
    const s = await rt.run(C.startStocktake({ ...A, name: "2024 秋季学期期末清查", startedOn: "2024-06-03" }))
    await rt.run(C.recordCounts({ ...A, stocktakeId: s.id, counts: [
      { tag: "T1", location: "教学楼 101", condition: "good" },
      { tag: "T2", location: "教学楼 103", condition: "poor" },
      { tag: "X-99", location: "操场", condition: "good" }
    ] }))
    // a recount of T1 replaces the first count
    await rt.run(C.recordCounts({ ...A, stocktakeId: s.id, counts: [{ tag: "T1", location: "教学楼 101", condition: "good" }] }))
    const { result } = await rt.run(Q.stocktakeResult("school-a", s.id))
    expect(result.counted).toBe(3)
    const applied = await rt.run(C.applyStocktake({ ...A, stocktakeId: s.id, version: s.version }))
    expect(applied.stocktake.summary).toEqual({
      expected: 3, counted: 3, matched: 1, surplus: 1, shortage: 1, wrongLocation: 1, conditionChanged: 1,
      away: 0, foundAway: 0, foundUnexpected: 0, notApplied: 0
    })
    // X-99 is on no record: it awaits registration
    expect(applied.awaitingRegistration).toEqual([{ tag: "X-99", location: "操场", condition: "good" }])
    const after = new Map((await rt.run(Q.register("school-a"))).map((a) => [a.id, a]))
    expect(after.get(a2.id)).toMatchObject({ location: "教学楼 103", condition: "poor" })
    expect(after.get(a3.id)).toMatchObject({ status: "disposalRequested", disposalRequest: { kind: "loss" } })
    // the loss reason: one language per text, never both in one string
    expect(after.get(a3.id)!.disposalRequest).toMatchObject({
      reason: "盘亏：清查「2024 秋季学期期末清查」中未找到",
      explanation: { zh: "盘亏：清查「2024 秋季学期期末清查」中未找到", en: "shortage: not found in the stocktake “2024 秋季学期期末清查”" }
    })
    expect(after.get(a1.id)!.version).toBe(1)
    const entry = (await rt.run(AuditLog.use((a) => a.entries("school-a")))).at(-1)!
    expect(entry.command).toBe("assets.applyStocktake")
    const assetChanges = entry.changes.filter((c) => c.aggregate === "assets.asset")
    expect(assetChanges.map((c) => c.id).sort()).toEqual([a2.id, a3.id].sort())
    expect(assetChanges.every((c) => c.before !== undefined && c.after !== undefined)).toBe(true)
    const twice = await rt.fail(C.applyStocktake({ ...A, stocktakeId: s.id, version: applied.stocktake.version }))
    expect(twice).toMatchObject({ _tag: "IllegalTransitionError", state: "applied", event: "apply" })
    const approved = await rt.run(C.approveDisposal({ ...A, assetId: a3.id, version: after.get(a3.id)!.version }))
    expect(approved.disposal?.explanation?.en).toBe("shortage: not found in the stocktake “2024 秋季学期期末清查”")
  })

  // Before the fix: the loaned laptops were not on the expected list, so L2 (counted) came back as a
  // surplus carrying its own register id and L1 (not counted) was nowhere; O1, registered in 操场,
  // was a surplus too; and the move of D1 (awaiting disposal, which allows no transfer) made the
  // whole apply fail, so no correction at all could be booked.
  it("expects loaned assets away, finds registered tags instead of gaining them, and applies what each asset's state allows", async () => {
    const reg = (tag: string, location: string) => rt.run(C.registerAsset({ ...A, asset: computer({ tag, location }) }))
    const m1 = await reg("M1", "教学楼 101")
    const l1 = await rt.run(C.lend({ ...A, assetId: (await reg("L1", "教学楼 101")).id, version: 1, borrower: "王老师", expectedReturn: "2024-07-01", on: "2024-06-03" }))
    const l2 = await rt.run(C.lend({ ...A, assetId: (await reg("L2", "教学楼 101")).id, version: 1, borrower: "李老师", expectedReturn: "2024-06-28", on: "2024-06-03" }))
    const d1 = await rt.run(C.requestDisposal({ ...A, assetId: (await reg("D1", "教学楼 101")).id, version: 1, kind: "scrapping", reason: "屏幕损坏", on: "2024-06-03" }))
    const o1 = await reg("O1", "操场")
    const s = await rt.run(C.startStocktake({ ...A, name: "教学楼 101 清查", startedOn: "2024-06-03", scope: { location: "教学楼 101" } }))
    await rt.run(C.recordCounts({ ...A, stocktakeId: s.id, counts: [
      { tag: "M1", location: "教学楼 101", condition: "good" },
      { tag: "L2", location: "教学楼 203", condition: "poor" }, // with its borrower, damaged
      { tag: "D1", location: "教学楼 102", condition: "good" }, // awaiting disposal, moved next door
      { tag: "O1", location: "教学楼 101", condition: "good" }, // registered in 操场: outside the scope
      { tag: "NEW-1", location: "教学楼 101", condition: "good" } // on no record: 盘盈
    ] }))
    const applied = await rt.run(C.applyStocktake({ ...A, stocktakeId: s.id, version: s.version }))
    const r = applied.result
    expect(r.away).toEqual([{ assetId: l1.id, tag: "L1", reason: "onLoan", borrower: "王老师", expectedReturn: "2024-07-01" }])
    expect(r.foundAway).toEqual([{ assetId: l2.id, tag: "L2", reason: "onLoan", location: "教学楼 203", condition: "poor" }])
    expect(r.shortage).toEqual([])
    expect(r.surplus).toEqual([{ tag: "NEW-1", location: "教学楼 101", condition: "good" }])
    expect(r.foundUnexpected.map((f) => [f.assetId, f.reason, f.recorded, f.location])).toEqual([[o1.id, "outOfScope", "操场", "教学楼 101"]])
    // the surplus awaits registration (at its valuation), named so the officer can register it
    expect(applied.awaitingRegistration).toEqual([{ tag: "NEW-1", location: "教学楼 101", condition: "good" }])
    // what the asset's state does not allow is listed, not forced and not fatal
    expect(applied.notApplied.map((n) => [n.assetId, n.correction, n.found, n.state])).toEqual([
      [d1.id, "location", "教学楼 102", "disposalRequested"],
      [l2.id, "condition", "poor", "onLoan"]
    ])
    expect(applied.notApplied.every((n) => n.explanation.zh.length > 0 && n.explanation.en.length > 0)).toBe(true)
    expect(applied.stocktake.summary).toEqual({
      expected: 4, counted: 5, matched: 1, surplus: 1, shortage: 0, wrongLocation: 1, conditionChanged: 1,
      away: 1, foundAway: 1, foundUnexpected: 1, notApplied: 2
    })
    const after = new Map((await rt.run(Q.register("school-a"))).map((a) => [a.id, a]))
    // O1 is moved to where it was found; the others keep their records
    expect(after.get(o1.id)).toMatchObject({ location: "教学楼 101", version: 2 })
    expect(after.get(l2.id)).toMatchObject({ status: "onLoan", condition: "good", version: l2.version })
    expect(after.get(d1.id)).toMatchObject({ status: "disposalRequested", location: "教学楼 101", version: d1.version })
    expect(after.get(m1.id)!.version).toBe(1)
  })
})

describe("repairs and inspections through the commands", () => {
  it("finds a repair dispatched the next day", async () => {
    const r = await rt.run(C.reportRepair({ ...A, location: "二楼卫生间", description: "水龙头漏水", reportedAt: "2024-05-06T15:00:00+08:00" }))
    await rt.run(C.dispatchRepair({ ...A, repairRequestId: r.id, version: 1, dispatchedTo: "维修组", at: "2024-05-07T08:30:00+08:00" }))
    const fs = await rt.run(Q.findings("school-a", d("2024-05-08")))
    expect(fs.map((f) => f.rule)).toEqual(["assets.repairDeadline"])
    const done = await rt.fail(C.dispatchRepair({ ...A, repairRequestId: r.id, version: 2, dispatchedTo: "维修组" }))
    expect(done).toMatchObject({ _tag: "IllegalTransitionError", state: "dispatched", event: "dispatch" })
  })

  it("finds a missed monthly inspection", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer({ tag: "HT-1", name: "大型滑梯", category: "专用设备/娱乐设备", cost: cny(2_000_000), location: "操场" }) }))
    const p = await rt.run(C.createInspectionPlan({ ...A, name: "户外大型玩具月检", assetIds: [a.id], every: { unit: "month", count: 1 }, startsOn: "2024-03-01" }))
    await rt.run(C.recordInspection({ ...A, planId: p.id, version: 1, record: { date: "2024-03-12", result: "pass" } }))
    const fs = await rt.run(Q.findings("school-a", d("2024-05-15")))
    expect(fs.filter((f) => f.rule === "assets.inspectionMissed").map((f) => f.evidence["periodStart"])).toEqual(["2024-04-01"])
  })
})

describe("an inspection plan switched off and on again", () => {
  it("keeps the span it was off: the months before it are checked, the months that meet it are not, the months after are again", async () => {
    const S = { schoolId: "school-pause", actor: "staff-1" }
    const a = await rt.run(C.registerAsset({ ...S, asset: computer({ tag: "DQ-1", name: "电热水器", category: "通用设备/办公设备", cost: cny(300_000), location: "教工之家" }) }))
    const p = await rt.run(C.createInspectionPlan({ ...S, name: "电器设备月检", assetIds: [a.id], every: { unit: "month", count: 1 }, startsOn: "2024-01-01" }))
    const missed = async (asOf: string) =>
      (await rt.run(Q.findings(S.schoolId, d(asOf)))).filter((f) => f.rule === "assets.inspectionMissed").map((f) => f.evidence["periodStart"])
    // never inspected; switched off on 10 March
    const off = await rt.run(C.setInspectionPlanActive({ ...S, planId: p.id, version: 1, active: false, on: "2024-03-10" }))
    expect(off.pauses).toEqual([{ from: "2024-03-10" }])
    // January and February ended before it was switched off: missed. March and April meet the
    // pause: not checked (before pauses were kept, an inactive plan reported nothing at all)
    expect(await missed("2024-05-01")).toEqual(["2024-01-01", "2024-02-01"])
    // on again, dated before it was switched off: refused at its path
    const early = await rt.fail(C.setInspectionPlanActive({ ...S, planId: p.id, version: 2, active: true, on: "2024-03-01" }))
    expect(early).toMatchObject({ _tag: "ValidationError", code: "assets.badDates", path: ["on"] })
    const on = await rt.run(C.setInspectionPlanActive({ ...S, planId: p.id, version: 2, active: true, on: "2024-05-15" }))
    expect(on.pauses).toEqual([{ from: "2024-03-10", until: "2024-05-15" }])
    // May (1–31) met the pause; June is missed once it has ended
    expect(await missed("2024-07-05")).toEqual(["2024-01-01", "2024-02-01", "2024-06-01"])
    // switching on a plan that is on changes nothing
    expect((await rt.run(C.setInspectionPlanActive({ ...S, planId: p.id, version: 3, active: true }))).version).toBe(3)
  })
})

describe("findings as of a date follow the school's pack in force on that date", () => {
  it("from 1 March 2024 the school allows 10 days' grace for an inspection: as of 5 March, February is not yet missed", async () => {
    // never inspected monthly plan from 1 January. Under cn (no grace) February is missed from 1
    // March; under the school's pack from 1 March it is missed from 11 March
    const graceful = { ...cn, id: "school-grace", effectiveFrom: "2024-03-01" as LocalDate, assets: { ...cn.assets, inspectionMissed: { graceDays: 10 } } }
    const dated = makeRuntime({ rules: [cn, graceful] })
    try {
      const S = { schoolId: "school-grace", actor: "staff-1" }
      const a = await dated.run(C.registerAsset({ ...S, asset: computer({ tag: "DQ-2", name: "消毒柜", category: "通用设备/办公设备", cost: cny(300_000), location: "食堂" }) }))
      await dated.run(C.createInspectionPlan({ ...S, name: "电器设备月检", assetIds: [a.id], every: { unit: "month", count: 1 }, startsOn: "2024-01-01" }))
      const missed = async (asOf: string) =>
        (await dated.run(Q.findings(S.schoolId, d(asOf)))).filter((f) => f.rule === "assets.inspectionMissed").map((f) => f.evidence["periodStart"])
      // 5 February, under cn: January (ended 1 February, no grace) — the clock reads June 2024, when the
      // school's pack is in force: a query as of a date is held to that date's pack, not today's
      expect(await missed("2024-02-05")).toEqual(["2024-01-01"])
      // 5 March, under the school's pack: periods that ended by 24 February — January only (cn would add February)
      expect(await missed("2024-03-05")).toEqual(["2024-01-01"])
      expect(await missed("2024-03-11")).toEqual(["2024-01-01", "2024-02-01"])
    } finally {
      await dated.dispose()
    }
  })
})

describe("inspections with per-asset results through the commands", () => {
  const extinguishers = async () => {
    const ids: Array<string> = []
    for (const n of [1, 2, 3]) {
      const a = await rt.run(C.registerAsset({ ...A, asset: computer({ tag: `MHQ-${n}`, name: "灭火器", category: "通用设备/办公设备", cost: cny(20_000), location: "教学楼 1F" }) }))
      ids.push(a.id)
    }
    const p = await rt.run(C.createInspectionPlan({ ...A, name: "灭火器月检", assetIds: ids, every: { unit: "month", count: 1 }, startsOn: "2024-03-01" }))
    return { ids, p }
  }

  it("stores each asset's result, derives the overall result, and finds the failed and the uninspected asset", async () => {
    const { ids, p } = await extinguishers()
    const updated = await rt.run(C.recordInspection({
      ...A,
      planId: p.id,
      version: 1,
      record: { date: "2024-03-12", results: [{ assetId: ids[0]!, outcome: "passed" }, { assetId: ids[1]!, outcome: "failed", note: "铅封脱落" }] }
    }))
    // one asset failed → the record's result is fail; ids[2] is not named
    expect(updated.records[0]).toMatchObject({ result: "fail", inspector: "staff-1", results: [{ outcome: "passed" }, { outcome: "failed", note: "铅封脱落" }] })
    const fs = (await rt.run(Q.findings("school-a", d("2024-04-15")))).filter((f) => f.rule.startsWith("assets.inspection"))
    // March: ids[1] failed on the 12th; ids[2] missed, due 2024-04-01. April has not ended.
    expect(fs.map((f) => [f.rule, f.subject.id])).toEqual([["assets.inspectionFailed", ids[1]], ["assets.inspectionMissed", ids[2]]])
    // the query names the asset by tag and name
    expect(fs[1]!.explanation.zh).toContain("MHQ-3 灭火器")
  })

  it("refuses an asset outside the plan at its result's path, a failure without a note, and a result that disagrees", async () => {
    const { ids, p } = await extinguishers()
    const other = await rt.run(C.registerAsset({ ...A, asset: computer({ tag: "JSJ-9" }) }))
    const outside = await rt.fail(C.recordInspection({
      ...A, planId: p.id, version: 1,
      record: { date: "2024-03-12", results: [{ assetId: ids[0]!, outcome: "passed" }, { assetId: other.id, outcome: "passed" }] }
    }))
    expect([outside._tag, outside.code, outside.path]).toEqual(["ValidationError", "assets.notInPlan", ["record", "results", 1, "assetId"]])
    const twice = await rt.fail(C.recordInspection({
      ...A, planId: p.id, version: 1,
      record: { date: "2024-03-12", results: [{ assetId: ids[0]!, outcome: "passed" }, { assetId: ids[0]!, outcome: "notFound" }] }
    }))
    expect([twice.code, twice.path]).toEqual(["assets.duplicateResult", ["record", "results", 1, "assetId"]])
    const silent = await rt.fail(C.recordInspection({ ...A, planId: p.id, version: 1, record: { date: "2024-03-12", results: [{ assetId: ids[0]!, outcome: "failed" }] } }))
    expect([silent.code, silent.path]).toEqual(["assets.failureWithoutNote", ["record", "results", 0, "note"]])
    const disagrees = await rt.fail(C.recordInspection({ ...A, planId: p.id, version: 1, record: { date: "2024-03-12", result: "pass", results: [{ assetId: ids[0]!, outcome: "notFound" }] } }))
    expect([disagrees.code, disagrees.path]).toEqual(["assets.resultDisagrees", ["record", "result"]])
    const none = await rt.fail(C.recordInspection({ ...A, planId: p.id, version: 1, record: { date: "2024-03-12" } }))
    expect([none.code, none.path]).toEqual(["assets.inspectionWithoutResult", ["record", "result"]])
    // nothing was written: the plan is still at version 1 with no record
    const ok = await rt.run(C.recordInspection({ ...A, planId: p.id, version: 1, record: { date: "2024-03-12", result: "pass" } }))
    expect([ok.version, ok.records.length, "results" in ok.records[0]!]).toEqual([2, 1, false])
  })
})

describe("consumables through the commands", () => {
  it("keeps goods in and out, return-old-for-new and stock conservation", async () => {
    const pens = await rt.run(C.addConsumable({ ...A, id: "pens", name: "中性笔", category: "officeSupplies", unit: "each" }))
    await rt.run(C.receiveConsumables({ ...A, itemId: pens.id, quantity: "100", date: "2024-06-03" }))
    const refused = await rt.fail(C.requisitionConsumables({ ...A, itemId: pens.id, quantity: "5", date: "2024-06-03", departmentId: "dept-office", requester: "staff-5" }))
    expect([refused._tag, refused.code, refused.path]).toEqual(["RequisitionError", "assets.returnOldForNew", ["returnedOld"]])
    await rt.run(C.requisitionConsumables({ ...A, itemId: pens.id, quantity: "5", date: "2024-06-03", departmentId: "dept-office", requester: "staff-5", returnedOld: "5" }))
    await rt.run(C.returnConsumables({ ...A, itemId: pens.id, quantity: "1", date: "2024-06-04", departmentId: "dept-office" }))
    const counted = await rt.run(C.countConsumables({ ...A, itemId: pens.id, counted: "94", date: "2024-06-05" }))
    // 100 − 5 + 1 = 96 on the books; counted 94 → an adjustment of −2
    expect(counted.movement.kind).toBe("adjustment")
    expect(counted.movement.quantity.value).toBe(-2n)
    const item = await rt.run(ConsumableStockRepository.use((r) => r.get("school-a", "pens")))
    expect(item.onHand.value).toBe(94n)
    const tooMany = await rt.fail(C.requisitionConsumables({ ...A, itemId: pens.id, quantity: "95", date: "2024-06-05", departmentId: "dept-office", requester: "staff-5", returnedOld: "95" }))
    expect(tooMany.code).toBe("assets.insufficientStock")
  })
})

describe("explaining unusual consumption through the commands", () => {
  // the first weekday (a requisition day in `cn`) of a month
  const weekday = (month: string) => {
    const first = d(`${month}-01`)
    return LD.dayOfWeek(first) <= 5 ? first : LD.addDays(first, 8 - LD.dayOfWeek(first))
  }

  it("stores who explained what and when on the supply item, and the month's finding becomes info", async () => {
    const mops = await rt.run(C.addConsumable({ ...A, id: "mops", name: "拖把", category: "cleaning", unit: "each" }))
    await rt.run(C.receiveConsumables({ ...A, itemId: mops.id, quantity: "1000", date: "2023-01-02" }))
    // a year of 4, 5, 4, 6, 5, 4, 5, 5, 4, 6, 5, 4 mops; then 20 in January 2024
    // sorted 4 4 4 4 4 5 5 5 5 5 6 6 → median (5 + 5) / 2 = 5; |x − 5|: 1 for the five 4s and the
    // two 6s, 0 for the five 5s → sorted 0 0 0 0 0 1 1 1 1 1 1 1, the 6th and 7th both 1: MAD = 1;
    // 0.6745 × (20 − 5) ÷ 1 = 10.1175 > 3.5
    const history = ["4", "5", "4", "6", "5", "4", "5", "5", "4", "6", "5", "4"]
    for (let i = 0; i < 12; i++) {
      await rt.run(C.requisitionConsumables({ ...A, itemId: mops.id, quantity: history[i]!, date: weekday(`2023-${String(i + 1).padStart(2, "0")}`), departmentId: "dept-clean", requester: "staff-5" }))
    }
    const last = await rt.run(C.requisitionConsumables({ ...A, itemId: mops.id, quantity: "20", date: weekday("2024-01"), departmentId: "dept-clean", requester: "staff-5" }))
    const [due] = await rt.run(Q.consumptionFindings("school-a", "2024-01"))
    expect([due!.subject.id, due!.severity, due!.evidence["score"]]).toEqual(["dept-clean/mops", "warning", 10.1175])

    // a stale version is a conflict; a month not yet begun is refused at `month`
    const stale = await rt.fail(C.explainConsumption({ ...A, itemId: mops.id, version: 1, departmentId: "dept-clean", month: "2024-01", text: "x" }))
    expect(stale._tag).toBe("ConflictError")
    const early = await rt.fail(C.explainConsumption({ ...A, itemId: mops.id, version: last.item.version, departmentId: "dept-clean", month: "2024-03", text: "x", at: "2024-02-05T09:00:00+08:00" }))
    expect([early.code, early.path]).toEqual(["assets.explanationTooEarly", ["month"]])

    const item = await rt.run(C.explainConsumption({
      ...A, itemId: mops.id, version: last.item.version, departmentId: "dept-clean", month: "2024-01", text: "开学前全校大扫除，旧拖把集中报废", at: "2024-02-05T09:00:00+08:00"
    }))
    expect(item.version).toBe(last.item.version + 1)
    expect(item.explanations).toEqual([{ departmentId: "dept-clean", month: "2024-01", text: "开学前全校大扫除，旧拖把集中报废", by: "staff-1", at: expect.anything() }])
    const [explained] = await rt.run(Q.consumptionFindings("school-a", "2024-01"))
    expect([explained!.id, explained!.severity]).toEqual([due!.id, "info"])
    expect(explained!.evidence["explanation"]).toEqual({ text: "开学前全校大扫除，旧拖把集中报废", by: "staff-1", at: "2024-02-05T01:00:00.000Z" })
    // the command is audited like every other
    const entries = await rt.run(AuditLog.use((a) => a.entries("school-a")))
    expect(entries.at(-1)!.command).toBe("assets.explainConsumption")
  })
})

describe("reservations and usage through the commands", () => {
  it("refuses an overlapping reservation and a reservation of a disposed asset", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer({ tag: "TYY-1", name: "投影仪", category: "通用设备/办公设备" }) }))
    await rt.run(C.reserve({ ...A, assetId: a.id, from: "2024-06-04T08:00:00+08:00", to: "2024-06-04T10:00:00+08:00" }))
    await rt.run(C.reserve({ ...A, assetId: a.id, from: "2024-06-04T10:00:00+08:00", to: "2024-06-04T11:00:00+08:00" }))
    const clash = await rt.fail(C.reserve({ ...A, assetId: a.id, from: "2024-06-04T09:30:00+08:00", to: "2024-06-04T10:30:00+08:00" }))
    expect(clash._tag).toBe("ReservationConflictError")
    // the message prints the booked time as the school reads it; the fields keep the instants
    expect(clash).toMatchObject({ from: "2024-06-04T00:00:00.000Z", zh: "资产 " + a.id + " 在 2024-06-04 08:00 至 2024-06-04 10:00 已被预约（t-000002）" })
    const x = await rt.run(AssetRepository.use((r) => r.get("school-a", a.id)))
    await rt.run(C.requestDisposal({ ...A, assetId: a.id, version: x.version, kind: "scrapping", reason: "灯泡老化" }))
    const gone = await rt.fail(C.reserve({ ...A, assetId: a.id, from: "2024-06-05T08:00:00+08:00", to: "2024-06-05T09:00:00+08:00" }))
    expect(gone).toMatchObject({ _tag: "IllegalTransitionError", state: "disposalRequested", event: "reserve" })
  })

  it("reports low utilisation from usage records", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer({ tag: "GQ-1", name: "钢琴", category: "专用设备/文艺设备", cost: cny(3_000_000) }) }))
    await rt.run(C.recordUsage({ ...A, assetId: a.id, date: "2024-06-04", sessions: 2 }))
    await rt.run(C.recordUsage({ ...A, assetId: a.id, date: "2024-06-06", sessions: 1 }))
    // a week of 35 sessions of capacity; 3 used: 3 ÷ 35 = 0.0857 < 0.2
    const { report, findings } = await rt.run(Q.utilisationReport("school-a", d("2024-06-03"), d("2024-06-09")))
    expect(report.map((u) => [u.measure, u.usedSessions, u.share.value])).toEqual([["sessions", 3, 857n]])
    expect(findings.map((f) => f.rule)).toEqual(["assets.lowUtilisation"])
    // named by its tag and name from the register, not its id
    expect(findings[0]!.explanation.zh).toBe("资产 GQ-1 钢琴 在 2024-06-03 至 2024-06-09 的使用率为 8.57%，低于 20%")
  })
})

const organisation = (schoolId: string, zone: string): Command.Input<typeof People.saveOrganisation>["organisation"] => ({
  schoolId,
  id: schoolId,
  school: { id: schoolId, name: "实验中学", kind: "secondary", zone },
  roles: [{ id: "teacher", name: { zh: "教师", en: "teacher" }, level: 10 }],
  departments: [{ id: "teaching", name: "教务处" }],
  staff: [{ id: "staff-1", name: "陈老师", departmentId: "teaching", roles: ["teacher"], active: true }],
  grades: [],
  classes: [],
  dinerGroups: [],
  chains: []
})

describe("the school's zone: its organisation's, as in every other module", () => {
  it("dates a disposal in Asia/Urumqi at 22:30 local on 15 March on the 15th (Shanghai would say the 16th)", async () => {
    // 2026-03-15 22:30 in Urumqi (UTC+6) = 16:30Z = 00:30 on the 16th in Shanghai
    const urumqi = makeRuntime({ now: () => Date.parse("2026-03-15T22:30:00+06:00") })
    try {
      await urumqi.run(People.saveOrganisation({ ...A, organisation: organisation("school-a", "Asia/Urumqi") }))
      const a = await urumqi.run(C.registerAsset({ ...A, asset: computer() }))
      const requested = await urumqi.run(C.requestDisposal({ ...A, assetId: a.id, version: a.version, kind: "scrapping", reason: "主板损坏" }))
      expect(requested.disposalRequest?.requestedOn).toBe("2026-03-15")
      const disposed = await urumqi.run(C.approveDisposal({ ...A, assetId: a.id, version: requested.version }))
      expect(disposed.disposal?.date).toBe("2026-03-15")
    } finally {
      await urumqi.dispose()
    }
  })

  it("dates a loan in New York at 23:30 on the day the clocks spring forward on that day", async () => {
    // 2026-03-08 23:30 EDT (UTC−4, in force since 03:00 that morning) = 2026-03-09T03:30Z
    const newYork = makeRuntime({ now: () => Date.parse("2026-03-08T23:30:00-04:00") })
    try {
      await newYork.run(People.saveOrganisation({ ...A, organisation: organisation("school-a", "America/New_York") }))
      const a = await newYork.run(C.registerAsset({ ...A, asset: computer() }))
      const lent = await newYork.run(C.lend({ ...A, assetId: a.id, version: a.version, borrower: "Ms Li", expectedReturn: "2026-03-08" }))
      expect(lent.loan?.since).toBe("2026-03-08")
    } finally {
      await newYork.dispose()
    }
  })
})

describe("staff and departments are checked against the organisation, as in canteen, retention and health", () => {
  it("refuses an unknown custodian or department with a NotFoundError and the field's path, writing nothing", async () => {
    await rt.run(People.saveOrganisation({ ...A, organisation: organisation("school-a", "Asia/Shanghai") }))
    const nobody = await rt.fail(C.registerAsset({ ...A, asset: computer({ custodianId: "nobody" }) }))
    expect(nobody).toMatchObject({ _tag: "NotFoundError", aggregate: "kernel.staff", id: "nobody", path: ["asset", "custodianId"] })
    const gym = await rt.fail(C.registerAsset({ ...A, asset: computer({ departmentId: "gym" }) }))
    expect(gym).toMatchObject({ _tag: "NotFoundError", aggregate: "kernel.department", path: ["asset", "departmentId"] })
    const batch = await rt.fail(C.registerBatch({
      ...A,
      batch: { name: "课桌", category: "家具、用具及装具/家具", fundingSource: "fiscal", unitCost: cny(30_000), likeItems: true, acquisitionDate: "2024-08-20", items: [{ tag: "KZ-1" }, { tag: "KZ-2", custodianId: "ghost" }] }
    }))
    expect(batch).toMatchObject({ aggregate: "kernel.staff", path: ["batch", "items", 1, "custodianId"] })
    expect(await rt.run(AssetRepository.use((r) => r.count("school-a")))).toBe(0)

    const a = await rt.run(C.registerAsset({ ...A, asset: computer({ custodianId: "staff-1", departmentId: "teaching" }) }))
    expect(await rt.fail(C.transfer({ ...A, assetId: a.id, version: a.version, custodianId: "nobody" }))).toMatchObject({ path: ["custodianId"] })
    expect(await rt.fail(C.reallocate({ ...A, assetId: a.id, version: a.version, departmentId: "gym" }))).toMatchObject({ path: ["departmentId"] })
    const pens = await rt.run(C.addConsumable({ ...A, id: "pens", name: "中性笔", category: "officeSupplies", unit: "each" }))
    await rt.run(C.receiveConsumables({ ...A, itemId: pens.id, quantity: "10" }))
    expect(await rt.fail(C.requisitionConsumables({ ...A, itemId: pens.id, quantity: "1", date: "2024-06-03", departmentId: "gym", requester: "staff-1", returnedOld: "1" })))
      .toMatchObject({ aggregate: "kernel.department", path: ["departmentId"] })
  })

  it("checks nothing before an organisation is saved (main's behaviour for schools that keep no org chart)", async () => {
    const a = await rt.run(C.registerAsset({ ...A, asset: computer({ custodianId: "anyone", departmentId: "anywhere" }) }))
    expect(a.custodianId).toBe("anyone")
  })
})
