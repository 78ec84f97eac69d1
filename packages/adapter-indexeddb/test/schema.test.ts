/**
 * The schema as versioned data: every aggregate the core registers has its store, released
 * versions only add, and a database upgraded to a version that indexes a new field answers queries
 * on it for the rows written before.
 */
import { Ports } from "@houqin/core"
import { Memory } from "@houqin/core/ports"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as IndexedDb from "../src/index.ts"
import { registered } from "../src/Specs.ts"
import { failure, injected, openBackend, fresh } from "./env.ts"
import type { Thing } from "./fixtures.ts"
import { row, Thing as ThingSchema, ThingSpec, versionsWith } from "./fixtures.ts"

const { Schema } = IndexedDb

describe("schema: versions as data", () => {
  it("stores every aggregate the core registers, as its spec derives it (else: run `pnpm --filter @houqin/adapter-indexeddb schema`)", async () => {
    const specs = await Effect.runPromise(registered)
    expect(specs.length).toBeGreaterThan(0)
    const { stores, problems } = Schema.missing(specs)
    expect(problems).toEqual([])
    expect(stores, "stores the released versions lack").toEqual({})
    const latest = Schema.storesAt()
    for (const spec of specs) expect(latest[Schema.tableName(spec.name)], spec.name).toBe(Schema.storeOf(spec))
  })

  it("released versions ascend, each adds or changes stores, and the system stores are there", () => {
    const numbers = Schema.versions.map((v) => v.version)
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b))
    expect(new Set(numbers).size).toBe(numbers.length)
    for (const v of Schema.versions) expect(Object.keys(v.stores).length, `version ${v.version}`).toBeGreaterThan(0)
    const latest = Schema.storesAt()
    for (const [table, def] of Object.entries(Schema.systemStores)) expect(latest[table]).toBe(def)
  })

  it("derives a store from a spec: the key [schoolId+id], one [schoolId+$field+id] index per field, sorted, then one per set of fields queried together", () => {
    expect(Schema.storeOf(ThingSpec)).toBe(
      "[schoolId+id],[schoolId+$at+id],[schoolId+$day+id],[schoolId+$flag+id],[schoolId+$i+id],[schoolId+$label+id],[schoolId+$n+id],[schoolId+$label+$at+id],[schoolId+$flag+$i+$day+id]"
    )
    expect(Schema.indexedCompounds(Schema.storeOf(ThingSpec))).toEqual([["label", "at"], ["flag", "i", "day"]])
    expect([...Schema.indexedFields(Schema.storeOf(ThingSpec))]).toEqual(["at", "day", "flag", "i", "label", "n"])
    // a set of one field, a field twice or one not projected makes no index of several fields
    expect(Schema.compoundsOf({ name: "x.y", fields: { a: { kind: "text" }, b: { kind: "int" } }, indexes: [["a"], ["a", "a"], ["a", "zz"], ["b", "a"]] })).toEqual([["b", "a"]])
    expect(Schema.tableName("retention.sample")).toBe("retention_sample")
    expect(Schema.nextVersion([ThingSpec], "test")).toMatchObject({ version: Schema.versions.length + 1, stores: { test_thing: Schema.storeOf(ThingSpec) } })
    expect(Schema.missing([{ name: "a.b", fields: {} }, { name: "a_b", fields: { "not-an-identifier": { kind: "text" } } }]).problems).toEqual([
      "a_b and a.b both map to the table a_b"
    ])
  })

  it("upgrades a database: a version that indexes new fields re-projects the rows written before, and keeps them", async () => {
    // version 1000 of this test stores the aggregate with two fields; version 1001 indexes all six
    const OldSpec = Ports.Storage.aggregate({ name: ThingSpec.name, schema: ThingSchema, fields: { label: ThingSpec.fields.label!, i: ThingSpec.fields.i! } })
    const name = fresh("upgrade")
    const v1000 = versionsWith(OldSpec)
    const rows: Array<Thing> = Array.from({ length: 40 }, (_, k) => ({
      schoolId: "s",
      id: `t-${String(k).padStart(2, "0")}`,
      version: 1,
      label: k % 3 === 0 ? null : `L${k % 4}`,
      n: k % 5 === 0 ? null : k / 4,
      i: k % 7,
      flag: k % 2 === 0,
      day: k % 6 === 0 ? null : `2026-0${1 + (k % 9)}-15`,
      at: 1_700_000_000_000 + k * 1000,
      note: "n"
    }))
    const before = await openBackend({ ...injected, name, versions: v1000 })
    await Effect.runPromise(before.backend.repository(OldSpec).insert(rows.map(row)))
    expect(before.backend.schemaVersion).toBe(1000)
    await before.close()

    const v1001 = [...v1000, { version: 1001, note: "index every field", stores: { test_thing: Schema.storeOf(ThingSpec) } }]
    const after = await openBackend({ ...injected, name, versions: v1001 })
    try {
      expect(after.backend.schemaVersion).toBe(1001)
      const repo = after.backend.repository(ThingSpec)
      const queries: ReadonlyArray<Ports.Storage.Query> = [
        {},
        { where: { day: "2026-03-15" } },
        { where: { flag: true }, orderBy: "at", direction: "desc", limit: 5 },
        { range: { field: "n", from: 2, to: 6 } },
        { range: { field: "day", from: "2026-02-01" }, limit: 7, offset: 2 }
      ]
      for (const q of queries) {
        expect((await Effect.runPromise(repo.list("s", q))).map((t) => t.id), JSON.stringify(q)).toEqual(Memory.applyQuery(ThingSpec, rows, q).map((t) => t.id))
      }
    } finally {
      await after.close()
    }
  })

  it("refuses an aggregate with no store with a StorageError that names the fix", async () => {
    const db = await openBackend({ ...injected, name: fresh("no-store") })
    try {
      const error = await failure(db.backend.repository(ThingSpec).list("s"))
      expect(error._tag).toBe("StorageError")
      expect(error.en).toContain("no object store for test.thing")
      expect(error.en).toContain("pnpm --filter @houqin/adapter-indexeddb schema")
    } finally {
      await db.close()
    }
  })

  it("refuses a projected value that has no index key (a number that is not finite) and writes nothing", async () => {
    const db = await openBackend({ ...injected, name: fresh("nan"), versions: versionsWith(ThingSpec) })
    try {
      const repo = db.backend.repository(ThingSpec)
      const good: Thing = { schoolId: "s", id: "a", version: 1, label: "x", n: 1, i: 1, flag: null, day: null, at: null, note: "" }
      const error = await failure(repo.insert([row(good), { value: { ...good, id: "b", n: Number.NaN }, encoded: {} }]))
      expect(error).toMatchObject({ _tag: "StorageError", path: ["n"] })
      expect(await Effect.runPromise(repo.count("s"))).toBe(0)
    } finally {
      await db.close()
    }
  })

  it("deletes a database", async () => {
    const name = fresh("delete")
    const db = await openBackend({ ...injected, name, versions: versionsWith(ThingSpec) })
    await Effect.runPromise(db.backend.repository(ThingSpec).insert([row({ schoolId: "s", id: "a", version: 1, label: null, n: null, i: 0, flag: null, day: null, at: null, note: "" })]))
    await db.close()
    await Effect.runPromise(IndexedDb.deleteDatabase({ ...injected, name }))
    const again = await openBackend({ ...injected, name, versions: versionsWith(ThingSpec) })
    try {
      expect(await Effect.runPromise(again.backend.repository(ThingSpec).count("s"))).toBe(0)
    } finally {
      await again.close()
    }
  })
})
