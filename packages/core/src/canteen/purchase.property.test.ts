import { BigDecimal, Option, Result } from "effect"
import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import type { ItemConversion } from "../kernel/Quantity.ts"
import * as Q from "../kernel/Quantity.ts"
import type { Unit } from "../kernel/Unit.ts"
import { exactMassUnit, massLine, positiveQuantity } from "../testing/canteen.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as Stock from "./stock.ts"
import { fefo, fifo, movingAverage } from "./valuation.ts"
import { convertLine, convertPrice, lineTotal, toStockUnit } from "./purchase.ts"

const total = (line: Parameters<typeof lineTotal>[0], conversions: ReadonlyArray<ItemConversion> = []) =>
  Result.getOrThrow(lineTotal(line, { currency: "CNY", conversions })).amount

/** 2^a · 5^b · 10^−c: every such factor and its inverse terminate */
const exactFactor: fc.Arbitrary<Decimal> = fc.record({ a: fc.nat(4), b: fc.nat(3), c: fc.nat(3) })
  .map(({ a, b, c }) => BigDecimal.normalize(BigDecimal.make(2n ** BigInt(a) * 5n ** BigInt(b), c)))

/** half-up of num ÷ den for non-negative bigints */
const roundHalfUp = (num: bigint, den: bigint): bigint => (num * 2n + den) / (den * 2n)

describe("purchase lines", () => {
  it("converting a purchase between decimal-exact units and back never changes its value", () => {
    fc.assert(fc.property(massLine, exactMassUnit, (line, unit) => {
      const there = Result.getOrThrow(convertLine(line, unit, []))
      assert.strictEqual(there.quantity.unit, unit)
      assert.strictEqual(there.unitPrice.per, unit)
      assert.strictEqual(total(there), total(line), "the line total")
      const back = Result.getOrThrow(Q.convertWith(there.quantity, line.quantity.unit, []))
      const price = Result.getOrThrow(convertPrice(there.unitPrice, line.unitPrice.per, []))
      assert.isTrue(BigDecimal.equals(back.value, line.quantity.value), "the quantity comes back exactly")
      assert.isTrue(BigDecimal.equals(price.amount, line.unitPrice.amount), "the price comes back exactly")
    }), { numRuns: 300 })
  })

  it("converting a purchase through an item's own decimal-exact conversion (1 bag = f kg) and back never changes its value", () => {
    fc.assert(fc.property(positiveQuantity({ max: 200 }), exactFactor, fc.bigInt({ min: 1n, max: 50_000_000n }), exactMassUnit, (bags, f, priceMinor, unit) => {
      const conversions: ReadonlyArray<ItemConversion> = [{ from: "bag", to: "kg", factor: f }]
      const line = { quantity: { value: bags, unit: "bag" as Unit }, unitPrice: { amount: BigDecimal.make(priceMinor, 4), currency: "CNY" as const, per: "bag" as Unit } }
      const there = Result.getOrThrow(convertLine(line, unit, conversions))
      assert.strictEqual(total(there, conversions), total(line, conversions))
      const back = Result.getOrThrow(convertLine(there, "bag", conversions))
      assert.isTrue(BigDecimal.equals(back.quantity.value, bags))
      assert.isTrue(BigDecimal.equals(back.unitPrice.amount, line.unitPrice.amount))
    }), { numRuns: 300 })
  })

  it("posts a line once, half-up, from the exact product — also when the quantity does not convert into the price's unit", () => {
    // bottles at a price per box of 24: n × price ÷ 24 has no terminating decimal in boxes
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.bigInt({ min: 0n, max: 100_000n }), (n, priceCents) => {
      const conversions: ReadonlyArray<ItemConversion> = [{ from: "box", to: "bottle", factor: D.fromInt(24) }]
      const line = { quantity: { value: D.fromInt(n), unit: "bottle" as Unit }, unitPrice: { amount: BigDecimal.make(priceCents, 2), currency: "CNY" as const, per: "box" as Unit } }
      // fen = n × priceCents ÷ 24, half-up
      assert.strictEqual(total(line, conversions), Number(roundHalfUp(BigInt(n) * priceCents, 24n)))
      if (n % 24 === 0) {
        const boxes = { quantity: { value: D.fromInt(n / 24), unit: "box" as Unit }, unitPrice: line.unitPrice }
        assert.strictEqual(total(boxes, conversions), total(line, conversions))
      }
    }), { numRuns: 300 })
  })

  it("an issue costs the same whatever unit it is asked in: stock is kept in its own unit, never a rounded price", () => {
    const rice = { stockUnit: "kg" as Unit, conversions: [{ from: "bag" as Unit, to: "kg" as Unit, factor: D.fromInt(25) }] }
    fc.assert(fc.property(
      fc.array(fc.record({ q: positiveQuantity({ max: 100 }), v: fc.integer({ min: 0, max: 1_000_000 }) }), { minLength: 1, maxLength: 5 }),
      positiveQuantity({ max: 150 }),
      fc.constantFrom<Unit>("kg", "jin", "liang", "g", "bag"),
      (received, grams, unit) => {
        const lots = received.map((r, i) => Stock.makeLot({ schoolId: "s", id: `lot-${i}`, ingredientId: "rice", source: "delivery", receivedOn: `2026-03-0${i + 1}` as LocalDate, unit: "kg", currency: "CNY", quantity: r.q, value: r.v, operation: "x" }))
        // the same amount, asked for in kg and in another unit (exactly converted back)
        const kgAmount = BigDecimal.normalize(BigDecimal.multiply(grams, BigDecimal.make(1n, 3)))
        const asked = Q.convertWith({ value: kgAmount, unit: "kg" }, unit, rice.conversions)
        if (Result.isFailure(asked)) return
        const a = Result.getOrThrow(toStockUnit(rice, { value: kgAmount, unit: "kg" }))
        const b = toStockUnit(rice, asked.success)
        if (Result.isFailure(b)) return // needs more than 8 places in kg: refused, never rounded
        assert.isTrue(BigDecimal.equals(a.value, b.success.value))
        for (const s of [fifo, fefo, movingAverage]) {
          const x = Stock.take(s, lots, a.value, { kind: "issue", date: "2026-03-09" as LocalDate, operation: "i" })
          const y = Stock.take(s, lots, b.success.value, { kind: "issue", date: "2026-03-09" as LocalDate, operation: "i" })
          assert.deepStrictEqual(Result.isSuccess(x) ? x.success.value : "short", Result.isSuccess(y) ? y.success.value : "short", s.name)
        }
      }
    ), { numRuns: 300 })
  })

  it("47 bottles at ¥50 a box of 24 post ¥97.92 (47 × 50 ÷ 24 = 97.9166…)", () => {
    const conversions: ReadonlyArray<ItemConversion> = [{ from: "box", to: "bottle", factor: D.fromInt(24) }]
    assert.strictEqual(total({ quantity: { value: D.fromInt(47), unit: "bottle" }, unitPrice: { amount: D.fromInt(50), currency: "CNY", per: "box" } }, conversions), 9792)
  })

  it("¥1.99/kg is ¥0.995/斤, and 3 斤 at either price is ¥2.985 → ¥2.99 posted once", () => {
    const perJin = Result.getOrThrow(convertPrice({ amount: Option.getOrThrow(D.parse("1.99")), currency: "CNY", per: "kg" }, "jin", []))
    assert.strictEqual(D.format(perJin.amount), "0.995")
    const three = { value: D.fromInt(3), unit: "jin" as Unit }
    assert.strictEqual(total({ quantity: three, unitPrice: perJin }), 299)
    assert.strictEqual(total({ quantity: three, unitPrice: { amount: Option.getOrThrow(D.parse("1.99")), currency: "CNY", per: "kg" } }), 299)
  })

  it("refuses what it cannot convert exactly or at all, with a typed error and the path", () => {
    const milk = { stockUnit: "bottle" as Unit, conversions: [{ from: "box" as Unit, to: "bottle" as Unit, factor: D.fromInt(24) }] }
    // 1 bottle in boxes is 1/24: not a terminating decimal
    const inexact = Q.convertWith({ value: D.fromInt(1), unit: "bottle" }, "box", milk.conversions, ["quantity"])
    assert.strictEqual(Result.isFailure(inexact) ? inexact.failure.code : "", "quantity.inexactConversion")
    // kilograms of milk: no conversion from mass on this item
    const other = toStockUnit(milk, { value: D.fromInt(2), unit: "kg" }, ["lines", 0, "quantity"])
    assert.strictEqual(Result.isFailure(other) ? other.failure.code : "", "quantity.dimensionMismatch")
    assert.deepStrictEqual(Result.isFailure(other) ? other.failure.path : [], ["lines", 0, "quantity"])
    // a price in another currency
    const usd = lineTotal({ quantity: { value: D.fromInt(1), unit: "kg" }, unitPrice: { amount: D.fromInt(1), currency: "USD", per: "kg" } }, { currency: "CNY", path: ["lines", 2] })
    assert.strictEqual(Result.isFailure(usd) ? usd.failure._tag : "", "CurrencyMismatchError")
    assert.deepStrictEqual(Result.isFailure(usd) ? usd.failure.path : [], ["lines", 2, "unitPrice", "currency"])
  })
})
