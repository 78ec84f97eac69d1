import type { Layer, Schema } from "effect"
import { Effect, Exit, Result } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { RulePackSchema } from "../packs/RulePack.ts"
import { AuditEntrySchema } from "../ports/AuditLog.ts"
import * as Decode from "./Decode.ts"
import * as D from "./Decimal.ts"
import { isHouqinError } from "./Errors.ts"
import { FindingSchema } from "./Finding.ts"
import { LocalDateSchema } from "./LocalDate.ts"
import { MoneySchema } from "./Money.ts"
import { Organisation, Student } from "./People.ts"
import { QuantitySchema } from "./Quantity.ts"
import { InstantSchema, ZoneSchema } from "./Time.ts"
import { UnitSchema } from "./Unit.ts"
import { UnitPriceSchema } from "./UnitPrice.ts"

const decoders: ReadonlyArray<readonly [string, Schema.Decoder<unknown>]> = [
  ["Decimal", D.DecimalSchema],
  ["Unit", UnitSchema],
  ["Quantity", QuantitySchema],
  ["UnitPrice", UnitPriceSchema],
  ["Money", MoneySchema],
  ["LocalDate", LocalDateSchema],
  ["Instant", InstantSchema],
  ["Zone", ZoneSchema],
  ["Organisation", Organisation],
  ["Student", Student],
  ["Finding", FindingSchema],
  ["RulePack", RulePackSchema],
  ["AuditEntry", AuditEntrySchema]
] as Array<readonly [string, Schema.Decoder<unknown>]>

describe("public decoders", () => {
  it("never throw: any input decodes or fails with a ValidationError that has a path and zh/en messages", () => {
    for (const [name, schema] of decoders) {
      const decode = Decode.decoder(schema)
      fc.assert(fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withNullPrototype: true, withTypedArray: true }), (input) => {
        const r = decode(input, ["body"])
        if (Result.isFailure(r)) {
          expect(r.failure._tag, name).toBe("ValidationError")
          expect(isHouqinError(r.failure)).toBe(true)
          expect(r.failure.path[0]).toBe("body")
          expect(r.failure.zh.length).toBeGreaterThan(0)
          expect(r.failure.en.length).toBeGreaterThan(0)
          expect(r.failure.issues.length).toBeGreaterThan(0)
        }
      }), { numRuns: 150 })
    }
  })

  it("report every issue with its own path, in zh-CN and en", () => {
    const r = Decode.decoder(Student)({
      schoolId: "s-1",
      id: "stu 1",
      version: 0,
      name: "",
      sex: "X",
      birthDate: "2015-02-30",
      classId: "c-1",
      enrolled: "yes"
    })
    expect(Result.isFailure(r)).toBe(true)
    const issues = Result.isFailure(r) ? r.failure.issues : []
    expect(issues.map((i) => i.path)).toEqual([["id"], ["name"], ["sex"], ["birthDate"], ["enrolled"]])
    expect(issues[3]!.zh).toContain("YYYY-MM-DD")
    expect(issues[0]!.en).toContain("an id of 1–64")
  })

  it("turn a missing field into a path, not a crash", () => {
    const r = Decode.decoder(QuantitySchema)({ value: "1" }, ["lines", 0, "quantity"])
    expect(Result.isFailure(r) && r.failure.path).toEqual(["lines", 0, "quantity", "unit"])
    expect(Result.isFailure(r) && r.failure.zh).toBe("缺少必填字段")
  })

  it("commands refuse bad input with a ValidationError, whatever the input", async () => {
    const { enrolStudents, saveOrganisation } = await import("../ports/people.ts")
    const { layerMemory } = await import("../layers.ts")
    const commands: ReadonlyArray<(input: unknown) => Effect.Effect<unknown, unknown, Layer.Success<typeof layerMemory>>> = [saveOrganisation, enrolStudents]
    for (const command of commands) {
      await fc.assert(fc.asyncProperty(fc.anything(), async (input) => {
        const exit = await Effect.runPromiseExit(command(input).pipe(Effect.provide(layerMemory)))
        expect(Exit.isFailure(exit)).toBe(true)
        if (Exit.isFailure(exit)) {
          const failure = exit.cause.reasons.find((r) => r._tag === "Fail")
          expect(failure?._tag).toBe("Fail")
          expect((failure as { error: { _tag: string } }).error._tag).toBe("ValidationError")
        }
      }), { numRuns: 50 })
    }
  })
})
