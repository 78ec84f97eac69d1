/**
 * What `planMeal` checks and records about a meal before it is served: the banned high-risk foods
 * among its dishes, as the weekly menu's check finds them.
 */
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import { MealRepository } from "../ports/canteen.ts"
import { saveOrganisation } from "../ports/people.ts"
import { organisation, services } from "../testing/canteenFixtures.ts"
import { planMeal, saveIngredient, saveMenu, saveRecipe, saveSupplier } from "./commands.ts"

const schoolId = "plan-meal"
const ctx = { schoolId, actor: "director-1" }

const setUp = Effect.gen(function*() {
  yield* saveOrganisation({ ...ctx, organisation: organisation(schoolId) })
  yield* saveSupplier({ ...ctx, id: "sup", name: "供应商", licences: [{ kind: "business", number: "B" }, { kind: "foodBusiness", number: "F" }] })
  yield* saveIngredient({ ...ctx, id: "rice", name: "大米", category: "grain", stockUnit: "kg" })
  yield* saveIngredient({ ...ctx, id: "beans", name: "豆角", category: "vegetable", stockUnit: "kg", hazards: ["greenBeans"] })
  yield* saveRecipe({ ...ctx, id: "rice-bowl", name: "米饭", kind: "staple", items: [{ _tag: "ingredient", ingredientId: "rice", gross: { value: "150", unit: "g" }, yield: "1" }] })
  yield* saveRecipe({ ...ctx, id: "beans-stirfry", name: "干煸豆角", kind: "side", items: [{ _tag: "ingredient", ingredientId: "beans", gross: { value: "100", unit: "g" }, yield: "0.9" }] })
})

layer(services({ prefix: "pm" }))((it) => {
  describe("planMeal", () => {
    it.effect("set up", () => setUp)

    it.effect("a dish with a banned hazard is planned with the menu check's finding, stored on the meal; a clean meal has none", () =>
      Effect.gen(function*() {
        const meal = yield* planMeal({ ...ctx, id: "meal-1", date: "2026-05-12", kind: "lunch", dishes: [{ recipeId: "rice-bowl", plannedServings: 100 }, { recipeId: "beans-stirfry", plannedServings: 100 }] })
        assert.deepStrictEqual(meal.findings?.map((f) => [f.rule, f.severity, f.subject.kind, f.evidence["mealId"], f.evidence["recipeId"], f.evidence["food"], f.evidence["matchedBy"]]), [
          ["canteen.highRiskFoods", "violation", "mealDish", "meal-1", "beans-stirfry", "greenBeans", "hazard"]
        ])
        // the same dish on the week's menu: the same finding, about the menu
        const menu = yield* saveMenu({ ...ctx, id: "menu-1", weekStart: "2026-05-11", meals: [{ date: "2026-05-12", kind: "lunch", dishes: ["rice-bowl", "beans-stirfry"] }] })
        assert.deepStrictEqual(
          menu.findings.map((f) => [f.rule, f.severity, f.at, f.explanation]),
          meal.findings!.map((f) => [f.rule, f.severity, f.at, f.explanation])
        )
        assert.deepStrictEqual((yield* MealRepository.use((r) => r.get(schoolId, "meal-1"))).findings, meal.findings)
        const clean = yield* planMeal({ ...ctx, id: "meal-2", date: "2026-05-12", kind: "dinner", dishes: [{ recipeId: "rice-bowl", plannedServings: 100 }] })
        assert.deepStrictEqual(clean.findings?.filter((f) => f.rule === "canteen.highRiskFoods"), [])
      }))
  })
})
