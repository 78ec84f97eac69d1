import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { rows } from "../data/visual-acuity-conversion.generated.ts"
import { vision as rules } from "./rules.ts"
import * as Vision from "./vision.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${JSON.stringify(r.failure)}`)
  return r.success
}

describe("conversions (GB/T 11533: L = 5 + lg V = 5 − logMAR)", () => {
  it("every line of the chart: 5-point ↔ printed decimal ↔ logMAR (data/visual-acuity-conversion.csv)", () => {
    expect(rows.length).toBe(21)
    for (const r of rows) {
      expect(ok(Vision.fivePointFromDecimal(r.decimalVChart))).toBe(r.fivePointL)
      expect(ok(Vision.fivePointFromChartDecimal(r.decimalVChart))).toBe(r.fivePointL)
      expect(Vision.decimalFromFivePoint(r.fivePointL)).toBeCloseTo(r.decimalVExact, 4)
      expect(Vision.logMarFromFivePoint(r.fivePointL)).toBe(r.logMAR)
      expect(Vision.fivePointFromLogMar(r.logMAR)).toBe(r.fivePointL)
      expect(ok(Vision.chartLine(r.fivePointL)).snellen20ftExact).toBe(r.snellen20ftExact)
    }
  })
  it("worked examples: 4.4 is printed 0.25 (exactly 10^−0.6 = 0.2512), 4.9 is 0.8, 5.0 is 1.0", () => {
    expect(Vision.decimalFromFivePoint(4.4)).toBeCloseTo(0.2512, 4)
    expect(ok(Vision.fivePointFromDecimal(0.25))).toBe(4.4)
    expect(ok(Vision.fivePointFromDecimal(0.8))).toBe(4.9)
    expect(ok(Vision.fivePointFromDecimal(1))).toBe(5)
  })
  it("a decimal between two lines is the line below (the last line read): 0.9 → 4.9 (5 + lg 0.9 = 4.954), 0.7 → 4.8 (4.845); exact decimals are their lines; beyond the chart is an error", () => {
    expect(ok(Vision.fivePointFromDecimal(0.9))).toBe(4.9)
    expect(ok(Vision.fivePointFromDecimal(0.7))).toBe(4.8)
    // 1.2 and 1.5 are printed for 5.1 (1.2589) and 5.2 (1.5849): their lines, though below the exact values
    expect(ok(Vision.fivePointFromDecimal(1.2))).toBe(5.1)
    expect(ok(Vision.fivePointFromDecimal(1.5))).toBe(5.2)
    expect(ok(Vision.fivePointFromDecimal(1.4))).toBe(5.1)
    for (const r of rows) expect(ok(Vision.fivePointFromDecimal(r.decimalVExact))).toBe(r.fivePointL)
    // a child reading 0.9 has reduced vision (< 5.0)
    expect(Vision.grade(ok(Vision.fivePointFromDecimal(0.9)), rules)).toBe("mild")
    for (const v of [2.5, 3, 0.019]) {
      expect(Result.getFailure(Vision.fivePointFromDecimal(v))).toMatchObject({ _tag: "Some", value: { code: "health.measurement.notOnChart" } })
    }
  })
  it("refuses values that are not chart lines or not positive", () => {
    expect(ok(Vision.fivePoint(4.9))).toBe(4.9)
    for (const v of [4.95, 5.4, 3.2, Number.NaN]) expect(Result.isFailure(Vision.fivePoint(v))).toBe(true)
    expect(Result.getFailure(Vision.fivePoint(4.95))).toMatchObject({ _tag: "Some", value: { code: "health.measurement.notOnChart" } })
    expect(Result.isFailure(Vision.fivePointFromDecimal(0))).toBe(true)
    expect(Result.isFailure(Vision.fivePointFromChartDecimal(0.7))).toBe(true)
  })
  it("an eye left out by untyped input is a typed error at its path, not a TypeError", () => {
    const r = Vision.screen({ ageYears: 9, right: { ucva: 5.0 }, left: undefined } as unknown as Parameters<typeof Vision.screen>[0], rules)
    expect(Result.getFailure(r)).toMatchObject({ _tag: "Some", value: { _tag: "InvalidMeasurementError", path: ["left", "ucva"], problem: "notFinite" } })
  })
})

describe("grades of reduced vision (from 6 years): ≥ 5.0 normal, 4.9 mild, 4.6–4.8 moderate, ≤ 4.5 severe", () => {
  it("at each boundary", () => {
    expect([5.3, 5.0, 4.9, 4.8, 4.6, 4.5, 4.0].map((l) => Vision.grade(l, rules))).toEqual(["normal", "normal", "mild", "moderate", "moderate", "severe", "severe"])
  })
  it("a child's grade is the worse eye's", () => {
    const s = ok(Vision.screen({ ageYears: 9, right: { ucva: 5.0 }, left: { ucva: 4.7 } }, rules))
    expect(s).toMatchObject({ grade: "moderate", reducedVision: true, preschool: false })
  })
})

describe("screening myopia: UCVA < 5.0 and SE < −0.50 D in either eye (WS/T 663-2020)", () => {
  it("SE = sphere + cylinder / 2", () => {
    expect(Vision.sphericalEquivalent(-0.25, -0.5, rules)).toBe(-0.5)
  })
  it("at the boundary: SE −0.50 is not screening myopia, −0.75 is; UCVA 5.0 never is", () => {
    const eye = (ucva: number, sphere: number, cylinder: number) => ok(Vision.screen({ ageYears: 10, right: { ucva, sphere, cylinder }, left: { ucva: 5.0, sphere: 0, cylinder: 0 } }, rules))
    expect(eye(4.8, -0.25, -0.5).screeningMyopia).toBe(false)
    expect(eye(4.8, -0.5, -0.5).screeningMyopia).toBe(true)
    expect(eye(5.0, -1.5, 0).screeningMyopia).toBe(false)
  })
  it("without refraction a reduced UCVA cannot tell; orthokeratology counts as myopic", () => {
    expect(ok(Vision.screen({ ageYears: 10, right: { ucva: 4.8 }, left: { ucva: 5.0 } }, rules)).screeningMyopia).toBeUndefined()
    expect(ok(Vision.screen({ ageYears: 10, right: { ucva: 5.0 }, left: { ucva: 5.0 }, orthokeratology: true }, rules)).screeningMyopia).toBe(true)
  })
})

describe("myopia grades by SE (《近视防治指南》)", () => {
  it("at each boundary", () => {
    const grade = (se: number) => Vision.myopiaGrade(se, rules)
    expect([1, 0.75, 0, -0.5, -3, -3.25, -6, -8].map(grade)).toEqual(["none", "preMyopia", "preMyopia", "low", "moderate", "moderate", "high", "high"])
  })
})

describe("preschool low vision by age (implementation values, flagged for checking in the data)", () => {
  it("below 3: ≤ 4.6; at 3: ≤ 4.7; at 4: ≤ 4.8; from 5: ≤ 4.9", () => {
    expect(Vision.preschoolLow(4.6, 2.5, rules)).toBe(true)
    expect(Vision.preschoolLow(4.7, 2.5, rules)).toBe(false)
    expect(Vision.preschoolLow(4.7, 3.2, rules)).toBe(true)
    expect(Vision.preschoolLow(4.8, 4.9, rules)).toBe(true)
    expect(Vision.preschoolLow(4.9, 5.5, rules)).toBe(true)
    expect(Vision.preschoolLow(5.0, 5.5, rules)).toBe(false)
    const s = ok(Vision.screen({ ageYears: 4, right: { ucva: 4.9 }, left: { ucva: 4.9 } }, rules))
    expect(s).toMatchObject({ preschool: true, reducedVision: false, screeningMyopia: undefined })
  })
})
