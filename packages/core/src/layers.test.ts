import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { layerMemory, registeredSpecs } from "./layers.ts"
import { UnitOfWork } from "./ports/UnitOfWork.ts"

describe("Layers.registeredSpecs", () => {
  it("lists each aggregate of every module once, sorted by name", async () => {
    const specs = await Effect.runPromise(registeredSpecs)
    const names = specs.map((s) => s.name)
    expect(names).toEqual([...new Set(names)].sort())
    for (const module of ["kernel.", "canteen.", "retention.", "assets.", "health.", "approvals."]) {
      expect(names.some((n) => n.startsWith(module)), module).toBe(true)
    }
    expect(names).toContain("retention.sample")
    expect(names).toContain("assets.asset")
  })

  it("finds the same specs inside a runtime that has already built the services (a memo map of its own)", async () => {
    const alone = (await Effect.runPromise(registeredSpecs)).map((s) => s.name)
    const inside = await Effect.runPromise(
      Effect.gen(function*() {
        yield* UnitOfWork
        return (yield* registeredSpecs).map((s) => s.name)
      }).pipe(Effect.provide(layerMemory))
    )
    expect(inside).toEqual(alone)
  })
})
