import { BigDecimal, Result } from "effect"
import { describe, expect, expectTypeOf, it } from "vitest"
import * as Decode from "./Decode.ts"
import type { DimensionMismatchError } from "./Errors.ts"
import * as D from "./Decimal.ts"
import * as Q from "./Quantity.ts"
import * as UP from "./UnitPrice.ts"

const d = (s: string) => Result.getOrThrow(Result.fromOption(D.parse(s), () => s))
const q = <U extends Parameters<typeof Q.of>[1]>(s: string, u: U) => Q.of(d(s), u)

describe("Quantity conversions", () => {
  it("converts the market units exactly: 1 斤 = 500 g = 10 两 = 0.5 kg", () => {
    expect(D.format(Result.getOrThrow(Q.convert(q("1", "jin"), "g")).value)).toBe("500")
    expect(D.format(Result.getOrThrow(Q.convert(q("1", "jin"), "liang")).value)).toBe("10")
    expect(D.format(Result.getOrThrow(Q.convert(q("1", "jin"), "kg")).value)).toBe("0.5")
    expect(D.format(Result.getOrThrow(Q.convert(q("3", "liang"), "jin")).value)).toBe("0.3")
    expect(D.format(Result.getOrThrow(Q.convert(q("1", "g"), "t")).value)).toBe("0.000001")
    expect(D.format(Result.getOrThrow(Q.convert(q("1.5", "L"), "ml")).value)).toBe("1500")
  })

  it("converts count units only through an item's own conversions", () => {
    // a box of this milk holds 24 bottles; a bottle is 250 ml
    const milk = [
      { from: "box" as const, to: "bottle" as const, factor: d("24") },
      { from: "bottle" as const, to: "ml" as const, factor: d("250") }
    ]
    expect(Q.format(Result.getOrThrow(Q.convertWith(q("3", "box"), "bottle", milk)))).toBe("72瓶")
    expect(Q.format(Result.getOrThrow(Q.convertWith(q("2", "box"), "L", milk)))).toBe("12升")
    // 1 bottle is 1/24 box: not a terminating decimal, so it is refused (display only)
    const inexact = Q.convertWith(q("1", "bottle"), "box", milk)
    expect(Result.isFailure(inexact) && inexact.failure.code).toBe("quantity.inexactConversion")
    expect(Q.format(Result.getOrThrow(Q.approximate(q("1", "bottle"), "box", milk)))).toBe("0.042箱")
    // without item data a box is not a number of bottles
    const none = Q.convertWith(q("1", "box"), "bottle", [])
    expect(Result.isFailure(none) && none.failure._tag).toBe("DimensionMismatchError")
  })

  it("adds in the first operand's unit: 1 kg + 1 斤 = 1.5 kg", () => {
    expect(Q.format(Result.getOrThrow(Q.add(q("1", "kg"), q("1", "jin"))), "en")).toBe("1.5 kg")
  })

  it("does not compile when adding grams to millilitres, and fails with a typed error when untyped input does", () => {
    const grams = q("100", "g")
    const ml = q("100", "ml")
    // @ts-expect-error — a mass cannot be added to a volume
    Q.add(grams, ml)
    // @ts-expect-error — a box is not a count of bottles without item data
    Q.add(q("1", "box"), q("1", "bottle"))
    // @ts-expect-error — converting grams to litres is not a conversion of one dimension
    Q.convert(grams, "L")
    expectTypeOf(Q.add(grams, q("1", "jin"))).toEqualTypeOf<Result.Result<Q.Quantity<"mass">, DimensionMismatchError>>()

    // the same mistake through untyped input (a JSON request body) is a typed error, not a number
    const decode = Decode.decoder(Q.QuantitySchema)
    const a = Result.getOrThrow(decode({ value: "100", unit: "克" }))
    const b = Result.getOrThrow(decode({ value: 100, unit: "毫升" }))
    const sum = Q.add(a as Q.Quantity, b as Q.Quantity)
    expect(Result.isFailure(sum) && sum.failure.code).toBe("quantity.dimensionMismatch")
    expect(Result.isFailure(sum) && sum.failure.en).toContain("cannot convert between ml and g")
  })

  it("refuses unknown units and bad values with the field's path", () => {
    const decode = Decode.decoder(Q.QuantitySchema)
    const unknown = decode({ value: "1", unit: "furlong" }, ["lines", 2, "quantity"])
    expect(Result.isFailure(unknown) && unknown.failure.path).toEqual(["lines", 2, "quantity", "unit"])
    expect(Result.isFailure(unknown) && unknown.failure.zh).toContain("未知的计量单位")
    const nine = decode({ value: "0.123456789", unit: "kg" })
    expect(Result.isFailure(nine) && nine.failure.path).toEqual(["value"])
    const negative = Decode.decoder(Q.NonNegativeQuantity)({ value: "-1", unit: "kg" })
    expect(Result.isFailure(negative) && negative.failure.zh).toContain("不小于 0")
  })
})

describe("UnitPrice", () => {
  it("¥1.99/kg is ¥0.995/斤 and the half fen is real until a line is posted", () => {
    const perKg = UP.of(d("1.99"), "kg")
    expect(UP.format(Result.getOrThrow(UP.convert(perKg, "jin")))).toBe("¥0.995/斤")
    // 3 斤 at ¥0.995/斤 = ¥2.985 = 298.5 fen → posted once, half-up: 299 fen (¥2.99)
    expect(Result.getOrThrow(UP.total(perKg, q("3", "jin"))).amount).toBe(299)
    // the same 1.5 kg at ¥1.99/kg = 298.5 fen → 299 fen: the same money in any units
    expect(Result.getOrThrow(UP.total(perKg, q("1.5", "kg"))).amount).toBe(299)
  })

  it("prints a price with at least two decimals and every further digit: ¥13.50/斤, ¥0.995/斤, ¥4.00/kg", () => {
    expect(UP.format(UP.of(d("13.5"), "jin"))).toBe("¥13.50/斤")
    expect(UP.format(UP.of(d("13.5"), "jin"), "en")).toBe("CNY 13.50 / jin (500 g)")
    expect(UP.format(UP.of(d("4"), "kg"))).toBe("¥4.00/千克")
    expect(UP.format(UP.of(d("0.995"), "jin"))).toBe("¥0.995/斤")
    // a negative price (a credit) carries its sign first, as Money.format does
    expect(UP.format(UP.of(d("-1.2"), "kg"))).toBe("-¥1.20/千克")
  })

  it("posts count-unit purchases through the item's conversions", () => {
    // eggs at ¥0.80 each, about 50 g each: 2 kg of eggs = 40 eggs = ¥32.00
    const eggs = [{ from: "each" as const, to: "g" as const, factor: d("50") }]
    expect(Result.getOrThrow(UP.total(UP.of(d("0.8"), "each"), q("2", "kg"), { conversions: eggs })).amount).toBe(3200)
  })

  it("refuses to encode a price that needs more than 8 decimal places", () => {
    const encode = Decode.encoder(UP.UnitPriceSchema)
    const tiny = Result.getOrThrow(UP.convert(UP.of(d("1.23456789"), "kg"), "g"))
    expect(D.format(tiny.amount)).toBe("0.00123456789")
    const r = encode(tiny)
    expect(Result.isFailure(r) && r.failure.en).toContain("more than 8 decimal places")
    expect(Result.isSuccess(encode(UP.of(BigDecimal.make(123456789n, 8), "kg")))).toBe(true)
  })
})
