import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { cn } from "../packs/cn.ts"
import { decode, encode, override } from "../packs/RulePack.ts"
import { who } from "../packs/who.ts"
import { HealthRules, part, whoGrowth } from "./rules.ts"

describe("the health section of the rule packs", () => {
  it("cn and who round-trip through the pack schema (JSON and back)", () => {
    for (const pack of [cn, who]) {
      const json = JSON.parse(JSON.stringify(Result.getOrThrow(encode(pack)))) as unknown
      const back = Result.getOrThrow(decode(json))
      expect(back.health).toEqual(pack.health)
    }
  })
  it("who sets only health, with WHO 2007 for screening", () => {
    expect(Object.keys(who).filter((k) => !["id", "version", "effectiveFrom", "name"].includes(k))).toEqual(["health"])
    expect(who.health.screening).toEqual({ overweightObesity: "who2007", stunting: "who2007", wasting: "who2007" })
    expect(Result.isFailure(part(who.health, "checks"))).toBe(true)
  })
  it("cn's numbers: WHO flags and cut-offs, the 37.3 °C axillary fever line, cells of 5", () => {
    expect(cn.health.growth).toEqual(whoGrowth)
    expect(cn.health.checks?.feverFromCelsius).toEqual({ axillary: 37.3 })
    expect(cn.health.publication?.minCellSize).toBe(5)
    expect(Schema.is(HealthRules)(cn.health)).toBe(true)
  })
  it("a region may report sooner or on fewer cases, never later or on more (卫办疾控发〔2006〕65号)", () => {
    const stricter = override(cn, { sections: { health: { outbreak: { rules: { S1: { minCases: 2, reportWithinHours: 12 } } } } } })
    expect(Result.getOrThrow(stricter).health?.outbreak?.rules["S1"]).toMatchObject({ minCases: 2, reportWithinHours: 12, windowDays: 1 })
    const weaker = override(cn, { sections: { health: { outbreak: { rules: { S1: { minCases: 4 } } } } } })
    expect(Result.isFailure(weaker) && weaker.failure).toMatchObject({ _tag: "RulePackError", code: "rulePack.weakerThanMinimum", path: ["sections", "health", "outbreak", "rules", "S1", "minCases"] })
    const later = override(cn, { sections: { health: { outbreak: { rules: { S2: { reportWithinHours: 48 } } } } } })
    expect(Result.isFailure(later)).toBe(true)
  })
  it("a school may set its own fever line and suppression threshold (not legal minimums)", () => {
    const own = Result.getOrThrow(override(cn, { sections: { health: { checks: { feverFromCelsius: { axillary: 37.5 } }, publication: { minCellSize: 10 } } } }))
    expect(own.health?.checks?.feverFromCelsius.axillary).toBe(37.5)
    expect(own.health?.publication?.minCellSize).toBe(10)
  })
  it("a bad value is refused with its path", () => {
    const bad = override(cn, { sections: { health: { growth: { precision: 9 } } } })
    expect(Result.isFailure(bad) && bad.failure).toMatchObject({ _tag: "ValidationError", path: ["sections", "health", "growth", "precision"] })
  })
})
