/**
 * Cancelling a planned meal (停餐: the school closed, a trip, a holiday moved): the meal keeps its
 * record, with the reason, and is no longer a meal the canteen served — food sample retention
 * expects no samples of it, and the month closes without it. Only a meal still planned, with no
 * stock issued to it, can be cancelled; a cancelled meal takes no stock and no diners.
 */
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import { AuditLog } from "../ports/AuditLog.ts"
import { MealRepository } from "../ports/canteen.ts"
import { saveOrganisation } from "../ports/people.ts"
import { organisation, services } from "../testing/canteenFixtures.ts"
import { acceptDelivery, cancelMeal, closeMonth, createPurchaseOrder, issueStock, planMeal, recordDiners, saveIngredient, saveRecipe, saveSupplier } from "./commands.ts"
import { servedMeals } from "./queries.ts"
import { expectError, failure } from "../../test/support/errors.ts"

const schoolId = "cancel-meal"
const ctx = { schoolId, actor: "director-1" }
const rice = [{ recipeId: "rice-bowl", plannedServings: 100 }]

const setUp = Effect.gen(function*() {
  yield* saveOrganisation({ ...ctx, organisation: organisation(schoolId) })
  yield* saveSupplier({ ...ctx, id: "sup", name: "供应商", licences: [{ kind: "business", number: "B" }, { kind: "foodBusiness", number: "F" }] })
  yield* saveIngredient({ ...ctx, id: "rice", name: "大米", category: "grain", stockUnit: "kg" })
  yield* saveRecipe({ ...ctx, id: "rice-bowl", name: "米饭", kind: "staple", items: [{ _tag: "ingredient", ingredientId: "rice", gross: { value: "150", unit: "g" }, yield: "1" }] })
  yield* createPurchaseOrder({ ...ctx, id: "po-1", supplierId: "sup", orderedOn: "2026-05-06", lines: [{ ingredientId: "rice", quantity: { value: "50", unit: "kg" }, unitPrice: { amount: "4", currency: "CNY", per: "kg" } }] })
  yield* acceptDelivery({
    ...ctx,
    orderId: "po-1",
    receivedAt: "2026-05-06T07:00:00+08:00",
    inspector: "keeper-1",
    lines: [{ orderLine: 1, delivered: { value: "50", unit: "kg" }, weighed: { value: "50", unit: "kg" }, checks: { freshness: "pass", labels: "pass" }, decision: "accepted" }]
  })
  yield* planMeal({ ...ctx, id: "served", date: "2026-05-07", kind: "lunch", dishes: rice })
  yield* issueStock({ ...ctx, date: "2026-05-07", mealId: "served", lines: [{ ingredientId: "rice", quantity: { value: "15", unit: "kg" } }] })
  yield* recordDiners({ ...ctx, mealId: "served", diners: [{ dinerGroupId: "lower", count: 100 }] })
  yield* planMeal({ ...ctx, id: "closed-day", date: "2026-05-08", kind: "lunch", dishes: rice })
  yield* planMeal({ ...ctx, id: "issued", date: "2026-05-09", kind: "lunch", dishes: rice })
  yield* issueStock({ ...ctx, date: "2026-05-09", mealId: "issued", lines: [{ ingredientId: "rice", quantity: { value: "15", unit: "kg" } }] })
})


layer(services({ prefix: "c" }))((it) => {
  describe("cancelMeal", () => {
    it.effect("set up", () => setUp)

    it.effect("refuses, writing nothing: a stale version, a served meal, a meal with stock issued to it, no reason", () =>
      Effect.gen(function*() {
        const audit = (yield* AuditLog.use((a) => a.entries(schoolId))).length
        // planned at version 1; version 2 was never read
        const stale = yield* failure(cancelMeal({ ...ctx, mealId: "closed-day", version: 2, reason: "停课" }))
        expectError(stale, "ConflictError", "storage.conflict", ["version"])
        // its diners are counted: it was served, and its samples are owed
        const served = yield* failure(cancelMeal({ ...ctx, mealId: "served", version: 2, reason: "停课" }))
        expectError(served, "InvalidStateError", "canteen.mealServed", ["mealId"])
        // 15 kg of rice went to it: cancelling would leave the issue with no meal to cost
        const issued = yield* failure(cancelMeal({ ...ctx, mealId: "issued", version: 2, reason: "停课" }))
        expectError(issued, "InvalidStateError", "canteen.mealHasIssues", ["mealId"])
        const noReason = yield* failure(cancelMeal({ ...ctx, mealId: "closed-day", version: 1, reason: "" }))
        expectError(noReason, "ValidationError", "validation.invalid", ["reason"])
        const unknown = yield* failure(cancelMeal({ ...ctx, mealId: "nope", version: 1, reason: "停课" }))
        expectError(unknown, "NotFoundError", "storage.notFound", ["mealId"])
        assert.strictEqual((yield* MealRepository.use((r) => r.get(schoolId, "closed-day"))).status, "planned")
        assert.strictEqual((yield* AuditLog.use((a) => a.entries(schoolId))).length, audit)
      }))

    it.effect("cancels a planned meal at the version read, keeps the reason, and records who and why in the audit log", () =>
      Effect.gen(function*() {
        const meal = yield* cancelMeal({ ...ctx, mealId: "closed-day", version: 1, reason: "暴雨红色预警，停课" })
        assert.strictEqual(meal.status, "cancelled")
        assert.strictEqual(meal.cancelReason, "暴雨红色预警，停课")
        assert.strictEqual(meal.version, 2)
        const last = (yield* AuditLog.use((a) => a.entries(schoolId))).at(-1)!
        assert.strictEqual(last.command, "canteen.cancelMeal")
        assert.strictEqual(last.actor, "director-1")
        assert.strictEqual((last.input as { reason: string }).reason, "暴雨红色预警，停课")
        assert.deepStrictEqual(last.changes.map((c) => c.aggregate), ["canteen.meal"])
      }))

    it.effect("a cancelled meal cannot be cancelled again, takes no stock and no diners", () =>
      Effect.gen(function*() {
        const again = yield* failure(cancelMeal({ ...ctx, mealId: "closed-day", version: 2, reason: "停课" }))
        expectError(again, "InvalidStateError", "canteen.mealCancelled", ["mealId"])
        const stock = yield* failure(issueStock({ ...ctx, date: "2026-05-08", mealId: "closed-day", lines: [{ ingredientId: "rice", quantity: { value: "1", unit: "kg" } }] }))
        expectError(stock, "InvalidStateError", "canteen.mealCancelled", ["mealId"])
        const diners = yield* failure(recordDiners({ ...ctx, mealId: "closed-day", diners: [{ dinerGroupId: "lower", count: 1 }] }))
        expectError(diners, "InvalidStateError", "canteen.mealCancelled", ["mealId"])
      }))

    it.effect("is not among the meals served that food sample retention checks", () =>
      Effect.gen(function*() {
        const served = yield* servedMeals(schoolId, "2026-05-07", "2026-05-09")
        assert.deepStrictEqual(served.map((m) => m.id), ["served", "issued"])
      }))

    it.effect("does not hold the month open: closing counts the meals served only", () =>
      Effect.gen(function*() {
        // the meal with stock issued to it is served in the end; the cancelled one stays as it is
        yield* recordDiners({ ...ctx, mealId: "issued", diners: [{ dinerGroupId: "lower", count: 90 }] })
        // before the fix a meal not `served` was "still open" (canteen.mealsNotServed), so a
        // cancelled meal would have kept May from ever closing
        const settlement = yield* closeMonth({ ...ctx, month: "2026-05" })
        assert.strictEqual(settlement.meals, 2)
        assert.strictEqual(settlement.headMeals, 190)
        const closed = yield* failure(cancelMeal({ ...ctx, mealId: "closed-day", version: 2, reason: "停课" }))
        expectError(closed, "MonthClosedError", "canteen.monthClosed", ["mealId"])
      }))
  })
})
