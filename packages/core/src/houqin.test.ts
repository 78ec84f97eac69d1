import { Result, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, expectTypeOf, it } from "vitest"
import { createHouqin } from "./houqin.ts"
import { isHouqinError } from "./kernel/Errors.ts"
import { Organisation } from "./kernel/People.ts"
import { cn } from "./packs/cn.ts"
import type { RulePack } from "./packs/RulePack.ts"
import { override } from "./packs/RulePack.ts"
import { who } from "./packs/who.ts"
import * as Arb from "./testing/arbitraries.ts"

const org = Schema.encodeSync(Organisation)(fc.sample(Arb.organisation("school-a"), { seed: 7, numRuns: 1 })[0]!)

describe("createHouqin (the Promise front door)", () => {
  it("runs commands on memory storage with the cn pack and an explicit clock", async () => {
    const houqin = createHouqin({ clock: () => Date.UTC(2026, 8, 1, 0, 30), writer: "server-1" })
    const saved = await houqin.people.saveOrganisation({ schoolId: "school-a", actor: "staff-1", organisation: org })
    expect(saved.version).toBe(1)
    await houqin.people.enrolStudents({
      schoolId: "school-a",
      actor: "staff-1",
      students: [{ id: "stu-1", name: "李小红", sex: "F", birthDate: "2016-05-04", classId: "class-1-1" }]
    })
    expect((await houqin.people.students("school-a")).map((s) => s.name)).toEqual(["李小红"])
    const entries = await houqin.audit.entries("school-a")
    expect(entries.map((e) => [e.seq, e.writer, e.at.epochMilliseconds])).toEqual([
      [1, "server-1", Date.UTC(2026, 8, 1, 0, 30)],
      [2, "server-1", Date.UTC(2026, 8, 1, 0, 30)]
    ])
    const head = await houqin.audit.head("school-a")
    expect((await houqin.audit.verify("school-a", { recordedHead: head })).ok).toBe(true)
    expect((await houqin.rules.forSchool("school-a")).id).toBe("cn")
    await houqin.dispose()
  })

  it("rejects with the typed error object: code, path, zh, en", async () => {
    const houqin = createHouqin()
    // deliberately bad input, cast past the compiler that would refuse it
    const error: unknown = await houqin.people.enrolStudents({ schoolId: "school-a", actor: "staff-1", students: [{ id: "stu-1" } as never] }).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(isHouqinError(error)).toBe(true)
    expect(error).toMatchObject({ _tag: "ValidationError", path: ["students", 0, "name"] })
    const missing: unknown = await houqin.people.organisation("school-z").then(() => undefined, (e: unknown) => e)
    expect(missing).toMatchObject({ _tag: "NotFoundError", code: "storage.notFound" })
    await houqin.dispose()
  })

  it("refuses a rule pack weaker than cn's or that does not decode when it is created, with the typed error", async () => {
    const created = (rules: RulePack) => {
      try {
        createHouqin({ rules })
        return undefined
      } catch (e: unknown) {
        return e
      }
    }
    const weaker = created({ ...cn, retention: { ...cn.retention, minGrams: 1, minHours: 1 } })
    expect(isHouqinError(weaker)).toBe(true)
    expect(weaker).toMatchObject({ _tag: "RulePackError", code: "rulePack.weakerThanMinimum", path: ["retention", "minGrams"] })
    const partial = created({ ...cn, retention: { minGrams: 1, minHours: 1 } as never })
    expect(partial).toMatchObject({ _tag: "RulePackError", code: "rulePack.invalid" })
    // a pack built with override, and a partial pack not based on cn, are served
    const school = Result.getOrThrow(override(cn, { sections: { retention: { minHours: 72 } } }))
    for (const [rules, id] of [[school, school.id], [who, "who"]] as const) {
      const houqin = createHouqin({ rules })
      expect((await houqin.rules.forSchool("school-a")).id).toBe(id)
      await houqin.dispose()
    }
    // a pack per school is checked when it is asked for
    const district = createHouqin({ rules: (schoolId) => (schoolId === "weak" ? { ...cn, retention: { ...cn.retention, minHours: 24 } } : cn) })
    expect((await district.rules.forSchool("good")).id).toBe("cn")
    await expect(district.rules.forSchool("weak")).rejects.toMatchObject({ _tag: "RulePackError", path: ["retention", "minHours"] })
    await district.dispose()
  })

  it("serves a school's packs over time: each from its effective date, today's by the clock", async () => {
    // from 1 September 2026 the school keeps samples 72 hours instead of 48
    const autumn = { ...Result.getOrThrow(override(cn, { sections: { retention: { minHours: 72 } } })), effectiveFrom: "2026-09-01" as RulePack["effectiveFrom"] }
    let now = Date.parse("2026-08-31T15:59:00Z") // 23:59 on 31 August in Shanghai
    const houqin = createHouqin({ rules: [cn, autumn], clock: () => now })
    try {
      expect((await houqin.rules.forSchool("school-a")).retention?.minHours).toBe(48)
      now += 60_000
      expect((await houqin.rules.forSchool("school-a")).retention?.minHours).toBe(72)
      expect((await houqin.rules.forSchool("school-a", "2026-03-01")).retention?.minHours).toBe(48)
      await expect(houqin.rules.forSchool("school-a", "2026-9-1")).rejects.toMatchObject({ _tag: "ValidationError", path: ["on"] })
    } finally {
      await houqin.dispose()
    }
    // a history is checked when the instance is created, an error's path starting at the pack's index
    expect(() => createHouqin({ rules: [cn, { ...autumn, effectiveFrom: cn.effectiveFrom }] })).toThrow(expect.objectContaining({ code: "rulePack.sameEffectiveDate", path: [1, "effectiveFrom"] }))
  })

  it("serves a district: a rule pack per school", async () => {
    const houqin = createHouqin({ rules: (schoolId) => ({ id: `pack-${schoolId}`, version: "1", effectiveFrom: "2026-01-01" as never, name: { zh: "", en: "" } }) })
    expect((await houqin.rules.forSchool("s-9")).id).toBe("pack-s-9")
    await houqin.dispose()
  })
})

describe("lookups follow one rule: a getter rejects with a NotFoundError, a find… returns undefined", () => {
  it("organisation, settlement and the audit head, before anything is recorded", async () => {
    const houqin = createHouqin()
    await expect(houqin.people.organisation("nowhere")).rejects.toMatchObject({ _tag: "NotFoundError", aggregate: "kernel.organisation" })
    expect(await houqin.people.findOrganisation("nowhere")).toBeUndefined()
    await expect(houqin.canteen.settlement("nowhere", "2026-03")).rejects.toMatchObject({ _tag: "NotFoundError", aggregate: "canteen.settlement", path: ["month"] })
    expect(await houqin.canteen.findSettlement("nowhere", "2026-03")).toBeUndefined()
    await expect(houqin.audit.head("nowhere")).rejects.toMatchObject({ _tag: "NotFoundError", aggregate: "audit.head" })
    expect(await houqin.audit.findHead("nowhere")).toBeUndefined()
    await expect(houqin.retention.sample("nowhere", "s-1")).rejects.toMatchObject({ _tag: "NotFoundError" })
    await expect(houqin.approvals.request("nowhere", "r-1")).rejects.toMatchObject({ _tag: "NotFoundError" })
    await expect(houqin.assets.asset("nowhere", "a-1")).rejects.toMatchObject({ _tag: "NotFoundError" })
    await houqin.dispose()
  })
})

describe("the Promise functions are typed with their command's input", () => {
  it("a wrong value does not compile, and is still refused at run time with its path", async () => {
    const houqin = createHouqin()
    // @ts-expect-error — `kind` is one of the kernel's meal kinds ("snack" is not)
    const snack = houqin.canteen.planMeal({ schoolId: "s", actor: "a", date: "2026-03-16", kind: "snack", dishes: [{ recipeId: "r", plannedServings: 1 }] })
    await expect(snack).rejects.toMatchObject({ _tag: "ValidationError", path: ["kind"] })
    // @ts-expect-error — an asset's cost is money, { amount, currency }, not a number
    const cost = houqin.assets.registerAsset({ schoolId: "s", actor: "a", asset: { tag: "T-1", name: "钢琴", category: "专用设备/文艺设备", fundingSource: "fiscal", cost: 3_000_000, acquisitionDate: "2024-03-15" } })
    await expect(cost).rejects.toMatchObject({ _tag: "ValidationError", path: ["asset", "cost"] })
    expectTypeOf(houqin.retention.recordSamples).parameter(0).toHaveProperty("samples")
    expectTypeOf(houqin.people.saveOrganisation).parameter(0).not.toBeUnknown()
    await houqin.dispose()
  })
})
