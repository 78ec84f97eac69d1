/**
 * Index keys: IndexedDB compares string keys by UTF-16 code unit and a number key below every
 * string; the port orders text by Unicode code point and decimals by value. These laws tie the
 * keys' order (JavaScript's `<` on strings is IndexedDB's order) to the reference comparisons.
 */
import { Decimal } from "@houqin/core/kernel"
import { Memory } from "@houqin/core/ports"
import { BigDecimal, Option } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decimalKey, encode, NULL_KEY, textKey } from "../src/internal/keys.ts"

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0)
const unitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

// any UTF-16 code unit, lone surrogates included, with the boundaries of the remapping common
const codeUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }),
  fc.constantFrom(0, 0x7f, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xf7ff, 0xf800, 0xfffd, 0xffff)
).map((c) => String.fromCharCode(c))
const anyText = fc.oneof(fc.string({ unit: codeUnit, maxLength: 6 }), fc.string({ unit: "binary", maxLength: 6 }))

// decimals with up to 8 places and up to 30 integer digits, written in several ways
const decimalText = fc.tuple(fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 3 }))
  .map(([units, places, padding]) => {
    const d = BigDecimal.make(units / 10n ** BigInt(8 - places), places)
    const text = Decimal.format(d)
    return padding === 0 ? text : text.includes(".") ? text + "0".repeat(padding) : `${text}.${"0".repeat(padding)}`
  })
const small = fc.constantFrom("0", "-0", "0.00000001", "-0.00000001", "1", "1.5", "1.50", "-1.5", "10", "9.99999999", "1e2", "100")

describe("index keys", () => {
  it("text keys order by code point: textKey(a) < textKey(b) exactly when a precedes b by code point", () => {
    fc.assert(fc.property(anyText, anyText, (a, b) => {
      expect(sign(unitOrder(textKey(a), textKey(b)))).toBe(sign(Memory.compareCodePoints(a, b)))
    }), { numRuns: 5000 })
  })

  it("text keys are one to one: equal keys only for equal texts", () => {
    fc.assert(fc.property(anyText, anyText, (a, b) => {
      expect(textKey(a) === textKey(b)).toBe(a === b)
    }), { numRuns: 2000 })
    // a character beyond U+FFFF (a surrogate pair) sorts above U+FFFF by code point, not below it
    expect(textKey("😀") > textKey("\uffff")).toBe(true)
    expect(textKey("\uffff") > textKey("中")).toBe(true)
  })

  it("decimal keys order by value: decimalKey(a) < decimalKey(b) exactly when a < b", () => {
    fc.assert(fc.property(fc.oneof(decimalText, small), fc.oneof(decimalText, small), (a, b) => {
      const x = Option.getOrThrow(Decimal.parse(a))
      const y = Option.getOrThrow(Decimal.parse(b))
      const ka = decimalKey(a)
      const kb = decimalKey(b)
      expect(ka).toBeTypeOf("string")
      expect(kb).toBeTypeOf("string")
      expect(sign(unitOrder(ka!, kb!))).toBe(BigDecimal.Order(x, y))
    }), { numRuns: 5000 })
  })

  it("decimal keys: equal values share a key, whatever their spelling", () => {
    expect(decimalKey("1.5")).toBe(decimalKey("1.50000000"))
    expect(decimalKey("100")).toBe(decimalKey("1e2"))
    expect(decimalKey("-0")).toBe(decimalKey("0"))
    // 1.5 = 150,000,000 units of 10⁻⁸: "1" for not negative, then 38 digits
    expect(decimalKey("1.5")).toBe(`1${"150000000".padStart(38, "0")}`)
    // −1.5: "0", then 10³⁸ − 150,000,000
    expect(decimalKey("-1.5")).toBe(`0${(10n ** 38n - 150_000_000n).toString()}`)
  })

  it("decimal keys: none for a value the columns cannot hold exactly", () => {
    expect(decimalKey("0.000000001")).toBeUndefined() // 9 places
    expect(decimalKey(`1${"0".repeat(30)}`)).toBeUndefined() // 31 integer digits: 39 in all
    expect(decimalKey(`9${"9".repeat(29)}.99999999`)).toBeTypeOf("string") // 30 + 8 = 38 digits
    expect(decimalKey("twelve")).toBeUndefined()
    expect(encode("decimal", 1.5)).toBeUndefined() // a decimal is its text, never a float
  })

  it("null sorts below every value of its kind: a number key below every string", () => {
    expect(encode("text", null)).toBe(NULL_KEY)
    expect(encode("decimal", null)).toBe(NULL_KEY)
    expect(encode("int", -Number.MAX_VALUE)).toBeGreaterThan(NULL_KEY)
  })
})
