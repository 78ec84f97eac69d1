import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { cn } from "../packs/cn.ts"
import { override, RulePackSchema } from "../packs/RulePack.ts"
import * as Decode from "./Decode.ts"
import * as RP from "./RulePack.ts"

// a section shaped like a module's legal minimums, to test the machinery on its own
const sample = RP.section("sample", Schema.Struct({
  minGrams: Schema.Number,
  minHours: Schema.NullOr(Schema.Number),
  range: Schema.Struct({ min: Schema.Number, max: Schema.Number }),
  banned: Schema.Array(Schema.String),
  reviewerMustDiffer: Schema.Boolean,
  scope: Schema.Literals(["class", "school"]),
  note: Schema.String,
  extra: Schema.optionalKey(Schema.Struct({ minDays: Schema.Number }))
}), [
  { path: ["minGrams"], stricter: "higher", source: "GB 31654-2021" },
  { path: ["minHours"], stricter: "higher", source: "GB 31654-2021" },
  { path: ["range", "min"], stricter: "higher", source: "操作规范 2018" },
  { path: ["range", "max"], stricter: "lower", source: "操作规范 2018" },
  { path: ["banned"], stricter: "superset", source: "45号令" },
  { path: ["reviewerMustDiffer"], stricter: "true", source: "45号令" },
  { path: ["scope"], stricter: "same", source: "65号" },
  { path: ["extra", "minDays"], stricter: "higher", source: "65号" }
])
const base = {
  minGrams: 125,
  minHours: 48,
  range: { min: 0, max: 8 },
  banned: ["四季豆", "野生蘑菇"],
  reviewerMustDiffer: true,
  scope: "class" as const,
  note: "",
  extra: { minDays: 3 }
}

describe("rule-pack overrides", () => {
  it("accept a stricter school: 150 g, 72 h, 2–6 °C, one more banned food", () => {
    const r = RP.mergeSection(sample, base, { minGrams: 150, minHours: 72, range: { min: 2, max: 6 }, banned: ["四季豆", "野生蘑菇", "鲜黄花菜"] })
    expect(Result.getOrThrow(r)).toEqual({ ...base, minGrams: 150, minHours: 72, range: { min: 2, max: 6 }, banned: ["四季豆", "野生蘑菇", "鲜黄花菜"] })
  })

  it("accept changes to rules that are not legal minimums", () => {
    expect(Result.getOrThrow(RP.mergeSection(sample, base, { note: "本校" })).note).toBe("本校")
  })

  it.each([
    [{ minGrams: 100 }, ["sample", "minGrams"]],
    [{ minHours: 24 }, ["sample", "minHours"]],
    [{ range: { max: 10 } }, ["sample", "range", "max"]],
    [{ range: { min: -2 } }, ["sample", "range", "min"]],
    [{ banned: ["四季豆"] }, ["sample", "banned"]],
    [{ reviewerMustDiffer: false }, ["sample", "reviewerMustDiffer"]],
    [{ scope: "school" }, ["sample", "scope"]],
    [{ minHours: null }, ["sample", "minHours"]]
  ])("refuse a weaker value %j, naming the rule", (change, path) => {
    const r = RP.mergeSection(sample, base, change)
    expect(Result.isFailure(r) && r.failure._tag).toBe("RulePackError")
    expect(Result.isFailure(r) && r.failure.code).toBe("rulePack.weakerThanMinimum")
    expect(Result.isFailure(r) && r.failure.path).toEqual(path)
    expect(Result.isFailure(r) && r.failure.zh).toContain("法定最低要求")
  })

  it("a `same` rule accepts its value unchanged", () => {
    expect(Result.getOrThrow(RP.mergeSection(sample, base, { scope: "class", note: "x" })).scope).toBe("class")
  })

  it("checkMinimums checks a whole value against a base, skipping the parts it does not hold", () => {
    const { extra: _, ...withoutExtra } = base
    // no `extra` part: its rule is not checked (the value does not set it)
    expect(Result.getOrThrow(RP.checkMinimums(sample, base, withoutExtra))).toBe(withoutExtra)
    // the part held: checked
    const short = RP.checkMinimums(sample, base, { ...base, extra: { minDays: 1 } }, ["packs", "sample"])
    expect(Result.isFailure(short) && short.failure.path).toEqual(["packs", "sample", "extra", "minDays"])
    // a part held without a rule's number drops the minimum
    const noMin = RP.checkMinimums(sample, base, { ...base, extra: {} as { minDays: number } })
    expect(Result.isFailure(noMin) && noMin.failure.path).toEqual(["sample", "extra", "minDays"])
    // a list part held but emptied is weaker
    const emptied = RP.checkMinimums(sample, base, { ...base, banned: [] })
    expect(Result.isFailure(emptied) && [emptied.failure.code, emptied.failure.path]).toEqual(["rulePack.weakerThanMinimum", ["sample", "banned"]])
    expect(Result.isFailure(emptied) && emptied.failure.en).toContain("45号令")
  })

  it("refuse a value of the wrong type with its path", () => {
    const r = RP.mergeSection(sample, base, { minGrams: "lots" })
    expect(Result.isFailure(r) && r.failure._tag).toBe("ValidationError")
    expect(Result.isFailure(r) && r.failure.path).toEqual(["sample", "minGrams"])
  })

  it("overrides the composed pack: identity, known sections only", () => {
    const school = Result.getOrThrow(override(cn, { id: "cn+school-1", sections: { general: { rounding: "halfEven" } } }))
    expect(school.id).toBe("cn+school-1")
    expect(school.general?.rounding).toBe("halfEven")
    expect(school.general?.currency).toBe("CNY")
    const unknown = override(cn, { sections: { cafeteria: {} } })
    expect(Result.isFailure(unknown) && unknown.failure.path).toEqual(["sections", "cafeteria"])
    const bad = override(cn, { sections: { general: { currency: "BTC" } } })
    expect(Result.isFailure(bad) && bad.failure.path).toEqual(["sections", "general", "currency"])
  })

  it("ships a cn pack that its own schema accepts", () => {
    expect(Result.isSuccess(Decode.decoder(RulePackSchema)(Result.getOrThrow(Decode.encoder(RulePackSchema)(cn))))).toBe(true)
  })
})
