/**
 * Decimal fields on their way into columns: the text is read exactly (no float on the way), into
 * the 8 places every engine's column keeps, and a range bound with more places is rounded up so
 * that comparisons with stored values stay exact.
 */
import { Decimal } from "@houqin/core"
import { BigDecimal, Option } from "effect"
import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import * as DecimalColumn from "../src/DecimalColumn.ts"

/** a decimal as a count of 10^-scale */
const decimal = (scale: number) => fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => BigDecimal.make(n, scale))
/** the value of parts as a BigDecimal */
const valueOf = (d: DecimalColumn.DecimalParts) => BigDecimal.make(DecimalColumn.scaled(d), 8)

describe("DecimalColumn", () => {
  it("reads exactly: a decimal of at most 8 places, in any spelling, keeps its value", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 8 }).chain(decimal), fc.integer({ min: 0, max: 3 }), (d, spelling) => {
      const plain = Decimal.format(d)
      // plain, with trailing zeros, with a leading plus, in exponent form
      const text = [plain, `${plain}${plain.includes(".") ? "" : "."}000`, plain.startsWith("-") ? plain : `+${plain}`, `${BigDecimal.normalize(d).value}e${-BigDecimal.normalize(d).scale}`][spelling]!
      const parts = DecimalColumn.parse(text)
      assert.notStrictEqual(typeof parts, "string", text)
      const p = parts as DecimalColumn.DecimalParts
      assert.isTrue(BigDecimal.equals(valueOf(p), d), `${text} → ${DecimalColumn.text(p)}`)
      assert.strictEqual(p.frac.length, 8)
      assert.isTrue(BigDecimal.equals(Option.getOrThrow(Decimal.parse(DecimalColumn.text(p))), d))
    }))
  })

  it("refuses a value that needs more than 8 places, and text that is no decimal", () => {
    fc.assert(fc.property(decimal(9).filter((d) => d.value % 10n !== 0n), (d) => {
      assert.strictEqual(DecimalColumn.parse(Decimal.format(d)), "needs more than 8 decimal places")
    }))
    for (const bad of ["", "12,5", "1.2.3", "NaN", "Infinity", "0x10", "1e", "--1"]) assert.isString(DecimalColumn.parse(bad), bad)
    // zeros beyond the 8th place change nothing
    assert.deepStrictEqual(DecimalColumn.parse("1.5000000000"), { negative: false, int: "1", frac: "50000000" })
    assert.deepStrictEqual(DecimalColumn.parse("-0.000"), { negative: false, int: "0", frac: "00000000" })
  })

  it("rounds a bound up to 8 places: for every value v with 8 places, v ≥ b ⇔ v ≥ ceiling(b) and v < b ⇔ v < ceiling(b)", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 12 }).chain(decimal), decimal(8), (b, v) => {
      const c = valueOf(DecimalColumn.ceiling(Decimal.format(b))!)
      assert.strictEqual(BigDecimal.isGreaterThanOrEqualTo(v, b), BigDecimal.isGreaterThanOrEqualTo(v, c))
      assert.strictEqual(BigDecimal.isLessThan(v, b), BigDecimal.isLessThan(v, c))
      // and it is the least such value: no more than one unit of the 8th place above the bound
      assert.isTrue(BigDecimal.isLessThan(BigDecimal.subtract(c, b), BigDecimal.make(1n, 8)))
      assert.isTrue(BigDecimal.isGreaterThanOrEqualTo(c, b))
    }))
  })
})
