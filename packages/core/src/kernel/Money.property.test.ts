import { BigDecimal, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Arb from "../testing/arbitraries.ts"
import * as D from "./Decimal.ts"
import * as Money from "./Money.ts"

const weights = fc.array(fc.oneof(fc.integer({ min: 0, max: 10_000 }), Arb.nonNegativeDecimal({ scale: 3, max: 10n ** 7n })), { minLength: 1, maxLength: 12 })
  .filter((ws) => ws.some((w) => (typeof w === "number" ? w > 0 : w.value > 0n)))

const toDecimal = (w: number | BigDecimal.BigDecimal) => (typeof w === "number" ? D.fromInt(w) : w)

describe("Money.allocate", () => {
  it("preserves the total: the parts add up to the amount allocated", () => {
    fc.assert(fc.property(Arb.money(), weights, (total, ws) => {
      const parts = Result.getOrThrow(Money.allocate(total, ws))
      expect(parts.reduce((s, p) => s + p.amount, 0)).toBe(total.amount)
      expect(parts).toHaveLength(ws.length)
    }))
  })

  it("is fair: no part is a fen or more from its exact share", () => {
    fc.assert(fc.property(Arb.money(), weights, (total, ws) => {
      const parts = Result.getOrThrow(Money.allocate(total, ws))
      const sum = ws.map(toDecimal).reduce((a, b) => BigDecimal.sum(a, b), D.fromInt(0))
      parts.forEach((p, i) => {
        // |part − total·w/W| < 1  ⇔  |part·W − total·w| < W
        const lhs = BigDecimal.subtract(BigDecimal.multiply(D.fromInt(p.amount), sum), BigDecimal.multiply(D.fromInt(total.amount), toDecimal(ws[i]!)))
        expect(BigDecimal.isLessThan(BigDecimal.abs(lhs), sum)).toBe(true)
      })
    }))
  })
})

describe("Money arithmetic", () => {
  it("add and subtract are inverse: (a + b) − b = a", () => {
    fc.assert(fc.property(Arb.money(), Arb.money(), (a, b) => {
      const back = Result.flatMap(Money.add(a, b), (s) => Money.subtract(s, b))
      expect(Result.getOrThrow(back)).toEqual(a)
    }))
  })

  it("multiplying rounds once: |a × f − exact| ≤ ½ fen", () => {
    fc.assert(fc.property(Arb.money({ min: -1e9, max: 1e9 }), Arb.decimal({ scale: 6, max: 10n ** 9n, min: -(10n ** 9n) }), (a, f) => {
      const r = Result.getOrThrow(Money.multiply(a, f))
      const exact = BigDecimal.multiply(D.fromInt(a.amount), f)
      const diff = BigDecimal.abs(BigDecimal.subtract(D.fromInt(r.amount), exact))
      expect(BigDecimal.isLessThanOrEqualTo(diff, BigDecimal.make(5n, 1))).toBe(true)
    }))
  })

  it("round-trips between fen and yuan exactly", () => {
    fc.assert(fc.property(Arb.money(), (a) => {
      expect(Result.getOrThrow(Money.fromMajor(Money.toMajor(a), a.currency))).toEqual(a)
    }))
  })
})
