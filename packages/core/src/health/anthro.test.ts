import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Anthro from "./anthro.ts"
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

describe("WHO's worked example (README of WorldHealthOrganization/anthro, `anthro_zscores`)", () => {
  // anthro_zscores(sex = c(1, 2, 1, 1), age = c(1001, 1000, 1010, 1000),
  //                weight = c(18, 15, 10, 15), lenhei = c(120, 80, 100, 100))
  //   clenhei    cbmi  zlen flen  zwei fwei  zwfl fwfl  zbmi fbmi
  // 1     120 12.5000  7.31    1  2.20    0 -2.39    0 -3.01    0
  // 2      80 23.4375 -3.50    0  0.95    0  4.13    0  4.66    0
  // 3     100 10.0000  1.62    0 -2.76    0 -5.19    1 -5.61    1
  // 4     100 15.0000  1.70    0  0.69    0 -0.29    0 -0.58    0
  const rows = [
    { child: { sex: 1, ageDays: 1001, weightKg: 18, lengthHeightCm: 120 }, bmi: 12.5, len: [7.31, true], wei: [2.2, false], wfl: [-2.39, false], bmiZ: [-3.01, false] },
    { child: { sex: 2, ageDays: 1000, weightKg: 15, lengthHeightCm: 80 }, bmi: 23.4375, len: [-3.5, false], wei: [0.95, false], wfl: [4.13, false], bmiZ: [4.66, false] },
    { child: { sex: 1, ageDays: 1010, weightKg: 10, lengthHeightCm: 100 }, bmi: 10, len: [1.62, false], wei: [-2.76, false], wfl: [-5.19, true], bmiZ: [-5.61, true] },
    { child: { sex: 1, ageDays: 1000, weightKg: 15, lengthHeightCm: 100 }, bmi: 15, len: [1.7, false], wei: [0.69, false], wfl: [-0.29, false], bmiZ: [-0.58, false] }
  ] as const
  for (const [i, row] of rows.entries()) {
    it(`child ${i + 1}: sex ${row.child.sex}, ${row.child.ageDays} days, ${row.child.weightKg} kg, ${row.child.lengthHeightCm} cm`, () => {
      const a = ok(Anthro.zScores(row.child))
      expect(a.lengthHeightCm).toBe(row.child.lengthHeightCm)
      expect(a.bmi).toBeCloseTo(row.bmi, 10)
      expect([z(a.scores.lengthHeightForAge), flag(a.scores.lengthHeightForAge)]).toEqual(row.len)
      expect([z(a.scores.weightForAge), flag(a.scores.weightForAge)]).toEqual(row.wei)
      expect([z(a.scores.weightForLengthHeight), flag(a.scores.weightForLengthHeight)]).toEqual(row.wfl)
      expect([z(a.scores.bmiForAge), flag(a.scores.bmiForAge)]).toEqual(row.bmiZ)
      // no head, arm or skinfold measurement: not scored (NA in anthro)
      expect(a.scores.headCircumferenceForAge).toEqual({ indicator: "headCircumferenceForAge", reason: "notMeasured" })
    })
  }

  it("child 1 by hand: length/height-for-age at day 1001 (boy) is the plain LMS formula, from 731 days the height table", () => {
    // lenanthro.txt, sex 1, age 1001: L = 1, M = 93.9932, S = 0.03784
    // z = ((120 / 93.9932)^1 − 1) / (0.03784 · 1) = 0.276693… / 0.03784 = 7.3121… → 7.31, |z| > 6: flagged
    const s = ok(Anthro.lengthHeightForAge({ sex: "M", ageDays: 1001, lengthHeightCm: 120 }))
    expect(s.zUnrounded).toBeCloseTo((120 / 93.9932 - 1) / 0.03784, 12)
    expect(s).toMatchObject({ z: 7.31, flagged: true, table: "lenanthro" })
  })

  it("child 1 by hand: BMI-for-age below −3 SD is restricted (bmianthro, boy, day 1001)", () => {
    // L = −0.3594, M = 15.6971, S = 0.0788; plain z = ((12.5/15.6971)^−0.3594 − 1)/(0.0788·−0.3594) = −3.01177
    // below −3: SD(−3) = M(1 + L·S·(−3))^(1/L) = 12.510692, SD(−2) = 13.466130
    // z = −3 + (12.5 − 12.510692) / (13.466130 − 12.510692) = −3 − 0.011190 = −3.01119 → −3.01
    const s = ok(Anthro.bmiForAge({ sex: 1, ageDays: 1001, bmi: 12.5 }))
    expect(s.zUnrounded).toBeCloseTo(-3 + (12.5 - 12.51069190758742) / (13.466129907121742 - 12.51069190758742), 12)
    expect(s.z).toBe(-3.01)
  })
})

describe("anthro's tests (WorldHealthOrganization/anthro tests/testthat)", () => {
  it("a length measured from 731 days becomes a height, 0.7 cm less (test-zscores.R: 987 days, 72.86 cm → −6.09, flagged)", () => {
    const a = ok(Anthro.zScores({ sex: 1, ageDays: 987, lengthHeightCm: 72.86, measured: "length" }))
    expect(a.lengthHeightCm).toBeCloseTo(72.16, 10)
    expect(z(a.scores.lengthHeightForAge)).toBe(-6.09)
    expect(flag(a.scores.lengthHeightForAge)).toBe(true)
  })

  it("24 months is 730.5 days, rounded half up to 731: the height table (girl, 77.5 cm → −2.55)", () => {
    const a = ok(Anthro.zScores({ sex: 2, ageMonths: 24, lengthHeightCm: 77.5 }))
    expect(a.ageDays).toBe(731)
    expect(z(a.scores.lengthHeightForAge)).toBe(-2.55)
    // measured position given or not: the same (test "clenhei takes the measure argument into account")
    expect(z(ok(Anthro.zScores({ sex: 2, ageMonths: 24, lengthHeightCm: 77.5, measured: "height" })).scores.lengthHeightForAge)).toBe(-2.55)
  })

  it("a standing height before 9 months is implausible and not converted (8 months: 60 cm → −4.81; 9 months: 60.7 cm → −5.02)", () => {
    const at8 = ok(Anthro.zScores({ sex: 1, ageMonths: 8, lengthHeightCm: 60, measured: "height" }))
    expect(at8).toMatchObject({ positionImplausible: true, measured: undefined, lengthHeightCm: 60 })
    expect(z(at8.scores.lengthHeightForAge)).toBe(-4.81)
    const at9 = ok(Anthro.zScores({ sex: 1, ageMonths: 9, lengthHeightCm: 60, measured: "height" }))
    expect(at9).toMatchObject({ positionImplausible: false, measured: "height" })
    expect(at9.lengthHeightCm).toBeCloseTo(60.7, 10)
    expect(z(at9.scores.lengthHeightForAge)).toBe(-5.02)
  })

  it("weight-for-age of a girl of 1522 days and 17 kg is 0.24 (test-zscore-weight-for-age.R)", () => {
    expect(ok(Anthro.weightForAge({ sex: 2, ageDays: 1522, weightKg: 17 }))).toMatchObject({ z: 0.24, flagged: false })
  })

  it("a girl of 1 day and 10.37 kg is flagged (weight-for-age above +5)", () => {
    expect(ok(Anthro.weightForAge({ sex: 2, ageDays: 1, weightKg: 10.37 })).flagged).toBe(true)
  })

  it("ages in months convert to days with 30.4375 days a month (30 months = 913.125 days → day 913)", () => {
    const months = ok(Anthro.zScores({ sex: 1, ageMonths: 30, weightKg: 20 }))
    const days = ok(Anthro.zScores({ sex: 1, ageDays: 30 * 30.4375, weightKg: 20 }))
    expect(months.ageDays).toBe(913)
    expect(z(months.scores.weightForAge)).toBe(z(days.scores.weightForAge))
  })

  it("only children younger than 60 months are scored (59.9 scored; 60 and 60.1 are outside the standards)", () => {
    expect(Result.isSuccess(Anthro.zScores({ sex: 1, ageMonths: 59.9, weightKg: 20 }))).toBe(true)
    for (const ageMonths of [60, 60.1]) {
      expect(fail(Anthro.zScores({ sex: 1, ageMonths, weightKg: 20 }))).toMatchObject({
        _tag: "OutsideReferenceError",
        code: "health.reference.ageOutside",
        path: ["ageMonths"]
      })
    }
    // day 1826 is 59.99 months: the last row
    expect(z(ok(Anthro.zScores({ sex: 1, ageDays: 1826, weightKg: 18.3 })).scores.weightForAge)).toBeTypeOf("number")
    expect(fail(Anthro.zScores({ sex: 1, ageDays: 1827, weightKg: 18.3 }))._tag).toBe("OutsideReferenceError")
  })

  it("oedema: weight-for-age, weight-for-length/height and BMI-for-age are not scored; length/height-for-age is", () => {
    const a = ok(Anthro.zScores({ sex: 1, ageDays: 100, lengthHeightCm: 60, weightKg: 7, measured: "length", oedema: true }))
    expect(isScored(a.scores.lengthHeightForAge)).toBe(true)
    for (const k of ["weightForAge", "weightForLengthHeight", "bmiForAge"] as const) expect(a.scores[k]).toMatchObject({ reason: "oedema" })
  })
})

describe("weight-for-length/height", () => {
  it("interpolates linearly between the 0.1 cm rows (girl, 80.04 cm: 40% of the way from 80.0 to 80.1)", () => {
    // wflanthro.txt sex 2: 80.0 → L −0.3833, M 10.0891, S 0.0894; 80.1 → L −0.3833, M 10.1094, S 0.08939
    // diff = (80.04 − 80.0) / 0.1 = 0.4; M = 10.0891 + 0.4 · (10.1094 − 10.0891) = 10.09722; S = 0.089396
    const s = ok(Anthro.weightForLengthHeight({ sex: 2, weightKg: 10, lengthHeightCm: 80.04, table: "length" }))
    const diff = (80.04 - 80.0) / 0.1
    expect(diff).toBeCloseTo(0.4, 10)
    const m = 10.0891 + diff * (10.1094 - 10.0891)
    const sd = 0.0894 + diff * (0.08939 - 0.0894)
    expect(m).toBeCloseTo(10.09722, 10)
    expect(s.zUnrounded).toBeCloseTo((Math.pow(10 / m, -0.3833) - 1) / (sd * -0.3833), 12)
  })

  it("uses the length table below 731 days and the height table from 731 days", () => {
    const before = ok(Anthro.zScores({ sex: 1, ageDays: 730, weightKg: 12, lengthHeightCm: 85, measured: "length" }))
    const after = ok(Anthro.zScores({ sex: 1, ageDays: 731, weightKg: 12, lengthHeightCm: 85.7, measured: "length" }))
    expect((before.scores.weightForLengthHeight as ZScore).table).toBe("wflanthro")
    expect((after.scores.weightForLengthHeight as ZScore).table).toBe("wfhanthro")
    // the length at 731 days became a height of 85.0 cm
    expect(after.lengthHeightCm).toBeCloseTo(85, 10)
  })

  it("without an age, the position decides the table, and without a position the length (below 87 cm: length)", () => {
    const l = ok(Anthro.zScores({ sex: 1, weightKg: 12, lengthHeightCm: 86.9 }))
    const h = ok(Anthro.zScores({ sex: 1, weightKg: 12, lengthHeightCm: 87 }))
    const byPosition = ok(Anthro.zScores({ sex: 1, weightKg: 12, lengthHeightCm: 86.9, measured: "height" }))
    expect((l.scores.weightForLengthHeight as ZScore).table).toBe("wflanthro")
    expect((h.scores.weightForLengthHeight as ZScore).table).toBe("wfhanthro")
    expect((byPosition.scores.weightForLengthHeight as ZScore).table).toBe("wfhanthro")
    // age-based indicators need the age
    expect(l.scores.weightForAge).toMatchObject({ reason: "noAge" })
  })

  it("outside 45–110 cm (length) or 65–120 cm (height) there is no score", () => {
    const a = ok(Anthro.zScores({ sex: 1, ageDays: 900, weightKg: 30, lengthHeightCm: 121 }))
    expect(a.scores.weightForLengthHeight).toMatchObject({ reason: "lengthOutsideReference" })
    expect(fail(Anthro.weightForLengthHeight({ sex: 1, weightKg: 3, lengthHeightCm: 44.9, table: "length" }))).toMatchObject({
      code: "health.reference.lengthOutside",
      min: 45,
      max: 110
    })
    // both ends are in the tables
    expect(Result.isSuccess(Anthro.weightForLengthHeight({ sex: 1, weightKg: 3, lengthHeightCm: 45, table: "length" }))).toBe(true)
    expect(Result.isSuccess(Anthro.weightForLengthHeight({ sex: 1, weightKg: 19, lengthHeightCm: 110, table: "length" }))).toBe(true)
    expect(Result.isSuccess(Anthro.weightForLengthHeight({ sex: 1, weightKg: 22, lengthHeightCm: 120, table: "height" }))).toBe(true)
  })
})

describe("arm circumference and skinfolds start at 91 days", () => {
  it("are not scored at 90 days and scored at 91", () => {
    const at90 = ok(Anthro.zScores({ sex: 2, ageDays: 90, armCircumferenceCm: 13, tricepsSkinfoldMm: 9, subscapularSkinfoldMm: 7 }))
    expect(at90.scores.armCircumferenceForAge).toMatchObject({ reason: "ageOutsideReference" })
    const at91 = ok(Anthro.zScores({ sex: 2, ageDays: 91, armCircumferenceCm: 13, tricepsSkinfoldMm: 9, subscapularSkinfoldMm: 7, headCircumferenceCm: 40 }))
    for (const k of ["armCircumferenceForAge", "tricepsSkinfoldForAge", "subscapularSkinfoldForAge", "headCircumferenceForAge"] as const) {
      expect(isScored(at91.scores[k])).toBe(true)
    }
    expect(fail(Anthro.armCircumferenceForAge({ sex: 2, ageDays: 90, armCircumferenceCm: 13 }))).toMatchObject({ code: "health.reference.ageOutside" })
  })
})

describe("bad input: typed errors, never a silently wrong z", () => {
  it("a negative weight", () => {
    expect(fail(Anthro.zScores({ sex: 1, ageDays: 400, weightKg: -3 }))).toMatchObject({
      _tag: "InvalidMeasurementError",
      code: "health.measurement.notPositive",
      path: ["weightKg"]
    })
  })
  it("a height in metres", () => {
    const e = fail(Anthro.zScores({ sex: 1, ageDays: 1000, lengthHeightCm: 0.95 }))
    expect(e).toMatchObject({ code: "health.measurement.likelyMetres", path: ["lengthHeightCm"] })
    expect(e.en).toContain("e.g. 95")
  })
  it("a weight in grams", () => {
    expect(fail(Anthro.weightForAge({ sex: 1, ageDays: 10, weightKg: 3500 }))).toMatchObject({ code: "health.measurement.likelyGrams" })
  })
  it("an unknown sex code", () => {
    for (const sex of ["X", 3, "male ", undefined, null]) {
      expect(fail(Anthro.zScores({ sex, ageDays: 100, weightKg: 6 }))).toMatchObject({ _tag: "UnknownSexError", code: "health.sex.unknown", path: ["sex"] })
    }
    // every accepted code
    for (const sex of ["M", "m", 1, "1", "男", "F", "f", 2, "2", "女"]) expect(Result.isSuccess(Anthro.zScores({ sex, ageDays: 100, weightKg: 6 }))).toBe(true)
  })
  it("a negative age, a NaN age, an age given twice", () => {
    expect(fail(Anthro.zScores({ sex: 1, ageDays: -1, weightKg: 6 }))).toMatchObject({ code: "health.reference.ageOutside" })
    expect(fail(Anthro.zScores({ sex: 1, ageDays: Number.NaN, weightKg: 6 }))).toMatchObject({ code: "health.measurement.notFinite" })
    expect(fail(Anthro.zScores({ sex: 1, ageDays: 100, ageMonths: 3, weightKg: 6 }))).toMatchObject({ code: "health.age.twice" })
  })
  it("errors carry messages in zh-CN and en", () => {
    const e = fail(Anthro.zScores({ sex: 1, ageDays: 400, weightKg: 0 }))
    expect(e.zh).toMatch(/必须大于 0/)
    expect(e.en).toMatch(/greater than 0/)
  })
})

describe("batch", () => {
  it("scores columns like the single-child function, with statuses for what it cannot score", () => {
    const result = ok(Anthro.batch({
      sex: [1, 2, 1, 1, 3, 1, 1, 1],
      ageDays: [1001, 1000, 1010, 1000, 1000, Number.NaN, 2000, 500],
      weightKg: [18, 15, 10, 15, 15, 12, 15, -1],
      lengthHeightCm: [120, 80, 100, 100, 100, 86.9, 100, 80],
      oedema: [0, 0, 0, 0, 0, 0, 0, 0]
    }))
    const lhfa = result.lengthHeightForAge!
    expect(Array.from(lhfa.z.slice(0, 4))).toEqual([7.31, -3.5, 1.62, 1.7])
    expect(Array.from(lhfa.status.slice(0, 4))).toEqual([Status.flagged, Status.scored, Status.scored, Status.scored])
    expect(Array.from(result.weightForLengthHeight!.z.slice(0, 4))).toEqual([-2.39, 4.13, -5.19, -0.29])
    expect(Array.from(result.bmiForAge!.status.slice(0, 4))).toEqual([Status.scored, Status.scored, Status.flagged, Status.scored])
    expect(lhfa.status[4]).toBe(Status.unknownSex)
    expect(Number.isNaN(lhfa.z[4]!)).toBe(true)
    // no age: no age-based score, but weight-for-length is scored (as in anthro)
    expect(lhfa.status[5]).toBe(Status.missing)
    expect(result.weightForLengthHeight!.status[5]).toBe(Status.scored)
    expect(lhfa.status[6]).toBe(Status.ageOutsideReference)
    expect(result.weightForAge!.status[7]).toBe(Status.invalidMeasurement)
    expect(lhfa.status[7]).toBe(Status.scored)
  })

  it("takes an array of records too (columnsOf), with any accepted sex code and absent values", () => {
    const records = [
      { sex: "M", ageDays: 1001, weightKg: 18, lengthHeightCm: 120 },
      { sex: "女", ageDays: 1000, weightKg: 15, lengthHeightCm: 80, headCircumferenceCm: 48 },
      { sex: "X", ageDays: 1000 }
    ]
    const r = ok(Anthro.batch(ok(Anthro.columnsOf(records))))
    expect(Array.from(r.weightForLengthHeight!.z.slice(0, 2))).toEqual([-2.39, 4.13])
    expect(r.headCircumferenceForAge!.status[0]).toBe(Status.missing)
    expect(r.headCircumferenceForAge!.status[1]).toBe(Status.scored)
    expect(r.weightForAge!.status[2]).toBe(Status.unknownSex)
    expect(fail(Anthro.columnsOf([{ sex: 1, ageDays: 10 }, { sex: 1, ageMonths: 3 }]))).toMatchObject({ code: "health.age.mixedUnits", path: [1, "ageMonths"] })
  })

  it("refuses columns of different lengths", () => {
    expect(fail(Anthro.batch({ sex: [1, 2], ageDays: [100], weightKg: [5, 6] }))).toMatchObject({ code: "health.batch.lengthMismatch", path: ["ageDays"] })
  })

  it("gives unrounded z-scores on request, statuses still from the rounded z", () => {
    const r = ok(Anthro.batch({ sex: [1], ageDays: [1001], lengthHeightCm: [120] }, { unrounded: true }))
    expect(r.lengthHeightForAge!.z[0]).toBeCloseTo((120 / 93.9932 - 1) / 0.03784, 12)
  })
})

describe("rules", () => {
  it("the precision and flags come from the rules", () => {
    const three = ok(Anthro.weightForAge({ sex: 2, ageDays: 1522, weightKg: 17 }, { rules: { ...whoGrowth, precision: 3 } }))
    expect(three.z).toBe(Math.round(three.zUnrounded * 1000) / 1000)
    const strict = ok(Anthro.weightForAge({ sex: 2, ageDays: 1522, weightKg: 17 }, {
      rules: { ...whoGrowth, flags: { ...whoGrowth.flags, weightForAge: { below: -0.1, above: 0.1 } } }
    }))
    expect(strict.flagged).toBe(true)
  })
})
