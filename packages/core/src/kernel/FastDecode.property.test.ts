import type { SchemaAST } from "effect"
import { BigDecimal, DateTime, Effect, Layer, Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as AuditLog from "../ports/AuditLog.ts"
import * as Memory from "../ports/Memory.ts"
import type { Row, StorageBackend } from "../ports/Storage.ts"
import { Storage } from "../ports/Storage.ts"
import { suite } from "../testing/conformance.ts"
import * as FastDecode from "./FastDecode.ts"
import * as Time from "./Time.ts"
import * as Unit from "./Unit.ts"
import * as Decimal from "./Decimal.ts"

/**
 * The documents every aggregate of every module is stored as: the conformance suite runs against
 * a memory backend that keeps a copy of each row it is given, as an adapter would read it back
 * (through JSON).
 */
const seen = new Map<string, { readonly schema: Schema.Decoder<unknown>; readonly docs: Array<unknown> }>()
const keep = (spec: { readonly name: string; readonly schema: unknown }, rows: ReadonlyArray<Row<unknown>>) => {
  let entry = seen.get(spec.name)
  if (entry === undefined) seen.set(spec.name, entry = { schema: spec.schema as Schema.Decoder<unknown>, docs: [] })
  // a few hundred documents of each kind are plenty; bulk inserts bring thousands alike
  for (const row of rows.slice(0, 50)) if (entry.docs.length < 400) entry.docs.push(JSON.parse(JSON.stringify(row.encoded)))
}
const encodeEntry = Schema.encodeSync(AuditLog.AuditEntrySchema)
const recording = Layer.sync(Storage, (): StorageBackend => {
  const backend = Memory.makeBackend()
  return {
    ...backend,
    // the audit entries too, which the adapters store as documents of their own
    audit: {
      ...backend.audit,
      append: (schoolId, writer, build) =>
        Effect.tap(backend.audit.append(schoolId, writer, build), (entry) =>
          Effect.sync(() => keep({ name: "audit entry", schema: AuditLog.AuditEntrySchema }, [{ value: entry, encoded: encodeEntry(entry) }])))
    },
    repository: (spec) => {
      const raw = backend.repository(spec)
      return {
        ...raw,
        insert: (rows) => Effect.andThen(Effect.sync(() => keep(spec, rows)), raw.insert(rows)),
        update: (row, expected) => Effect.andThen(Effect.sync(() => keep(spec, [row])), raw.update(row, expected))
      }
    }
  }
})

suite("memory, keeping every stored document", recording)

/** the same value: same keys in the same order, instants and decimals by value */
const same = (a: unknown, b: unknown): boolean => {
  if (DateTime.isDateTime(a) || DateTime.isDateTime(b)) {
    return DateTime.isDateTime(a) && DateTime.isDateTime(b) && DateTime.isUtc(a) && DateTime.isUtc(b) &&
      a.epochMilliseconds === b.epochMilliseconds && Object.getPrototypeOf(a) === Object.getPrototypeOf(b)
  }
  if (BigDecimal.isBigDecimal(a) || BigDecimal.isBigDecimal(b)) {
    return BigDecimal.isBigDecimal(a) && BigDecimal.isBigDecimal(b) && a.value === b.value && a.scale === b.scale
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]))
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const ka = Reflect.ownKeys(a)
    const kb = Reflect.ownKeys(b)
    return Object.getPrototypeOf(a) === Object.getPrototypeOf(b) && ka.length === kb.length &&
      ka.every((k, i) => k === kb[i] && same((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k]))
  }
  return Object.is(a, b)
}

/** Effect Schema's verdict and the compiled decoder's agree: both refuse, or both give the same value */
const agree = (schema: Schema.Decoder<unknown>, input: unknown): boolean => {
  const slow = Schema.decodeUnknownResult(schema)(input)
  const fast = FastDecode.compile(schema)(input)
  return Result.isFailure(slow) ? fast === FastDecode.invalid : fast !== FastDecode.invalid && same(fast, slow.success)
}

/** the same for encoding a value */
const agreeEncoding = (schema: Schema.Codec<unknown, unknown>, value: unknown): boolean => {
  const slow = Schema.encodeUnknownResult(schema)(value)
  const fast = FastDecode.compileEncoder(schema)(value)
  return Result.isFailure(slow) ? fast === FastDecode.invalid : fast !== FastDecode.invalid && same(fast, slow.success)
}

const isPlain = (value: unknown): value is object =>
  Array.isArray(value) || (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype)

/** where a document or a value can be changed: the path of every part of it (instants and decimals are parts) */
const pathsOf = (value: unknown, path: ReadonlyArray<string | number> = []): Array<ReadonlyArray<string | number>> => {
  const out: Array<ReadonlyArray<string | number>> = [path]
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...path, i])))
  else if (isPlain(value)) for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...path, k]))
  return out
}

/** the value at a path, or `undefined` where the path leads nowhere */
const at = (value: unknown, path: ReadonlyArray<string | number>): unknown =>
  path.reduce((node: unknown, k) => (typeof node === "object" && node !== null ? (node as Record<string | number, unknown>)[k] : undefined), value)

/** a copy of the plain objects and arrays; instants and decimals (immutable) are shared */
const clone = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(clone) : isPlain(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) : value

type Change = { readonly kind: "set"; readonly value: unknown } | { readonly kind: "delete" } | { readonly kind: "add"; readonly key: string; readonly value: unknown }

const apply = (doc: unknown, path: ReadonlyArray<string | number>, change: Change): unknown => {
  if (path.length === 0) {
    if (change.kind === "set") return change.value
    if (change.kind === "add" && isPlain(doc) && !Array.isArray(doc)) return { ...doc, [change.key]: change.value }
    return doc
  }
  const parent = at(doc, path.slice(0, -1)) as Record<string | number, unknown> & Array<unknown>
  const last = path[path.length - 1]!
  if (change.kind === "set") parent[last] = change.value
  else if (change.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(Number(last), 1)
    else delete parent[last]
  } else {
    const target = parent[last]
    // plain objects only: instants and decimals are shared (effect keeps some, such as zero, as constants)
    if (isPlain(target) && !Array.isArray(target)) (target as Record<string, unknown>)[change.key] = change.value
  }
  return doc
}

/** values a corrupted document may hold: wrong types, edge numbers, near-miss texts of the kernel's forms */
const odd = fc.constantFrom<unknown>(
  undefined, null, true, false, 0, -0, 1, -1, 0.5, 1.5, 2 ** 53, -(2 ** 53), 1e21, Number.NaN, Number.POSITIVE_INFINITY, -1e-7,
  "", " ", "x", "a b", "ID-1", "-leading", "a".repeat(64), "a".repeat(65), "toString", "__proto__", "constructor",
  "2026-03-15T03:45:00.000Z", "2026-03-15T11:45:00+08:00", "2026-02-30T03:45:00.000Z", "2026-03-15T24:00:00.000Z", "2026-03-15",
  "12.50", "-0.5", "1e-3", "0.000000001", "1.2.3", " 7 ", "斤", "jin", "kg", "公斤", "ml", "piece", "CNY", "USD",
  [], [1], ["x"], {}, { a: 1 }
)

/** up to three changes to one of `bases`, with values from `extra`, from the bases' own leaves or any JSON */
const corruptions = (bases: ReadonlyArray<unknown>, extra: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => {
  // values found elsewhere in these documents: type-correct but possibly out of place
  const leaves = bases.flatMap((d) => pathsOf(d).map((p) => at(d, p))).filter((v) => !isPlain(v))
  const value = fc.oneof(extra, fc.constantFrom(...(leaves.length > 0 ? leaves : [null])), fc.jsonValue({ maxDepth: 2 }))
  const change: fc.Arbitrary<Change> = fc.oneof(
    value.map((v) => ({ kind: "set" as const, value: v })),
    fc.constant({ kind: "delete" as const }),
    fc.record({ kind: fc.constant("add" as const), key: fc.constantFrom("extra", "__proto__", "_tag", "id"), value })
  )
  return fc.integer({ min: 0, max: bases.length - 1 }).chain((i) => {
    const paths = pathsOf(bases[i])
    return fc.array(fc.tuple(fc.integer({ min: 0, max: paths.length - 1 }), change), { minLength: 1, maxLength: 3 }).map((changes) => {
      let doc = clone(bases[i])
      for (const [p, c] of changes) {
        // later changes may have removed the path: apply only where it still leads somewhere
        const path = paths[p]!
        const parent = at(doc, path.slice(0, -1))
        if (path.length > 0 && !isPlain(parent)) continue
        doc = apply(doc, path, c)
      }
      return doc
    })
  })
}

describe("FastDecode", () => {
  it("compiled decoding gives exactly Effect Schema's result on every stored document, valid or corrupted", () => {
    const kinds = [...seen.entries()].filter(([, e]) => e.docs.length > 0)
    // every module stores documents in the conformance cases, and every case appends audit
    // entries: all of them are checked
    expect(kinds.length).toBeGreaterThanOrEqual(15)
    expect(seen.get("audit entry")?.docs.length ?? 0).toBeGreaterThan(100)
    for (const [name, { schema, docs }] of kinds) {
      for (const doc of docs) expect(agree(schema, doc), `${name}: ${JSON.stringify(doc)}`).toBe(true)
      fc.assert(fc.property(corruptions(docs, odd), (doc) => agree(schema, doc)), { numRuns: 300 })
    }
  })

  it("compiled encoding gives exactly Effect Schema's result on every stored value, valid or corrupted", () => {
    const kinds = [...seen.entries()].filter(([, e]) => e.docs.length > 0)
    expect(kinds.length).toBeGreaterThanOrEqual(15)
    // values a corrupted domain value may hold besides the documents' odd ones: instants that are
    // not UTC, decimals with too many places, numbers where decimals belong
    const wrong = fc.oneof(odd, fc.constantFrom<unknown>(
      DateTime.makeUnsafe(0), DateTime.makeZonedUnsafe(0, { timeZone: "Asia/Shanghai" }), BigDecimal.make(1n, 12), BigDecimal.make(-5n, 0), Decimal.fromInt(3), new Date(0)
    ))
    for (const [name, { schema, docs }] of kinds) {
      const codec = schema as unknown as Schema.Codec<unknown, unknown>
      const values = docs.map((d) => Schema.decodeUnknownSync(codec)(d))
      for (const v of values) expect(agreeEncoding(codec, v), name).toBe(true)
      fc.assert(fc.property(corruptions(values, wrong), (v) => agreeEncoding(codec, v)), { numRuns: 300 })
    }
  })

  it("the kernel's transformations have exact twins: instants, decimals and units decode and encode as Effect Schema does", () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom("2026-03-15T03:45:00.000Z", "2026-03-15T11:45:00+08:00", "2026-03-15T11:45+08:00", "2026-03-15T11:45:00.1234-05:30", "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z"),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
    )
    const decimalInput = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constantFrom("12.50", "-0.5", "1e-3", "1e-9", "0.12345678", "0.123456789", " 3 ", "+1", "1.", ".5"))
    const unitInput = fc.oneof(fc.string(), fc.constantFrom(...Unit.units, "斤", "公斤", "KG", "升", "toString", "__proto__", " kg "))
    fc.assert(fc.property(text, (t) => agree(Time.InstantSchema, t)), { numRuns: 2000 })
    fc.assert(fc.property(decimalInput, (d) => agree(Decimal.DecimalSchema, d) && agree(Decimal.NonNegativeDecimal, d)), { numRuns: 2000 })
    fc.assert(fc.property(unitInput, (u) => agree(Unit.UnitSchema, u)), { numRuns: 1000 })
    // and encode as it encodes them, refusing what it refuses
    const instantValue = fc.oneof(
      fc.integer({ min: -8_640_000_000_000, max: 8_640_000_000_000 }).map((ms) => DateTime.makeUnsafe(ms)),
      fc.integer({ min: 0, max: 2e12 }).map((ms) => DateTime.makeZonedUnsafe(ms, { timeZone: "Asia/Shanghai" })),
      fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.date({ noInvalidDate: true }))
    )
    const decimalValue = fc.oneof(
      fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: -3, max: 12 })).map(([v, scale]) => BigDecimal.make(v, scale)),
      fc.oneof(fc.string(), fc.double(), fc.bigInt(), fc.constant(undefined))
    )
    fc.assert(fc.property(instantValue, (i) => agreeEncoding(Time.InstantSchema, i)), { numRuns: 2000 })
    fc.assert(fc.property(decimalValue, (d) => agreeEncoding(Decimal.DecimalSchema, d) && agreeEncoding(Decimal.NonNegativeDecimal, d)), { numRuns: 2000 })
    fc.assert(fc.property(unitInput, (u) => agreeEncoding(Unit.UnitSchema, u)), { numRuns: 1000 })
  })

  it("law: effect's number and length checks, compiled as plain tests, and filters made with FastDecode.makeFilter, accept exactly what Effect Schema accepts (NaN, infinities, -0, the bounds, exclusive bounds)", () => {
    const bound = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -5, max: 5, noNaN: true }))
    const number = fc.oneof(bound, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 2 ** 53, 0.5))
    const check = fc.oneof(
      fc.constant(Schema.isFinite()),
      fc.constant(Schema.isInt()),
      bound.map((m) => Schema.isGreaterThanOrEqualTo(m)),
      bound.map((m) => Schema.isGreaterThan(m)),
      bound.map((m) => Schema.isLessThanOrEqualTo(m)),
      bound.map((m) => Schema.isLessThan(m)),
      fc.tuple(bound, bound, fc.boolean(), fc.boolean()).map(([a, b, exMin, exMax]) =>
        Schema.isBetween({ minimum: Math.min(a, b), maximum: Math.max(a, b), exclusiveMinimum: exMin, exclusiveMaximum: exMax })
      ),
      fc.constant(FastDecode.makeFilter((n: number) => n % 2 === 0))
    )
    fc.assert(fc.property(fc.array(check, { minLength: 1, maxLength: 3 }), fc.array(number, { minLength: 1, maxLength: 10 }), (checks, values) => {
      const schema = Schema.Number.check(...(checks as [SchemaAST.Check<number>, ...Array<SchemaAST.Check<number>>]))
      const fast = FastDecode.compile(schema)
      for (const v of values) {
        if (Result.isSuccess(Schema.decodeUnknownResult(schema)(v)) !== (fast(v) !== FastDecode.invalid)) return false
      }
      return true
    }), { numRuns: 3000 })
    const length = fc.integer({ min: 0, max: 4 })
    fc.assert(fc.property(length, length, fc.oneof(fc.string({ maxLength: 6 }), fc.array(fc.string(), { maxLength: 6 })), (min, max, v) => {
      const schema = Schema.Union([Schema.String, Schema.Array(Schema.String)]).check(Schema.isMinLength(min), Schema.isMaxLength(max))
      return Result.isSuccess(Schema.decodeUnknownResult(schema)(v)) === (FastDecode.compile(schema)(v) !== FastDecode.invalid)
    }), { numRuns: 2000 })
  })

  it("law: a compiled decoder's answer depends on its input alone, not on what it decoded before (runs of equal values, a valid value after an invalid one)", () => {
    // the decoder skips the checks of a string or number equal to the last one that passed them,
    // and an instant's parsing for the text parsed last: sequences with repeats test both
    const schema = Schema.Struct({
      id: Schema.String.check(Schema.makeFilter((s: string) => /^[a-z]{1,3}$/.test(s))),
      // -0 and 0 are equal to === but not to this check
      n: Schema.Number.check(Schema.makeFilter((n: number) => !Object.is(n, -0))),
      at: Time.InstantSchema
    })
    const input = fc.record({
      id: fc.constantFrom<unknown>("a", "ab", "", "abcd", "A", 1, "a"),
      n: fc.constantFrom<unknown>(0, -0, 1, Number.NaN, "0", 1),
      at: fc.constantFrom<unknown>("2026-03-15T03:45:00.000Z", "2026-03-15T11:45:00+08:00", "2026-02-30T03:45:00.000Z", "x", 0, "2026-03-15T03:45:00.001Z")
    })
    const fast = FastDecode.compile(schema)
    fc.assert(fc.property(fc.array(input, { minLength: 2, maxLength: 30 }), (inputs) => {
      for (const i of inputs) {
        const slow = Schema.decodeUnknownResult(schema)(i)
        const value = fast(i)
        if (Result.isFailure(slow) ? value !== FastDecode.invalid : value === FastDecode.invalid || !same(value, slow.success)) return false
      }
      return true
    }), { numRuns: 1000 })
  })

  it("a schema's transformation without a twin, a oneOf union, a record and a declaration are left to Effect Schema, with the same results", () => {
    const schema = Schema.Struct({
      n: Schema.NumberFromString,
      pick: Schema.Union([Schema.String, Schema.Literal("a")], { mode: "oneOf" }),
      tags: Schema.Record(Schema.String, Schema.Number),
      when: Schema.optionalKey(Schema.DateTimeUtc),
      // members that accept the same input, one of them behind a tag
      either: Schema.Union([Schema.Struct({ a: Schema.String }), Schema.Struct({ _tag: Schema.Literal("x"), a: Schema.String }), Schema.Struct({ a: Schema.String, b: Schema.optionalKey(Schema.Number) })]),
      withDefault: Schema.String.pipe(Schema.optionalKey, Schema.withDecodingDefaultKey(Effect.succeed("none")))
    })
    const input = fc.record({
      n: fc.oneof(fc.string(), fc.integer().map(String)),
      pick: fc.constantFrom("a", "b", 1),
      tags: fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string())),
      when: fc.oneof(fc.constant(new Date(0)), fc.constant("x"), fc.date({ noInvalidDate: true }).map((d) => DateTime.fromDateUnsafe(d))),
      either: fc.oneof(fc.record({ a: fc.string() }), fc.record({ _tag: fc.constant("x"), a: fc.string() }), fc.record({ a: fc.string(), b: fc.integer() })),
      withDefault: fc.oneof(fc.string(), fc.constant(1))
    }, { requiredKeys: ["n", "pick", "tags", "either"] })
    fc.assert(fc.property(input, (i) => {
      const decoded = Schema.decodeUnknownResult(schema)(i)
      return agree(schema, i) && (Result.isFailure(decoded) || agreeEncoding(schema, decoded.success))
    }), { numRuns: 1000 })
  })
})
