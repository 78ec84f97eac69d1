import { Result } from "effect"
import { describe, expect, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as Age from "./age.ts"
import { wst456, wst586 } from "./rules.ts"
import * as Wst456 from "./wst456.ts"
import * as Wst586 from "./wst586.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${JSON.stringify(r.failure)}`)
  return r.success
}

// WS/T 586-2018 表1 (学龄儿童青少年超重与肥胖筛查), copied from the standard's table as reproduced in
// data/wst586-bmi-cutoffs.csv: [sex, age band from (years), overweight BMI ≥, obesity BMI ≥]
const wst586Table: ReadonlyArray<readonly ["M" | "F", number, number, number]> = [
  ["M", 6.0, 16.4, 17.7],
  ["M", 6.5, 16.7, 18.1],
  ["M", 7.0, 17.0, 18.7],
  ["M", 7.5, 17.4, 19.2],
  ["M", 8.0, 17.8, 19.7],
  ["M", 8.5, 18.1, 20.3],
  ["M", 9.0, 18.5, 20.8],
  ["M", 9.5, 18.9, 21.4],
  ["M", 10.0, 19.2, 21.9],
  ["M", 10.5, 19.6, 22.5],
  ["M", 11.0, 19.9, 23.0],
  ["M", 11.5, 20.3, 23.6],
  ["M", 12.0, 20.7, 24.1],
  ["M", 12.5, 21.0, 24.7],
  ["M", 13.0, 21.4, 25.2],
  ["M", 13.5, 21.9, 25.7],
  ["M", 14.0, 22.3, 26.1],
  ["M", 14.5, 22.6, 26.4],
  ["M", 15.0, 22.9, 26.6],
  ["M", 15.5, 23.1, 26.9],
  ["M", 16.0, 23.3, 27.1],
  ["M", 16.5, 23.5, 27.4],
  ["M", 17.0, 23.7, 27.6],
  ["M", 17.5, 23.8, 27.8],
  ["M", 18.0, 24.0, 28.0],
  ["F", 6.0, 16.2, 17.5],
  ["F", 6.5, 16.5, 18.0],
  ["F", 7.0, 16.8, 18.5],
  ["F", 7.5, 17.2, 19.0],
  ["F", 8.0, 17.6, 19.4],
  ["F", 8.5, 18.1, 19.9],
  ["F", 9.0, 18.5, 20.4],
  ["F", 9.5, 19.0, 21.0],
  ["F", 10.0, 19.5, 21.5],
  ["F", 10.5, 20.0, 22.1],
  ["F", 11.0, 20.5, 22.7],
  ["F", 11.5, 21.1, 23.3],
  ["F", 12.0, 21.5, 23.9],
  ["F", 12.5, 21.9, 24.5],
  ["F", 13.0, 22.2, 25.0],
  ["F", 13.5, 22.6, 25.6],
  ["F", 14.0, 22.8, 25.9],
  ["F", 14.5, 23.0, 26.3],
  ["F", 15.0, 23.2, 26.6],
  ["F", 15.5, 23.4, 26.9],
  ["F", 16.0, 23.6, 27.1],
  ["F", 16.5, 23.7, 27.4],
  ["F", 17.0, 23.8, 27.6],
  ["F", 17.5, 23.9, 27.8],
  ["F", 18.0, 24.0, 28.0],
]

// WS/T 456-2014 (学龄儿童青少年营养不良筛查), stunting: [sex, age band from, height (cm) ≤]
const wst456Stunting: ReadonlyArray<readonly ["M" | "F", number, number]> = [
  ["M", 6.0, 106.3],
  ["M", 6.5, 109.5],
  ["M", 7.0, 111.3],
  ["M", 7.5, 112.8],
  ["M", 8.0, 115.4],
  ["M", 8.5, 117.6],
  ["M", 9.0, 120.6],
  ["M", 9.5, 123.0],
  ["M", 10.0, 125.2],
  ["M", 10.5, 127.0],
  ["M", 11.0, 129.1],
  ["M", 11.5, 130.8],
  ["M", 12.0, 133.1],
  ["M", 12.5, 134.9],
  ["M", 13.0, 136.9],
  ["M", 13.5, 138.6],
  ["M", 14.0, 141.9],
  ["M", 14.5, 144.7],
  ["M", 15.0, 149.6],
  ["M", 15.5, 153.6],
  ["M", 16.0, 155.1],
  ["M", 16.5, 156.4],
  ["M", 17.0, 156.8],
  ["M", 17.5, 157.1],
  ["F", 6.0, 105.7],
  ["F", 6.5, 108.0],
  ["F", 7.0, 110.2],
  ["F", 7.5, 111.8],
  ["F", 8.0, 114.5],
  ["F", 8.5, 116.8],
  ["F", 9.0, 119.5],
  ["F", 9.5, 121.7],
  ["F", 10.0, 123.9],
  ["F", 10.5, 125.7],
  ["F", 11.0, 128.6],
  ["F", 11.5, 131.0],
  ["F", 12.0, 133.6],
  ["F", 12.5, 135.7],
  ["F", 13.0, 138.8],
  ["F", 13.5, 141.4],
  ["F", 14.0, 142.9],
  ["F", 14.5, 144.1],
  ["F", 15.0, 145.4],
  ["F", 15.5, 146.5],
  ["F", 16.0, 146.8],
  ["F", 16.5, 147.0],
  ["F", 17.0, 147.3],
  ["F", 17.5, 147.5],
]

// WS/T 456-2014, wasting by BMI: [sex, age band from, moderate/severe ≤, mild from, mild to]
const wst456Wasting: ReadonlyArray<readonly ["M" | "F", number, number, number, number]> = [
  ["M", 6.0, 13.2, 13.3, 13.4],
  ["M", 6.5, 13.4, 13.5, 13.8],
  ["M", 7.0, 13.5, 13.6, 13.9],
  ["M", 7.5, 13.5, 13.6, 13.9],
  ["M", 8.0, 13.6, 13.7, 14.0],
  ["M", 8.5, 13.6, 13.7, 14.0],
  ["M", 9.0, 13.7, 13.8, 14.1],
  ["M", 9.5, 13.8, 13.9, 14.2],
  ["M", 10.0, 13.9, 14.0, 14.4],
  ["M", 10.5, 14.0, 14.1, 14.6],
  ["M", 11.0, 14.2, 14.3, 14.9],
  ["M", 11.5, 14.3, 14.4, 15.1],
  ["M", 12.0, 14.4, 14.5, 15.4],
  ["M", 12.5, 14.5, 14.6, 15.6],
  ["M", 13.0, 14.8, 14.9, 15.9],
  ["M", 13.5, 15.0, 15.1, 16.1],
  ["M", 14.0, 15.3, 15.4, 16.4],
  ["M", 14.5, 15.5, 15.6, 16.7],
  ["M", 15.0, 15.8, 15.9, 16.9],
  ["M", 15.5, 16.0, 16.1, 17.0],
  ["M", 16.0, 16.2, 16.3, 17.3],
  ["M", 16.5, 16.4, 16.5, 17.5],
  ["M", 17.0, 16.6, 16.7, 17.7],
  ["M", 17.5, 16.8, 16.9, 17.9],
  ["F", 6.0, 12.8, 12.9, 13.1],
  ["F", 6.5, 12.9, 13.0, 13.3],
  ["F", 7.0, 13.0, 13.1, 13.4],
  ["F", 7.5, 13.0, 13.1, 13.5],
  ["F", 8.0, 13.1, 13.2, 13.6],
  ["F", 8.5, 13.1, 13.2, 13.7],
  ["F", 9.0, 13.2, 13.3, 13.8],
  ["F", 9.5, 13.2, 13.3, 13.9],
  ["F", 10.0, 13.3, 13.4, 14.0],
  ["F", 10.5, 13.4, 13.5, 14.1],
  ["F", 11.0, 13.7, 13.8, 14.3],
  ["F", 11.5, 13.9, 14.0, 14.5],
  ["F", 12.0, 14.1, 14.2, 14.7],
  ["F", 12.5, 14.3, 14.4, 14.9],
  ["F", 13.0, 14.6, 14.7, 15.3],
  ["F", 13.5, 14.9, 15.0, 15.6],
  ["F", 14.0, 15.3, 15.4, 16.0],
  ["F", 14.5, 15.7, 15.8, 16.3],
  ["F", 15.0, 16.0, 16.1, 16.6],
  ["F", 15.5, 16.2, 16.3, 16.8],
  ["F", 16.0, 16.4, 16.5, 17.0],
  ["F", 16.5, 16.5, 16.6, 17.1],
  ["F", 17.0, 16.6, 16.7, 17.2],
  ["F", 17.5, 16.7, 16.8, 17.3],
]
// the latest age inside a half-year band: its start plus just under half a year
const lastInBand = (from: number) => from + 0.4999

describe("WS/T 586-2018: every row of table 1, boundaries included", () => {
  it("the rule pack carries the standard's table, row for row", () => {
    expect(wst586.bands.map((b) => [b.sex, b.fromYears, b.overweightBmi, b.obesityBmi])).toEqual(wst586Table)
  })
  for (const [sex, from, overweight, obesity] of wst586Table) {
    it(`${sex} ${from.toFixed(1)}~: BMI ≥ ${overweight} overweight, ≥ ${obesity} obesity`, () => {
      for (const ageYears of [from, lastInBand(from)]) {
        const at = (bmi: number) => ok(Wst586.classify({ sex, ageYears, bmi }, wst586))
        expect(at(overweight)).toMatchObject({ status: "overweight", bandFromYears: from, overweightBmi: overweight, obesityBmi: obesity })
        expect(at(overweight - 0.01).status).toBe("normal")
        expect(at(obesity).status).toBe("obesity")
        expect(at(obesity - 0.01).status).toBe("overweight")
      }
    })
  }
  it("covers 6 years up to the 19th birthday (the 18.0 band is open to 19); other ages are outside", () => {
    expect(ok(Wst586.classify({ sex: "M", ageYears: 18.9, bmi: 24 }, wst586))).toMatchObject({ status: "overweight", bandFromYears: 18 })
    for (const ageYears of [5.99, 19]) {
      const r = Wst586.classify({ sex: "F", ageYears, bmi: 20 }, wst586)
      expect(Result.isFailure(r) && r.failure).toMatchObject({ _tag: "OutsideReferenceError", code: "health.reference.ageOutside", min: 6, max: 19 })
    }
  })
})

describe("WS/T 456-2014: every row, boundaries included", () => {
  it("the rule pack carries the standard's tables, row for row", () => {
    expect(wst456.stunting.map((b) => [b.sex, b.fromYears, b.heightAtMost])).toEqual(wst456Stunting)
    expect(wst456.wasting.map((b) => [b.sex, b.fromYears, b.moderateSevereBmiAtMost, b.mildBmiFrom, b.mildBmiAtMost])).toEqual(wst456Wasting)
  })
  for (const [sex, from, heightAtMost] of wst456Stunting) {
    it(`stunting ${sex} ${from.toFixed(1)}~: height ≤ ${heightAtMost} cm`, () => {
      for (const ageYears of [from, lastInBand(from)]) {
        expect(ok(Wst456.stunting({ sex, ageYears, heightCm: heightAtMost }, wst456))).toMatchObject({ stunted: true, bandFromYears: from })
        expect(ok(Wst456.stunting({ sex, ageYears, heightCm: heightAtMost + 0.1 }, wst456)).stunted).toBe(false)
      }
    })
  }
  for (const [sex, from, moderateSevere, mildFrom, mildTo] of wst456Wasting) {
    it(`wasting ${sex} ${from.toFixed(1)}~: BMI ≤ ${moderateSevere} moderate/severe, ${mildFrom}–${mildTo} mild`, () => {
      // the mild range starts one decimal above the moderate/severe cut-off: no gap at BMI's precision
      expect(Math.round((mildFrom - moderateSevere) * 10)).toBe(1)
      for (const ageYears of [from, lastInBand(from)]) {
        const at = (bmi: number) => ok(Wst456.wasting({ sex, ageYears, bmi }, wst456)).status
        expect(at(moderateSevere)).toBe("moderateSevere")
        expect(at(mildFrom)).toBe("mild")
        expect(at(mildTo)).toBe("mild")
        expect(at(mildTo + 0.1)).toBe("none")
        // between the two printed values (13.25 for 13.2 / 13.3): the milder class, no gap
        expect(at((moderateSevere + mildFrom) / 2)).toBe("mild")
      }
    })
  }
  it("covers 6 years to the 18th birthday", () => {
    expect(Result.isFailure(Wst456.stunting({ sex: "M", ageYears: 18, heightCm: 150 }, wst456))).toBe(true)
    expect(ok(Wst456.stunting({ sex: "M", ageYears: 17.99, heightCm: 157.1 }, wst456))).toMatchObject({ stunted: true, bandFromYears: 17.5 })
  })
})

describe("half-year bands from dates (calendar)", () => {
  const birth = "2015-03-10" as LocalDate
  const band = (on: string) => Age.band(ok(Age.years(birth, on as LocalDate)), 0.5)
  it("a child enters the x.0 band on the birthday and the x.5 band six calendar months later", () => {
    expect(band("2021-03-09")).toBe(5.5)
    expect(band("2021-03-10")).toBe(6)
    expect(band("2021-09-09")).toBe(6)
    expect(band("2021-09-10")).toBe(6.5)
    expect(band("2022-03-09")).toBe(6.5)
    expect(band("2022-03-10")).toBe(7)
  })
  it("a 29 February birthday is reached on 28 February in common years", () => {
    const leap = "2016-02-29" as LocalDate
    expect(Age.band(ok(Age.years(leap, "2023-02-27" as LocalDate)), 0.5)).toBe(6.5)
    expect(Age.band(ok(Age.years(leap, "2023-02-28" as LocalDate)), 0.5)).toBe(7)
    // the half-year: six calendar months after 2023-02-28 counted from the birth date (2016-02-29 + 90 months)
    expect(Age.band(ok(Age.years(leap, "2023-08-28" as LocalDate)), 0.5)).toBe(7)
    expect(Age.band(ok(Age.years(leap, "2023-08-29" as LocalDate)), 0.5)).toBe(7.5)
  })
  it("a measurement before the birth date is refused", () => {
    expect(Result.isFailure(Age.years(birth, "2015-03-09" as LocalDate))).toBe(true)
    expect(Result.isFailure(Age.days(birth, "2015-03-09" as LocalDate))).toBe(true)
  })
})
