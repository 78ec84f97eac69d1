/**
 * What `planMeal` checks and records about a meal before it is served: the banned high-risk foods
 * among its dishes, as the weekly menu's check finds them, and a pre-meal costing that could not
 * price every ingredient.
 */
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import { MealRepository } from "../ports/canteen.ts"
import { saveOrganisation } from "../ports/people.ts"
import { organisation, services } from "../testing/canteenFixtures.ts"
import { acceptDelivery, createPurchaseOrder, planMeal, saveIngredient, saveMenu, saveRecipe, saveSupplier } from "./commands.ts"
import { costRecipe } from "./queries.ts"

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
        const highRisk = (meal.findings ?? []).filter((f) => f.rule === "canteen.highRiskFoods")
        assert.deepStrictEqual(highRisk.map((f) => [f.rule, f.severity, f.subject.kind, f.evidence["mealId"], f.evidence["recipeId"], f.evidence["food"], f.evidence["matchedBy"]]), [
          ["canteen.highRiskFoods", "violation", "mealDish", "meal-1", "beans-stirfry", "greenBeans", "hazard"]
        ])
        // the same dish on the week's menu: the same finding, about the menu
        const menu = yield* saveMenu({ ...ctx, id: "menu-1", weekStart: "2026-05-11", meals: [{ date: "2026-05-12", kind: "lunch", dishes: ["rice-bowl", "beans-stirfry"] }] })
        assert.deepStrictEqual(
          menu.findings.map((f) => [f.rule, f.severity, f.at, f.explanation]),
          highRisk.map((f) => [f.rule, f.severity, f.at, f.explanation])
        )
        assert.deepStrictEqual((yield* MealRepository.use((r) => r.get(schoolId, "meal-1"))).findings, meal.findings)
        const clean = yield* planMeal({ ...ctx, id: "meal-2", date: "2026-05-12", kind: "dinner", dishes: [{ recipeId: "rice-bowl", plannedServings: 100 }] })
        assert.deepStrictEqual(clean.findings?.filter((f) => f.rule === "canteen.highRiskFoods"), [])
      }))

    it.effect("beef rice with rice in stock and no price for beef: the costing says it is incomplete and names the beef, instead of pricing it at ¥0", () =>
      Effect.gen(function*() {
        yield* saveIngredient({ ...ctx, id: "beef", name: "牛肉", category: "meat", stockUnit: "kg", storage: "chilled" })
        yield* saveRecipe({
          ...ctx,
          id: "beef-rice",
          name: "牛肉饭",
          kind: "main",
          items: [
            { _tag: "ingredient", ingredientId: "rice", gross: { value: "150", unit: "g" }, yield: "1" },
            { _tag: "ingredient", ingredientId: "beef", gross: { value: "80", unit: "g" }, yield: "1" }
          ]
        })
        // 10 kg of rice for ¥20.00 (¥2/kg); no beef in stock, on a price list or ever bought
        yield* createPurchaseOrder({ ...ctx, id: "po-rice", supplierId: "sup", orderedOn: "2026-05-13", lines: [{ ingredientId: "rice", quantity: { value: "10", unit: "kg" }, unitPrice: { amount: "2", currency: "CNY", per: "kg" } }] })
        yield* acceptDelivery({
          ...ctx,
          orderId: "po-rice",
          receivedAt: "2026-05-13T07:00:00+08:00",
          inspector: "keeper-1",
          lines: [{ orderLine: 1, delivered: { value: "10", unit: "kg" }, weighed: { value: "10", unit: "kg" }, checks: { freshness: "pass", labels: "pass" }, decision: "accepted" }]
        })
        const meal = yield* planMeal({ ...ctx, id: "meal-3", date: "2026-05-14", kind: "lunch", dishes: [{ recipeId: "beef-rice", plannedServings: 100 }] })
        // rice 100 × 150 g = 15 kg asked; 10 kg in stock at 2000 fen, the other 5 kg at the last
        // purchase's 2000 × 5 ÷ 10 = 1000 fen → 3000 fen; beef 100 × 80 g = 8 kg priced at nothing
        assert.deepStrictEqual(meal.preMealCost.total, { amount: 3000, currency: "CNY" })
        const ids = (xs: ReadonlyArray<string> | undefined) => xs?.map(String)
        assert.deepStrictEqual(ids(meal.preMealCost.unpriced), ["beef"])
        // ¥0.30 a serving is not the price of beef rice: the dish says so
        assert.deepStrictEqual(meal.preMealCost.dishes.map((d) => [String(d.recipeId), d.perServing.amount, ids(d.unpriced)]), [["beef-rice", 30, ["beef"]]])
        const unpriced = (meal.findings ?? []).filter((f) => f.rule === "canteen.preMealCost.unpriced")
        assert.deepStrictEqual(unpriced.map((f) => [f.severity, f.subject, f.evidence["total"], f.evidence["ingredients"]]), [[
          "warning",
          { kind: "meal", id: "meal-3" },
          3000,
          [{ ingredientId: "beef", name: "牛肉", quantity: "8", unit: "kg", pricedFrom: [] }]
        ]])
        assert.include(unpriced[0]!.explanation.zh, "牛肉")
        assert.include(unpriced[0]!.explanation.en, "incomplete")
        // the recipe's price as a query: the same incomplete state
        const dish = yield* costRecipe(schoolId, "beef-rice", { servings: 1, date: "2026-05-14" })
        assert.deepStrictEqual(ids(dish.unpriced), ["beef"])
        // a meal of rice alone is fully priced
        const rice = yield* planMeal({ ...ctx, id: "meal-4", date: "2026-05-14", kind: "dinner", dishes: [{ recipeId: "rice-bowl", plannedServings: 10 }] })
        assert.deepStrictEqual([ids(rice.preMealCost.unpriced), rice.findings], [[], []])
      }))
  })
})
