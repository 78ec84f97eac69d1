import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Id from "./Id.ts"

// the rule as CONTRACTS.md words it: 1–64 letters, digits and . _ : -, starting with a letter or a digit
const pattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/

describe("Id", () => {
  it("law: isIdText agrees with the pattern of ids on every text (near-ids, lengths around 64, other characters)", () => {
    const alphabet = fc.constantFrom(..."aZ09._:-/ +é留\u0000\uD83D".split(""))
    const text = fc.oneof(
      fc.string({ unit: alphabet, minLength: 0, maxLength: 70 }),
      fc.string({ unit: fc.constantFrom(..."abcXYZ0189._:-".split("")), minLength: 60, maxLength: 68 }),
      fc.string({ unit: "binary", maxLength: 80 })
    )
    fc.assert(fc.property(text, (s) => {
      expect(Id.isIdText(s)).toBe(pattern.test(s))
    }), { numRuns: 5000 })
  })

  it("accepts UUIDs, database keys and readable codes; refuses empty, too long, a leading separator, spaces and Chinese", () => {
    for (const ok of ["018f3a2c-7b1e-7c2a-9f00-1a2b3c4d5e6f", "42", "FRIDGE-01", "a.b_c:d-e", "x".repeat(64)]) expect(Id.isIdText(ok)).toBe(true)
    for (const bad of ["", "x".repeat(65), "-a", ".a", "_a", ":a", "a b", "留样柜", "a/b", "a\n"]) expect(Id.isIdText(bad)).toBe(false)
    const decode = Schema.decodeUnknownResult(Id.branded("FridgeId"))
    expect(Result.isSuccess(decode("fridge-01"))).toBe(true)
    expect(Result.isFailure(decode("fridge 01"))).toBe(true)
  })
})
