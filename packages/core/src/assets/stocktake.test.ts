import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Asset } from "./model.ts"
import type { CountedItem, ExpectedItem } from "./stocktake.ts"
import { compare, registeredItems } from "./stocktake.ts"

/** a register record with what the stocktake reads of it */
const asset = (over: Partial<Record<keyof Asset, unknown>> & { id: string; tag: string }): Asset => ({
  status: "inService",
  acquisitionDate: "2024-03-15",
  condition: "good",
  departmentId: "dept-teaching",
  ...over
}) as unknown as Asset

const expected: Array<ExpectedItem> = [
  { assetId: "a1", tag: "T1", location: "教学楼 101", condition: "good" },
  { assetId: "a2", tag: "T2", location: "教学楼 101", condition: "good" },
  { assetId: "a3", tag: "T3", location: "操场", condition: "good" },
  { assetId: "a4", tag: "T4", location: "食堂", condition: "fair" },
  { assetId: "a5", tag: "T5", location: "办公室", condition: "good", away: true }
]

describe("stocktake (清查): expected list against counts", () => {
  it("finds surplus, shortage, wrong location and changed condition", () => {
    const counted: Array<CountedItem> = [
      { tag: "T1", location: "教学楼 101", condition: "good" }, // matched
      { tag: "T2", location: "教学楼 102", condition: "good" }, // found in the wrong place
      { tag: "T4", location: "食堂", condition: "unusable" }, // condition changed
      { tag: "T9", location: "操场", condition: "good" }, // not on the register: surplus (盘盈)
      { tag: "T8", condition: "good" } // the tag of an asset outside the scope: found, not a surplus
      // T3 not counted: shortage (盘亏); T5 under repair and not counted: away
    ]
    const r = compare(expected, counted, new Map([["T8", { assetId: "a8", status: "inService", reason: "outOfScope", condition: "good" }]]))
    expect(r.matched).toEqual([{ assetId: "a1", tag: "T1" }])
    expect(r.wrongLocation).toEqual([{ assetId: "a2", tag: "T2", recorded: "教学楼 101", found: "教学楼 102" }])
    expect(r.conditionChanged).toEqual([{ assetId: "a4", tag: "T4", recorded: "fair", found: "unusable" }])
    expect(r.shortage).toEqual([{ assetId: "a3", tag: "T3", location: "操场" }])
    expect(r.away).toEqual([{ assetId: "a5", tag: "T5", reason: "underRepair" }])
    // only T9 is a surplus (盘盈): T8 is on the register, so it was found, not gained
    expect(r.surplus).toEqual([{ tag: "T9", location: "操场", condition: "good" }])
    expect(r.foundUnexpected.map((f) => f.tag)).toEqual(["T8"])
  })

  // On loan (借出) was left out of the expected list: a loaned laptop that was counted came back as
  // a surplus carrying its own register id, and one not counted was neither short nor away.
  it("treats an asset on loan like one under repair: counted is found (and noted), not counted is away on loan, never short or surplus", () => {
    const onLoan: Array<ExpectedItem> = [
      { assetId: "a6", tag: "T6", location: "信息中心", condition: "good", away: true, awayReason: "onLoan", loan: { borrower: "王老师", expectedReturn: "2024-07-01" } },
      { assetId: "a7", tag: "T7", location: "信息中心", condition: "good", away: true, awayReason: "onLoan", loan: { borrower: "李老师", expectedReturn: "2024-06-20" } }
    ]
    // T6 is found with its borrower in 教学楼 203; T7 is not counted
    const r = compare([...expected, ...onLoan], [{ tag: "T6", location: "教学楼 203", condition: "good" }])
    expect(r.surplus).toEqual([])
    expect(r.shortage.map((s) => s.tag)).toEqual(["T1", "T2", "T3", "T4"])
    expect(r.away).toEqual([
      { assetId: "a5", tag: "T5", reason: "underRepair" },
      { assetId: "a7", tag: "T7", reason: "onLoan", borrower: "李老师", expectedReturn: "2024-06-20" }
    ])
    expect(r.foundAway).toEqual([{ assetId: "a6", tag: "T6", reason: "onLoan", location: "教学楼 203", condition: "good" }])
    // where a loaned asset is found is where its borrower keeps it, not a wrong location
    expect(r.matched).toEqual([{ assetId: "a6", tag: "T6" }])
    expect(r.wrongLocation).toEqual([])
  })

  it("an asset under repair that is counted is found, noted, and compared as recorded", () => {
    const r = compare(expected.slice(4), [{ tag: "T5", location: "维修间", condition: "poor" }])
    expect(r.foundAway).toEqual([{ assetId: "a5", tag: "T5", reason: "underRepair", location: "维修间", condition: "poor" }])
    expect(r.wrongLocation).toEqual([{ assetId: "a5", tag: "T5", recorded: "办公室", found: "维修间" }])
    expect(r.conditionChanged).toEqual([{ assetId: "a5", tag: "T5", recorded: "good", found: "poor" }])
    expect(r.away).toEqual([])
  })

  it("never reports a tag on the register as a surplus: out of scope, added after the start, or off the books, it is found", () => {
    const register = registeredItems([
      asset({ id: "b1", tag: "B1", location: "操场", departmentId: "dept-pe" }),
      asset({ id: "b2", tag: "B2", location: "教学楼 101", acquisitionDate: "2024-06-10" }),
      asset({ id: "b3", tag: "B3", location: "教学楼 101", status: "disposed" })
    ], { startedOn: "2024-06-03", scope: { departmentId: "dept-teaching" } })
    const r = compare([], [
      { tag: "B1", location: "教学楼 101", condition: "good" },
      { tag: "B2", location: "教学楼 101", condition: "good" },
      { tag: "B3", location: "教学楼 101", condition: "poor" },
      { tag: "NEW-1", location: "教学楼 101", condition: "good" }
    ], register)
    expect(r.surplus).toEqual([{ tag: "NEW-1", location: "教学楼 101", condition: "good" }])
    expect(r.foundUnexpected).toEqual([
      { assetId: "b1", tag: "B1", status: "inService", reason: "outOfScope", recorded: "操场", location: "教学楼 101", recordedCondition: "good", condition: "good" },
      { assetId: "b2", tag: "B2", status: "inService", reason: "addedAfterStart", recorded: "教学楼 101", location: "教学楼 101", recordedCondition: "good", condition: "good" },
      { assetId: "b3", tag: "B3", status: "disposed", reason: "offBooks", recorded: "教学楼 101", location: "教学楼 101", recordedCondition: "good", condition: "poor" }
    ])
  })

  it("reports a tag counted twice and keeps the last count", () => {
    const r = compare(expected.slice(0, 1), [
      { tag: "T1", location: "操场", condition: "good" },
      { tag: "T1", location: "教学楼 101", condition: "good" }
    ])
    expect(r.duplicates).toEqual([{ tag: "T1", count: 2 }])
    expect(r.matched.length).toBe(1)
  })
})

const locations = ["A", "B", "C"]
const conditions = ["good", "fair", "poor", "unusable"] as const
const register = fc.uniqueArray(
  fc.record({
    n: fc.integer({ min: 1, max: 500 }),
    location: fc.option(fc.constantFrom(...locations), { nil: undefined }),
    condition: fc.constantFrom(...conditions),
    away: fc.constantFrom(undefined, "underRepair", "onLoan")
  }),
  { selector: (r) => r.n, maxLength: 60 }
).map((rows) =>
  rows.map((r): ExpectedItem => ({
    assetId: `a${r.n}`,
    tag: `T${r.n}`,
    location: r.location,
    condition: r.condition,
    ...(r.away === undefined ? {} : { away: true, awayReason: r.away }),
    ...(r.away === "onLoan" ? { loan: { borrower: "王老师", expectedReturn: "2024-07-01" } } : {})
  }))
)
/** registered tags outside the expected list (T501…T600: another scope, later, off the books) */
const others = fc.uniqueArray(fc.integer({ min: 501, max: 600 }), { maxLength: 40 }).map((ns) =>
  new Map(ns.map((n) => [`T${n}`, { assetId: `a${n}`, status: "inService" as const, reason: "outOfScope" as const, condition: "good" as const }]))
)
const counts = fc.array(
  fc.record({ n: fc.integer({ min: 1, max: 700 }), location: fc.option(fc.constantFrom(...locations), { nil: undefined }), condition: fc.constantFrom(...conditions) }),
  { maxLength: 80 }
).map((rows) => rows.map((r): CountedItem => ({ tag: `T${r.n}`, location: r.location, condition: r.condition })))

describe("stocktake laws", () => {
  it("accounts for every expected asset once: matched + found with differences + short + away = expected", () => {
    fc.assert(fc.property(register, counts, (exp, cnt) => {
      const r = compare(exp, cnt)
      const differing = new Set([...r.wrongLocation, ...r.conditionChanged].map((x) => x.assetId))
      const ids = [...r.matched.map((m) => m.assetId), ...differing, ...r.shortage.map((s) => s.assetId), ...r.away.map((a) => a.assetId)]
      expect(ids.length).toBe(exp.length)
      expect(new Set(ids).size).toBe(exp.length)
    }))
  })

  it("accounts for every counted tag once: found (expected) + found (registered, not expected) + surplus = distinct tags counted", () => {
    fc.assert(fc.property(register, counts, others, (exp, cnt, reg) => {
      const r = compare(exp, cnt, reg)
      const distinct = new Set(cnt.map((c) => c.tag))
      const found = exp.filter((e) => distinct.has(e.tag)).length
      expect(found + r.foundUnexpected.length + r.surplus.length).toBe(distinct.size)
      expect(r.counted).toBe(distinct.size)
    }))
  })

  it("never calls a registered tag a surplus (盘盈 is a tag the register does not know)", () => {
    fc.assert(fc.property(register, counts, others, (exp, cnt, reg) => {
      const r = compare(exp, cnt, reg)
      const known = new Set([...exp.map((e) => e.tag), ...reg.keys()])
      expect(r.surplus.filter((s) => known.has(s.tag))).toEqual([])
    }))
  })

  it("never calls an asset expected away (under repair, on loan) short", () => {
    fc.assert(fc.property(register, counts, (exp, cnt) => {
      const r = compare(exp, cnt)
      const awayIds = new Set(exp.filter((e) => e.away === true).map((e) => e.assetId))
      expect(r.shortage.filter((s) => awayIds.has(s.assetId))).toEqual([])
    }))
  })

  it("counting exactly the register, where and as recorded, matches everything", () => {
    fc.assert(fc.property(register, (exp) => {
      const r = compare(exp, exp.map((e) => ({ tag: e.tag, location: e.location, condition: e.condition })))
      expect(r.matched.length).toBe(exp.length)
      expect(r.surplus.length + r.shortage.length + r.wrongLocation.length + r.conditionChanged.length).toBe(0)
    }))
  })
})
