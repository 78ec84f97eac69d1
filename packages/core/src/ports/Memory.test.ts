import { Effect, Layer, Option, Schema } from "effect"
import * as fc from "fast-check"
import { assert, describe, expect, it } from "vitest"
import * as Id from "../kernel/Id.ts"
import * as Json from "../kernel/Json.ts"
import * as Layers from "../layers.ts"
import * as Arbitraries from "../testing/arbitraries.ts"
import { suite } from "../testing/conformance.ts"
import * as Command from "./Command.ts"
import { applyQuery, compareCodePoints, layerMemory, layerMemoryWith, makeBackend } from "./Memory.ts"
import * as People from "./people.ts"
import type { StorageBackend } from "./Storage.ts"
import * as Storage from "./Storage.ts"
import { aggregate } from "./Storage.ts"

suite("memory", layerMemory)
suite("memory, keeping bulk rows", layerMemoryWith({ keepBulkRows: true }), { keepsBulkRows: true })

describe("memory backend: the port's integrity and ordering rules", () => {
  const Item = Schema.Struct({
    schoolId: Schema.String,
    id: Schema.String,
    version: Schema.Number,
    tag: Schema.NullOr(Schema.String),
    parentId: Schema.NullOr(Schema.String),
    weight: Schema.String,
    label: Schema.String
  })
  type Item = typeof Item.Type
  const spec = aggregate({
    name: "test.item",
    schema: Item,
    fields: {
      tag: { kind: "text", get: (i: Item) => i.tag },
      parentId: { kind: "text", get: (i: Item) => i.parentId, references: "test.item" },
      weight: { kind: "decimal", get: (i: Item) => i.weight },
      label: { kind: "text", get: (i: Item) => i.label }
    },
    unique: [["tag"]]
  })
  const item = (id: string, over: Partial<Item> = {}): Item => ({ schoolId: "s", id, version: 1, tag: null, parentId: null, weight: "0", label: "", ...over })
  const row = (value: Item) => ({ value, encoded: value })
  const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(Effect.result(e))

  it("refuses a repeated unique value, in one batch or against a stored row, and allows nulls", async () => {
    const repo = makeBackend().repository(spec)
    expect((await run(repo.insert([row(item("a", { tag: "T-1" })), row(item("b")), row(item("c"))]))) ._tag).toBe("Success")
    const again = await run(repo.insert([row(item("d", { tag: "T-1" }))]))
    expect(again._tag === "Failure" && again.failure).toMatchObject({ _tag: "DuplicateError", code: "storage.duplicate", existingId: "a", path: ["tag"] })
    const batch = await run(repo.insert([row(item("e", { tag: "T-2" })), row(item("f", { tag: "T-2" }))]))
    expect(batch._tag === "Failure" && batch.failure._tag).toBe("DuplicateError")
    // updating a row to its own tag is no duplicate; taking another's is
    expect((await run(repo.update(row(item("a", { tag: "T-1", version: 2 })), 1)))._tag).toBe("Success")
    const taken = await run(repo.update(row(item("b", { tag: "T-1", version: 2 })), 1))
    expect(taken._tag === "Failure" && taken.failure._tag).toBe("DuplicateError")
  })

  it("compares a unique decimal by value, as the SQL and IndexedDB backends do: 1.5 and 1.50 are one value", async () => {
    const bySize = aggregate({ ...spec, name: "test.sized", fields: { ...spec.fields, parentId: { kind: "text", get: (i: Item) => i.parentId } }, unique: [["weight"]] })
    const repo = makeBackend().repository(bySize)
    expect((await run(repo.insert([row(item("a", { weight: "1.5" }))])))._tag).toBe("Success")
    const same = await run(repo.insert([row(item("b", { weight: "1.50" }))]))
    expect(same._tag === "Failure" && same.failure).toMatchObject({ _tag: "DuplicateError", existingId: "a" })
    expect((await run(repo.insert([row(item("c", { weight: "1.05" }))])))._tag).toBe("Success")
  })

  it("refuses a missing reference on write, and the removal of a record still named", async () => {
    const repo = makeBackend().repository(spec)
    const orphan = await run(repo.insert([row(item("child", { parentId: "nobody" }))]))
    expect(orphan._tag === "Failure" && orphan.failure).toMatchObject({ _tag: "ReferenceError", code: "storage.missingReference", path: ["parentId"] })
    // a parent written in the same batch counts
    expect((await run(repo.insert([row(item("p")), row(item("c1", { parentId: "p" }))])))._tag).toBe("Success")
    const used = await run(repo.remove("s", "p", 1))
    expect(used._tag === "Failure" && used.failure).toMatchObject({ _tag: "ReferenceError", code: "storage.referenced" })
    expect((await run(repo.remove("s", "c1", 1)))._tag).toBe("Success")
    expect((await run(repo.remove("s", "p", 1)))._tag).toBe("Success")
  })

  it("orders decimals by value and text by code point, as SQL engines do", () => {
    const rows = [item("1", { weight: "10", label: "（全角）" }), item("2", { weight: "9.5", label: "😀" }), item("3", { weight: "-0.25", label: "z" })]
    expect(applyQuery(spec, rows, { orderBy: "weight" }).map((r) => r.id)).toEqual(["3", "2", "1"])
    expect(applyQuery(spec, rows, { range: { field: "weight", from: "9.50", to: "10" } }).map((r) => r.id)).toEqual(["2"])
    expect(applyQuery(spec, rows, { where: { weight: "10.000" } }).map((r) => r.id)).toEqual(["1"])
    // U+FF08 sorts before U+1F600 by code point, though its UTF-16 unit is larger than a surrogate's
    expect(applyQuery(spec, rows, { orderBy: "label" }).map((r) => r.id)).toEqual(["3", "1", "2"])
    expect(compareCodePoints("\uff08", "😀")).toBe(-1)
  })
})

describe("memory backend: kept bulk rows (keepBulkRows)", () => {
  const SCHOOL = "school-kept"
  const org = fc.sample(Arbitraries.organisation(SCHOOL), { seed: 3, numRuns: 1 })[0]!
  const kids = fc.sample(Arbitraries.students(SCHOOL, org.classes.map((c) => c.id), { minLength: 9, maxLength: 9 }), { seed: 3, numRuns: 1 })[0]!
  /** one command: a single insert, then bulk inserts of 1, 2 and 2 rows (told apart by their hashes) */
  const fourWays = Command.make({
    name: "test.fourWays",
    input: Schema.Struct(Command.contextFields),
    run: () =>
      Effect.gen(function*() {
        const repo = yield* People.StudentRepository
        yield* repo.insert(kids[0]!)
        yield* repo.insertMany([kids[1]!])
        yield* repo.insertMany([kids[2]!, kids[3]!])
        yield* repo.insertMany([kids[4]!, kids[5]!])
      })
  })
  const failing = Command.make({
    name: "test.failing",
    input: Schema.Struct(Command.contextFields),
    run: () =>
      Effect.gen(function*() {
        yield* (yield* People.StudentRepository).insertMany([kids[6]!, kids[7]!])
        return yield* Effect.fail("afterwards, the command fails")
      })
  })
  const run = (backend: StorageBackend) => <A, E>(effect: Effect.Effect<A, E, Layer.Success<typeof Layers.layerMemory>>) =>
    Effect.runPromise(effect.pipe(Effect.provide(Layer.mergeAll(Layers.layer(Layer.succeed(Storage.Storage, backend)), Id.layerSequential("m")))))

  it("keeps each bulk insert's rows by the hash its change records, nothing of a failed command, and forgets them when pruned", async () => {
    const backend = makeBackend({ keepBulkRows: true })
    assert(Storage.keepsBulkRows(backend))
    const go = run(backend)
    await go(fourWays({ schoolId: SCHOOL, actor: "staff-1" }))
    expect(await go(failing({ schoolId: SCHOOL, actor: "staff-1" })).then(() => "done", (e: unknown) => e)).toBe("afterwards, the command fails")
    const entries = await Effect.runPromise(backend.audit.entries(SCHOOL, "main"))
    expect(entries.map((e) => e.command)).toEqual(["test.fourWays"])
    const changes = entries[0]!.changes.filter((c) => c.op === "bulkInsert")
    expect(changes.map((c) => c.count)).toEqual([1, 2, 2])
    for (const c of changes) {
      const kept = Option.getOrUndefined(await Effect.runPromise(backend.bulkRows(SCHOOL, c.hash!)))
      expect(kept?.rows.length).toBe(c.count)
      expect(await Effect.runPromise(Json.hashCanonical(kept?.rows))).toBe(c.hash)
    }
    // the failed command's two rows were held, never kept: only the three bulk inserts above are
    expect(await Effect.runPromise(backend.pruneBulk(SCHOOL, [...changes.map((c) => c.hash!), "0".repeat(64)]))).toBe(3)
    expect(Option.isNone(await Effect.runPromise(backend.bulkRows(SCHOOL, changes[0]!.hash!)))).toBe(true)
  })

  it("keeps nothing, and offers no bulk rows, without the option", () => {
    expect(Storage.keepsBulkRows(makeBackend())).toBe(false)
  })
})
