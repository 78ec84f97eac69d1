import { describe, it } from "@effect/vitest"
import { Result } from "effect"
import { expect } from "vitest"
import { cn } from "./cn.ts"
import { override, type RulePack, validate } from "./RulePack.ts"

// the health section's strictness (health/rules.ts `section`) as installed packs and overrides see it

const failure = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}

const S1 = cn.health.outbreak!.rules["S1"]!
const S2 = cn.health.outbreak!.rules["S2"]!
const S3 = cn.health.outbreak!.rules["S3"]!

/** cn with one outbreak rule replaced, built by hand (not through `override`) */
const withRule = (id: string, rule: object): RulePack => ({
  ...cn,
  health: { ...cn.health, outbreak: { rules: { ...cn.health.outbreak!.rules, [id]: rule as typeof S1 } } }
})

describe("health: the reporting norm's rules a pack may not weaken (卫办疾控发〔2006〕65号)", () => {
  it("S3: a single case is reported; a pack asking for two is refused", () => {
    expect(failure(validate(withRule("S3", { ...S3, minCases: 2 })))).toMatchObject({ path: ["health", "outbreak", "rules", "S3", "minCases"] })
    expect(failure(override(cn, { sections: { health: { outbreak: { rules: { S3: { minCases: 2 } } } } } }))).toMatchObject({
      code: "rulePack.weakerThanMinimum",
      path: ["sections", "health", "outbreak", "rules", "S3", "minCases"]
    })
  })

  it("an outbreak part that drops a rule, or a rule's deadline, is refused", () => {
    const { S3: _, ...withoutS3 } = cn.health.outbreak!.rules
    const dropped = { ...cn, health: { ...cn.health, outbreak: { rules: withoutS3 } } }
    const e = failure(validate(dropped))
    expect(e.code).toBe("rulePack.weakerThanMinimum")
    expect(e.path.slice(0, 4)).toEqual(["health", "outbreak", "rules", "S3"])
    expect(failure(override(cn, { sections: { health: { outbreak: { rules: { S3: { reportWithinHours: null } } } } } }))).toMatchObject({
      path: ["sections", "health", "outbreak", "rules", "S3", "reportWithinHours"]
    })
  })

  it("S1/S2: a school may add symptoms, not remove those of the base list", () => {
    const symptoms = (S1.match as { readonly symptoms: ReadonlyArray<string> }).symptoms
    const added = override(cn, { sections: { health: { outbreak: { rules: { S1: { match: { kind: "symptoms", symptoms: [...symptoms, "cough"] } } } } } } })
    expect(Result.isSuccess(added)).toBe(true)
    const removed = override(cn, { sections: { health: { outbreak: { rules: { S2: { match: { kind: "symptoms", symptoms: ["fever"] } } } } } } })
    expect(failure(removed)).toMatchObject({ code: "rulePack.weakerThanMinimum", path: ["sections", "health", "outbreak", "rules", "S2", "match", "symptoms"] })
    expect(failure(validate(withRule("S1", { ...S1, match: { kind: "disease", diseases: ["measles"] } })))).toMatchObject({
      path: ["health", "outbreak", "rules", "S1", "match", "symptoms"]
    })
  })

  it("S1/S2: the scope (one class) does not change", () => {
    expect(S2.scope).toBe("class")
    expect(failure(override(cn, { sections: { health: { outbreak: { rules: { S1: { scope: "school" } } } } } }))).toMatchObject({
      path: ["sections", "health", "outbreak", "rules", "S1", "scope"]
    })
    expect(failure(validate(withRule("S2", { ...S2, scope: "school" })))).toMatchObject({ path: ["health", "outbreak", "rules", "S2", "scope"] })
  })
})
