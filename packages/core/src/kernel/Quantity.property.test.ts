import { BigDecimal, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Arb from "../testing/arbitraries.ts"
import * as Q from "./Quantity.ts"
import * as UP from "./UnitPrice.ts"

describe("Quantity and UnitPrice laws", () => {
  it("round-trips exactly: converting among g, kg, 斤, 两, t (and ml, L) and back gives the same value", () => {
    fc.assert(fc.property(Arb.mass({ scale: 8 }), Arb.massUnit, (m, to) => {
      const there = Result.getOrThrow(Q.convert(m, to))
      const back = Result.getOrThrow(Q.convert(there, m.unit))
      expect(BigDecimal.equals(back.value, m.value)).toBe(true)
      expect(Q.equals(there, m)).toBe(true)
    }))
    fc.assert(fc.property(Arb.volume({ scale: 8 }), Arb.volumeUnit, (v, to) => {
      const back = Result.getOrThrow(Q.convert(Result.getOrThrow(Q.convert(v, to)), v.unit))
      expect(BigDecimal.equals(back.value, v.value)).toBe(true)
    }))
  })

  it("is unit-invariant: a unit price times a quantity gives the same money whatever units both are in", () => {
    fc.assert(fc.property(Arb.massPrice({ scale: 4 }), Arb.mass({ scale: 3 }), Arb.massUnit, Arb.massUnit, (price, qty, pu, qu) => {
      // the same money — or, beyond 2^53 fen, the same overflow error
      const base = UP.total(price, qty)
      const price2 = Result.getOrThrow(UP.convert(price, pu))
      const qty2 = Result.getOrThrow(Q.convert(qty, qu))
      expect(UP.total(price2, qty2)).toEqual(base)
    }))
  })

  it("is exact before posting: the unrounded cost is the same in every pair of units", () => {
    fc.assert(fc.property(Arb.massPrice(), Arb.mass(), Arb.massUnit, (price, qty, u) => {
      const a = Result.getOrThrow(UP.exactMinor(price, qty))
      const b = Result.getOrThrow(UP.exactMinor(Result.getOrThrow(UP.convert(price, u)), qty))
      expect(BigDecimal.equals(a, b)).toBe(true)
    }))
  })

  it("adds commutatively across units: a + b equals b + a as amounts", () => {
    fc.assert(fc.property(Arb.mass(), Arb.mass(), (a, b) => {
      expect(Q.equals(Result.getOrThrow(Q.add(a, b)), Result.getOrThrow(Q.add(b, a)))).toBe(true)
    }))
  })
})
