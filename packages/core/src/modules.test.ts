import { describe, expect, it } from "vitest"
import * as Approvals from "./approvals/index.ts"
import * as Assets from "./assets/index.ts"
import * as Canteen from "./canteen/index.ts"
import * as Health from "./health/index.ts"
import * as Retention from "./retention/index.ts"

// every module's entry point reads the same: records and errors flat, Commands, Queries, Rules
// (section, cn, the section's schema), Storage (specs, repository services, repositories layer)
const modules = {
  approvals: [Approvals, "ApprovalsRules"],
  assets: [Assets, "AssetsRules"],
  canteen: [Canteen, "CanteenRules"],
  health: [Health, "HealthRules"],
  retention: [Retention, "RetentionRules"]
} as const

describe("the module entry points have one shape", () => {
  for (const [name, [m, schema]] of Object.entries(modules)) {
    it(`${name}: Commands, Queries, Rules.{section, cn, ${schema}}, Storage.repositories`, () => {
      const mod = m as unknown as Record<string, Record<string, unknown>>
      expect(Object.keys(mod["Commands"]!).length).toBeGreaterThan(0)
      expect(Object.keys(mod["Queries"]!).length).toBeGreaterThan(0)
      expect(mod["Rules"]!["section"]).toMatchObject({ key: name })
      expect(mod["Rules"]!["cn"]).toBeTypeOf("object")
      expect(mod["Rules"]![schema]).toBeDefined()
      expect(mod["Storage"]!["repositories"]).toBeDefined()
      // commands write and are named after their module; queries never carry a command name
      for (const c of Object.values(mod["Commands"]!)) {
        if (typeof c === "function" && "commandName" in c) expect(String(c.commandName)).toMatch(new RegExp(`^${name}\\.`))
      }
      for (const q of Object.values(mod["Queries"]!)) expect(typeof q === "function" && "commandName" in q).toBe(false)
    })
  }

  it("speaks British English like the glossary: summarise, never summarize", () => {
    expect(Retention.summarise).toBeTypeOf("function")
    expect("summarize" in Retention).toBe(false)
  })
})
