/**
 * Queries return exactly what the memory reference (`applyQuery`) returns, in the same order:
 * over every field kind with nulls, strings compared by Unicode code point, equal values ordered by
 * id, lists, half-open ranges, descending order, paging, names that are not projected fields and
 * values of the wrong kind — committed, and inside a transaction whose own writes are staged.
 */
import type { Ports } from "@houqin/core"
import { Memory } from "@houqin/core/ports"
import { Effect } from "effect"
import * as fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Thing } from "./fixtures.ts"
import { row, ThingSpec, versionsWith } from "./fixtures.ts"
import { openBackend, options } from "./env.ts"

// small pools, so that equal values, ties on the order field and boundaries are common
const labels = ["", "a", "B", "b", "ab", "é", "中", "😀", "\uffff", "a b"] as const
const days = ["2026-01-01", "2026-02-28", "2026-03-01", "2027-12-31"] as const
const numbers = [-1.5, -0, 0, 0.25, 1, 2, 1e9] as const
const ints = [-3, 0, 1, 2, 7] as const
const instants = [0, 1_700_000_000_000, 1_800_000_000_000] as const
const ids = ["id-a", "id-B", "id-b", "id-😀", "id-中", "id-1", "id-10", "id-2", "id-\u00e9", "id-z", "id-Z", "id-0"] as const

const thing = (schoolId: string): fc.Arbitrary<Omit<Thing, "id">> =>
  fc.record({
    schoolId: fc.constant(schoolId),
    version: fc.constant(1),
    label: fc.option(fc.constantFrom(...labels), { nil: null }),
    n: fc.option(fc.constantFrom(...numbers), { nil: null }),
    i: fc.constantFrom(...ints),
    flag: fc.option(fc.boolean(), { nil: null }),
    day: fc.option(fc.constantFrom(...days), { nil: null }),
    at: fc.option(fc.constantFrom(...instants), { nil: null }),
    note: fc.constantFrom("x", "y", "z")
  })

const things = (schoolId: string) =>
  fc.uniqueArray(fc.constantFrom(...ids), { minLength: 0, maxLength: ids.length }).chain((chosen) =>
    fc.tuple(...chosen.map(() => thing(schoolId))).map((rows) => rows.map((r, k) => ({ ...r, id: chosen[k]! })))
  )

type Field = "label" | "n" | "i" | "flag" | "day" | "at"
const poolOf: Record<Field, ReadonlyArray<Ports.Storage.FieldValue>> = {
  label: [...labels, null],
  n: [...numbers, null],
  i: ints,
  flag: [true, false, null],
  day: [...days, null],
  at: [...instants, null]
}
const fields = Object.keys(poolOf) as ReadonlyArray<Field>
const value = (f: Field) => fc.constantFrom(...poolOf[f])
// a value of the wrong kind, or a name that is not projected: the reference decides on the decoded rows
const odd: fc.Arbitrary<[string, Ports.Storage.FieldValue]> = fc.constantFrom(["i", "1"], ["label", 3], ["note", "x"], ["version", 1], ["flag", "true"])

const query: fc.Arbitrary<Ports.Storage.Query> = fc.record(
  {
    where: fc.oneof(
      fc.uniqueArray(fc.constantFrom(...fields), { maxLength: 2 }).chain((fs) =>
        fc.tuple(...fs.map((f) => fc.oneof(value(f), fc.array(value(f), { maxLength: 3 })))).map((vs) =>
          Object.fromEntries(fs.map((f, k) => [f, vs[k]!]))
        )
      ),
      odd.map(([f, v]) => ({ [f]: v }))
    ),
    range: fc.constantFrom(...fields).chain((f) =>
      fc.record({ field: fc.constant(f as string), from: value(f), to: value(f) }, { requiredKeys: ["field"] })
    ),
    orderBy: fc.constantFrom<string>(...fields, "id", "note", "version"),
    direction: fc.constantFrom("asc" as const, "desc" as const),
    limit: fc.integer({ min: 0, max: 8 }),
    offset: fc.integer({ min: 0, max: 5 })
  },
  { requiredKeys: [] }
)

const ofIds = (rows: ReadonlyArray<{ readonly id: string }>) => rows.map((r) => r.id)
const unpaged = (q: Ports.Storage.Query): Ports.Storage.Query => {
  const { limit: _l, offset: _o, ...rest } = q
  return rest
}

let db: Awaited<ReturnType<typeof openBackend>>
beforeAll(async () => {
  db = await openBackend(options("queries", { versions: versionsWith(ThingSpec) }))
})
afterAll(() => db.close())

let school = 0

describe("queries match the memory reference", () => {
  it("returns the reference's rows in the reference's order, and its count (property)", async () => {
    const repo = db.backend.repository(ThingSpec)
    await fc.assert(
      fc.asyncProperty(things(""), fc.array(query, { minLength: 1, maxLength: 6 }), async (generated, queries) => {
        // a school of its own for every run, shrinking runs included
        const schoolId = `q-${++school}`
        const rows = generated.map((r) => ({ ...r, schoolId }))
        await Effect.runPromise(repo.insert(rows.map(row)))
        for (const q of queries) {
          const expected = ofIds(Memory.applyQuery(ThingSpec, rows, q))
          expect(ofIds(await Effect.runPromise(repo.list(schoolId, q))), JSON.stringify(q)).toEqual(expected)
          expect(await Effect.runPromise(repo.count(schoolId, q)), `count ${JSON.stringify(q)}`).toBe(Memory.applyQuery(ThingSpec, rows, unpaged(q)).length)
        }
      }),
      { numRuns: 120, seed: 1124 }
    )
  })

  it("sees a transaction's own writes first: staged inserts, updates and removes (property)", async () => {
    const repo = db.backend.repository(ThingSpec)
    await fc.assert(
      fc.asyncProperty(
        things(""),
        fc.array(fc.tuple(fc.constantFrom("update" as const, "remove" as const, "insert" as const), fc.nat(), thing("")), { maxLength: 6 }),
        fc.array(query, { minLength: 1, maxLength: 4 }),
        async (generated, edits, queries) => {
          const schoolId = `t-${++school}`
          const rows = generated.map((r) => ({ ...r, schoolId }))
          await Effect.runPromise(repo.insert(rows.map(row)))
          const view = new Map<string, Thing>(rows.map((r) => [r.id, r]))
          const program = Effect.gen(function*() {
            for (const [op, k, t] of edits) {
              const present = [...view.values()]
              const target = present[k % Math.max(1, present.length)]
              if (op === "insert" || target === undefined) {
                const id = ids.find((i) => !view.has(i))
                if (id === undefined) continue
                const fresh: Thing = { ...t, schoolId, id, version: 1 }
                yield* repo.insert([row(fresh)])
                view.set(id, fresh)
              } else if (op === "update") {
                const next: Thing = { ...t, schoolId, id: target.id, version: target.version + 1 }
                yield* repo.update(row(next), target.version)
                view.set(target.id, next)
              } else {
                yield* repo.remove(schoolId, target.id, target.version)
                view.delete(target.id)
              }
            }
            for (const q of queries) {
              const now = [...view.values()]
              expect(ofIds(yield* repo.list(schoolId, q)), JSON.stringify(q)).toEqual(ofIds(Memory.applyQuery(ThingSpec, now, q)))
              expect(yield* repo.count(schoolId, q), `count ${JSON.stringify(q)}`).toBe(Memory.applyQuery(ThingSpec, now, unpaged(q)).length)
            }
          })
          await Effect.runPromise(db.backend.transaction(program))
          // and once committed, the database holds the same view
          const committed = ofIds(await Effect.runPromise(repo.list(schoolId)))
          expect(committed).toEqual(ofIds(Memory.applyQuery(ThingSpec, [...view.values()], {})))
        }
      ),
      { numRuns: 60, seed: 2611 }
    )
  })

  it("pages deep into a range (offsets passed over by keys alone) exactly as the reference", async () => {
    const repo = db.backend.repository(ThingSpec)
    const schoolId = `deep-${++school}`
    // 1,000 rows: i cycles through 0…6, label through the pool, ids in a fixed order
    const rows: Array<Thing> = Array.from({ length: 1000 }, (_, k) => ({
      schoolId,
      id: `id-${String((k * 7919) % 1000).padStart(4, "0")}`,
      version: 1,
      label: labels[k % labels.length]!,
      n: null,
      i: k % 7,
      flag: null,
      day: null,
      at: null,
      note: ""
    }))
    await Effect.runPromise(repo.insert(rows.map(row)))
    for (const orderBy of [undefined, "i", "label"]) {
      for (const offset of [0, 255, 256, 300, 999, 1000, 1500]) {
        for (const limit of [undefined, 1, 50]) {
          const q: Ports.Storage.Query = {
            ...(orderBy === undefined ? {} : { orderBy }),
            offset,
            ...(limit === undefined ? {} : { limit })
          }
          expect(ofIds(await Effect.runPromise(repo.list(schoolId, q))), JSON.stringify(q)).toEqual(ofIds(Memory.applyQuery(ThingSpec, rows, q)))
        }
      }
    }
    const ranged: Ports.Storage.Query = { range: { field: "i", from: 2, to: 5 }, offset: 300, limit: 20 }
    expect(ofIds(await Effect.runPromise(repo.list(schoolId, ranged)))).toEqual(ofIds(Memory.applyQuery(ThingSpec, rows, ranged)))
  })
})
