/**
 * The query planner: which index a query reads. (That the rows are the reference's is the
 * property test's business, in queries.property.test.ts.)
 */
import { Ports } from "@houqin/core"
import { describe, expect, it } from "vitest"
import { certain, choose, plan } from "../src/internal/query.ts"

const limits = { min: -Infinity, max: [[]] }
const ReadingSpec = Ports.Storage.aggregate({
  name: "test.reading",
  schema: undefined as never,
  fields: {
    fridgeId: { kind: "text", get: () => null },
    at: { kind: "instant", get: () => null },
    ok: { kind: "bool", get: () => null }
  }
})
const indexed = new Set(["fridgeId", "at", "ok"])
const planOf = (query: Ports.Storage.Query, idx: ReadonlySet<string> = indexed) => plan(ReadingSpec, idx, "s", query, limits)

const compounds = [["fridgeId", "at"], ["ok", "fridgeId", "at"]]
const planWith = (query: Ports.Storage.Query) => plan(ReadingSpec, indexed, "s", query, limits, compounds)

describe("query planner: indexes of several fields", () => {
  it("reads a fridge's period from [s, fridge, from, −∞] to [s, fridge, to, −∞), in order and exactly", () => {
    const p = planWith({ where: { fridgeId: "f-2" }, range: { field: "at", from: 1000, to: 2000 } })
    if (p._tag !== "index") throw new Error("expected an index plan")
    const c = p.candidates.find((x) => x.fields?.join() === "fridgeId,at")!
    expect([c.ordered, c.exact]).toEqual([true, true])
    expect(c.ranges).toEqual([{ lower: ["s", "f-2", 1000, -Infinity], upper: ["s", "f-2", 2000, -Infinity], lowerOpen: false, upperOpen: true }])
    // the other index does not start with an equality: not offered
    expect(p.candidates.some((x) => x.fields?.join() === "ok,fridgeId,at")).toBe(false)
    // with several fridges: a range each, no longer in the query's order
    const two = planWith({ where: { fridgeId: ["f-2", "f-1"] }, range: { field: "at", from: 1000 } })
    if (two._tag !== "index") throw new Error("expected an index plan")
    const c2 = two.candidates.find((x) => x.fields?.join() === "fridgeId,at")!
    expect([c2.ordered, c2.exact]).toEqual([false, true])
    expect(c2.ranges.map((r) => [r.lower, r.upper, r.upperOpen])).toEqual([[["s", "f-1", 1000, -Infinity], ["s", "f-1", [[]]], false], [["s", "f-2", 1000, -Infinity], ["s", "f-2", [[]]], false]])
  })

  it("without a lower bound stays above null; an equality the index lacks leaves a predicate; a prefix alone is not in the order of a later field", () => {
    const open = planWith({ where: { fridgeId: "f-2" }, range: { field: "at", to: 2000 } })
    if (open._tag !== "index") throw new Error("expected an index plan")
    const below = open.candidates.find((x) => x.fields?.join() === "fridgeId,at")!.ranges[0]!
    // null is −∞ in the index: above [s, f-2, −∞, maxKey], every key with an instant
    expect([below.lower, below.lowerOpen, below.upper, below.upperOpen]).toEqual([["s", "f-2", -Infinity, [[]]], true, ["s", "f-2", 2000, -Infinity], true])
    const extra = planWith({ where: { fridgeId: "f-2", ok: true }, range: { field: "at", from: 5 } })
    if (extra._tag !== "index") throw new Error("expected an index plan")
    // (fridgeId, at): the range is bounded but ok is tested on each row; (ok, fridgeId, at): all three in the key
    expect(extra.candidates.filter((x) => x.fields !== undefined).map((x) => [x.fields!.join(), x.ordered, x.exact])).toEqual([["fridgeId,at", true, false], ["ok,fridgeId,at", true, true]])
    const prefix = planWith({ where: { ok: true }, orderBy: "at" })
    if (prefix._tag !== "index") throw new Error("expected an index plan")
    expect(prefix.candidates.filter((x) => x.fields !== undefined).map((x) => [x.fields!.join(), x.ordered, x.exact])).toEqual([["ok,fridgeId,at", false, true]])
  })
})

describe("query planner: a candidate no count can beat", () => {
  it("is an exact candidate that reads in order, or any exact one when every match is read; none otherwise", () => {
    // a fridge's latest 20: (fridgeId, at) holds just the fridge's rows, in time order
    const latest = planWith({ where: { fridgeId: "f-2" }, orderBy: "at", direction: "desc", limit: 20 })
    if (latest._tag !== "index") throw new Error("expected an index plan")
    expect(latest.candidates[certain(latest.candidates, 20)!]!.fields).toEqual(["fridgeId", "at"])
    // without the index of several fields: the fridge's index is exact but not in time order, so
    // with a limit the time index may read fewer rows (counting decides); without one, it is certain
    const single = planOf({ where: { fridgeId: "f-2" }, orderBy: "at", limit: 20 })
    if (single._tag !== "index") throw new Error("expected an index plan")
    expect(certain(single.candidates, 20)).toBeUndefined()
    expect(single.candidates[certain(single.candidates, Infinity)!]!.field).toBe("fridgeId")
    // nothing exact: count
    const two = planOf({ where: { fridgeId: "f-2", ok: true } })
    if (two._tag !== "index") throw new Error("expected an index plan")
    expect(certain(two.candidates, Infinity)).toBeUndefined()
  })
})

describe("query planner", () => {
  it("offers the order field's index (ordered) and an equality field's index for a filtered, ordered query", () => {
    const p = planOf({ where: { fridgeId: "f-2" }, orderBy: "at", direction: "desc", limit: 20 })
    expect(p._tag).toBe("index")
    if (p._tag !== "index") return
    expect(p.candidates.map((c) => [c.field, c.ordered, c.exact])).toEqual([["at", true, false], ["fridgeId", false, true]])
    // the equality range is [s, "f-2", −∞] … [s, "f-2", [[]]]: one fridge's rows, by id
    expect(p.candidates[1]!.ranges).toEqual([{ lower: ["s", "f-2", -Infinity], upper: ["s", "f-2", [[]]], lowerOpen: false, upperOpen: false }])
  })

  it("chooses by the rows each would read: the ordered index when a limit stops it early, else the fewest rows", () => {
    const p = planOf({ where: { fridgeId: "f-2" }, orderBy: "at", limit: 20 })
    if (p._tag !== "index") throw new Error("expected an index plan")
    // 100,000 rows by time, 25,000 of fridge f-2: reading by time finds 20 of them in about
    // 20 × 100,000 ÷ 25,000 = 80 rows; reading f-2's rows reads 25,000 and sorts them
    expect(choose(p.candidates, [100_000, 25_000], 20)).toBe(0)
    // without a limit every match is read: 25,000 < 100,000
    expect(choose(p.candidates, [100_000, 25_000], Infinity)).toBe(1)
    // a rare fridge (10 rows): 20 × 100,000 ÷ 10 = 200,000 > 10, so its own index
    expect(choose(p.candidates, [100_000, 10], 20)).toBe(1)
  })

  it("bounds a half-open range above null: [from, to) on the field, null never matching", () => {
    const p = planOf({ range: { field: "at", from: 1000, to: 2000 } })
    if (p._tag !== "index") throw new Error("expected an index plan")
    expect(p.candidates[0]).toEqual({
      field: "at",
      ranges: [{ lower: ["s", 1000, -Infinity], upper: ["s", 2000, -Infinity], lowerOpen: false, upperOpen: true }],
      ordered: true,
      exact: true
    })
    const open = planOf({ range: { field: "at" } })
    if (open._tag !== "index") throw new Error("expected an index plan")
    expect(open.candidates[0]!.ranges[0]).toMatchObject({ lower: ["s", -Infinity, [[]]], lowerOpen: true })
    expect(open.test({ id: "a", $at: -Infinity })).toBe(false)
    expect(open.test({ id: "a", $at: 5 })).toBe(true)
  })

  it("stores booleans as 0 and 1 and compares them so", () => {
    const p = planOf({ where: { ok: true } })
    if (p._tag !== "index") throw new Error("expected an index plan")
    expect(p.candidates.map((c) => c.field)).toEqual([undefined, "ok"])
    expect(p.test({ id: "a", $ok: 1 })).toBe(true)
    expect(p.test({ id: "a", $ok: 0 })).toBe(false)
  })

  it("matches nothing for an empty list or an empty range, without reading", () => {
    expect(planOf({ where: { fridgeId: [] } })._tag).toBe("none")
    expect(planOf({ range: { field: "at", from: 5, to: 5 } })._tag).toBe("none")
  })

  it("leaves names that are not projected fields, and values of the wrong kind, to the reference", () => {
    expect(planOf({ orderBy: "version" })._tag).toBe("scan")
    expect(planOf({ where: { at: "yesterday" } })._tag).toBe("scan")
    expect(planOf({ range: { field: "fridgeId", from: 3 } })._tag).toBe("scan")
  })

  it("reads the primary key when the order field has no index (an outdated schema), and sorts", () => {
    const p = planOf({ orderBy: "at", limit: 5 }, new Set())
    if (p._tag !== "index") throw new Error("expected an index plan")
    expect(p.candidates.map((c) => [c.field, c.ordered])).toEqual([[undefined, false]])
  })
})
