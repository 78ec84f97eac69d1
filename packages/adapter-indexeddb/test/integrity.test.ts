/**
 * Unique sets and references beyond the conformance suite: a set of two fields, a batch large
 * enough to read the school's whole index at once, rows staged in the same transaction, a
 * reference to a record written in the same batch, and removal of a record still named.
 */
import { Ports } from "@houqin/core"
import { Effect, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { failure, openBackend, options } from "./env.ts"
import { versionsWith } from "./fixtures.ts"

const Seat = Schema.Struct({
  schoolId: Schema.String,
  id: Schema.String,
  version: Schema.Int,
  room: Schema.String,
  seat: Schema.Int,
  tag: Schema.NullOr(Schema.String),
  parentId: Schema.NullOr(Schema.String)
})
type Seat = typeof Seat.Type

// a tag is unique alone; (room, seat) is unique as a pair; a seat may name a parent seat
const SeatSpec = Ports.Storage.aggregate({
  name: "test.seat",
  schema: Seat,
  fields: {
    room: { kind: "text", get: (s: Seat) => s.room },
    seat: { kind: "int", get: (s: Seat) => s.seat },
    tag: { kind: "text", get: (s: Seat) => s.tag },
    parentId: { kind: "text", get: (s: Seat) => s.parentId, references: "test.seat" }
  },
  unique: [["tag"], ["room", "seat"]]
})

const encode = Schema.encodeSync(Seat)
const row = (s: Seat): Ports.Storage.Row<Seat> => ({ value: s, encoded: encode(s) })
const seat = (schoolId: string, id: string, room: string, n: number, tag: string | null = null, parentId: string | null = null): Seat =>
  ({ schoolId, id, version: 1, room, seat: n, tag, parentId })

let db: Awaited<ReturnType<typeof openBackend>>
let school = 0
beforeAll(async () => {
  db = await openBackend(options("integrity", { versions: versionsWith(SeatSpec) }))
})
afterAll(() => db.close())

describe("integrity: unique sets and references", () => {
  it("a pair is unique as a pair: the same room with another seat, or another room with the same seat, is allowed", async () => {
    const s = `pair-${++school}`
    const repo = db.backend.repository(SeatSpec)
    await Effect.runPromise(repo.insert([row(seat(s, "a", "101", 1)), row(seat(s, "b", "101", 2)), row(seat(s, "c", "102", 1))]))
    const e = await failure(repo.insert([row(seat(s, "d", "101", 2))]))
    expect(e).toMatchObject({ _tag: "DuplicateError", fields: ["room", "seat"], existingId: "b" })
    expect((await Effect.runPromise(repo.list(s))).map((x) => x.id)).toEqual(["a", "b", "c"])
  })

  it("a batch of 200 rows (the whole-index path) finds the one tag already stored, and writes nothing of the batch", async () => {
    const s = `batch-${++school}`
    const repo = db.backend.repository(SeatSpec)
    await Effect.runPromise(repo.insert([row(seat(s, "old", "A", 0, "T-0150"))]))
    const batch = Array.from({ length: 200 }, (_, k) => row(seat(s, `n-${k}`, "B", k, `T-${String(k).padStart(4, "0")}`)))
    const e = await failure(repo.insert(batch))
    expect(e).toMatchObject({ _tag: "DuplicateError", fields: ["tag"], existingId: "old" })
    expect(await Effect.runPromise(repo.count(s))).toBe(1)
    // without the collision the batch is written whole; null tags are not constrained
    const clean = batch.filter((r) => r.value.tag !== "T-0150")
    await Effect.runPromise(repo.insert([...clean, row(seat(s, "untagged-1", "C", 1)), row(seat(s, "untagged-2", "C", 2))]))
    expect(await Effect.runPromise(repo.count(s))).toBe(1 + 199 + 2)
    // and a repeat inside one batch is refused too
    const twice = await failure(repo.insert([row(seat(s, "x", "D", 1, "T-9")), row(seat(s, "y", "D", 2, "T-9"))]))
    expect(twice).toMatchObject({ _tag: "DuplicateError", existingId: "x" })
  })

  it("inside a transaction, staged rows count with their staged values: a tag freed by an update can be taken", async () => {
    const s = `staged-${++school}`
    const repo = db.backend.repository(SeatSpec)
    await Effect.runPromise(repo.insert([row(seat(s, "a", "R", 1, "T-1"))]))
    await Effect.runPromise(db.backend.transaction(Effect.gen(function*() {
      yield* repo.update(row({ ...seat(s, "a", "R", 1, "T-2"), version: 2 }), 1)
      yield* repo.insert([row(seat(s, "b", "R", 2, "T-1"))])
      // the staged "T-2" now blocks another row
      const e = yield* Effect.flip(repo.insert([row(seat(s, "c", "R", 3, "T-2"))]))
      expect(e).toMatchObject({ _tag: "DuplicateError", existingId: "a" })
    })))
    const byId = Object.fromEntries((await Effect.runPromise(repo.list(s))).map((x) => [x.id, x.tag]))
    expect(byId).toEqual({ a: "T-2", b: "T-1" })
  })

  it("a reference must name a record that exists, in the database, the transaction or the same batch; another school's does not count", async () => {
    const s = `refs-${++school}`
    const repo = db.backend.repository(SeatSpec)
    await Effect.runPromise(repo.insert([row(seat(s, "root", "R", 0))]))
    await Effect.runPromise(repo.insert([row(seat(s, "child", "R", 1, null, "root")), row(seat(s, "self-batch", "R", 2, null, "later")), row(seat(s, "later", "R", 3))]))
    const missing = await failure(repo.insert([row(seat(s, "orphan", "R", 4, null, "nowhere"))]))
    expect(missing).toMatchObject({ _tag: "ReferenceError", code: "storage.missingReference", targetId: "nowhere" })
    await Effect.runPromise(repo.insert([row(seat(`other-${s}`, "elsewhere", "R", 0))]))
    const cross = await failure(repo.insert([row(seat(s, "cross", "R", 5, null, "elsewhere"))]))
    expect(cross).toMatchObject({ _tag: "ReferenceError", code: "storage.missingReference" })
    expect(await Effect.runPromise(repo.count(s))).toBe(4)
  })

  it("a record still named cannot be removed; once the naming row is gone, or changed in the same transaction, it can", async () => {
    const s = `remove-${++school}`
    const repo = db.backend.repository(SeatSpec)
    await Effect.runPromise(repo.insert([row(seat(s, "p", "R", 0)), row(seat(s, "q", "R", 1, null, "p"))]))
    const used = await failure(repo.remove(s, "p", 1))
    // the error is about the record to remove (p), naming the record that still uses it (q)
    expect(used).toMatchObject({ _tag: "ReferenceError", code: "storage.referenced", id: "p", targetId: "q" })
    await Effect.runPromise(db.backend.transaction(Effect.gen(function*() {
      yield* repo.update(row({ ...seat(s, "q", "R", 1), version: 2 }), 1)
      yield* repo.remove(s, "p", 1)
    })))
    expect((await Effect.runPromise(repo.list(s))).map((x) => x.id)).toEqual(["q"])
  })
})
