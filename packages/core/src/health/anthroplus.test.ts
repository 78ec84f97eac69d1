import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as AnthroPlus from "./anthroplus.ts"
import { whoGrowth } from "./rules.ts"
import type { NotScored, ZScore } from "./zscore.ts"
import { isScored, Status } from "./zscore.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${JSON.stringify(r.failure)}`)
  return r.success
}
const fail = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error(`expected failure, got ${JSON.stringify(r.success)}`)
  return r.failure
}
const z = (s: ZScore | NotScored): number => {
  if (!isScored(s)) throw new Error(`not scored: ${s.reason}`)
  return s.z
}
const flag = (s: ZScore | NotScored): boolean => isScored(s) && s.flagged

describe("WHO's worked example (README of WorldHealthOrganization/anthroplus, `anthroplus_zscores`)", () => {
  // anthroplus_zscores(sex = c("1", "f"), age_in_months = c(100, 110),
  //                    height_in_cm = c(100, 90), weight_in_kg = c(30, 40))
  //   age_in_months csex coedema     cbmi  zhfa zwfa zbfa fhfa fwfa fbfa
  // 1           100    1       n 30.00000 -5.04 0.87 5.03    0    0    1
  // 2           110    2       n 49.38272 -7.06 1.78 7.37    1    0    1
  it("boy of 100 months, 100 cm, 30 kg", () => {
    const a = ok(AnthroPlus.zScores({ sex: "1", ageMonths: 100, heightCm: 100, weightKg: 30 }))
    expect(a.bmi).toBeCloseTo(30, 10)
    expect([z(a.scores.heightForAge), flag(a.scores.heightForAge)]).toEqual([-5.04, false])
    expect([z(a.scores.weightForAge), flag(a.scores.weightForAge)]).toEqual([0.87, false])
    expect([z(a.scores.bmiForAge), flag(a.scores.bmiForAge)]).toEqual([5.03, true])
  })
  it("girl of 110 months, 90 cm, 40 kg", () => {
    const a = ok(AnthroPlus.zScores({ sex: "f", ageMonths: 110, heightCm: 90, weightKg: 40 }))
    expect(a.bmi).toBeCloseTo(49.38272, 5)
    expect([z(a.scores.heightForAge), flag(a.scores.heightForAge)]).toEqual([-7.06, true])
    expect([z(a.scores.weightForAge), flag(a.scores.weightForAge)]).toEqual([1.78, false])
    expect([z(a.scores.bmiForAge), flag(a.scores.bmiForAge)]).toEqual([7.37, true])
  })
  it("the boy's height-for-age by hand: whole month 100, no interpolation (hfawho2007.txt sex 1, age 100: L 1, M 129.0466, S 0.0447)", () => {
    // z = (100 / 129.0466 − 1) / 0.0447 = −0.225087… / 0.0447 = −5.0355… → −5.04
    const s = ok(AnthroPlus.heightForAge({ sex: 1, ageMonths: 100, heightCm: 100 }))
    expect(s.zUnrounded).toBeCloseTo((100 / 129.0466 - 1) / 0.0447, 12)
    expect(s.z).toBe(-5.04)
  })
})

describe("anthroplus's tests (WorldHealthOrganization/anthroplus tests/testthat/test-zscores.R)", () => {
  it("computes correct values for ages just above 60 months (girls; 2 decimals)", () => {
    // 60.32 months, 113.8 cm, 18.7 kg → zwfa 0.21, zbfa −0.58, zhfa 0.96
    const a = ok(AnthroPlus.zScores({ sex: 2, ageMonths: 60.32, heightCm: 113.8, weightKg: 18.7 }))
    expect([z(a.scores.weightForAge), z(a.scores.bmiForAge), z(a.scores.heightForAge)]).toEqual([0.21, -0.58, 0.96])
    // 60.911701 months, 113.6 cm, 20.5 kg → 0.79, 0.42, 0.85
    const b = ok(AnthroPlus.zScores({ sex: 2, ageMonths: 60.911701, heightCm: 113.6, weightKg: 20.5 }))
    expect([z(b.scores.weightForAge), z(b.scores.bmiForAge), z(b.scores.heightForAge)]).toEqual([0.79, 0.42, 0.85])
  })

  it("the same with 3 decimals (z_precision = 3L): 0.212, −0.575, 0.959 and 0.795, 0.418, 0.848", () => {
    const rules = { ...whoGrowth, precision: 3 }
    const a = ok(AnthroPlus.zScores({ sex: 2, ageMonths: 60.32, heightCm: 113.8, weightKg: 18.7 }, { rules }))
    expect([z(a.scores.weightForAge), z(a.scores.bmiForAge), z(a.scores.heightForAge)]).toEqual([0.212, -0.575, 0.959])
    const b = ok(AnthroPlus.zScores({ sex: 2, ageMonths: 60.911701, heightCm: 113.6, weightKg: 20.5 }, { rules }))
    expect([z(b.scores.weightForAge), z(b.scores.bmiForAge), z(b.scores.heightForAge)]).toEqual([0.795, 0.418, 0.848])
  })

  it("60.32 months by hand: L, M, S interpolated 32% of the way from month 60 to month 61", () => {
    // hfawho2007.txt sex 2: 60 → M 109.0725, S 0.04346; 61 → M 109.6016, S 0.04355 (L = 1)
    // M = 109.0725 + 0.32·(109.6016 − 109.0725) = 109.241812; S = 0.04346 + 0.32·0.00009 = 0.0434888
    // z = (113.8 / 109.241812 − 1) / 0.0434888 = 0.95946 → 0.96
    const diff = 60.32 - 60
    const m = 109.0725 + diff * (109.6016 - 109.0725)
    const s = 0.04346 + diff * (0.04355 - 0.04346)
    expect(ok(AnthroPlus.heightForAge({ sex: 2, ageMonths: 60.32, heightCm: 113.8 })).zUnrounded).toBeCloseTo((113.8 / m - 1) / s, 12)
  })

  it("age upper bounds are exclusive: 229 months for height and BMI, 121 for weight (anthroplus 1.1.0)", () => {
    // ages 120, 228.5, 121, 229: zhfa NA only at 229; zwfa NA at 228.5, 121, 229; zbfa NA only at 229
    const at = (ageMonths: number) => AnthroPlus.zScores({ sex: 1, ageMonths, heightCm: 60, weightKg: 30 })
    const scored = (ageMonths: number) => {
      const r = at(ageMonths)
      if (Result.isFailure(r)) return [false, false, false]
      const s = r.success.scores
      return [isScored(s.heightForAge), isScored(s.weightForAge), isScored(s.bmiForAge)]
    }
    expect(scored(120)).toEqual([true, true, true])
    expect(scored(228.5)).toEqual([true, false, true])
    expect(scored(121)).toEqual([true, false, true])
    expect(scored(229)).toEqual([false, false, false])
    expect(fail(at(229))).toMatchObject({ code: "health.reference.ageOutside", max: 229, maxExclusive: true })
    expect(ok(at(121)).scores.weightForAge).toMatchObject({ reason: "ageOutsideReference" })
    expect(fail(AnthroPlus.weightForAge({ sex: 1, ageMonths: 121, weightKg: 30 }))).toMatchObject({ max: 121, maxExclusive: true })
  })

  it("ages 228.x interpolate towards the padding row 229, which repeats 228: the same L, M, S as at 228", () => {
    const at228 = ok(AnthroPlus.heightForAge({ sex: 2, ageMonths: 228, heightCm: 163 }))
    const at2287 = ok(AnthroPlus.heightForAge({ sex: 2, ageMonths: 228.7, heightCm: 163 }))
    expect(at2287.zUnrounded).toBeCloseTo(at228.zUnrounded, 12)
  })

  it("60 months is scored; below 60 months is outside the reference", () => {
    expect(Result.isSuccess(AnthroPlus.zScores({ sex: 1, ageMonths: 60, heightCm: 60, weightKg: 30 }))).toBe(true)
    expect(fail(AnthroPlus.zScores({ sex: 1, ageMonths: 59, heightCm: 60, weightKg: 30 }))).toMatchObject({ _tag: "OutsideReferenceError", min: 60 })
  })

  it("oedema: weight- and BMI-for-age are not scored", () => {
    const a = ok(AnthroPlus.zScores({ sex: 1, ageMonths: 120, heightCm: 60, weightKg: 30, oedema: true }))
    expect(isScored(a.scores.heightForAge)).toBe(true)
    expect(a.scores.weightForAge).toMatchObject({ reason: "oedema" })
    expect(a.scores.bmiForAge).toMatchObject({ reason: "oedema" })
  })

  it("sex codes 1/m/M and 2/f/F give the same scores", () => {
    const score = (sex: unknown) => z(ok(AnthroPlus.zScores({ sex, ageMonths: 120, heightCm: 140, weightKg: 30 })).scores.bmiForAge)
    expect(new Set([1, "1", "m", "M", "男"].map(score)).size).toBe(1)
    expect(new Set([2, "2", "f", "F", "女"].map(score)).size).toBe(1)
    expect(score(1)).not.toBe(score(2))
  })
})

describe("bad input", () => {
  it("a height in metres, a weight in grams, a negative weight, an unknown sex: typed errors with the field's path", () => {
    expect(fail(AnthroPlus.zScores({ sex: 1, ageMonths: 150, heightCm: 1.52 }))).toMatchObject({ code: "health.measurement.likelyMetres", path: ["heightCm"] })
    expect(fail(AnthroPlus.zScores({ sex: 1, ageMonths: 150, weightKg: 41000 }))).toMatchObject({ code: "health.measurement.likelyGrams", path: ["weightKg"] })
    expect(fail(AnthroPlus.zScores({ sex: 1, ageMonths: 150, weightKg: -41 }))).toMatchObject({ code: "health.measurement.notPositive" })
    expect(fail(AnthroPlus.zScores({ sex: "boy", ageMonths: 150, weightKg: 41 }))).toMatchObject({ code: "health.sex.unknown" })
  })
})

describe("batch", () => {
  it("scores the README's children and gives statuses for the rest", () => {
    const r = ok(AnthroPlus.batch({
      sex: new Uint8Array([1, 2, 1, 1, 0, 1, 1]),
      ageMonths: new Float64Array([100, 110, 130, 59, 100, 100, 100]),
      heightCm: new Float64Array([100, 90, 140, 110, 100, 1.4, Number.NaN]),
      weightKg: new Float64Array([30, 40, 30, 20, 30, 30, 30]),
      oedema: new Uint8Array([0, 0, 0, 0, 0, 0, 1])
    }))
    expect(Array.from(r.heightForAge!.z.slice(0, 2))).toEqual([-5.04, -7.06])
    expect(Array.from(r.weightForAge!.z.slice(0, 2))).toEqual([0.87, 1.78])
    expect(Array.from(r.bmiForAge!.z.slice(0, 2))).toEqual([5.03, 7.37])
    expect(Array.from(r.bmiForAge!.status.slice(0, 2))).toEqual([Status.flagged, Status.flagged])
    expect(r.weightForAge!.status[2]).toBe(Status.ageOutsideReference) // 130 months: weight-for-age ends at 121
    expect(r.heightForAge!.status[2]).toBe(Status.scored)
    expect(r.heightForAge!.status[3]).toBe(Status.ageOutsideReference)
    expect(r.heightForAge!.status[4]).toBe(Status.unknownSex)
    expect(r.heightForAge!.status[5]).toBe(Status.invalidMeasurement)
    expect(r.bmiForAge!.status[5]).toBe(Status.invalidMeasurement)
    expect(r.weightForAge!.status[5]).toBe(Status.scored)
    expect(r.heightForAge!.status[6]).toBe(Status.missing)
    expect(r.weightForAge!.status[6]).toBe(Status.oedema)
  })

  it("takes an array of records too (columnsOf)", () => {
    const r = ok(AnthroPlus.batch(AnthroPlus.columnsOf([{ sex: "1", ageMonths: 100, heightCm: 100, weightKg: 30 }, { sex: "f", ageMonths: 110, heightCm: 90 }])))
    expect(Array.from(r.heightForAge!.z)).toEqual([-5.04, -7.06])
    expect(r.weightForAge!.status[1]).toBe(Status.missing)
  })

  it("writes into the buffers it is given, so a district allocates once", () => {
    const into = {
      heightForAge: { z: new Float64Array(4), status: new Uint8Array(4) },
      weightForAge: { z: new Float64Array(4), status: new Uint8Array(4) },
      bmiForAge: { z: new Float64Array(4), status: new Uint8Array(4) }
    }
    const r = ok(AnthroPlus.batch({ sex: [1, 2], ageMonths: [100, 110], heightCm: [100, 90], weightKg: [30, 40] }, { into }))
    expect(r.heightForAge).toBe(into.heightForAge)
    expect(Array.from(into.heightForAge.z.slice(0, 2))).toEqual([-5.04, -7.06])
  })
})
