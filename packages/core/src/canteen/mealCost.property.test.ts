import { BigDecimal, Result } from "effect"
import * as fc from "fast-check"
import { assert, describe, it } from "vitest"
import * as D from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { positiveQuantity } from "../testing/canteen.ts"
import { actualCost, preMealCost, variance } from "./mealCost.ts"
import type { DinerCount, Ingredient, MealIssue, Recipe } from "./model.ts"
import { fifo } from "./valuation.ts"

const group = (i: number) => `group-${i}` as DinerCount["dinerGroupId"]
const diners = fc.array(
  fc.record({ count: fc.integer({ min: 0, max: 3000 }), weight: fc.option(fc.integer({ min: 1, max: 20 }).map((w) => BigDecimal.make(BigInt(w), 1)), { nil: undefined }) }),
  { minLength: 1, maxLength: 8 }
).map((list) => list.map((g, i): DinerCount => ({ dinerGroupId: group(i), count: g.count, ...(g.weight === undefined ? {} : { weight: g.weight }) })))
const issues = fc.array(fc.integer({ min: 0, max: 5_000_000 }).map((amount) => ({ value: { amount, currency: "CNY" as const } })), { maxLength: 30 })

describe("meal cost", () => {
  it("allocation of a meal's cost to diner groups adds up to the fen, each group within a fen of its exact share", () => {
    fc.assert(fc.property(issues, diners, (list, groups) => {
      const a = actualCost(list, groups, "CNY")
      const cost = list.reduce((s, i) => s + i.value.amount, 0)
      assert.deepStrictEqual(a.cost, { amount: cost, currency: "CNY" })
      const weights = groups.map((g) => BigDecimal.multiply(D.fromInt(g.count), g.weight ?? D.fromInt(1)))
      const W = weights.reduce((s, w) => BigDecimal.sum(s, w), D.fromInt(0))
      if (W.value === 0n) {
        assert.isTrue(a.allocation.every((x) => x.amount.amount === 0))
        return
      }
      assert.strictEqual(a.allocation.reduce((s, x) => s + x.amount.amount, 0), cost)
      assert.isTrue(a.allocation.every((x) => x.amount.currency === "CNY"))
      a.allocation.forEach((x, i) => {
        // |amount − cost × w ÷ W| < 1 ⇔ |amount × W − cost × w| < W
        const gap = BigDecimal.abs(BigDecimal.subtract(BigDecimal.multiply(D.fromInt(x.amount.amount), W), BigDecimal.multiply(D.fromInt(cost), weights[i]!)))
        assert.isTrue(BigDecimal.isLessThan(gap, W), `group ${i}: ${x.amount.amount}`)
      })
    }), { numRuns: 400 })
  })

  it("splits the variance of every ingredient into quantity and price parts that add up to the difference exactly", () => {
    const line = fc.record({ q: fc.option(positiveQuantity({ max: 100 }), { nil: undefined }), v: fc.integer({ min: 0, max: 1_000_000 }) })
    fc.assert(fc.property(fc.array(fc.record({ planned: line, actual: line }), { minLength: 1, maxLength: 10 }), (rows) => {
      const cny = (amount: number) => ({ amount, currency: "CNY" as const })
      const planned = rows.flatMap((r, i) => (r.planned.q === undefined ? [] : [{ ingredientId: `i${i}`, quantity: r.planned.q, unit: "kg", value: cny(r.planned.v), sources: ["stock"] }]))
      const actual = rows.flatMap((r, i) => (r.actual.q === undefined ? [] : [{ operation: "op", date: "2026-03-02", ingredientId: `i${i}`, quantity: r.actual.q, unit: "kg", value: cny(r.actual.v) }]))
      const v = variance({
        preMealCost: { basis: "stock", dishes: [], lines: planned, total: cny(planned.reduce((s, l) => s + l.value.amount, 0)) } as never,
        issues: actual as unknown as ReadonlyArray<MealIssue>,
        plannedDiners: [],
        diners: []
      })
      for (const l of v.lines) assert.strictEqual(l.quantityVariance.amount + l.priceVariance.amount, l.actual.value.amount - l.planned.value.amount, l.ingredientId)
      assert.strictEqual(v.lines.reduce((s, l) => s + l.actual.value.amount - l.planned.value.amount, 0), v.difference.amount)
    }), { numRuns: 300 })
  })

  it("prices every dish so that the dishes add up to the meal, from the same stock", () => {
    const ingredient = (id: string): Ingredient => ({ schoolId: "s", id, version: 1, name: id, category: "other", stockUnit: "kg", conversions: [], storage: "ambient", agricultural: false, hazards: [], tags: [] }) as unknown as Ingredient
    fc.assert(fc.property(
      fc.array(fc.record({ grams: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 3, maxLength: 3 }), servings: fc.integer({ min: 1, max: 2000 }) }), { minLength: 1, maxLength: 5 }),
      fc.array(fc.integer({ min: 1, max: 9_999_999 }), { minLength: 3, maxLength: 3 }),
      (dishes, lotValues) => {
        const ids = ["a", "b", "c"]
        const recipes = new Map<string, Recipe>(dishes.map((d, i) => [`r${i}`, {
          schoolId: "s",
          id: `r${i}`,
          version: 1,
          name: `dish ${i}`,
          kind: "main",
          tags: [],
          hazards: [],
          items: d.grams.map((g, j) => ({ _tag: "ingredient", ingredientId: ids[j]!, gross: { value: BigDecimal.make(BigInt(g + 1), 0), unit: "g" }, yield: D.fromInt(1) }))
        } as unknown as Recipe]))
        const lots = new Map(ids.map((id, j) => [id, [{ id: `lot-${id}`, receivedOn: "2026-03-01" as LocalDate, quantity: D.fromInt(100_000), value: lotValues[j]! }]]))
        const r = preMealCost({
          dishes: dishes.map((d, i) => ({ recipeId: `r${i}` as Recipe["id"], plannedServings: d.servings })),
          plannedDiners: [],
          catalogue: { recipes, ingredients: new Map(ids.map((id) => [id, ingredient(id)])) },
          pricing: { basis: "stock", date: "2026-03-02" as LocalDate, currency: "CNY", strategy: fifo, lots, prices: new Map(), lastPurchase: new Map() }
        })
        const cost = Result.getOrThrow(r)
        assert.strictEqual(cost.dishes.reduce((s, d) => s + d.cost.amount, 0), cost.total.amount)
        assert.strictEqual(cost.lines.reduce((s, l) => s + l.value.amount, 0), cost.total.amount)
        for (const l of cost.lines) {
          assert.strictEqual(cost.dishes.reduce((s, d) => s + (d.lines.find((x) => x.ingredientId === l.ingredientId)?.value.amount ?? 0), 0), l.value.amount, l.ingredientId)
        }
      }
    ), { numRuns: 200 })
  })
})
