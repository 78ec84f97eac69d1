import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Result } from "effect"
import { expect } from "vitest"
import type { RulePackError } from "../kernel/Errors.ts"
import { cn } from "./cn.ts"
import * as Time from "../kernel/Time.ts"
import { inForce, layerRules, override, type RulePack, Rules, validate, validateHistory } from "./RulePack.ts"
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

describe("a school's packs over time: each in force from its effective date", () => {
  // cn (from 2022-02-22), and from the autumn term of 2026 the school's stricter retention: 150 g for 72 h
  const autumn: RulePack = { ...Result.getOrThrow(override(cn, { sections: { retention: { minGrams: 150, minHours: 72 } } })), effectiveFrom: "2026-09-01" as RulePack["effectiveFrom"] }
  const d = (s: string) => s as RulePack["effectiveFrom"]

  it("validateHistory: sorted by effective date; refuses none, an invalid pack at its index, and two packs taking effect the same day", () => {
    expect(Result.getOrThrow(validateHistory([autumn, cn])).map((p) => p.effectiveFrom)).toEqual(["2022-02-22", "2026-09-01"])
    expect(failure(validateHistory([])).code).toBe("rulePack.noPacks")
    const weak = failure(validateHistory([cn, { ...autumn, retention: { ...autumn.retention!, minGrams: 100 } }]))
    expect([weak.code, weak.path]).toEqual(["rulePack.weakerThanMinimum", [1, "retention", "minGrams"]])
    const twice = failure(validateHistory([cn, { ...autumn, effectiveFrom: cn.effectiveFrom }]))
    expect([twice.code, twice.path]).toEqual(["rulePack.sameEffectiveDate", [1, "effectiveFrom"]])
    expect(twice.zh).toContain("2022-02-22")
  })

  it("inForce: the latest pack on or before the date; before the first, the first", () => {
    const history = Result.getOrThrow(validateHistory([cn, autumn]))
    expect(inForce(history, d("2026-08-31")).retention?.minGrams).toBe(125)
    expect(inForce(history, d("2026-09-01")).retention?.minGrams).toBe(150)
    expect(inForce(history, d("2030-01-01")).retention?.minGrams).toBe(150)
    expect(inForce(history, d("2020-01-01")).id).toBe("cn")
  })

  it.effect("layerRules: forSchool on a date gives that date's pack; without one, the clock's day in Shanghai (the change takes effect at local midnight)", () =>
    Effect.gen(function*() {
      const layer = layerRules([cn, autumn])
      const on = (date?: string) => Rules.use((r) => r.forSchool("s-1", date as RulePack["effectiveFrom"] | undefined)).pipe(Effect.provide(layer))
      assert.strictEqual((yield* on("2026-08-31")).retention?.minGrams, 125)
      assert.strictEqual((yield* on("2026-09-01")).retention?.minGrams, 150)
      // 2026-08-31T15:59Z is 23:59 in Shanghai: still August; a minute later it is September there
      const at = (iso: string) => on().pipe(Effect.provide(Time.layerClock(() => Date.parse(iso))))
      assert.strictEqual((yield* at("2026-08-31T15:59:00Z")).retention?.minGrams, 125)
      assert.strictEqual((yield* at("2026-08-31T16:00:00Z")).retention?.minGrams, 150)
      // a function may give each school its history; a weak pack in it fails that school only
      const district = layerRules((schoolId) => (schoolId === "weak" ? [cn, { ...autumn, retention: { ...autumn.retention!, minHours: 24 } }] : [cn, autumn]))
      const e = yield* Effect.flip(Rules.use((r) => r.forSchool("weak", d("2026-09-01"))).pipe(Effect.provide(district)))
      assert.deepStrictEqual([e.code, e.path], ["rulePack.weakerThanMinimum", [1, "retention", "minHours"]])
      assert.strictEqual((yield* Rules.use((r) => r.forSchool("good", d("2026-09-01"))).pipe(Effect.provide(district))).retention?.minGrams, 150)
    }))
})
