import { Effect, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Json from "./Json.ts"

/**
 * RFC 8785 written out piece by piece, as simply as it can be said: the reference the fast
 * encoding must equal byte for byte.
 */
const reference = (value: unknown): string => {
  if (value === null) return "null"
  if (typeof value === "string") return JSON.stringify(value)
  if (typeof value === "boolean") return String(value)
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value)
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).filter((k) => record[k] !== undefined)
  // UTF-16 code units, as RFC 8785 §3.2.3 sorts
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(record[k])}`).join(",")}}`
}

/** keys JavaScript does not keep in insertion order, keys needing escapes, surrogates */
const key = fc.oneof(
  fc.string(),
  fc.constantFrom("1", "0", "10", "9", "01", "-1", "4294967294", "4294967295", "__proto__", "constructor", "toJSON", "\r", "€", "😀", "\ud800", "\udfff", ""),
  fc.string({ unit: "binary" })
)
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(-0, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER),
    fc.string({ unit: "binary" }),
    fc.array(tie("value"), { maxLength: 4 }),
    // objects built with defineProperty, so that "__proto__" is an own key like any other
    fc.array(fc.tuple(key, fc.option(tie("value"), { nil: undefined })), { maxLength: 5 }).map((entries) => {
      const o: Record<string, unknown> = {}
      for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
      return o
    })
  )
})).value

describe("Json.canonicalize", () => {
  it("writes the bytes of RFC 8785 written piece by piece, for any JSON value (keys that JavaScript reorders, __proto__, lone surrogates, −0)", () => {
    fc.assert(fc.property(json, (v) => {
      expect(Result.getOrThrow(Json.canonicalize(v))).toBe(reference(v))
    }), { numRuns: 2000 })
  })

  it("refuses what has no canonical form with the path of the first such value, in canonical order", () => {
    const cases: Array<[unknown, ReadonlyArray<string | number>]> = [
      [{ b: { c: Number.POSITIVE_INFINITY }, a: [1, 2, { d: 1n }] }, ["a", 2, "d"]],
      [{ z: new Date(0), y: [undefined] }, ["y", 0]],
      [{ "1": () => 1, a: 1 }, ["1"]],
      [[1, Symbol("s")], [1]],
      [new Map(), []],
      [{ n: new Number(1) }, ["n"]]
    ]
    for (const [value, path] of cases) {
      const r = Json.canonicalize(value)
      expect(r._tag === "Failure" && r.failure.path).toEqual(path)
      expect(r._tag === "Failure" && r.failure.code).toBe("json.notCanonical")
    }
  })
})

describe("Json.listHash", () => {
  it("law: adding items' canonical texts in any batches and digesting = hashCanonical(items)", async () => {
    await fc.assert(fc.asyncProperty(fc.array(json, { maxLength: 8 }), fc.array(fc.nat(8), { maxLength: 8 }), async (items, cuts) => {
      const texts = items.map((v) => Result.getOrThrow(Json.canonicalize(v)))
      const hash = Json.listHash()
      let at = 0
      for (const cut of cuts) {
        const end = Math.min(texts.length, at + cut)
        hash.add(texts.slice(at, end))
        at = end
      }
      hash.add(texts.slice(at))
      expect(hash.count).toBe(items.length)
      expect(await Effect.runPromise(hash.digest())).toBe(await Effect.runPromise(Json.hashCanonical(items)))
    }), { numRuns: 300 })
  })

  it("hashes as the SHA-256 of the list's text (reference values from `printf '[{\"a\":1},2]' | sha256sum` and `printf '[]' | sha256sum`)", async () => {
    const two = Json.listHash()
    two.add(["{\"a\":1}"])
    two.add(["2"])
    expect(await Effect.runPromise(two.digest())).toBe("ad577c9cb820d895677c155138108df0b3ab7cbf4e601e7175b3ba5e04d3972b")
    expect(await Effect.runPromise(Json.listHash().digest())).toBe("4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945")
  })
})

