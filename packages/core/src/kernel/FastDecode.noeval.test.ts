import { Result, Schema } from "effect"
import { expect, it } from "vitest"

/**
 * A page whose Content Security Policy has no 'unsafe-eval' refuses `new Function`. The compiled
 * decoders then fall back to closures; this file makes `Function` refuse before the core is loaded
 * (its modules build decoders as they load) and holds the closures to Effect Schema's results.
 */
it("without code generation (a CSP without 'unsafe-eval'), the closures decode as Effect Schema does", async () => {
  const original = globalThis.Function
  let refused = 0
  globalThis.Function = new Proxy(original, {
    construct: () => {
      refused++
      throw new EvalError("Code generation from strings disallowed for this context")
    },
    apply: () => {
      refused++
      throw new EvalError("Code generation from strings disallowed for this context")
    }
  })
  try {
    const { Retention } = await import("../index.ts")
    const FastDecode = await import("./FastDecode.ts")
    const schema = Retention.Reading
    const fast = FastDecode.compile(schema)
    const slow = Schema.decodeUnknownResult(schema)
    const valid = { schoolId: "s-1", id: "r-1", version: 1, fridgeId: "f-1", at: "2026-03-15T03:45:00.000Z", celsius: 3.5, recordedBy: "staff-1" }
    const inputs: Array<unknown> = [
      valid,
      { ...valid, recordedBy: undefined },
      (({ recordedBy: _, ...rest }) => rest)(valid),
      { ...valid, at: "2026-03-15T11:45:00+08:00", extra: 1 },
      { ...valid, celsius: 101 },
      { ...valid, id: "bad id" },
      (({ fridgeId: _, ...rest }) => rest)(valid),
      null,
      []
    ]
    for (const input of inputs) {
      const s = slow(input)
      const f = fast(input)
      if (Result.isFailure(s)) expect(f).toBe(FastDecode.invalid)
      else expect(JSON.stringify(Schema.encodeSync(schema)(f as typeof schema.Type))).toBe(JSON.stringify(Schema.encodeSync(schema)(s.success)))
    }
    // the probe was made and refused: these were the closures
    expect(refused).toBeGreaterThan(0)
  } finally {
    globalThis.Function = original
  }
})
