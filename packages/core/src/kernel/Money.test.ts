import { BigDecimal, Result } from "effect"
import { describe, expect, it } from "vitest"
import * as D from "./Decimal.ts"
import * as Money from "./Money.ts"

const yuan = (s: string) => Result.getOrThrow(Money.fromMajor(Result.getOrThrow(Result.fromOption(D.parse(s), () => "bad"))))
const fen = (n: number) => Result.getOrThrow(Money.fen(n))

describe("Money", () => {
  it("rounds half away from zero (四舍五入 on the magnitude) by default", () => {
    // 12.345 yuan = 1234.5 fen → 1235 fen; −12.345 yuan → −1235 fen (not −1234)
    expect(yuan("12.345").amount).toBe(1235)
    expect(yuan("-12.345").amount).toBe(-1235)
    // 0.004 yuan = 0.4 fen → 0
    expect(yuan("0.004").amount).toBe(0)
    // halfEven (banker's) only when named: 1234.5 → 1234, 1235.5 → 1236
    const half = (s: string) => Result.getOrThrow(Money.fromMinorDecimal(D.parse(s).pipe((o) => (o._tag === "Some" ? o.value : BigDecimal.make(0n, 0))), "CNY", "halfEven")).amount
    expect(half("1234.5")).toBe(1234)
    expect(half("1235.5")).toBe(1236)
  })

  it("fails with a typed overflow error instead of losing a fen", () => {
    const max = fen(Number.MAX_SAFE_INTEGER)
    const r = Money.add(max, fen(1))
    expect(Result.isFailure(r) && r.failure._tag).toBe("OverflowError")
    expect(Result.isFailure(r) && r.failure.code).toBe("money.overflow")
    expect(Result.isFailure(Money.fen(2 ** 53))).toBe(true)
    expect(Result.isFailure(Money.fen(1.5))).toBe(true)
    const big = Money.multiply(fen(2 ** 52), BigDecimal.make(3n, 0))
    expect(Result.isFailure(big)).toBe(true)
  })

  it("refuses a fraction of a fen as a validation error (money.notInteger), not an overflow", () => {
    for (const amount of [1.5, -0.25, Number.NaN]) {
      const r = Money.fen(amount)
      expect(Result.isFailure(r) && r.failure._tag).toBe("ValidationError")
      expect(Result.isFailure(r) && r.failure.code).toBe("money.notInteger")
      expect(Result.isFailure(r) && r.failure.path).toEqual(["amount"])
      expect(Result.isFailure(r) && r.failure.zh).toContain("整数")
      expect(Result.isFailure(r) && r.failure.en).toContain("whole number of fen")
    }
    // a whole number outside the safe range stays an overflow
    for (const amount of [2 ** 53, -(2 ** 53), 1e300, Number.POSITIVE_INFINITY]) {
      const r = Money.fen(amount)
      expect(Result.isFailure(r) && r.failure._tag).toBe("OverflowError")
      expect(Result.isFailure(r) && r.failure.code).toBe("money.overflow")
    }
  })

  it("refuses to combine currencies", () => {
    const r = Money.add(fen(100), { amount: 100, currency: "HKD" })
    expect(Result.isFailure(r) && r.failure._tag).toBe("CurrencyMismatchError")
    expect(Result.isFailure(r) && r.failure.zh).toContain("币种不一致")
  })

  it("allocates by largest remainders: ¥100.00 over 3 equal shares is 33.34 + 33.33 + 33.33", () => {
    // exact share 3333.33… fen each; floors 3333 ×3 = 9999, one fen left goes to the first (ties → earlier part)
    expect(Result.getOrThrow(Money.allocate(fen(10000), [1, 1, 1])).map((m) => m.amount)).toEqual([3334, 3333, 3333])
    // weights 1:2:3 of 100 fen: exact 16.67, 33.33, 50 → floors 16, 33, 50 (99), the largest remainder (0.67) gets the fen
    expect(Result.getOrThrow(Money.allocate(fen(100), [1, 2, 3])).map((m) => m.amount)).toEqual([17, 33, 50])
    // negative totals mirror positive ones
    expect(Result.getOrThrow(Money.allocate(fen(-100), [1, 2, 3])).map((m) => m.amount)).toEqual([-17, -33, -50])
    // decimal weights (diner counts by group) work exactly
    expect(Result.getOrThrow(Money.allocate(fen(1001), [BigDecimal.make(5n, 1), BigDecimal.make(15n, 1)])).map((m) => m.amount)).toEqual([250, 751])
  })

  it("refuses to allocate over no weights, negative weights or weights summing to zero", () => {
    const none = Money.allocate(fen(100), [])
    expect(Result.isFailure(none) && none.failure.path).toEqual(["weights"])
    const negative = Money.allocate(fen(100), [1, -1])
    expect(Result.isFailure(negative) && negative.failure.path).toEqual(["weights", 1])
    const zero = Money.allocate(fen(100), [0, 0])
    expect(Result.isFailure(zero) && zero.failure.code).toBe("money.allocation")
  })

  it("formats in zh-CN and en", () => {
    expect(Money.format(fen(123456789))).toBe("¥1,234,567.89")
    expect(Money.format(fen(-5), "en")).toBe("-CNY 0.05")
    expect(Money.format(fen(100000), "en")).toBe("CNY 1,000.00")
  })

  it("divides with exact rounding at the last place", () => {
    // 1/3 to 2 places = 0.33; 2/3 = 0.67; 1/8 = 0.125 → half-up 0.13, half-even 0.12
    expect(D.format(Money.divideRounded(D.fromInt(1), D.fromInt(3), 2, "halfUp"))).toBe("0.33")
    expect(D.format(Money.divideRounded(D.fromInt(2), D.fromInt(3), 2, "halfUp"))).toBe("0.67")
    expect(D.format(Money.divideRounded(D.fromInt(1), D.fromInt(8), 2, "halfUp"))).toBe("0.13")
    expect(D.format(Money.divideRounded(D.fromInt(1), D.fromInt(8), 2, "halfEven"))).toBe("0.12")
    expect(D.format(Money.divideRounded(D.fromInt(-1), D.fromInt(8), 2, "halfUp"))).toBe("-0.13")
    expect(D.format(Money.divideRounded(D.fromInt(1), D.fromInt(-3), 2, "floor"))).toBe("-0.34")
  })
})
