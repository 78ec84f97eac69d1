import { BigDecimal, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { parseInstant } from "../kernel/Time.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { checkRequisition, onHand } from "./consumables.ts"
import { consumptionAnomalies, explanationsOf, modifiedZScore, monthlyConsumption } from "./consumptionAnomaly.ts"
import type { ConsumableMovement, ConsumableStock } from "./model.ts"
import { cn } from "./rules.ts"

const dec = (s: string) => BigDecimal.fromStringUnsafe(s)
const pens: ConsumableStock = {
  schoolId: "school-a" as ConsumableStock["schoolId"],
  id: "pens" as ConsumableStock["id"],
  version: 3,
  name: "中性笔",
  category: "officeSupplies",
  unit: "each",
  onHand: dec("40")
}

describe("requisitions", () => {
  // 2024-06-03 is a Monday, 2024-06-08 a Saturday
  it("are issued on requisition days only", () => {
    const r = checkRequisition(pens, { date: "2024-06-08" as LocalDate, quantity: dec("2"), returnedOld: dec("2") }, cn)
    expect(Result.isFailure(r) && [r.failure.code, r.failure.path]).toEqual(["assets.notARequisitionDay", ["date"]])
  })

  it("need the old items back for return-old-for-new categories (交旧领新), or a reason", () => {
    const none = checkRequisition(pens, { date: "2024-06-03" as LocalDate, quantity: dec("2"), returnedOld: dec("1") }, cn)
    expect(Result.isFailure(none) && [none.failure.code, none.failure.path]).toEqual(["assets.returnOldForNew", ["returnedOld"]])
    expect(Result.isSuccess(checkRequisition(pens, { date: "2024-06-03" as LocalDate, quantity: dec("2"), returnedOld: dec("2") }, cn))).toBe(true)
    expect(Result.isSuccess(checkRequisition(pens, { date: "2024-06-03" as LocalDate, quantity: dec("2"), noOldReason: "新入职教师首次领用" }, cn))).toBe(true)
    // another category is issued without return-old-for-new
    expect(Result.isSuccess(checkRequisition({ ...pens, category: "cleaning" }, { date: "2024-06-03" as LocalDate, quantity: dec("2") }, cn))).toBe(true)
  })

  it("cannot take more than is on hand", () => {
    const r = checkRequisition(pens, { date: "2024-06-03" as LocalDate, quantity: dec("41"), returnedOld: dec("41") }, cn)
    expect(Result.isFailure(r) && r.failure.code).toBe("assets.insufficientStock")
  })
})

describe("stock conservation", () => {
  const movement = fc.record({
    kind: fc.constantFrom("receipt" as const, "requisition" as const, "return" as const, "adjustment" as const),
    q: fc.integer({ min: -5_000, max: 100_000 })
  }).map(({ kind, q }) => ({ kind, quantity: BigDecimal.make(BigInt(kind === "adjustment" ? q : Math.abs(q)), 2) }))

  it("conserves stock: received − issued + returned ± adjusted = on hand", () => {
    fc.assert(fc.property(fc.array(movement, { maxLength: 50 }), (ms) => {
      const sum = (k: string) => ms.filter((m) => m.kind === k).reduce((t, m) => BigDecimal.sum(t, m.quantity), BigDecimal.fromBigInt(0n))
      const expected = BigDecimal.sum(BigDecimal.subtract(sum("receipt"), sum("requisition")), BigDecimal.sum(sum("return"), sum("adjustment")))
      expect(BigDecimal.equals(onHand(ms), expected)).toBe(true)
      // and in any order
      expect(BigDecimal.equals(onHand([...ms].reverse()), expected)).toBe(true)
    }))
  })
})

describe("unusual consumption (median and MAD, modified z-score > 3.5)", () => {
  const req = (month: string, quantity: string, dept = "dept-office"): ConsumableMovement => ({
    schoolId: "school-a" as ConsumableMovement["schoolId"],
    id: `${dept}-${month}`,
    version: 1,
    itemId: "pens" as ConsumableMovement["itemId"],
    kind: "requisition",
    date: `${month}-05` as LocalDate,
    quantity: dec(quantity),
    departmentId: "dept-office" as NonNullable<ConsumableMovement["departmentId"]>
  })
  // a year of 10, 12, 9, 11, 10, 13, 10, 12, 11, 10, 9, 11 pens a month
  const history = ["10", "12", "9", "11", "10", "13", "10", "12", "11", "10", "9", "11"].map((q, i) => req(`2023-${String(i + 1).padStart(2, "0")}`, q))

  it("computes the score by hand: median 10.5, MAD 0.5, 0.6745 × (30 − 10.5) ÷ 0.5 = 26.31", () => {
    const z = modifiedZScore(30, [10, 12, 9, 11, 10, 13, 10, 12, 11, 10, 9, 11])
    // sorted: 9 9 10 10 10 10 11 11 11 12 12 13 → median (10 + 11) / 2 = 10.5
    // |x − 10.5|: 0.5 ×7 (four 10s, three 11s), 1.5 ×4 (two 9s, two 12s), 2.5 ×1 (13)
    // → the 6th and 7th of the twelve sorted deviations are both 0.5: MAD = 0.5
    expect(z.median).toBe(10.5)
    expect(z.mad).toBe(0.5)
    expect(z.score).toBeCloseTo(26.3055, 4)
  })

  it("flags January 2024's 30 pens, not its 13", () => {
    const flagged = consumptionAnomalies(monthlyConsumption([...history, req("2024-01", "30")]), "2024-01", cn)
    expect(flagged.map((f) => [f.rule, f.subject.id, f.evidence["quantity"]])).toEqual([["assets.consumptionAnomaly", "dept-office/pens", "30"]])
    // 0.6745 × (13 − 10.5) ÷ 0.5 = 3.37 < 3.5
    expect(consumptionAnomalies(monthlyConsumption([...history, req("2024-01", "13")]), "2024-01", cn)).toEqual([])
  })

  it("does not judge a department with less than six months of history", () => {
    expect(consumptionAnomalies(monthlyConsumption([...history.slice(7), req("2024-01", "300")]), "2024-01", cn)).toEqual([])
  })

  it("counts returns against consumption, and flags any rise over a constant history", () => {
    const flat = Array.from({ length: 8 }, (_, i) => req(`2023-${String(i + 1).padStart(2, "0")}`, "5"))
    const back: ConsumableMovement = { ...req("2023-09", "1"), id: "ret", kind: "return" }
    const c = monthlyConsumption([...flat, req("2023-09", "7"), back])
    expect(c.find((x) => x.month === "2023-09")!.quantity).toEqual(BigDecimal.normalize(dec("6")))
    const [f] = consumptionAnomalies(c, "2023-09", cn)
    expect(f!.evidence["score"]).toBe(null)
  })
  it("lowers an explained month to info, same id and numbers, the latest explanation in the evidence", () => {
    const c = monthlyConsumption([...history, req("2024-01", "30")])
    const [due] = consumptionAnomalies(c, "2024-01", cn)
    const explained: ConsumableStock = {
      ...pens,
      explanations: [
        // another month's explanation does not count for January
        { departmentId: "dept-office" as never, month: "2023-12", text: "期末考试", by: "staff-5", at: parseInstant("2024-01-02T09:00+08:00")! },
        { departmentId: "dept-office" as never, month: "2024-01", text: "新学期备课", by: "staff-5", at: parseInstant("2024-02-02T09:00+08:00")! },
        { departmentId: "dept-office" as never, month: "2024-01", text: "新学期备课，另为 12 名新教师领用", by: "staff-6", at: parseInstant("2024-02-03T10:00+08:00")! }
      ]
    }
    const [f] = consumptionAnomalies(c, "2024-01", cn, undefined, {}, explanationsOf([explained]))
    expect(due!.severity).toBe("warning")
    expect(due!.evidence["explanation"]).toBe(null)
    expect(due!.explanation.en).toMatch(/an explanation is due$/)
    expect([f!.id, f!.severity, f!.evidence["score"]]).toEqual([due!.id, "info", due!.evidence["score"]])
    // the latest of the two January explanations: staff-6's, 2024-02-03 10:00 Shanghai = 02:00Z
    expect(f!.evidence["explanation"]).toEqual({ text: "新学期备课，另为 12 名新教师领用", by: "staff-6", at: "2024-02-03T02:00:00.000Z" })
    expect(f!.explanation.zh).toMatch(/staff-6 已于 2024-02-03 说明：新学期备课，另为 12 名新教师领用$/)
    // an explanation of another department or item leaves the finding due
    const elsewhere = explanationsOf([{ ...explained, id: "paper" as ConsumableStock["id"] }])
    expect(consumptionAnomalies(c, "2024-01", cn, undefined, {}, elsewhere)[0]!.severity).toBe("warning")
  })
})
