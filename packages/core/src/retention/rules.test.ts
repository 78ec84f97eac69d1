import { Result } from "effect"
import { assert, describe, it } from "vitest"
import { rows } from "../data/canteen-food-safety-parameters.generated.ts"
import * as RP from "../kernel/RulePack.ts"
import { cn as cnPack } from "../packs/cn.ts"
import { decode, encode, override } from "../packs/RulePack.ts"
import { cn, section } from "./rules.ts"

const row = (key: string) => {
  const r = rows.find((x) => x.key === key)
  assert.isDefined(r, key)
  return r
}

describe("the cn retention section agrees with the reference data (data/canteen-food-safety-parameters.csv)", () => {
  it("125 g per dish, 48 hours, 0–8 °C", () => {
    assert.strictEqual(row("sample_retention.min_grams_per_item").unit, "g")
    assert.strictEqual(Number(row("sample_retention.min_grams_per_item").value), cn.minGrams)
    assert.strictEqual(row("sample_retention.min_hours").unit, "h")
    assert.strictEqual(Number(row("sample_retention.min_hours").value), cn.minHours)
    const [min, max] = row("refrigeration.temperature_range_c").value.split("~").map(Number)
    assert.deepStrictEqual({ minC: min, maxC: max }, cn.temperature)
  })

  it("the register's five fields, in the regulation's order", () => {
    // 留样食品名称;留样量;留样时间(月、日、时);留样人员;审核人员(45号令)
    const names = row("sample_retention.record_fields").value.split(";").map((s) => s.replace(/\(.*\)$/, ""))
    assert.deepStrictEqual(names, ["留样食品名称", "留样量", "留样时间", "留样人员", "审核人员"])
    assert.deepStrictEqual(cn.recordFields, ["dishName", "grams", "takenAt", "takerId", "reviewerId"])
  })

  it("who must retain: the establishments named without a threshold, others above 100 diners", () => {
    const text = row("sample_retention.required_for").value
    // 学校(含托幼机构)食堂;养老机构食堂;医疗机构食堂;中央厨房;集体用餐配送单位 — no threshold
    for (const name of ["学校", "养老机构", "医疗机构", "中央厨房", "集体用餐配送单位"]) assert.include(text, name)
    assert.deepStrictEqual(cn.requiredFor.establishments, ["school", "eldercare", "medical", "centralKitchen", "groupMealDelivery"])
    // 建筑工地食堂(供餐人数>100); 集体聚餐人数>100
    const thresholds = [...text.matchAll(/>(\d+)/g)].map((m) => Number(m[1]))
    assert.deepStrictEqual([...new Set(thresholds)], [cn.requiredFor.aboveDiners])
    assert.include(text, "重大活动")
    assert.isTrue(cn.requiredFor.majorEvents)
  })

  it("the cn pack carries the section and decodes", () => {
    assert.strictEqual(cnPack.retention, cn)
    // the pack is held decoded (exact decimals, durations); its JSON form decodes back
    assert.isTrue(Result.isSuccess(Result.flatMap(encode(cnPack), (json) => decode(json))))
  })
})

describe("a school or region may be stricter, never weaker (packs/RulePack.ts override)", () => {
  const merge = (sectionOverride: unknown) => override(cnPack, { id: "school-x", sections: { retention: sectionOverride } })

  it("accepts 72 hours, 150 g, 2–6 °C, a 1-hour reading interval and more fields", () => {
    const r = merge({
      minHours: 72,
      minGrams: 150,
      temperature: { minC: 2, maxC: 6 },
      readingGap: { maxHours: 1 },
      recordFields: ["dishName", "grams", "takenAt", "takerId", "reviewerId", "containerLabel"],
      requiredFor: { aboveDiners: 50, establishments: ["school", "eldercare", "medical", "centralKitchen", "groupMealDelivery", "constructionSite"] }
    })
    assert.isTrue(Result.isSuccess(r))
    const retention = Result.getOrThrow(r).retention!
    assert.strictEqual(retention.minHours, 72)
    assert.strictEqual(retention.minGrams, 150)
    assert.deepStrictEqual(retention.temperature, { minC: 2, maxC: 6 })
    // what the override does not name stays as the base has it
    assert.isTrue(retention.reviewerNotTaker)
    assert.isTrue(retention.requiredFor.majorEvents)
  })

  const refused: ReadonlyArray<readonly [string, unknown, ReadonlyArray<string>]> = [
    ["24 hours", { minHours: 24 }, ["minHours"]],
    ["100 g (the 2011 rule)", { minGrams: 100 }, ["minGrams"]],
    ["up to 10 °C", { temperature: { minC: 0, maxC: 10 } }, ["temperature", "maxC"]],
    ["down to −2 °C", { temperature: { minC: -2, maxC: 8 } }, ["temperature", "minC"]],
    ["no reviewer field", { recordFields: ["dishName", "grams", "takenAt", "takerId"] }, ["recordFields"]],
    ["self-review allowed", { reviewerNotTaker: false }, ["reviewerNotTaker"]],
    ["any fridge", { dedicatedFridge: false }, ["dedicatedFridge"]],
    ["schools exempt", { requiredFor: { establishments: ["eldercare"] } }, ["requiredFor", "establishments"]],
    ["above 200 diners", { requiredFor: { aboveDiners: 200 } }, ["requiredFor", "aboveDiners"]],
    ["a 48-hour reading interval", { readingGap: { maxHours: 48 } }, ["readingGap", "maxHours"]]
  ]
  for (const [name, value, path] of refused) {
    it(`refuses a weaker value: ${name}`, () => {
      const r = merge(value)
      assert.isTrue(Result.isFailure(r))
      const e = (r as Result.Failure<unknown, { _tag: string; code: string; path: ReadonlyArray<string | number> }>).failure
      assert.strictEqual(e._tag, "RulePackError")
      assert.strictEqual(e.code, "rulePack.weakerThanMinimum")
      assert.deepStrictEqual(e.path, ["sections", "retention", ...path])
    })
  }

  it("refuses a range whose ends cross and a negative weight, with the field's path", () => {
    const crossed = merge({ temperature: { minC: 5, maxC: 4 } })
    assert.isTrue(Result.isFailure(crossed))
    assert.strictEqual((crossed as Result.Failure<unknown, { _tag: string }>).failure._tag, "ValidationError")
    const negative = RP.mergeSection(section, cn, { minGrams: -5 })
    assert.isTrue(Result.isFailure(negative))
    assert.deepStrictEqual((negative as Result.Failure<unknown, { path: ReadonlyArray<string> }>).failure.path, ["retention", "minGrams"])
  })
})
