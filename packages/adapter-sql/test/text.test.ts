/**
 * Text reaches SQL only as bound parameters (or COPY's escaped text) and comes back byte for
 * byte: SQL-injection strings, COPY's own delimiters and null marker, emoji, rare CJK and
 * combining marks, through the single-row path, the bulk path, the projected columns, the
 * documents and the queries.
 */
import { Effect, Option } from "effect"
import * as fc from "fast-check"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import type { Handle } from "../src/SqlStorage.ts"
import { engines, open } from "./engines.ts"
import type { Note } from "./note.ts"
import { encodeNote, nastyTexts, notes, NoteSpec, withNotes } from "./note.ts"

const bytes = (s: unknown) => Buffer.from(String(s), "utf8").toString("hex")

for (const engine of engines) {
  describe.skipIf(!engine.available)(`text on ${engine.name}`, () => {
    let handle: Handle & { close: () => Promise<void> }
    beforeAll(async () => {
      handle = await open(engine, { migrations: withNotes })
    })
    afterAll(() => handle?.close())

    const row = (n: Note) => ({ value: n, encoded: encodeNote(n) })

    it("stores injection strings, COPY delimiters, emoji and Chinese byte for byte, in documents and columns, one by one and in bulk", async () => {
      const repo = handle.backend.repository(NoteSpec)
      const base = { version: 1, tag: null, at: 0, amountFen: 0, ratio: 0, flag: false, day: null, weight: null }
      const one = nastyTexts.map((title, i): Note => ({ ...base, schoolId: "school-text", id: `one-${i}`, title, tag: title }))
      const bulk = nastyTexts.map((title, i): Note => ({ ...base, schoolId: "school-text", id: `bulk-${i}`, title, tag: title }))
      for (const n of one) await Effect.runPromise(repo.insert([row(n)]))
      await Effect.runPromise(repo.insert(bulk.map(row)))
      const stored = await handle.db.selectFrom("test_note").select(["id", "title", "tag"]).where("school_id", "=", "school-text").execute()
      for (const n of [...one, ...bulk]) {
        const got = await Effect.runPromise(repo.get("school-text", n.id))
        assert.strictEqual(bytes(Option.getOrThrow(got).title), bytes(n.title), `document of ${n.id}`)
        const column = stored.find((r) => r["id"] === n.id)!
        assert.strictEqual(bytes(column["title"]), bytes(n.title), `column of ${n.id}`)
        const found = await Effect.runPromise(repo.list("school-text", { where: { tag: n.title, title: n.title } }))
        assert.deepStrictEqual(found.map((x) => x.id).sort(), [`bulk-${n.id.split("-")[1]}`, `one-${n.id.split("-")[1]}`].sort(), `query by ${JSON.stringify(n.title)}`)
      }
      // the injection attempt did not run: the tables are all there
      assert.strictEqual(await Effect.runPromise(repo.count("school-text")), 2 * nastyTexts.length)
    })

    it("round trip: any Unicode text written is read back unchanged (property)", async () => {
      const repo = handle.backend.repository(NoteSpec)
      let run = 0
      await fc.assert(
        fc.asyncProperty(notes("p", { minLength: 1, maxLength: 12 }), async (generated) => {
          const schoolId = `school-rt-${run++}`
          const rows = generated.map((n) => ({ ...n, schoolId }))
          await Effect.runPromise(rows.length === 1 ? repo.insert(rows.map(row)) : repo.insert(rows.map(row)))
          const back = await Effect.runPromise(repo.list(schoolId))
          assert.deepStrictEqual(
            back.map((n) => [n.id, bytes(n.title), n.tag, n.at, n.amountFen, n.ratio, n.flag, n.day]),
            // JSON, the encoded form, has no −0: it is stored (and hashed) as 0 by every backend's encoding
            [...rows].sort((a, b) => (a.id < b.id ? -1 : 1)).map((n) => [n.id, bytes(n.title), n.tag, n.at, n.amountFen, n.ratio === 0 ? 0 : n.ratio, n.flag, n.day])
          )
        }),
        { numRuns: 25 }
      )
    })

    it("refuses what the engine's columns cannot hold with a typed error before any SQL, and writes nothing", async () => {
      const repo = handle.backend.repository(NoteSpec)
      const caps = handle.backend.dialect
      const base: Note = { schoolId: "school-limit", id: "limit-1", version: 1, title: "ok", tag: null, at: 0, amountFen: 0, ratio: 0, flag: false, day: null, weight: null }
      const cases: Array<Note> = [
        { ...base, amountFen: 2 ** 53 },
        { ...base, ratio: Number.POSITIVE_INFINITY },
        { ...base, day: "15/03/2026" },
        // a decimal needing 9 places, one that is no number, one beyond DECIMAL(38,8)
        { ...base, weight: "1.000000001" },
        { ...base, weight: "12,5" },
        { ...base, weight: `1${"0".repeat(30)}` },
        ...(caps.name === "sqlite" ? [{ ...base, weight: "92233720368.54775808" }] : []),
        ...(caps.limits.nul ? [] : [{ ...base, title: "nul \u0000 inside" }]),
        ...(caps.limits.textLength === undefined ? [] : [{ ...base, title: "长".repeat(caps.limits.textLength + 1) }]),
        ...(caps.limits.idLength === undefined ? [] : [{ ...base, id: "x".repeat(caps.limits.idLength + 1) }])
      ]
      for (const n of cases) {
        // the raw repository is handed values the schema would refuse, as a buggy spec could
        const raw = (x: Note) => ({ value: x, encoded: x })
        const error = await Effect.runPromise(Effect.flip(repo.insert([raw(n), raw({ ...n, id: `${n.id}-b`.slice(-60) })])))
        assert.strictEqual(error._tag, "StorageError")
        assert.strictEqual(error.code, "storage.failure")
      }
      assert.strictEqual(await Effect.runPromise(repo.count("school-limit")), 0)
    })

    it("reads a stored document that no longer decodes (or, where the column takes any text, is not JSON) as a typed StorageError naming the aggregate, by id and in a list", async () => {
      const repo = handle.backend.repository(NoteSpec)
      const base: Note = { schoolId: "school-corrupt", id: "c-1", version: 1, title: "t", tag: null, at: 0, amountFen: 0, ratio: 0, flag: false, day: null, weight: null }
      await Effect.runPromise(repo.insert([row(base), row({ ...base, id: "c-2" })]))
      // valid JSON that is not a note: the title is missing and the version is text
      const docs = ["{\"schoolId\":\"school-corrupt\",\"id\":\"c-1\",\"version\":\"1\"}", ...(handle.backend.dialect.name === "sqlite" ? ["{not json"] : [])]
      for (const doc of docs) {
        await handle.db.updateTable("test_note").set({ doc }).where("school_id", "=", "school-corrupt").where("id", "=", "c-1").execute()
        const byId = await Effect.runPromise(Effect.flip(repo.get("school-corrupt", "c-1")))
        assert.strictEqual(byId._tag, "StorageError")
        assert.include(byId.message, "test.note")
        const listed = await Effect.runPromise(Effect.flip(repo.list("school-corrupt")))
        assert.strictEqual(listed._tag, "StorageError")
        // the intact row still reads
        assert.strictEqual(Option.getOrThrow(await Effect.runPromise(repo.get("school-corrupt", "c-2"))).id, "c-2")
      }
    })

    it("refuses a batch that repeats an id with the conflict of its second row, and writes none of it", async () => {
      const repo = handle.backend.repository(NoteSpec)
      const base: Note = { schoolId: "school-repeat", id: "", version: 1, title: "r", tag: null, at: 0, amountFen: 0, ratio: 0, flag: false, day: null, weight: null }
      const rows = ["r-1", "r-2", "r-3", "r-2", "r-4"].map((id, i) => row({ ...base, id, amountFen: i }))
      const error = await Effect.runPromise(Effect.flip(repo.insert(rows)))
      assert.strictEqual(error._tag, "ConflictError")
      assert.strictEqual((error as { id?: string }).id, "r-2")
      assert.strictEqual(await Effect.runPromise(repo.count("school-repeat")), 0)
    })

    it("stores decimals to the edge of the engine's column and orders them by value there", async () => {
      const repo = handle.backend.repository(NoteSpec)
      // SQLite: a 64-bit integer of 10⁻⁸; PostgreSQL and MariaDB: DECIMAL(38,8)
      const edge = handle.backend.dialect.name === "sqlite" ? "92233720368.54775807" : `${"9".repeat(30)}.99999999`
      const weights = [edge, `-${edge}`, "0.00000001", "-0.00000001", "0", `${edge.slice(0, -1)}6`]
      const base: Note = { schoolId: "school-edge", id: "", version: 1, title: "edge", tag: null, at: 0, amountFen: 0, ratio: 0, flag: false, day: null, weight: null }
      const rows = weights.map((weight, i): Note => ({ ...base, id: `edge-${i}`, weight }))
      await Effect.runPromise(repo.insert(rows.map(row)))
      const ordered = await Effect.runPromise(repo.list("school-edge", { orderBy: "weight" }))
      assert.deepStrictEqual(ordered.map((n) => n.weight), [`-${edge}`, "-0.00000001", "0", "0.00000001", `${edge.slice(0, -1)}6`, edge])
      const top = await Effect.runPromise(repo.list("school-edge", { range: { field: "weight", from: `${edge.slice(0, -1)}65` } }))
      assert.deepStrictEqual(top.map((n) => n.id), ["edge-0"], "a bound with 9 places between the two largest values")
    })
  })
}
