import { BigDecimal, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as AssetArb from "../testing/assets.ts"
import { localDate } from "../testing/arbitraries.ts"
import type { Depreciable, DepreciationMethod, Schedule, UnitsUsed } from "./depreciation.ts"
import { schedule, summarise, valueAt } from "./depreciation.ts"
import { methods } from "./methods.ts"
import * as Months from "./months.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}

// the residual value, computed here independently of the engine: cost × rate, half-up, to the fen
const residualOf = (method: DepreciationMethod, amount: number, rate: BigDecimal.BigDecimal | undefined): number => {
  if (!method.convention.residual || rate === undefined) return 0
  const n = BigDecimal.normalize(rate)
  const num = BigInt(amount) * n.value
  const den = 10n ** BigInt(Math.max(0, n.scale))
  return Number((num * 2n + den) / (2n * den))
}

/** an asset with units used from its acquisition month, for every method */
const withUsage = (options: AssetArb.DepreciableOptions = {}) =>
  AssetArb.depreciable(options).chain((asset) =>
    AssetArb.usage(asset.acquisitionDate.slice(0, 7), 60).map((usage) => ({ asset, usage })))

const run = (asset: Depreciable, usage: ReadonlyArray<UnitsUsed>, method: DepreciationMethod): Schedule =>
  ok(schedule(asset, method, { usage }))

const all = Object.values(methods)
const timeBased = all.filter((m) => m.pattern.basis === "time")
const unitBased = all.filter((m) => m.pattern.basis === "units")

describe("depreciation laws, for every method", () => {
  for (const method of all) {
    describe(method.id, () => {
      it("book value never rises between revaluations: every charge ≥ 0, each month opens where the last closed plus its revaluation", () => {
        fc.assert(fc.property(withUsage({ adjustments: true, removal: true }), ({ asset, usage }) => {
          const s = run(asset, usage, method)
          let book = asset.cost.amount
          for (const line of s.lines) {
            expect(line.charge.amount).toBeGreaterThanOrEqual(0)
            expect(line.opening.amount).toBe(book + line.revaluation.amount)
            expect(line.closing.amount).toBe(line.opening.amount - line.charge.amount)
            if (line.revaluation.amount === 0) expect(line.closing.amount).toBeLessThanOrEqual(book)
            book = line.closing.amount
          }
        }))
      })

      it("book value never goes below the residual value in force", () => {
        fc.assert(fc.property(withUsage({ adjustments: true, removal: true }), ({ asset, usage }) => {
          const s = run(asset, usage, method)
          const revalued = new Set((asset.adjustments ?? []).filter((a) => a.bookValue !== undefined).map((a) => a.month))
          let residual = residualOf(method, asset.cost.amount, asset.residualRate)
          for (const line of s.lines) {
            if (revalued.has(line.month)) residual = residualOf(method, line.opening.amount, asset.residualRate)
            expect(line.closing.amount).toBeGreaterThanOrEqual(residual)
          }
        }))
      })

      it("a schedule's total does not depend on reporting by month, quarter, year or year of life", () => {
        fc.assert(fc.property(withUsage({ adjustments: true, removal: true }), ({ asset, usage }) => {
          const s = run(asset, usage, method)
          for (const g of ["month", "quarter", "year", "lifeYear"] as const) {
            const periods = summarise(s, g)
            expect(periods.reduce((t, p) => t + p.charge.amount, 0)).toBe(s.total.amount)
            expect(periods.reduce((t, p) => t + p.revaluation.amount, 0)).toBe(s.lines.reduce((t, l) => t + l.revaluation.amount, 0))
            expect(periods.at(-1)?.closing.amount).toBe(s.lines.at(-1)?.closing.amount)
          }
        }))
      })

      it("the value as of any date is the cost, plus the revaluations begun, less the charges of the months ended", () => {
        fc.assert(fc.property(withUsage({ adjustments: true, removal: true }), localDate({ min: "1999-06-01" as LocalDate, max: "2095-12-31" as LocalDate }), ({ asset, usage }, date) => {
          const s = run(asset, usage, method)
          const v = ok(valueAt(asset, date, method, { usage }))
          const ended = Months.lastEndedBy(date)
          const begun = Months.indexOf(date)
          const charged = s.lines.filter((l) => Months.indexOf(l.month) <= ended)
          const revalued = s.lines.filter((l) => Months.indexOf(l.month) <= begun).reduce((t, l) => t + l.revaluation.amount, 0)
          const accumulated = charged.reduce((t, l) => t + l.charge.amount, 0)
          expect(v.accumulatedDepreciation.amount).toBe(accumulated)
          expect(v.bookValue.amount).toBe(asset.cost.amount + revalued - accumulated)
        }))
      })

      it("removal stops the charges (government: not in the month removed; enterprise: not after it)", () => {
        fc.assert(fc.property(withUsage({ removal: true }), ({ asset, usage }) => {
          fc.pre(asset.removedOn !== undefined)
          const s = run(asset, usage, method)
          const removal = Months.indexOf(asset.removedOn)
          const last = method.convention.id === "government" ? removal - 1 : removal
          for (const line of s.lines) expect(Months.indexOf(line.month)).toBeLessThanOrEqual(last)
        }))
      })
    })
  }
})

describe("time-based methods: the charges over the full life add up to the depreciable amount", () => {
  for (const method of timeBased) {
    it(`adds up exactly to cost − residual, to the fen: ${method.id}`, () => {
      fc.assert(fc.property(AssetArb.depreciable(), (asset) => {
        const s = ok(schedule(asset, method))
        const residual = residualOf(method, asset.cost.amount, asset.residualRate)
        expect(s.total.amount).toBe(asset.cost.amount - residual)
        expect(s.lines.length).toBeLessThanOrEqual(asset.usefulLifeMonths!)
        if (asset.cost.amount - residual > 0) expect(s.lines.length).toBe(asset.usefulLifeMonths!)
      }))
    })

    it(`after revaluations and changes of life, still ends exactly at the residual value: ${method.id}`, () => {
      fc.assert(fc.property(AssetArb.depreciable({ adjustments: true }), (raw) => {
        // every adjustment names a remaining life, so the last segment runs its full course
        const asset: Depreciable = { ...raw, adjustments: (raw.adjustments ?? []).map((a) => ({ ...a, remainingMonths: a.remainingMonths ?? 12 })) }
        const s = ok(schedule(asset, method))
        const revaluations = s.lines.reduce((t, l) => t + l.revaluation.amount, 0)
        expect(asset.cost.amount + revaluations - s.total.amount).toBe(s.residual.amount)
      }))
    })
  }
})

describe("units of production: the charges add up to the depreciable amount × the share of units used, never more", () => {
  for (const method of unitBased) {
    it(`total = round(depreciable × min(used, total) ÷ total): ${method.id}`, () => {
      fc.assert(fc.property(withUsage(), ({ asset, usage }) => {
        const s = run(asset, usage, method)
        const first = method.convention.firstMonth(asset)
        const scale = 10n ** 8n
        let used = 0n
        for (const u of usage) {
          if (Months.indexOf(u.month) < first) continue
          // units × 10^8, exactly (a normalised decimal may have a negative scale: 250 = 25 × 10^1)
          const n = BigDecimal.normalize(u.units)
          used += n.value * 10n ** BigInt(8 - n.scale)
        }
        const total = BigInt(asset.totalUnits!.value) * scale
        const share = used < total ? used : total
        const depreciable = BigInt(asset.cost.amount - residualOf(method, asset.cost.amount, asset.residualRate))
        const expected = Number((depreciable * share * 2n + total) / (2n * total))
        expect(s.total.amount).toBe(expected)
        expect(s.total.amount).toBeLessThanOrEqual(Number(depreciable))
      }))
    })
  }
})
