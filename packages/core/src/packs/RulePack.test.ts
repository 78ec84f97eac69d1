import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Result } from "effect"
import { expect } from "vitest"
import type { RulePackError } from "../kernel/Errors.ts"
import { cn } from "./cn.ts"
import { layerRules, override, type RulePack, Rules, validate } from "./RulePack.ts"
import { who } from "./who.ts"

const failure = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

const S1 = cn.health.outbreak!.rules["S1"]!

/** cn with one outbreak rule replaced, built by hand (not through `override`) */
const withRule = (id: string, rule: object): RulePack => ({
  ...cn,
  health: { ...cn.health, outbreak: { rules: { ...cn.health.outbreak!.rules, [id]: rule as typeof S1 } } }
})

describe("validate: a pack given whole is decoded section by section and held to cn's legal minimums", () => {
  it("accepts the shipped packs and a pack built with override, keeping their identity", () => {
    expect(Result.getOrThrow(validate(cn)).id).toBe("cn")
    // who sets only health, and its health has no outbreak rules: nothing of cn's minimums to hold it to
    expect(Result.getOrThrow(validate(who)).health?.screening.stunting).toBe("who2007")
    const stricter = Result.getOrThrow(override(cn, { sections: { retention: { minGrams: 150, minHours: 72 } } }))
    expect(Result.getOrThrow(validate(stricter)).retention?.minGrams).toBe(150)
    const overWho = Result.getOrThrow(override(who, { sections: { health: { publication: { ...cn.health.publication, minCellSize: 10 } } } }))
    expect(Result.isSuccess(validate(overWho))).toBe(true)
  })

  it("refuses a section that does not decode, with its path", () => {
    const partial = failure(validate({ ...cn, retention: { minGrams: 1, minHours: 1 } }))
    expect(partial).toMatchObject({ _tag: "RulePackError", code: "rulePack.invalid" })
    expect(partial.path[0]).toBe("retention")
    expect(partial.zh).toContain("规则包无效")
    expect(partial.en).toContain("invalid rule pack")
    const wrongType = failure(validate({ ...cn, retention: { ...cn.retention, minGrams: "lots" } }))
    expect(wrongType).toMatchObject({ code: "rulePack.invalid", path: ["retention", "minGrams"] })
    expect(failure(validate({ ...cn, id: "" }))).toMatchObject({ code: "rulePack.invalid", path: ["id"] })
    expect(failure(validate(null))).toMatchObject({ code: "rulePack.invalid", path: [] })
  })

  it("refuses a key that is no section", () => {
    expect(failure(validate({ ...cn, retension: cn.retention }))).toMatchObject({ code: "rulePack.unknownSection", path: ["retension"] })
  })

  it.each([
    ["retention", { ...cn, retention: { ...cn.retention, minGrams: 1 } }, ["retention", "minGrams"]],
    ["retention", { ...cn, retention: { ...cn.retention, minHours: 1 } }, ["retention", "minHours"]],
    ["canteen", { ...cn, canteen: { ...cn.canteen, highRiskFoods: [] } }, ["canteen", "highRiskFoods"]],
    ["health", withRule("S1", { ...S1, minCases: 5 }), ["health", "outbreak", "rules", "S1", "minCases"]]
  ] as const)("refuses a %s section weaker than cn's, naming the rule and its source", (_, pack, path) => {
    const e = failure(validate(pack))
    expect(e).toMatchObject({ _tag: "RulePackError", code: "rulePack.weakerThanMinimum", path })
    expect(e.zh).toContain("法定最低要求")
    expect(e.en).toContain("a legal minimum")
  })

  it("checks what a partial pack holds: a health-only pack that sets outbreak rules meets the national ones", () => {
    const weak = { ...who, health: { ...who.health, outbreak: { rules: { S1: { ...S1, minCases: 9 } } } } }
    expect(failure(validate(weak))).toMatchObject({ code: "rulePack.weakerThanMinimum", path: ["health", "outbreak", "rules", "S1", "minCases"] })
  })
})

describe("override: a changed pack never reports itself as its base", () => {
  const change = { sections: { retention: { minHours: 72 } } }

  it("derives the id from the base's and the override's canonical JSON when none is given", () => {
    const a = Result.getOrThrow(override(cn, change))
    expect(a.id).toMatch(/^cn\+[0-9a-f]{16}$/)
    expect(a.version).toBe(cn.version)
    // deterministic: the same override (in any key order) gives the same id; another gives another
    expect(Result.getOrThrow(override(cn, { sections: { retention: { minHours: 72 } } })).id).toBe(a.id)
    expect(Result.getOrThrow(override(cn, { sections: { retention: { minHours: 96 } } })).id).not.toBe(a.id)
    expect(Result.getOrThrow(override(cn, { version: "2", sections: change.sections })).id).not.toBe(a.id)
    // an override of the derived pack extends the lineage
    expect(Result.getOrThrow(override(a, { sections: { retention: { minGrams: 150 } } })).id).toMatch(/^cn\+[0-9a-f]{16}\+[0-9a-f]{16}$/)
  })

  it("takes a given id, or the base's id with a new version", () => {
    expect(Result.getOrThrow(override(cn, { id: "school-1", ...change }))).toMatchObject({ id: "school-1", version: cn.version })
    expect(Result.getOrThrow(override(cn, { id: "cn", version: "2026.11.0-school-1", ...change }))).toMatchObject({ id: "cn", version: "2026.11.0-school-1" })
  })

  it("refuses the base's own id without a new version", () => {
    for (const input of [{ id: "cn", ...change }, { id: "cn", version: cn.version, ...change }]) {
      const e = failure(override(cn, input))
      expect(e).toMatchObject({ _tag: "RulePackError", code: "rulePack.sameIdentity", path: ["id"] })
      expect(e.zh).toContain("cn 2026.11.0")
      expect(e.en).toContain("give a new id or version")
    }
  })
})

describe("layerRules installs only a valid pack", () => {
  const weak: RulePack = { ...cn, retention: { ...cn.retention, minGrams: 1 } }

  it.effect("one pack: the layer fails to build with the RulePackError", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(Rules.use((r) => r.forSchool("s-1")).pipe(Effect.provide(layerRules(weak))))
      assert.isTrue(Exit.isFailure(exit))
      const e = yield* Effect.flip(Rules.use((r) => r.forSchool("s-1")).pipe(Effect.provide(layerRules(weak))))
      assert.deepStrictEqual([e._tag, e.code, e.path], ["RulePackError", "rulePack.weakerThanMinimum", ["retention", "minGrams"]])
      const ok = yield* Rules.use((r) => r.forSchool("s-1")).pipe(Effect.provide(layerRules(cn)))
      assert.strictEqual(ok.id, "cn")
    }))

  it.effect("a pack per school: the school whose pack is weaker fails, the others are served", () =>
    Effect.gen(function*() {
      const layer = layerRules((schoolId) => (schoolId === "weak" ? weak : cn))
      const ok = yield* Rules.use((r) => r.forSchool("good")).pipe(Effect.provide(layer))
      assert.strictEqual(ok.id, "cn")
      const e: RulePackError = yield* Effect.flip(Rules.use((r) => r.forSchool("weak")).pipe(Effect.provide(layer)))
      assert.deepStrictEqual(e.path, ["retention", "minGrams"])
    }))
})
