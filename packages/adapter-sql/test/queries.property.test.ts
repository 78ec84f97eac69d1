/**
 * Queries return exactly what the memory backend's reference (`applyQuery`) returns — same rows,
 * same order (by the range or order field, NULL first ascending, then id), same counts — for
 * equality, lists with and without NULL, half-open ranges, both directions and paging, over
 * fields of every kind: text by code point, decimals by value (in any spelling, with bounds of more
 * than 8 places).
 */
import { Ports } from "@houqin/core"
import { Effect } from "effect"
import * as fc from "fast-check"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import type { Handle } from "../src/SqlStorage.ts"
import { engines, open } from "./engines.ts"
import type { Note } from "./note.ts"
import { dayValues, encodeNote, instantValues, notes, NoteSpec, tagValues, weightValues, withNotes } from "./note.ts"

type Query = Ports.Storage.Query

const query = (rows: ReadonlyArray<Note>): fc.Arbitrary<Query> => {
  const amounts = rows.map((r) => r.amountFen)
  const ratios = rows.map((r) => r.ratio)
  const pick = <A>(values: ReadonlyArray<A>, fallback: A) => (values.length === 0 ? fc.constant(fallback) : fc.constantFrom(...values))
  // stored weights in other spellings (trailing zeros, an exponent) and bounds with 9 places
  const weights = rows.flatMap((r) => (r.weight === null ? [] : [r.weight, `${r.weight}${r.weight.includes(".") ? "0" : ".000"}`, `${r.weight}e0`, `${r.weight}${r.weight.includes(".") ? "" : "."}000000001`]))
  const weight = fc.option(pick([...weights, ...weightValues], "0"), { nil: null })
  const tag = fc.option(fc.constantFrom(...tagValues), { nil: null })
  const day = fc.option(fc.constantFrom(...dayValues), { nil: null })
  const ranges = fc.oneof(
    fc.record({ field: fc.constant("at"), from: fc.option(fc.constantFrom(...instantValues), { nil: undefined }), to: fc.option(fc.constantFrom(...instantValues), { nil: undefined }) }),
    fc.record({ field: fc.constant("amountFen"), from: fc.option(pick(amounts, 0), { nil: undefined }), to: fc.option(pick(amounts, 0), { nil: undefined }) }),
    fc.record({ field: fc.constant("ratio"), from: fc.option(pick(ratios, 0), { nil: undefined }), to: fc.option(pick(ratios, 0), { nil: undefined }) }),
    fc.record({ field: fc.constant("day"), from: fc.option(day, { nil: undefined }), to: fc.option(day, { nil: undefined }) }),
    fc.record({ field: fc.constant("tag"), from: fc.option(tag, { nil: undefined }), to: fc.option(tag, { nil: undefined }) }),
    fc.record({ field: fc.constant("weight"), from: fc.option(weight, { nil: undefined }), to: fc.option(weight, { nil: undefined }) })
  )
  return fc.record(
    {
      where: fc.record(
        {
          tag: fc.oneof(tag, fc.array(tag, { maxLength: 3 })),
          flag: fc.boolean(),
          day: fc.oneof(day, fc.array(day, { maxLength: 3 })),
          amountFen: pick(amounts, 0),
          weight: fc.oneof(weight, fc.array(weight, { maxLength: 3 }))
        },
        { requiredKeys: [] }
      ),
      range: ranges,
      orderBy: fc.constantFrom("tag", "at", "amountFen", "ratio", "flag", "day", "weight"),
      direction: fc.constantFrom("asc" as const, "desc" as const),
      limit: fc.integer({ min: 0, max: 12 }),
      offset: fc.integer({ min: 0, max: 8 })
    },
    { requiredKeys: [] }
  ).map((q) => JSON.parse(JSON.stringify(q)) as Query)
}

for (const engine of engines) {
  describe.skipIf(!engine.available)(`queries on ${engine.name}`, () => {
    let handle: Handle & { close: () => Promise<void> }
    beforeAll(async () => {
      handle = await open(engine, { migrations: withNotes })
    })
    afterAll(() => handle?.close())

    it("matches the reference: same rows in the same order, and the same count", async () => {
      const repo = handle.backend.repository(NoteSpec)
      let run = 0
      await fc.assert(
        fc.asyncProperty(
          notes("q", { minLength: 0, maxLength: 30 }).chain((rows) => fc.tuple(fc.constant(rows), fc.array(query(rows), { minLength: 1, maxLength: 6 }))),
          async ([generated, queries]) => {
            const schoolId = `school-q-${run++}`
            const rows = generated.map((n) => ({ ...n, schoolId }))
            if (rows.length > 0) await Effect.runPromise(repo.insert(rows.map((n) => ({ value: n, encoded: encodeNote(n) }))))
            for (const q of queries) {
              const expected = Ports.Memory.applyQuery(NoteSpec, rows, q).map((n) => n.id)
              const actual = (await Effect.runPromise(repo.list(schoolId, q))).map((n) => n.id)
              assert.deepStrictEqual(actual, expected, JSON.stringify(q))
              const { limit: _l, offset: _o, ...unpaged } = q
              assert.strictEqual(await Effect.runPromise(repo.count(schoolId, q)), Ports.Memory.applyQuery(NoteSpec, rows, unpaged).length, `count ${JSON.stringify(q)}`)
            }
          }
        ),
        { numRuns: 40 }
      )
    }, 120_000)

    it("law: a query of a shape already asked binds its own values (the statement is kept by shape, the values are not)", async () => {
      // every query of a run has one of two shapes, values drawn afresh each time: each one after
      // the first of its shape reuses the statement, with the equality's, the bounds', the limit's
      // and the offset's values in their places (a value bound in the wrong place gives other rows)
      const repo = handle.backend.repository(NoteSpec)
      const tag = fc.constantFrom(...tagValues)
      const shapeA = fc.record({
        where: fc.record({ tag, flag: fc.boolean() }),
        range: fc.record({ field: fc.constant("at"), from: fc.constantFrom(...instantValues), to: fc.constantFrom(...instantValues) }),
        orderBy: fc.constant("amountFen"),
        limit: fc.integer({ min: 0, max: 12 }),
        offset: fc.integer({ min: 0, max: 8 })
      })
      const shapeB = fc.record({
        where: fc.record({ tag: fc.tuple(tag, tag, fc.constant(null)), day: fc.constantFrom(...dayValues) }),
        range: fc.record({ field: fc.constant("amountFen"), to: fc.integer({ min: -1000, max: 100_000 }) }),
        direction: fc.constant("desc" as const),
        offset: fc.integer({ min: 0, max: 8 })
      })
      let run = 0
      await fc.assert(
        fc.asyncProperty(notes("s", { minLength: 5, maxLength: 30 }), fc.array(fc.oneof(shapeA, shapeB), { minLength: 8, maxLength: 16 }), async (generated, queries) => {
          const schoolId = `school-s-${run++}`
          const rows = generated.map((n) => ({ ...n, schoolId }))
          await Effect.runPromise(repo.insert(rows.map((n) => ({ value: n, encoded: encodeNote(n) }))))
          for (const q of queries.map((x) => JSON.parse(JSON.stringify(x)) as Query)) {
            const expected = Ports.Memory.applyQuery(NoteSpec, rows, q).map((n) => n.id)
            assert.deepStrictEqual((await Effect.runPromise(repo.list(schoolId, q))).map((n) => n.id), expected, JSON.stringify(q))
            const { limit: _l, offset: _o, ...unpaged } = q
            assert.strictEqual(await Effect.runPromise(repo.count(schoolId, q)), Ports.Memory.applyQuery(NoteSpec, rows, unpaged).length, `count ${JSON.stringify(q)}`)
          }
        }),
        { numRuns: 25 }
      )
    }, 120_000)

    it("names the field when a query asks for one that is not projected", async () => {
      const error = await Effect.runPromise(Effect.flip(handle.backend.repository(NoteSpec).list("school-x", { where: { nope: 1 } })))
      assert.strictEqual(error._tag, "StorageError")
      assert.match(error.en, /nope is not a projected field of test\.note/)
    })
  })
}
