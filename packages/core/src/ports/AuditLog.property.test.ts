import { Effect, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Json from "../kernel/Json.ts"
import { fromEpochMillis } from "../kernel/Time.ts"
import * as Arb from "../testing/arbitraries.ts"
import type { AuditEntry } from "./AuditLog.ts"
import { AuditEntrySchema, GENESIS, hashOf, verifyChain } from "./AuditLog.ts"

const json: fc.Arbitrary<Schema.Json> = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as Schema.Json)

const draft = fc.record({
  actor: fc.constantFrom("staff-1", "staff-2", "system"),
  command: fc.constantFrom("canteen.acceptDelivery", "retention.recordSample", "assets.transfer"),
  input: json,
  minutes: fc.integer({ min: 0, max: 60 * 24 * 365 }),
  changes: fc.array(fc.record({
    aggregate: fc.constantFrom("canteen.lot", "retention.sample"),
    op: fc.constantFrom("insert" as const, "update" as const),
    id: Arb.id("rec"),
    version: fc.integer({ min: 1, max: 9 }),
    after: json
  }), { maxLength: 3 })
})

type Draft = typeof draft extends fc.Arbitrary<infer T> ? T : never

const chain = (drafts: ReadonlyArray<Draft>): Promise<Array<AuditEntry>> =>
  Effect.runPromise(Effect.gen(function*() {
    const out: Array<AuditEntry> = []
    let prev = GENESIS
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i]!
      const base = {
        schoolId: "school-1",
        writer: "main",
        seq: i + 1,
        at: fromEpochMillis(1_767_225_600_000 + d.minutes * 60_000),
        actor: d.actor,
        command: d.command,
        input: d.input,
        changes: d.changes,
        prev
      }
      const hash = yield* hashOf(base)
      out.push({ ...base, hash })
      prev = hash
    }
    return out
  }))

const verify = (entries: ReadonlyArray<AuditEntry>, head?: { seq: number; hash: string }) => Effect.runPromise(verifyChain(entries, head))

const fields = ["schoolId", "writer", "seq", "at", "actor", "command", "input", "changes", "prev", "hash"] as const

const alter = (e: AuditEntry, field: typeof fields[number]): AuditEntry => {
  switch (field) {
    case "seq":
      return { ...e, seq: e.seq + 1 }
    case "at":
      return { ...e, at: fromEpochMillis(e.at.epochMilliseconds + 60_000) }
    case "input":
      return { ...e, input: { tampered: e.input } }
    case "changes":
      return { ...e, changes: [...e.changes, { aggregate: "x", op: "remove", id: "x" }] }
    case "prev":
    case "hash":
      return { ...e, [field]: e[field].replace(/^./, (c) => (c === "0" ? "1" : "0")) }
    default:
      return { ...e, [field]: `${e[field]}′` }
  }
}

const drafts = fc.array(draft, { minLength: 2, maxLength: 8 })

describe("audit chain verification", () => {
  it("accepts an untouched chain, with or without its recorded head", async () => {
    await fc.assert(fc.asyncProperty(drafts, async (ds) => {
      const entries = await chain(ds)
      const last = entries[entries.length - 1]!
      expect((await verify(entries)).ok).toBe(true)
      expect((await verify(entries, { seq: last.seq, hash: last.hash })).ok).toBe(true)
    }), { numRuns: 40 })
  })

  it("detects any single changed field of any entry", async () => {
    await fc.assert(fc.asyncProperty(drafts, fc.nat(), fc.constantFrom(...fields), async (ds, pick, field) => {
      const entries = await chain(ds)
      const i = pick % entries.length
      const tampered = entries.map((e, j) => (j === i ? alter(e, field) : e))
      const report = await verify(tampered)
      expect(report.ok).toBe(false)
      expect(report.problems.some((p) => p.kind === "changed" || p.kind === "reordered" || p.kind === "removed")).toBe(true)
    }), { numRuns: 80 })
  })

  it("detects a removed entry (the last one against the recorded head)", async () => {
    await fc.assert(fc.asyncProperty(drafts, fc.nat(), async (ds, pick) => {
      const entries = await chain(ds)
      const i = pick % entries.length
      const last = entries[entries.length - 1]!
      const removed = entries.filter((_, j) => j !== i)
      const report = await verify(removed, { seq: last.seq, hash: last.hash })
      expect(report.ok).toBe(false)
      if (i < entries.length - 1) expect((await verify(removed)).problems.map((p) => p.kind)).toContain("removed")
    }), { numRuns: 60 })
  })

  it("detects a swapped pair of entries", async () => {
    await fc.assert(fc.asyncProperty(drafts, fc.nat(), async (ds, pick) => {
      const entries = await chain(ds)
      const i = pick % (entries.length - 1)
      const swapped = [...entries]
      swapped[i] = entries[i + 1]!
      swapped[i + 1] = entries[i]!
      const report = await verify(swapped)
      expect(report.ok).toBe(false)
      expect(report.problems.map((p) => p.kind)).toContain("reordered")
    }), { numRuns: 60 })
  })

  it("detects a truncated tail given the recorded head, and cannot without it", async () => {
    await fc.assert(fc.asyncProperty(drafts, fc.integer({ min: 1, max: 7 }), async (ds, k) => {
      const entries = await chain(ds)
      const drop = Math.min(k, entries.length)
      const head = entries[entries.length - 1]!
      const truncated = entries.slice(0, entries.length - drop)
      const report = await verify(truncated, { seq: head.seq, hash: head.hash })
      expect(report.ok).toBe(false)
      expect(report.problems.map((p) => p.kind)).toContain("truncated")
      // without a head kept elsewhere a shorter chain is a valid chain: that is why heads are published
      expect((await verify(truncated)).ok).toBe(true)
    }), { numRuns: 40 })
  })
})

describe("canonical encoding", () => {
  const decode = Schema.decodeUnknownSync(AuditEntrySchema)
  const encode = Schema.encodeSync(AuditEntrySchema)

  it("is stable: an entry's canonical encoding is the same after a decode/encode round trip", async () => {
    await fc.assert(fc.asyncProperty(drafts, async (ds) => {
      for (const e of await chain(ds)) {
        const once = Json.canonicalize(encode(e))
        const wire = JSON.parse(JSON.stringify(encode(e))) as unknown
        const twice = Json.canonicalize(encode(decode(wire)))
        expect(twice).toEqual(once)
        expect(await Effect.runPromise(hashOf(decode(wire)))).toBe(e.hash)
      }
    }), { numRuns: 40 })
  })

  it("sorts keys, drops whitespace and writes numbers as ECMAScript does (RFC 8785)", () => {
    // RFC 8785 §3.2.3 ordering example keys and number serialisation
    // keys sort by UTF-16 code units: "\r" (U+000D) < "1" < "€" (U+20AC)
    const sorted = Json.canonicalize({ b: 2, a: { "€": 1, "\r": 2, "1": 3 }, "": 0 })
    expect(sorted._tag === "Success" && sorted.success).toBe("{\"\":0,\"a\":{\"\\r\":2,\"1\":3,\"€\":1},\"b\":2}")
    const r = Json.canonicalize({ n: [1e21, 1e-7, 0.1, -0, 100] })
    expect(r._tag === "Success" && r.success).toBe("{\"n\":[1e+21,1e-7,0.1,0,100]}")
    const bad = Json.canonicalize({ when: new Date(0) })
    expect(bad._tag === "Failure" && bad.failure.path).toEqual(["when"])
    const nan = Json.canonicalize({ list: [1, Number.NaN] })
    expect(nan._tag === "Failure" && nan.failure.path).toEqual(["list", 1])
  })
})
