import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, Schema } from "effect"
import * as Id from "../kernel/Id.ts"
import * as Json from "../kernel/Json.ts"
import * as Layers from "../layers.ts"
import { AuditLog } from "./AuditLog.ts"
import * as Command from "./Command.ts"
import { layerMemory } from "./Memory.ts"
import { expectTypeOf } from "vitest"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import type { Currency } from "../kernel/Money.ts"
import { MoneySchema } from "../kernel/Money.ts"

const services = Layer.mergeAll(Layers.layer(layerMemory), Id.layerSequential("t"))

const Row = Schema.Struct({ id: Schema.String, grams: Schema.Number })
const importRows = Command.make({
  name: "test.importRows",
  bulk: "rows",
  input: Schema.Struct({ ...Command.contextFields, source: Schema.String, rows: Schema.Array(Row) }),
  run: (input) => Effect.succeed(input.rows.length)
})
const importBatch = Command.make({
  name: "test.importBatch",
  bulk: ["batch", "items"],
  input: Schema.Struct({ ...Command.contextFields, batch: Schema.Struct({ unit: Schema.String, items: Schema.Array(Row) }) }),
  run: (input) => Effect.succeed(input.batch.items.length)
})

describe("Command.make with bulk", () => {
  it.effect("records a bulk command's rows in its audit entry as their count and the SHA-256 of their canonical encoding, and the rest of the input as given", () =>
    Effect.gen(function*() {
      const rows = [{ id: "r-1", grams: 125 }, { grams: 130.5, id: "r-2" }]
      expect(yield* importRows({ schoolId: "s", actor: "staff-1", source: "logger.csv", rows })).toBe(2)
      expect(yield* importBatch({ schoolId: "s", actor: "staff-1", batch: { unit: "g", items: rows } })).toBe(2)
      const [plain, nested] = yield* AuditLog.use((a) => a.entries("s"))
      // the hash is the rows' canonical JSON: keys sorted, so the order they were written in does not matter
      const hash = yield* Json.hashCanonical([{ grams: 125, id: "r-1" }, { grams: 130.5, id: "r-2" }])
      expect(hash).toMatch(/^[0-9a-f]{64}$/)
      expect(plain!.input).toEqual({ schoolId: "s", actor: "staff-1", source: "logger.csv", rows: { count: 2, hash } })
      expect(nested!.input).toEqual({ schoolId: "s", actor: "staff-1", batch: { unit: "g", items: { count: 2, hash } } })
      const report = yield* AuditLog.use((a) => a.verify("s"))
      expect(report.ok).toBe(true)
      expect(Option.isSome(yield* AuditLog.use((a) => a.head("s")))).toBe(true)
    }).pipe(Effect.provide(services)))

  it.effect("hashes what the input encodes to: two imports of the same rows record the same hash, different rows a different one", () =>
    Effect.gen(function*() {
      const rows = Array.from({ length: 50 }, (_, i) => ({ id: `r-${i}`, grams: i / 4 }))
      yield* importRows({ schoolId: "s2", actor: "staff-1", source: "a", rows })
      yield* importRows({ schoolId: "s2", actor: "staff-1", source: "b", rows })
      yield* importRows({ schoolId: "s2", actor: "staff-1", source: "c", rows: rows.slice(1) })
      const hashes = (yield* AuditLog.use((a) => a.entries("s2"))).map((e) => (e.input as { rows: { hash: string; count: number } }).rows)
      expect(hashes[0]).toEqual(hashes[1])
      expect(hashes[2]!.count).toBe(49)
      expect(hashes[2]!.hash).not.toBe(hashes[0]!.hash)
    }).pipe(Effect.provide(services)))
})

const book = Command.make({
  name: "test.book",
  input: Schema.Struct({ ...Command.contextFields, on: LocalDateSchema, amount: MoneySchema, note: Schema.optionalKey(Schema.String) }),
  run: (input) => Effect.succeed({ on: input.on, fen: input.amount.amount })
})

describe("Command: the input schema is part of the command", () => {
  it("exposes the schema, and Command.Input is its encoded (JSON) form", () => {
    expect(book.input).toBeDefined()
    expect(book.commandName).toBe("test.book")
    expectTypeOf<Command.Input<typeof book>>().toEqualTypeOf<{
      readonly schoolId: string
      readonly actor: string
      readonly on: string
      readonly amount: { readonly amount: number; readonly currency: Currency }
      readonly note?: string
    }>()
    expectTypeOf<Command.Output<typeof book>>().toEqualTypeOf<{ on: LocalDate; fen: number }>()
    // a typed front door: a date must be a string, a missing field does not compile
    const typed = (input: Command.Input<typeof book>) => input
    // @ts-expect-error — the date is text, not a number
    typed({ schoolId: "s", actor: "a", on: 20260316, amount: { amount: 1, currency: "CNY" } })
    // @ts-expect-error — amount is missing
    typed({ schoolId: "s", actor: "a", on: "2026-03-16" })
  })
})
