import { Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Anthro from "./anthro.ts"
import * as AnthroPlus from "./anthroplus.ts"
import { atSd, measurementAt } from "./lms.ts"
import type { Reference } from "./reference.ts"
import { row } from "./reference.ts"
import { who2006Tables } from "./who2006Tables.ts"
import { who2007Tables } from "./who2007Tables.ts"
import type { FlagLimits } from "./rules.ts"
import { whoGrowth } from "./rules.ts"
import { problemOf } from "./plausibility.ts"
import type { NotScored, ZScore } from "./zscore.ts"
import { isScored, Status } from "./zscore.ts"

const tables = { ...who2006Tables, ...who2007Tables }

type Lms = { readonly l: number; readonly m: number; readonly s: number }

/** one indicator: how to draw a key (age or length), its LMS there, and how to score it */
interface Case {
  readonly name: string
  readonly restricted: boolean
  readonly limits: FlagLimits
  readonly key: fc.Arbitrary<number>
  readonly lms: (sex: 1 | 2, key: number) => Lms
  readonly score: (sex: 1 | 2, key: number, y: number) => Result.Result<ZScore, unknown>
}

const days = (ref: () => Reference) => fc.integer({ min: ref().first, max: ref().last })
const byDay = (ref: () => Reference) => (sex: 1 | 2, key: number) => row(ref(), sex, key)!
const lengths = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((v) => v / 100)
const months = (until: () => number) => fc.double({ min: 60, max: until(), maxExcluded: true, noNaN: true })

const cases: ReadonlyArray<Case> = [
  {
    name: "length/height-for-age (0–5)",
    restricted: false,
    limits: whoGrowth.flags.lengthHeightForAge,
    key: days(tables.lenanthro),
    lms: byDay(tables.lenanthro),
    score: (sex, ageDays, lengthHeightCm) => Anthro.lengthHeightForAge({ sex, ageDays, lengthHeightCm })
  },
  {
    name: "weight-for-age (0–5)",
    restricted: true,
    limits: whoGrowth.flags.weightForAge,
    key: days(tables.weianthro),
    lms: byDay(tables.weianthro),
    score: (sex, ageDays, weightKg) => Anthro.weightForAge({ sex, ageDays, weightKg })
  },
  {
    name: "BMI-for-age (0–5)",
    restricted: true,
    limits: whoGrowth.flags.bmiForAge,
    key: days(tables.bmianthro),
    lms: byDay(tables.bmianthro),
    score: (sex, ageDays, bmi) => Anthro.bmiForAge({ sex, ageDays, bmi })
  },
  {
    name: "head circumference-for-age",
    restricted: false,
    limits: whoGrowth.flags.headCircumferenceForAge,
    key: days(tables.hcanthro),
    lms: byDay(tables.hcanthro),
    score: (sex, ageDays, headCircumferenceCm) => Anthro.headCircumferenceForAge({ sex, ageDays, headCircumferenceCm })
  },
  {
    name: "arm circumference-for-age",
    restricted: true,
    limits: whoGrowth.flags.armCircumferenceForAge,
    key: days(tables.acanthro),
    lms: byDay(tables.acanthro),
    score: (sex, ageDays, armCircumferenceCm) => Anthro.armCircumferenceForAge({ sex, ageDays, armCircumferenceCm })
  },
  {
    name: "triceps skinfold-for-age",
    restricted: true,
    limits: whoGrowth.flags.tricepsSkinfoldForAge,
    key: days(tables.tsanthro),
    lms: byDay(tables.tsanthro),
    score: (sex, ageDays, tricepsSkinfoldMm) => Anthro.tricepsSkinfoldForAge({ sex, ageDays, tricepsSkinfoldMm })
  },
  {
    name: "subscapular skinfold-for-age",
    restricted: true,
    limits: whoGrowth.flags.subscapularSkinfoldForAge,
    key: days(tables.ssanthro),
    lms: byDay(tables.ssanthro),
    score: (sex, ageDays, subscapularSkinfoldMm) => Anthro.subscapularSkinfoldForAge({ sex, ageDays, subscapularSkinfoldMm })
  },
  {
    name: "weight-for-length",
    restricted: true,
    limits: whoGrowth.flags.weightForLengthHeight,
    key: lengths(45, 110),
    lms: (sex, cm) => Anthro.lmsAtLength(tables.wflanthro(), sex, cm)!,
    score: (sex, lengthHeightCm, weightKg) => Anthro.weightForLengthHeight({ sex, weightKg, lengthHeightCm, table: "length" })
  },
  {
    name: "weight-for-height",
    restricted: true,
    limits: whoGrowth.flags.weightForLengthHeight,
    key: lengths(65, 120),
    lms: (sex, cm) => Anthro.lmsAtLength(tables.wfhanthro(), sex, cm)!,
    score: (sex, lengthHeightCm, weightKg) => Anthro.weightForLengthHeight({ sex, weightKg, lengthHeightCm, table: "height" })
  },
  {
    name: "height-for-age (5–19)",
    restricted: false,
    limits: whoGrowth.flags.heightForAge5to19,
    key: months(AnthroPlus.heightBmiUntilMonths),
    lms: (sex, m) => AnthroPlus.lmsAt(tables.hfawho2007(), sex, m)!,
    score: (sex, ageMonths, heightCm) => AnthroPlus.heightForAge({ sex, ageMonths, heightCm })
  },
  {
    name: "weight-for-age (5–10)",
    restricted: true,
    limits: whoGrowth.flags.weightForAge5to19,
    key: months(AnthroPlus.weightUntilMonths),
    lms: (sex, m) => AnthroPlus.lmsAt(tables.wfawho2007(), sex, m)!,
    score: (sex, ageMonths, weightKg) => AnthroPlus.weightForAge({ sex, ageMonths, weightKg })
  },
  {
    name: "BMI-for-age (5–19)",
    restricted: true,
    limits: whoGrowth.flags.bmiForAge5to19,
    key: months(AnthroPlus.heightBmiUntilMonths),
    lms: (sex, m) => AnthroPlus.lmsAt(tables.bfawho2007(), sex, m)!,
    score: (sex, ageMonths, bmi) => AnthroPlus.bmiForAge({ sex, ageMonths, bmi })
  }
]

const sex = fc.constantFrom<1 | 2>(1, 2)
const zu = (r: Result.Result<ZScore, unknown>): number => Result.getOrThrow(r).zUnrounded

for (const c of cases) {
  describe(c.name, () => {
    it("is strictly increasing in the measurement at fixed age (or length) and sex (unrounded z)", () => {
      // from half the median to 1.65 times it (+3 to +5 SD for weights; the tallest median, 177 cm,
      // stays below the millimetre check at 300 cm)
      fc.assert(fc.property(sex, c.key, fc.double({ min: 0.5, max: 1.55, noNaN: true }), fc.double({ min: 1e-6, max: 0.1, noNaN: true }), (sx, key, f, step) => {
        const m = c.lms(sx, key).m
        const a = f * m
        const b = (f + step) * m
        expect(zu(c.score(sx, key, a))).toBeLessThan(zu(c.score(sx, key, b)))
      }))
      // and from the measurement at a z between −5.5 and +5.5 SD, so both restricted tails (beyond
      // ±3 SD) are reached for every indicator — +3 SD is about twice the median for a skinfold
      fc.assert(fc.property(sex, c.key, fc.double({ min: -5.5, max: 5.5, noNaN: true }), fc.double({ min: 1e-6, max: 0.05, noNaN: true }), (sx, key, z, step) => {
        const lms = c.lms(sx, key)
        const a = measurementAt(z, lms.l, lms.m, lms.s, c.restricted)
        fc.pre(a > 0 && Number.isFinite(a))
        expect(zu(c.score(sx, key, a))).toBeLessThan(zu(c.score(sx, key, a * (1 + step))))
      }))
    })

    it("gives back the input: within ±3 SD the measurement at the computed z is the measurement scored", () => {
      fc.assert(fc.property(sex, c.key, fc.double({ min: -2.999, max: 2.999, noNaN: true }), (sx, key, z) => {
        const lms = c.lms(sx, key)
        const y = measurementAt(z, lms.l, lms.m, lms.s, c.restricted)
        const computed = zu(c.score(sx, key, y))
        expect(computed).toBeCloseTo(z, 9)
        expect(measurementAt(computed, lms.l, lms.m, lms.s, c.restricted) / y).toBeCloseTo(1, 12)
      }))
    })

    if (c.restricted) {
      it("is continuous across the ±3 SD switch to the restricted formula", () => {
        fc.assert(fc.property(sex, c.key, fc.constantFrom(3, -3), (sx, key, k) => {
          const lms = c.lms(sx, key)
          const y = atSd(k, lms.l, lms.m, lms.s)
          const h = 1e-7 * lms.m
          const below = zu(c.score(sx, key, y - h))
          const above = zu(c.score(sx, key, y + h))
          expect(Math.abs(above - below)).toBeLessThan(1e-4)
          expect(Math.abs(zu(c.score(sx, key, y)) - k)).toBeLessThan(1e-9)
        }))
      })
    }

    it("is flagged exactly when the rounded z passes the limit (5.004 rounds to 5.00: not flagged; 5.006 → 5.01: flagged)", () => {
      // offsets kept away from the rounding tie at 0.005
      const inside = fc.double({ min: 0.0005, max: 0.0045, noNaN: true })
      const outside = fc.double({ min: 0.0055, max: 0.0095, noNaN: true })
      fc.assert(fc.property(sex, c.key, inside, outside, fc.boolean(), (sx, key, din, dout, upper) => {
        const lms = c.lms(sx, key)
        const limit = upper ? c.limits.above : c.limits.below
        const sign = upper ? 1 : -1
        const kept = Result.getOrThrow(c.score(sx, key, measurementAt(limit + sign * din, lms.l, lms.m, lms.s, c.restricted)))
        expect(Math.abs(kept.zUnrounded)).toBeGreaterThan(Math.abs(limit))
        expect(kept.z).toBe(limit)
        expect(kept.flagged).toBe(false)
        const flagged = Result.getOrThrow(c.score(sx, key, measurementAt(limit + sign * dout, lms.l, lms.m, lms.s, c.restricted)))
        expect(flagged.z).toBe(Math.round((limit + sign * 0.01) * 100) / 100)
        expect(flagged.flagged).toBe(true)
      }))
    })
  })
}

describe("batch", () => {
  const value = (min: number, max: number) =>
    fc.oneof(
      { weight: 8, arbitrary: fc.double({ min, max, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(Number.NaN, -1, 0, 1.2, 50000) }
    )
  const invalid = (kind: "weight" | "lengthHeight", v: number) => !Number.isNaN(v) && problemOf(kind, v) !== undefined

  /** the batch's row against the single-child function given only that row's valid measurements */
  const agrees = (col: { readonly z: Float64Array; readonly status: Uint8Array }, i: number, expected: ZScore | NotScored | number) => {
    if (typeof expected === "number") {
      expect(col.status[i]).toBe(expected)
      expect(Number.isNaN(col.z[i]!)).toBe(true)
    } else if (isScored(expected)) {
      expect(col.z[i]).toBe(expected.z)
      expect(col.status[i]).toBe(expected.flagged ? Status.flagged : Status.scored)
    } else {
      expect(Number.isNaN(col.z[i]!)).toBe(true)
      expect(col.status[i]).toBeGreaterThanOrEqual(Status.missing)
    }
  }

  it("scores each row as the single-child function does (0–5): same z, same status", () => {
    const rowArb = fc.record({
      sex: fc.constantFrom(1, 2, 1, 2, 0, 3),
      age: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 1826 }) }, { weight: 1, arbitrary: fc.constantFrom(Number.NaN, -5, 1900) }),
      weight: value(2, 30),
      lenhei: value(45, 125),
      measured: fc.constantFrom(0, 1, 2),
      oedema: fc.constantFrom(0, 0, 0, 1)
    })
    fc.assert(fc.property(fc.array(rowArb, { minLength: 1, maxLength: 40 }), (rows) => {
      const out = Result.getOrThrow(Anthro.batch({
        sex: rows.map((r) => r.sex),
        ageDays: rows.map((r) => r.age),
        weightKg: rows.map((r) => r.weight),
        lengthHeightCm: rows.map((r) => r.lenhei),
        measured: rows.map((r) => r.measured),
        oedema: rows.map((r) => r.oedema)
      }))
      rows.forEach((r, i) => {
        const badWeight = invalid("weight", r.weight)
        const badLength = invalid("lengthHeight", r.lenhei)
        const single = Anthro.zScores({
          sex: r.sex,
          ...(Number.isNaN(r.age) ? {} : { ageDays: r.age }),
          ...(Number.isNaN(r.weight) || badWeight ? {} : { weightKg: r.weight }),
          ...(Number.isNaN(r.lenhei) || badLength ? {} : { lengthHeightCm: r.lenhei }),
          ...(r.measured === 0 ? {} : { measured: r.measured === 1 ? "length" as const : "height" as const }),
          oedema: r.oedema === 1
        })
        const uses = { lengthHeightForAge: badLength, weightForAge: badWeight, weightForLengthHeight: badWeight || badLength, bmiForAge: badWeight || badLength }
        for (const k of ["lengthHeightForAge", "weightForAge", "weightForLengthHeight", "bmiForAge"] as const) {
          if (Result.isFailure(single)) {
            // an unknown sex or an age outside the standards: nothing of the row is scored
            expect(single.failure._tag === "UnknownSexError" ? Status.unknownSex : Status.ageOutsideReference).toBe(out[k]!.status[i])
          } else {
            agrees(out[k]!, i, uses[k] ? Status.invalidMeasurement : single.success.scores[k])
          }
        }
      })
    }))
  })

  it("scores each row as the single-child function does (5–19): same z, same status", () => {
    const rowArb = fc.record({
      sex: fc.constantFrom(1, 2, 1, 2, 7),
      age: fc.oneof({ weight: 9, arbitrary: fc.double({ min: 60, max: 228.99, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(59.5, 229, 240) }),
      weight: value(15, 90),
      height: value(100, 190),
      oedema: fc.constantFrom(0, 0, 0, 1)
    })
    fc.assert(fc.property(fc.array(rowArb, { minLength: 1, maxLength: 40 }), (rows) => {
      const out = Result.getOrThrow(AnthroPlus.batch({
        sex: rows.map((r) => r.sex),
        ageMonths: rows.map((r) => r.age),
        weightKg: rows.map((r) => r.weight),
        heightCm: rows.map((r) => r.height),
        oedema: rows.map((r) => r.oedema)
      }))
      rows.forEach((r, i) => {
        const badWeight = invalid("weight", r.weight)
        const badHeight = invalid("lengthHeight", r.height)
        const single = AnthroPlus.zScores({
          sex: r.sex,
          ageMonths: r.age,
          ...(Number.isNaN(r.weight) || badWeight ? {} : { weightKg: r.weight }),
          ...(Number.isNaN(r.height) || badHeight ? {} : { heightCm: r.height }),
          oedema: r.oedema === 1
        })
        const uses = { heightForAge: badHeight, weightForAge: badWeight, bmiForAge: badWeight || badHeight }
        for (const k of ["heightForAge", "weightForAge", "bmiForAge"] as const) {
          if (Result.isFailure(single)) {
            expect(single.failure._tag === "UnknownSexError" ? Status.unknownSex : Status.ageOutsideReference).toBe(out[k]!.status[i])
          } else {
            agrees(out[k]!, i, uses[k] ? Status.invalidMeasurement : single.success.scores[k])
          }
        }
      })
    }))
  })
})
