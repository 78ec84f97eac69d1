import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Arb from "../testing/arbitraries.ts"
import type { LocalDate } from "./LocalDate.ts"
import * as LD from "./LocalDate.ts"

const date = (s: string) => s as LocalDate

describe("LocalDate", () => {
  it("numbers days from 1970-01-01 (a Thursday) in the proleptic Gregorian calendar", () => {
    expect(LD.toEpochDay(date("1970-01-01"))).toBe(0)
    expect(LD.toEpochDay(date("2000-03-01"))).toBe(11017)
    expect(LD.fromEpochDay(-1)).toBe("1969-12-31")
    expect(LD.dayOfWeek(date("1970-01-01"))).toBe(4)
    expect(LD.dayOfWeek(date("2026-11-24"))).toBe(2) // a Tuesday
  })

  it("round-trips day numbers: fromEpochDay(toEpochDay(d)) = d", () => {
    fc.assert(fc.property(Arb.localDate({ min: date("1600-01-01"), max: date("2400-12-31") }), (d) => {
      expect(LD.fromEpochDay(LD.toEpochDay(d))).toBe(d)
      expect(LD.isLocalDate(d)).toBe(true)
    }))
  })

  it("adds days consistently: daysBetween(d, addDays(d, n)) = n", () => {
    fc.assert(fc.property(Arb.localDate(), fc.integer({ min: -5000, max: 5000 }), (d, n) => {
      expect(LD.daysBetween(d, LD.addDays(d, n))).toBe(n)
    }))
  })

  it("knows leap years and month ends", () => {
    expect(LD.isLocalDate("2024-02-29")).toBe(true)
    expect(LD.isLocalDate("2023-02-29")).toBe(false)
    expect(LD.isLocalDate("1900-02-29")).toBe(false)
    expect(LD.isLocalDate("2000-02-29")).toBe(true)
    expect(LD.endOfMonth(date("2024-02-10"))).toBe("2024-02-29")
    expect(LD.addMonths(date("2024-01-31"), 1)).toBe("2024-02-29")
    expect(LD.addMonths(date("2024-03-15"), -3)).toBe("2023-12-15")
    expect(LD.startOfWeek(date("2026-11-29"))).toBe("2026-11-23")
  })

  it("counts completed years of age", () => {
    expect(LD.ageInYears(date("2018-09-01"), date("2026-08-31"))).toBe(7)
    expect(LD.ageInYears(date("2018-09-01"), date("2026-09-01"))).toBe(8)
    expect(LD.ageInYears(date("2016-02-29"), date("2026-02-28"))).toBe(9)
  })

  it("refuses text that is not a calendar date, with the path", () => {
    const r = LD.make("2026-13-01", ["meal", "serviceDate"])
    expect(r._tag === "Failure" && r.failure.path).toEqual(["meal", "serviceDate"])
    expect(LD.isLocalDate("2026-1-01")).toBe(false)
  })
})
