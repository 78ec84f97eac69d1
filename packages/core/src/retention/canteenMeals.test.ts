import { Result } from "effect"
import { assert, describe, it } from "vitest"
import { createHouqin } from "../houqin.ts"
import * as Id from "../kernel/Id.ts"
import { parseInstant } from "../kernel/Time.ts"
import { cn } from "../packs/cn.ts"
import { evaluate } from "./compliance.ts"

const schoolId = "school-1"
const actor = "staff-1"

/** a canteen that plans a lunch of two dishes; the kitchen samples only one of them */
const lunchWithOneSample = async () => {
  // the clock stands at 17 March 12:00 (+08:00)
  const houqin = createHouqin({ clock: () => Date.UTC(2026, 2, 17, 4, 0), ids: Id.layerSequential("t") })
  for (const [id, name] of [["rice", "大米"], ["pork", "猪肉"]] as const) {
    await houqin.canteen.saveIngredient({ schoolId, actor, id, name, category: id === "rice" ? "grain" : "meat", stockUnit: "kg" })
  }
  const item = (ingredientId: string, grams: string) => ({ _tag: "ingredient" as const, ingredientId, gross: { value: grams, unit: "g" }, yield: "1" })
  await houqin.canteen.saveRecipe({ schoolId, actor, id: "rice-bowl", name: "米饭", kind: "staple", items: [item("rice", "150")] })
  await houqin.canteen.saveRecipe({ schoolId, actor, id: "hongshaorou", name: "红烧肉", kind: "main", items: [item("pork", "80")] })
  // planned with no time of its own: the pack's timetable says lunch is served at 11:30
  const meal = await houqin.canteen.planMeal({
    schoolId,
    actor,
    id: "lunch-0316",
    date: "2026-03-16",
    kind: "lunch",
    dishes: [{ recipeId: "rice-bowl", plannedServings: 400 }, { recipeId: "hongshaorou", plannedServings: 400 }]
  })
  await houqin.retention.registerFridge({ schoolId, actor, fridge: { id: "fridge-1", name: "留样柜", dedicated: true } })
  // a sample names the canteen's meal id and the dish's recipe id; 100 g is short of 125 g
  await houqin.retention.recordSamples({
    schoolId,
    actor,
    samples: [{ id: "s-rice", mealId: meal.id, serviceDate: "2026-03-16", meal: "lunch", dishId: "rice-bowl", dishName: "米饭", grams: "100", takenAt: "2026-03-16T11:40+08:00", takerId: "staff-1", reviewerId: "staff-2", fridgeId: "fridge-1" }]
  })
  const readings = Array.from({ length: 26 }, (_, h) => ({ fridgeId: "fridge-1", at: new Date(Date.UTC(2026, 2, 16, 3 + h)).toISOString(), celsius: 4 }))
  await houqin.retention.recordReadings({ schoolId, actor, readings })
  return { houqin, readings }
}

describe("retention evaluates the meals the canteen recorded, without retyping them", () => {
  it("the canteen gives its meals in retention's served-meal shape", async () => {
    const { houqin } = await lunchWithOneSample()
    const served = await houqin.canteen.servedMeals(schoolId, "2026-03-16", "2026-03-16")
    assert.deepStrictEqual(served.map((m) => ({ ...m, servedAt: m.servedAt.epochMilliseconds })), [{
      id: "lunch-0316",
      serviceDate: "2026-03-16",
      meal: "lunch",
      // the cn pack's lunch at 11:30 in Shanghai = 03:30Z
      servedAt: Date.UTC(2026, 2, 16, 3, 30),
      dishes: [{ id: "rice-bowl", name: "米饭" }, { id: "hongshaorou", name: "红烧肉" }]
    }] as never)
    await houqin.dispose()
  })

  it("a dish the canteen planned and nobody sampled is found (retention.requiredFor), due when lunch was served", async () => {
    const { houqin } = await lunchWithOneSample()
    // no `meals`: the evaluation reads the canteen's
    const evaluation = await houqin.retention.evaluate({ schoolId, from: "2026-03-16", to: "2026-03-16" })
    const missing = evaluation.findings.find((f) => f.rule === "retention.requiredFor")
    assert.isDefined(missing)
    assert.deepStrictEqual(missing.subject, { kind: "meal", id: "lunch-0316" })
    assert.deepStrictEqual(missing.evidence["missing"], [{ dishId: "hongshaorou", dishName: "红烧肉" }])
    assert.strictEqual(missing.at.epochMilliseconds, Date.UTC(2026, 2, 16, 3, 30))
    assert.strictEqual(missing.explanation.zh, "2026-03-16 午餐（2026-03-16 11:30 供餐）有 1 个品种未留样：红烧肉")
    assert.strictEqual(evaluation.meals, 1)
    await houqin.dispose()
  })

  it("the register a school prints has its 问题 column filled from the same evaluation", async () => {
    const { houqin } = await lunchWithOneSample()
    const rows = await houqin.retention.register({ schoolId, from: "2026-03-16", to: "2026-03-16" })
    assert.deepStrictEqual(rows.map((r) => [r.sampleId, r.findings, r.worstSeverity]), [["s-rice", ["retention.minGrams"], "violation"]])
    await houqin.dispose()
  })

  it("counts the same readings from storage as over arrays: those taken while the fridge held a sample", async () => {
    const { houqin, readings } = await lunchWithOneSample()
    const stored = await houqin.retention.evaluate({ schoolId, from: "2026-03-16", to: "2026-03-16" })
    const fridges = await houqin.retention.fridges(schoolId)
    const sample = await houqin.retention.sample(schoolId, "s-rice")
    const meals = await houqin.canteen.servedMeals(schoolId, "2026-03-16", "2026-03-16")
    const direct = Result.getOrThrow(evaluate({
      policy: cn.retention,
      asOf: stored.asOf,
      period: stored.period!,
      fridges,
      meals,
      samples: [sample],
      readings: readings.map((r) => ({ ...r, at: parseInstant(r.at)! }))
    }))
    // 26 hourly readings from 16 March 11:00 (+08:00); the sample went in at 11:40 and is kept at
    // the clock's 17 March 12:00: 12:00 … 12:00 the next day = 25 readings (11:00 is before it)
    assert.strictEqual(stored.readings, 25)
    assert.strictEqual(direct.readings, stored.readings)
    assert.deepStrictEqual(direct.findings.map((f) => f.id), stored.findings.map((f) => f.id))
    await houqin.dispose()
  })
})

describe("a meal the canteen cancelled was not served: it needs no samples", () => {
  const dishes = [{ recipeId: "rice-bowl", plannedServings: 400 }, { recipeId: "hongshaorou", plannedServings: 400 }]

  it("a lunch planned and then cancelled (school closed) is no retention.requiredFor finding once its time passes", async () => {
    const { houqin } = await lunchWithOneSample()
    // 17 March's lunch is planned at the pack's 11:30; the clock stands at 12:00, so it is past
    // due. Before the fix, every meal the canteen held counted as served whatever its status, and
    // there was no way to say it was not: this lunch, which never happened, was a "no sample"
    // violation with no sample that could ever answer it.
    await houqin.canteen.planMeal({ schoolId, actor, id: "lunch-0317", date: "2026-03-17", kind: "lunch", dishes })
    const cancelled = await houqin.canteen.cancelMeal({ schoolId, actor, mealId: "lunch-0317", version: 1, reason: "暴雨红色预警，停课" })
    assert.strictEqual(cancelled.status, "cancelled")
    assert.strictEqual(cancelled.cancelReason, "暴雨红色预警，停课")
    // the canteen no longer gives it as served …
    const served = await houqin.canteen.servedMeals(schoolId, "2026-03-16", "2026-03-17")
    assert.deepStrictEqual(served.map((m) => m.id), ["lunch-0316"])
    // … so retention finds only 16 March's unsampled dish, and counts one meal
    const evaluation = await houqin.retention.evaluate({ schoolId, from: "2026-03-16", to: "2026-03-17" })
    const missing = evaluation.findings.filter((f) => f.rule === "retention.requiredFor")
    assert.deepStrictEqual(missing.map((f) => f.subject.id), ["lunch-0316"])
    assert.strictEqual(evaluation.meals, 1)
    await houqin.dispose()
  })

  it("a meal whose diners were counted (served) and that has a dish unsampled is still found", async () => {
    const { houqin } = await lunchWithOneSample()
    // the lunch was served: its status is `served`, and 红烧肉 still has no sample
    await houqin.canteen.recordDiners({ schoolId, actor, mealId: "lunch-0316", diners: [{ dinerGroupId: "students", count: 380 }] })
    const evaluation = await houqin.retention.evaluate({ schoolId, from: "2026-03-16", to: "2026-03-16" })
    const missing = evaluation.findings.filter((f) => f.rule === "retention.requiredFor")
    assert.deepStrictEqual(missing.map((f) => [f.subject.id, f.evidence["missing"]]), [["lunch-0316", [{ dishId: "hongshaorou", dishName: "红烧肉" }]]])
    await houqin.dispose()
  })

  it("a meal planned and neither served nor cancelled still needs its samples once its time passes", async () => {
    const { houqin } = await lunchWithOneSample()
    // a canteen that does not count diners never marks its meals served: a planned meal is taken to
    // have been served unless it is cancelled, so a missed sample is never hidden by a missing
    // diner count
    const evaluation = await houqin.retention.evaluate({ schoolId, from: "2026-03-16", to: "2026-03-16" })
    assert.deepStrictEqual(evaluation.findings.filter((f) => f.rule === "retention.requiredFor").map((f) => f.subject.id), ["lunch-0316"])
    await houqin.dispose()
  })
})
