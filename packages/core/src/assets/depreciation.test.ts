import { BigDecimal, Result } from "effect"
import { describe, expect, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Depreciable } from "./depreciation.ts"
import { schedule, summarise, valueAt } from "./depreciation.ts"
import * as M from "./methods.ts"

const cny = (amount: number) => ({ amount, currency: "CNY" as const })
const d = (s: string) => s as LocalDate
const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}

// ¥6,000 computer bought (and put in service) on 2024-03-15
const computer: Depreciable = { cost: cny(600_000), acquisitionDate: d("2024-03-15"), inServiceDate: d("2024-03-15"), usefulLifeMonths: 72 }

describe("government straight line: the ¥6,000 computer of 2024-03-15", () => {
  // 政府会计: computers at least 6 years (财会〔2017〕4号 表1) = 72 months, from the month added
  // (March 2024), no residual value.
  // 600,000 fen ÷ 72 = 8,333.33… → 8,333 fen (¥83.33) a month, half-up
  // 71 months × 8,333 = 591,643 fen; the last month (February 2030) takes 600,000 − 591,643 = 8,357 fen (¥83.57)
  const s = ok(schedule(computer, M.governmentStraightLine))

  it("charges ¥83.33 a month from March 2024 to January 2030", () => {
    expect(s.lines.length).toBe(72)
    expect(s.lines[0]!.month).toBe("2024-03")
    expect(s.lines.slice(0, 71).every((l) => l.charge.amount === 8_333)).toBe(true)
  })

  it("lets the last month, February 2030, absorb the rounding: ¥83.57", () => {
    expect(s.lines[71]!.month).toBe("2030-02")
    expect(s.lines[71]!.charge.amount).toBe(8_357)
    expect(s.total.amount).toBe(600_000)
    expect(s.lines[71]!.closing.amount).toBe(0)
  })

  it("values the computer as of any date: months ended by then", () => {
    // 2024-03-14: March has not ended → nothing charged
    expect(ok(valueAt(computer, d("2024-03-14"), M.governmentStraightLine)).bookValue.amount).toBe(600_000)
    // 2024-03-31: March ended → 600,000 − 8,333 = 591,667
    expect(ok(valueAt(computer, d("2024-03-31"), M.governmentStraightLine)).bookValue.amount).toBe(591_667)
    // 2025-03-15: March 2024 … February 2025 = 12 months → 12 × 8,333 = 99,996; 600,000 − 99,996 = 500,004
    const v = ok(valueAt(computer, d("2025-03-15"), M.governmentStraightLine))
    expect(v.accumulatedDepreciation.amount).toBe(99_996)
    expect(v.bookValue.amount).toBe(500_004)
    expect(v.monthsCharged).toBe(12)
    // 2031-01-01: fully depreciated
    const end = ok(valueAt(computer, d("2031-01-01"), M.governmentStraightLine))
    expect(end.bookValue.amount).toBe(0)
    expect(end.fullyDepreciated).toBe(true)
  })

  it("does not charge the month the computer is removed (当月减少的固定资产，当月不再计提折旧)", () => {
    // scrapped on 2025-06-10: charged March 2024 … May 2025 = 15 months = 124,995 fen
    const removed = { ...computer, removedOn: d("2025-06-10") }
    const r = ok(schedule(removed, M.governmentStraightLine))
    expect(r.lines.length).toBe(15)
    expect(r.lines.at(-1)!.month).toBe("2025-05")
    expect(r.total.amount).toBe(15 * 8_333)
  })

  it("ignores a residual rate: government depreciation keeps no residual value", () => {
    const s2 = ok(schedule({ ...computer, residualRate: BigDecimal.fromStringUnsafe("0.05") }, M.governmentStraightLine))
    expect(s2.total.amount).toBe(600_000)
    expect(s2.residual.amount).toBe(0)
  })
})

describe("enterprise straight line: the same computer, 3 years, residual 5%", () => {
  // residual 600,000 × 5% = 30,000 fen (¥300); depreciable 570,000 fen over 36 months from April 2024
  // (the month after it went into service). 570,000 ÷ 36 = 15,833.33… → 15,833 fen (¥158.33)
  // 35 × 15,833 = 554,155; the last month (March 2027) takes 570,000 − 554,155 = 15,845 fen (¥158.45)
  const asset = { ...computer, usefulLifeMonths: 36, residualRate: BigDecimal.fromStringUnsafe("0.05") }
  const s = ok(schedule(asset, M.enterpriseStraightLine))

  it("starts in April 2024 and ends in March 2027 at the residual value ¥300", () => {
    expect(s.lines[0]!.month).toBe("2024-04")
    expect(s.lines.length).toBe(36)
    expect(s.lines[35]!.month).toBe("2027-03")
    expect(s.residual.amount).toBe(30_000)
    expect(s.lines[35]!.closing.amount).toBe(30_000)
  })

  it("charges ¥158.33 a month and ¥158.45 in the last month", () => {
    expect(s.lines.slice(0, 35).every((l) => l.charge.amount === 15_833)).toBe(true)
    expect(s.lines[35]!.charge.amount).toBe(15_845)
    expect(s.total.amount).toBe(570_000)
  })

  it("charges nothing as of the end of March 2024 and the month removed itself", () => {
    expect(ok(valueAt(asset, d("2024-03-31"), M.enterpriseStraightLine)).accumulatedDepreciation.amount).toBe(0)
    // removed 2024-06-20: April, May and June are charged (当月减少的固定资产，当月仍计提折旧)
    const r = ok(schedule({ ...asset, removedOn: d("2024-06-20") }, M.enterpriseStraightLine))
    expect(r.lines.map((l) => l.month)).toEqual(["2024-04", "2024-05", "2024-06"])
  })
})

describe("double-declining balance: a ¥100,000 machine, 5 years, residual 4%", () => {
  // rate = 2 ÷ 5 = 40% a year, on the book value at the start of each year, residual not deducted:
  //   year 1: 100,000 × 40% = 40,000 → 60,000
  //   year 2:  60,000 × 40% = 24,000 → 36,000
  //   year 3:  36,000 × 40% = 14,400 → 21,600
  // the last two years, straight line on what is left above the residual (4% × 100,000 = 4,000):
  //   (21,600 − 4,000) ÷ 2 = 8,800 in year 4 and 8,800 in year 5 → 4,000 left
  const machine: Depreciable = {
    cost: cny(10_000_000),
    acquisitionDate: d("2024-01-10"),
    inServiceDate: d("2024-01-10"),
    usefulLifeMonths: 60,
    residualRate: BigDecimal.fromStringUnsafe("0.04")
  }
  const s = ok(schedule(machine, M.doubleDecliningBalance))

  it("charges 40,000, 24,000, 14,400, 8,800 and 8,800 in the years of its life", () => {
    expect(summarise(s, "lifeYear").map((p) => [p.period, p.charge.amount])).toEqual([
      ["Y1", 4_000_000],
      ["Y2", 2_400_000],
      ["Y3", 1_440_000],
      ["Y4", 880_000],
      ["Y5", 880_000]
    ])
    expect(s.lines.at(-1)!.closing.amount).toBe(400_000)
  })

  it("splits each year evenly by month, the year's last month absorbing the rounding", () => {
    // year 1: 40,000 ÷ 12 = 3,333.33… → 333,333 fen × 11 + 333,337 fen
    expect(s.lines.slice(0, 11).every((l) => l.charge.amount === 333_333)).toBe(true)
    expect(s.lines[11]!.charge.amount).toBe(333_337)
    // year 4: 8,800 ÷ 12 = 733.33… → 73,333 fen × 11 + 73,337 fen
    expect(s.lines[36]!.charge.amount).toBe(73_333)
    expect(s.lines[47]!.charge.amount).toBe(73_337)
  })
})

describe("sum of the years' digits: the same machine", () => {
  // depreciable 96,000 × 5/15, 4/15, 3/15, 2/15, 1/15 = 32,000, 25,600, 19,200, 12,800, 6,400
  it("charges 32,000, 25,600, 19,200, 12,800 and 6,400", () => {
    const s = ok(schedule({
      cost: cny(10_000_000),
      acquisitionDate: d("2023-12-10"),
      usefulLifeMonths: 60,
      residualRate: BigDecimal.fromStringUnsafe("0.04")
    }, M.sumOfYearsDigits))
    expect(summarise(s, "lifeYear").map((p) => p.charge.amount)).toEqual([3_200_000, 2_560_000, 1_920_000, 1_280_000, 640_000])
    // from January 2024 (the month after December 2023), so the life years are calendar years here
    expect(summarise(s, "year").map((p) => p.period)).toEqual(["2024", "2025", "2026", "2027", "2028"])
  })
})

describe("units of production", () => {
  // a ¥300,000 school bus, residual 5% (15,000), 500,000 km expected: 285,000 ÷ 500,000 = ¥0.57 per km
  const bus: Depreciable = {
    cost: cny(30_000_000),
    acquisitionDate: d("2024-08-20"),
    inServiceDate: d("2024-08-20"),
    totalUnits: BigDecimal.fromBigInt(500_000n),
    residualRate: BigDecimal.fromStringUnsafe("0.05")
  }
  const usage = [
    { month: "2024-09", units: BigDecimal.fromBigInt(3_000n) }, // 3,000 × 0.57 = ¥1,710
    { month: "2024-10", units: BigDecimal.fromBigInt(0n) }, // holiday: nothing
    { month: "2024-11", units: BigDecimal.fromStringUnsafe("4123.5") } // 4,123.5 × 0.57 = ¥2,350.395 → cumulative 4,060.395 → ¥4,060.40
  ]

  it("charges in proportion to the units, cumulatively rounded", () => {
    const s = ok(schedule(bus, M.unitsOfProduction, { usage }))
    expect(s.lines.map((l) => [l.month, l.charge.amount])).toEqual([
      ["2024-09", 171_000],
      ["2024-10", 0],
      // cumulative 7,123.5 km × 0.57 = 4,060.395 yuan → 406,040 fen; minus 171,000 = 235,040
      ["2024-11", 235_040]
    ])
  })

  it("never charges more than the depreciable amount, however far it is driven", () => {
    const s = ok(schedule(bus, M.unitsOfProduction, { usage: [{ month: "2024-09", units: BigDecimal.fromBigInt(900_000n) }] }))
    expect(s.total.amount).toBe(28_500_000)
  })
})

describe("revaluation and change of remaining life recompute the rest", () => {
  it("spreads a revalued book value over the remaining months", () => {
    // ¥12,000 over 12 months from January 2024: 1,000 a month. From July, revalued to ¥9,000 (an
    // improvement adds 3,000 to the 6,000 left): 9,000 over the 6 months left = 1,500 a month.
    const asset: Depreciable = {
      cost: cny(1_200_000),
      acquisitionDate: d("2024-01-05"),
      usefulLifeMonths: 12,
      adjustments: [{ month: "2024-07", bookValue: cny(900_000) }]
    }
    const s = ok(schedule(asset, M.governmentStraightLine))
    expect(s.lines.map((l) => l.charge.amount)).toEqual([...Array(6).fill(100_000), ...Array(6).fill(150_000)])
    expect(s.lines[6]!.revaluation.amount).toBe(300_000)
    expect(s.total.amount).toBe(1_500_000)
    // as of 2024-07-01 the revaluation has taken effect, July's charge not yet
    expect(ok(valueAt(asset, d("2024-07-01"), M.governmentStraightLine)).bookValue.amount).toBe(900_000)
  })

  it("spreads the book value over a new remaining life", () => {
    // same asset; from July the remaining life becomes 12 months: 6,000 ÷ 12 = 500 a month
    const s = ok(schedule({
      cost: cny(1_200_000),
      acquisitionDate: d("2024-01-05"),
      usefulLifeMonths: 12,
      adjustments: [{ month: "2024-07", remainingMonths: 12 }]
    }, M.governmentStraightLine))
    expect(s.lines.length).toBe(18)
    expect(s.lines.slice(6).every((l) => l.charge.amount === 50_000)).toBe(true)
  })
})

describe("bad input is a typed error with a path", () => {
  it("refuses a negative cost", () => {
    const r = schedule({ ...computer, cost: cny(-1) }, M.governmentStraightLine)
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure._tag).toBe("ValidationError")
      expect(r.failure.code).toBe("assets.negativeCost")
      expect(r.failure.path).toEqual(["cost", "amount"])
      expect(r.failure.zh.length).toBeGreaterThan(0)
    }
  })

  it("refuses a missing life, a residual rate of 100% and missing units", () => {
    const noLife = schedule({ cost: cny(1), acquisitionDate: d("2024-01-01") }, M.governmentStraightLine)
    expect(Result.isFailure(noLife) && noLife.failure.path).toEqual(["usefulLifeMonths"])
    const full = schedule({ ...computer, residualRate: BigDecimal.fromBigInt(1n) }, M.enterpriseStraightLine)
    expect(Result.isFailure(full) && full.failure.path).toEqual(["residualRate"])
    const noUnits = schedule(computer, M.unitsOfProduction)
    expect(Result.isFailure(noUnits) && noUnits.failure.path).toEqual(["totalUnits"])
  })

  it("refuses an adjustment before depreciation starts", () => {
    const r = schedule({ ...computer, adjustments: [{ month: "2024-02", remainingMonths: 3 }] }, M.governmentStraightLine)
    expect(Result.isFailure(r) && r.failure.path).toEqual(["adjustments", 0, "month"])
  })
})
