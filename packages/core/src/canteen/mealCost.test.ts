/**
 * An incomplete pre-meal costing: an ingredient that no stock, price list or past purchase prices is
 * costed at nothing — and named, so that the total is never read as a price.
 */
import { BigDecimal, Result } from "effect"
import { assert, describe, it } from "vitest"
import * as D from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { preMealCost, unpricedFindings, unpricedLines } from "./mealCost.ts"
import type { Ingredient, PreMealCost, Recipe } from "./model.ts"
import { fifo } from "./valuation.ts"

const ingredient = (id: string, name: string): Ingredient =>
  ({ schoolId: "s", id, version: 1, name, category: "other", stockUnit: "kg", conversions: [], storage: "ambient", agricultural: false, hazards: [], tags: [] }) as unknown as Ingredient
const grams = (ingredientId: string, g: number) => ({ _tag: "ingredient", ingredientId, gross: { value: BigDecimal.make(BigInt(g), 0), unit: "g" }, yield: D.fromInt(1) })
const ingredients = new Map([["rice", ingredient("rice", "大米")], ["beef", ingredient("beef", "牛肉")], ["egg", ingredient("egg", "鸡蛋")]])
const recipes = new Map<string, Recipe>([
  ["beef-rice", { schoolId: "s", id: "beef-rice", version: 1, name: "牛肉饭", kind: "main", tags: [], hazards: [], items: [grams("rice", 150), grams("beef", 80)] } as unknown as Recipe],
  ["egg-rice", { schoolId: "s", id: "egg-rice", version: 1, name: "蛋炒饭", kind: "main", tags: [], hazards: [], items: [grams("rice", 150), grams("egg", 50)] } as unknown as Recipe]
])
const date = "2026-05-14" as LocalDate
// 10 kg of rice in stock worth 2000 fen; 2 kg of eggs worth 2400 fen; no beef anywhere
const lots = new Map([
  ["rice", [{ id: "lot-rice", receivedOn: "2026-05-13" as LocalDate, quantity: D.fromInt(10), value: 2000 }]],
  ["egg", [{ id: "lot-egg", receivedOn: "2026-05-13" as LocalDate, quantity: D.fromInt(2), value: 2400 }]]
])
const cost = (dishes: Array<[string, number]>) =>
  Result.getOrThrow(preMealCost({
    dishes: dishes.map(([recipeId, plannedServings]) => ({ recipeId: recipeId as Recipe["id"], plannedServings })),
    plannedDiners: [],
    catalogue: { recipes, ingredients },
    pricing: { basis: "stock", date, currency: "CNY", strategy: fifo, lots, prices: new Map(), lastPurchase: new Map() }
  }))
const meal = { id: "meal-1", date, kind: "lunch" as const }

describe("pre-meal costing: what nothing prices", () => {
  it("beef rice (40 servings) and egg rice (20): the beef is listed on the costing and on its dish; egg rice is complete", () => {
    const c = cost([["beef-rice", 40], ["egg-rice", 20]])
    // rice 60 × 150 g = 9 kg of the 10 kg: 2000 × 9 ÷ 10 = 1800 fen; eggs 20 × 50 g = 1 kg: 2400 × 1 ÷ 2 = 1200 fen;
    // beef 40 × 80 g = 3.2 kg: nothing → 3000 fen in all
    assert.strictEqual(c.total.amount, 3000)
    assert.deepStrictEqual(c.unpriced?.map(String), ["beef"])
    assert.deepStrictEqual(c.dishes.map((d) => [String(d.recipeId), d.unpriced?.map(String)]), [["beef-rice", ["beef"]], ["egg-rice", []]])
  })

  it("the finding names the beef and its quantity, with the incomplete total; none for a complete costing", () => {
    const c = cost([["beef-rice", 40]])
    const [f, ...rest] = unpricedFindings(meal, c, ingredients)
    assert.strictEqual(rest.length, 0)
    assert.deepStrictEqual([f!.rule, f!.severity, f!.subject], ["canteen.preMealCost.unpriced", "warning", { kind: "meal", id: "meal-1" }])
    // rice 40 × 150 g = 6 kg: 2000 × 6 ÷ 10 = 1200 fen, beef 3.2 kg at nothing
    assert.deepStrictEqual(f!.evidence, {
      mealId: "meal-1",
      date: "2026-05-14",
      meal: "lunch",
      total: 1200,
      ingredients: [{ ingredientId: "beef", name: "牛肉", quantity: "3.2", unit: "kg", pricedFrom: [] }]
    })
    assert.include(f!.explanation.zh, "牛肉（3.2 kg）")
    assert.include(f!.explanation.zh, "¥12.00 不是完整菜价")
    assert.include(f!.explanation.en, "牛肉 (3.2 kg)")
    assert.deepStrictEqual(unpricedFindings(meal, cost([["egg-rice", 20]]), ingredients), [])
  })

  it("ingredients stock covers in part: 100 servings of egg rice ask 15 kg of rice (10 in stock) and 5 kg of eggs (2 in stock) — both listed, priced in part from stock", () => {
    const c = cost([["egg-rice", 100]])
    // the 10 kg of rice and 2 kg of eggs in stock: 2000 + 2400 = 4400 fen; the other 5 kg of rice and 3 kg of eggs at nothing
    assert.strictEqual(c.total.amount, 4400)
    const [f] = unpricedFindings(meal, c, ingredients)
    assert.deepStrictEqual(f!.evidence["ingredients"], [
      { ingredientId: "rice", name: "大米", quantity: "15", unit: "kg", pricedFrom: ["stock"] },
      { ingredientId: "egg", name: "鸡蛋", quantity: "5", unit: "kg", pricedFrom: ["stock"] }
    ])
    assert.include(f!.explanation.en, "大米 (15 kg, in part), 鸡蛋 (5 kg, in part)")
    assert.include(f!.explanation.zh, "大米（15 kg，部分）、鸡蛋（5 kg，部分）")
  })

  it("a costing stored before `unpriced` existed is read from its lines' sources", () => {
    const { unpriced: _, ...stored } = cost([["beef-rice", 40]])
    assert.deepStrictEqual(unpricedLines(stored as PreMealCost).map((l) => String(l.ingredientId)), ["beef"])
    assert.strictEqual(unpricedFindings(meal, stored as PreMealCost, ingredients).length, 1)
  })
})
