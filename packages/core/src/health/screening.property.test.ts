import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as AnthroPlus from "./anthroplus.ts"
import { whoGrowth, wst456, wst586 } from "./rules.ts"
import * as WhoClass from "./whoClassification.ts"
import * as Wst456 from "./wst456.ts"
import * as Wst586 from "./wst586.ts"

const sex = fc.constantFrom("M" as const, "F" as const)
const bmiPair = fc.tuple(fc.double({ min: 10, max: 40, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true })).map(([a, step]) => [a, a + step] as const)

const weightRank = { normal: 0, overweight: 1, obesity: 2 } as const
const wastingRank = { moderateSevere: 0, mild: 1, none: 2 } as const
const whoRank = { severeThinness: 0, thinness: 1, normal: 2, overweight: 3, obesity: 4 } as const

describe("classification is monotone in BMI at fixed sex and age", () => {
  it("WS/T 586-2018: a higher BMI is never a lower class (normal < overweight < obesity)", () => {
    fc.assert(fc.property(sex, fc.double({ min: 6, max: 18.99, noNaN: true }), bmiPair, (sx, ageYears, [a, b]) => {
      const ca = Result.getOrThrow(Wst586.classify({ sex: sx, ageYears, bmi: a }, wst586)).status
      const cb = Result.getOrThrow(Wst586.classify({ sex: sx, ageYears, bmi: b }, wst586)).status
      expect(weightRank[ca]).toBeLessThanOrEqual(weightRank[cb])
    }))
  })
  it("WS/T 456-2014: a higher BMI is never a worse wasting class", () => {
    fc.assert(fc.property(sex, fc.double({ min: 6, max: 17.99, noNaN: true }), bmiPair, (sx, ageYears, [a, b]) => {
      const ca = Result.getOrThrow(Wst456.wasting({ sex: sx, ageYears, bmi: a }, wst456)).status
      const cb = Result.getOrThrow(Wst456.wasting({ sex: sx, ageYears, bmi: b }, wst456)).status
      expect(wastingRank[ca]).toBeLessThanOrEqual(wastingRank[cb])
    }))
  })
  it("WS/T 456-2014 stunting: a taller child is never stunted when a shorter one of the same age is not", () => {
    fc.assert(fc.property(sex, fc.double({ min: 6, max: 17.99, noNaN: true }), fc.double({ min: 90, max: 180, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), (sx, ageYears, h, step) => {
      const short = Result.getOrThrow(Wst456.stunting({ sex: sx, ageYears, heightCm: h }, wst456)).stunted
      const tall = Result.getOrThrow(Wst456.stunting({ sex: sx, ageYears, heightCm: h + step }, wst456)).stunted
      expect(tall && !short).toBe(false)
    }))
  })
  it("WHO 2007 BMI-for-age: severe thinness < thinness < normal < overweight < obesity, in BMI order", () => {
    fc.assert(fc.property(sex, fc.double({ min: 60, max: 228.99, noNaN: true }), bmiPair, (sx, ageMonths, [a, b]) => {
      const za = Result.getOrThrow(AnthroPlus.bmiForAge({ sex: sx, ageMonths, bmi: a }))
      const zb = Result.getOrThrow(AnthroPlus.bmiForAge({ sex: sx, ageMonths, bmi: b }))
      const ca = WhoClass.weightStatus5to19(za, whoGrowth)
      const cb = WhoClass.weightStatus5to19(zb, whoGrowth)
      if (ca === "implausible" || cb === "implausible" || ca === "notScored" || cb === "notScored") return
      expect(whoRank[ca]).toBeLessThanOrEqual(whoRank[cb])
    }))
  })
})
