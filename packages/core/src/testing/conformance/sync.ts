/**
 * Conformance cases of a backend that keeps the rows of its bulk inserts (`Storage.BulkRowKeeper`,
 * the server end of device sync): run by {@link suite} with `keepsBulkRows: true`.
 *
 * @since 0.1.0
 */
import { Effect, Option, Result, Schema } from "effect"
import { assert } from "vitest"
import * as Json from "../../kernel/Json.ts"
import { Student as StudentSchema } from "../../kernel/People.ts"
import { AuditLog } from "../../ports/AuditLog.ts"
import { StudentRepository } from "../../ports/people.ts"
import { keepsBulkRows, Storage } from "../../ports/Storage.ts"
import type { Group } from "../conformance.ts"
import { setUp } from "./kernel.ts"

const encodeStudent = Schema.encodeSync(StudentSchema)

/** the backend under test, which must keep bulk rows */
const keeper = Effect.gen(function*() {
  const backend = yield* Storage
  if (!keepsBulkRows(backend)) return assert.fail("the backend does not keep bulk rows (no bulkRows and pruneBulk)")
  return backend
})

/** the bulk inserts the school's audit entries record, in order */
const bulkChanges = (schoolId: string) =>
  Effect.map(AuditLog.use((log) => log.entries(schoolId)), (entries) => entries.flatMap((e) => e.changes.filter((c) => c.op === "bulkInsert")))

const canonical = (value: unknown): string => Result.getOrThrow(Json.canonicalize(value))

/**
 * @since 0.1.0
 * @category cases
 */
export const syncCases: Group = {
  name: "sync",
  cases: [
    {
      name: "kept bulk rows: each bulk insert an audit entry records is kept under its hash, exactly the rows stored (batches of 25, 1 and 7)",
      run: Effect.gen(function*() {
        const schoolId = "conf-kept"
        const backend = yield* keeper
        yield* setUp(schoolId, 11, 33, [25, 1, 7])
        const changes = yield* bulkChanges(schoolId)
        assert.deepStrictEqual(changes.map((c) => c.count), [25, 1, 7], "one bulk insert per enrolment, with its count")
        const repo = yield* StudentRepository
        const seen = new Set<string>()
        for (const change of changes) {
          const kept = yield* backend.bulkRows(schoolId, change.hash!)
          assert.isTrue(Option.isSome(kept), `the rows of bulk insert ${change.hash}`)
          const { aggregate, hash, rows, schoolId: school } = Option.getOrThrow(kept)
          assert.strictEqual(school, schoolId)
          assert.strictEqual(aggregate, change.aggregate)
          assert.strictEqual(hash, change.hash)
          assert.strictEqual(rows.length, change.count)
          assert.strictEqual(yield* Json.hashCanonical(rows), change.hash, "the kept rows hash to the entry's hash")
          // each kept row is the stored record's encoding, as first written
          for (const row of rows) {
            const id = (row as { readonly id: string }).id
            seen.add(id)
            const stored = yield* repo.get(schoolId, id)
            assert.strictEqual(canonical(row), canonical(encodeStudent(stored)), `kept row ${id}`)
          }
        }
        assert.strictEqual(seen.size, 33, "every enrolled student is in exactly one kept insert")
        assert.isTrue(Option.isNone(yield* backend.bulkRows(schoolId, "0".repeat(64))), "no rows under a hash never written")
        assert.isTrue(Option.isNone(yield* backend.bulkRows("conf-kept-other", changes[0]!.hash!)), "no rows of another school")
      })
    },
    {
      name: "pruning forgets the kept rows of the hashes named, and only those, once; the records stay",
      run: Effect.gen(function*() {
        const schoolId = "conf-prune"
        const backend = yield* keeper
        yield* setUp(schoolId, 12, 13, [9, 4])
        const [first, second] = yield* bulkChanges(schoolId)
        assert.strictEqual(yield* backend.pruneBulk(schoolId, [first!.hash!, "f".repeat(64)]), 1)
        assert.isTrue(Option.isNone(yield* backend.bulkRows(schoolId, first!.hash!)), "the pruned insert")
        assert.isTrue(Option.isSome(yield* backend.bulkRows(schoolId, second!.hash!)), "the other insert is kept")
        assert.strictEqual(yield* backend.pruneBulk(schoolId, [first!.hash!]), 0, "pruned once")
        assert.strictEqual(yield* StudentRepository.use((r) => r.count(schoolId)), 13, "the records stay in their table")
        assert.strictEqual(yield* backend.pruneBulk(schoolId, []), 0)
      })
    }
  ]
}
