import type { LocalDate } from "@houqin/core"
import { Assets } from "@houqin/core"
import { AssetArbitraries } from "@houqin/core/testing"
import * as fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import type { ValuationReport } from "../src/builders/assets.ts"
import { assetRegister, depreciationSchedule } from "../src/builders/assets.ts"
import * as Csv from "../src/Csv.ts"
import { parseCsv } from "./support/csv.ts"

const fen = (s: string): number => {
  // CSV money is plain yuan with two decimals ("-1234.05"): back to integer fen without floating point
  const negative = s.startsWith("-")
  const [int, frac = ""] = (negative ? s.slice(1) : s).split(".")
  const n = Number(int) * 100 + Number(frac.padEnd(2, "0"))
  return negative ? -n : n
}

const assets = fc.uniqueArray(AssetArbitraries.asset("school-1"), { selector: (a) => a.tag, maxLength: 30 })
const date = fc.integer({ min: 2010, max: 2040 }).chain((y) => fc.integer({ min: 1, max: 12 }).map((m) => `${y}-${String(m).padStart(2, "0")}-28` as LocalDate.LocalDate))

/** what `Assets.Queries.valuationReport` returns, from the core's own `valueOf`, for assets on the books on the date */
const valuationOf = (list: ReadonlyArray<Assets.Asset>, on: LocalDate.LocalDate): ValuationReport => {
  const lines = list.filter((a) => a.acquisitionDate <= on).map((asset) => ({ asset, valuation: Result.getOrThrow(Assets.valueOf(asset, on)) }))
  const sum = (f: (l: (typeof lines)[number]) => number) => ({ amount: lines.reduce((a, l) => a + f(l), 0), currency: "CNY" as const })
  return {
    date: on,
    lines,
    totals: {
      cost: sum((l) => l.valuation.cost.amount),
      accumulatedDepreciation: sum((l) => l.valuation.accumulatedDepreciation.amount),
      bookValue: sum((l) => l.valuation.bookValue.amount)
    }
  }
}

describe("laws of the asset reports", () => {
  it("register: the money total is the sum of the rows' costs, one row per record, in tag order", () => {
    fc.assert(fc.property(assets, (list) => {
      const report = Result.getOrThrow(assetRegister(list))
      const rows = parseCsv(Csv.table(report, { index: 0, locale: "en" })).slice(1)
      const body = rows.slice(0, -1)
      expect(body.length).toBe(list.length)
      expect(body.map((r) => r[0])).toEqual(list.map((a) => a.tag).sort())
      expect(body.reduce((a, r) => a + fen(r[6]!), 0)).toBe(fen(rows.at(-1)![6]!))
      expect(fen(rows.at(-1)![6]!)).toBe(list.reduce((a, x) => a + x.cost.amount, 0))
    }), { numRuns: 60 })
  })

  it("depreciation: per row cost + revaluation = accumulated depreciation + book value; every column's total is the sum of its rows", () => {
    fc.assert(fc.property(assets, date, (list, on) => {
      const valuation = valuationOf(list, on)
      const report = Result.getOrThrow(depreciationSchedule(valuation))
      const rows = parseCsv(Csv.table(report, { index: 0, locale: "zh-CN" })).slice(1)
      const body = rows.slice(0, -1)
      expect(body.length).toBe(valuation.lines.length)
      for (const r of body) expect(fen(r[6]!) + fen(r[7]!)).toBe(fen(r[8]!) + fen(r[9]!))
      for (const c of [6, 7, 8, 9]) expect(body.reduce((a, r) => a + fen(r[c]!), 0)).toBe(fen(rows.at(-1)![c]!))
    }), { numRuns: 60 })
  })
})
