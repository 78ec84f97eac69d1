import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { CountedItem, ExpectedItem } from "./stocktake.ts"
import { compare } from "./stocktake.ts"

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
      { tag: "T8", condition: "good" } // the tag of an asset outside the scope: surplus naming it
      // T3 not counted: shortage (盘亏); T5 under repair and not counted: away
    ]
    const r = compare(expected, counted, new Map([["T8", "a8"]]))
    expect(r.matched).toEqual([{ assetId: "a1", tag: "T1" }])
    expect(r.wrongLocation).toEqual([{ assetId: "a2", tag: "T2", recorded: "教学楼 101", found: "教学楼 102" }])
    expect(r.conditionChanged).toEqual([{ assetId: "a4", tag: "T4", recorded: "fair", found: "unusable" }])
    expect(r.shortage).toEqual([{ assetId: "a3", tag: "T3", location: "操场" }])
    expect(r.away).toEqual([{ assetId: "a5", tag: "T5" }])
    expect(r.surplus).toEqual([
      { tag: "T9", location: "操场", condition: "good", assetId: undefined },
      { tag: "T8", location: undefined, condition: "good", assetId: "a8" }
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
  fc.record({ n: fc.integer({ min: 1, max: 500 }), location: fc.option(fc.constantFrom(...locations), { nil: undefined }), condition: fc.constantFrom(...conditions), away: fc.boolean() }),
  { selector: (r) => r.n, maxLength: 60 }
).map((rows) => rows.map((r): ExpectedItem => ({ assetId: `a${r.n}`, tag: `T${r.n}`, location: r.location, condition: r.condition, away: r.away })))
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

  it("accounts for every counted tag once: found (expected) + surplus = distinct tags counted", () => {
    fc.assert(fc.property(register, counts, (exp, cnt) => {
      const r = compare(exp, cnt)
      const distinct = new Set(cnt.map((c) => c.tag))
      const found = exp.filter((e) => distinct.has(e.tag)).length
      expect(found + r.surplus.length).toBe(distinct.size)
      expect(r.counted).toBe(distinct.size)
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
