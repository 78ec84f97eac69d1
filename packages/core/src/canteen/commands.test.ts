/**
 * Bad input and refused commands: every one is a typed error with the offending field's path and
 * messages in both languages, and writes nothing — no record changes, no audit entry.
 */
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import type { LocalDate } from "../kernel/LocalDate.ts"
import { AuditLog } from "../ports/AuditLog.ts"
import { LotRepository, MealRepository } from "../ports/canteen.ts"
import { saveOrganisation } from "../ports/people.ts"
import { organisation, services } from "../testing/canteenFixtures.ts"
import { acceptDelivery, closeMonth, createPurchaseOrder, issueStock, planMeal, recordDiners, recordSpoilage, returnToSupplier, saveIngredient, saveMenu, saveRecipe, saveSupplier } from "./commands.ts"
import { weeklyMenu } from "./queries.ts"
import { expectError, failure } from "../../test/support/errors.ts"

const schoolId = "bad-input"
const ctx = { schoolId, actor: "director-1" }
const pass = { freshness: "pass", labels: "pass" } as const

const setUp = Effect.gen(function*() {
  yield* saveOrganisation({ ...ctx, organisation: organisation(schoolId) })
  yield* saveSupplier({ ...ctx, id: "sup", name: "供应商", licences: [{ kind: "business", number: "B" }, { kind: "foodBusiness", number: "F" }] })
  yield* saveIngredient({ ...ctx, id: "rice", name: "大米", category: "grain", stockUnit: "kg" })
  yield* saveIngredient({ ...ctx, id: "pork", name: "猪肉", category: "meat", stockUnit: "kg", storage: "chilled" })
  yield* saveIngredient({ ...ctx, id: "milk", name: "牛奶", category: "dairy", stockUnit: "bottle", conversions: [{ from: "box", to: "bottle", factor: "24" }] })
  yield* saveIngredient({ ...ctx, id: "beans", name: "四季豆", category: "vegetable", stockUnit: "kg", hazards: ["greenBeans"] })
  yield* saveRecipe({ ...ctx, id: "rice-bowl", name: "米饭", kind: "staple", items: [{ _tag: "ingredient", ingredientId: "rice", gross: { value: "150", unit: "g" }, yield: "1" }] })
  yield* saveRecipe({ ...ctx, id: "beans-stirfry", name: "干煸四季豆", kind: "side", items: [{ _tag: "ingredient", ingredientId: "beans", gross: { value: "100", unit: "g" }, yield: "0.9" }] })
  yield* createPurchaseOrder({
    ...ctx,
    id: "po-1",
    supplierId: "sup",
    orderedOn: "2026-05-06",
    lines: [
      { ingredientId: "rice", quantity: { value: "50", unit: "kg" }, unitPrice: { amount: "4", currency: "CNY", per: "kg" } },
      { ingredientId: "pork", quantity: { value: "20", unit: "斤" }, unitPrice: { amount: "14", currency: "CNY", per: "斤" } }
    ]
  })
  yield* acceptDelivery({
    ...ctx,
    id: "del-1",
    orderId: "po-1",
    receivedAt: "2026-05-06T07:00:00+08:00",
    inspector: "keeper-1",
    lines: [{ orderLine: 1, delivered: { value: "50", unit: "kg" }, weighed: { value: "50", unit: "kg" }, checks: pass, decision: "accepted" }]
  })
})

const deliveryLine = (over: Record<string, unknown>) => ({
  orderLine: 1,
  delivered: { value: "50", unit: "kg" },
  weighed: { value: "50", unit: "kg" },
  checks: pass,
  decision: "accepted",
  ...over
})

layer(services({ prefix: "b" }))((it) => {
  describe("canteen commands refuse bad input with typed errors and paths, and write nothing", () => {
    it.effect("set up", () => setUp)

    it.effect("a negative weight, an unknown unit, a non-number: ValidationErrors at each field", () =>
      Effect.gen(function*() {
        const before = (yield* AuditLog.use((a) => a.entries(schoolId))).length
        const e = yield* failure(acceptDelivery({
          ...ctx,
          orderId: "po-1",
          receivedAt: "2026-05-07T07:00:00+08:00",
          inspector: "keeper-1",
          lines: [
            deliveryLine({ weighed: { value: "-2", unit: "kg" } }),
            deliveryLine({ delivered: { value: "3", unit: "catty" } }),
            deliveryLine({ accepted: { value: "lots", unit: "kg" } })
          ]
        }))
        expectError(e, "ValidationError", "validation.invalid", ["lines", 0, "weighed", "value"])
        assert.deepStrictEqual(e.issues!.map((i) => i.path), [["lines", 0, "weighed", "value"], ["lines", 1, "delivered", "unit"], ["lines", 2, "accepted", "value"]])
        assert.strictEqual((yield* AuditLog.use((a) => a.entries(schoolId))).length, before)
      }))

    it.effect("a delivery for an unknown order: NotFoundError at orderId", () =>
      Effect.gen(function*() {
        const e = yield* failure(acceptDelivery({ ...ctx, orderId: "po-none", receivedAt: "2026-05-07T07:00:00+08:00", inspector: "keeper-1", lines: [deliveryLine({})] }))
        expectError(e, "NotFoundError", "storage.notFound", ["orderId"])
      }))

    it.effect("a price in the wrong currency: CurrencyMismatchError at the price's currency", () =>
      Effect.gen(function*() {
        const order = yield* failure(createPurchaseOrder({ ...ctx, supplierId: "sup", orderedOn: "2026-05-07", lines: [{ ingredientId: "rice", quantity: { value: "1", unit: "kg" }, unitPrice: { amount: "0.6", currency: "USD", per: "kg" } }] }))
        expectError(order, "CurrencyMismatchError", "money.currencyMismatch", ["lines", 0, "unitPrice", "currency"])
        const accepted = yield* failure(acceptDelivery({
          ...ctx,
          orderId: "po-1",
          receivedAt: "2026-05-07T07:00:00+08:00",
          inspector: "keeper-1",
          lines: [deliveryLine({ unitPrice: { amount: "0.6", currency: "USD", per: "kg" } })]
        }))
        expectError(accepted, "CurrencyMismatchError", "money.currencyMismatch", ["lines", 0, "unitPrice", "currency"])
      }))

    it.effect("a unit the ingredient cannot convert: DimensionMismatchError (kg of milk kept in bottles); boxes of 24 convert exactly", () =>
      Effect.gen(function*() {
        const e = yield* failure(createPurchaseOrder({ ...ctx, supplierId: "sup", orderedOn: "2026-05-07", lines: [{ ingredientId: "milk", quantity: { value: "2", unit: "kg" }, unitPrice: { amount: "60", currency: "CNY", per: "box" } }] }))
        expectError(e, "DimensionMismatchError", "quantity.dimensionMismatch", ["lines", 0, "quantity"])
        // 2.5 boxes = 60 bottles converts exactly into the stock unit: ¥60 × 2.5 = ¥150.00
        const ok = yield* createPurchaseOrder({ ...ctx, supplierId: "sup", orderedOn: "2026-05-07", lines: [{ ingredientId: "milk", quantity: { value: "2.5", unit: "box" }, unitPrice: { amount: "60", currency: "CNY", per: "box" } }] })
        assert.strictEqual(ok.order.total.amount, 15000)
      }))

    it.effect("acceptance rules: an unknown order line, a failed check accepted in full, a partial without a reason, chilled food without a temperature", () =>
      Effect.gen(function*() {
        const base = { ...ctx, orderId: "po-1", receivedAt: "2026-05-07T07:00:00+08:00", inspector: "keeper-1" }
        expectError(yield* failure(acceptDelivery({ ...base, lines: [deliveryLine({ orderLine: 9 })] })), "ValidationError", "canteen.unknownOrderLine", ["lines", 0, "orderLine"])
        expectError(
          yield* failure(acceptDelivery({ ...base, lines: [deliveryLine({ checks: { freshness: "fail", labels: "pass" } })] })),
          "ValidationError",
          "canteen.failedCheckAccepted",
          ["lines", 0, "decision"]
        )
        expectError(
          yield* failure(acceptDelivery({ ...base, lines: [deliveryLine({ decision: "partial", accepted: { value: "40", unit: "kg" } })] })),
          "ValidationError",
          "canteen.reasonRequired",
          ["lines", 0, "reason"]
        )
        expectError(
          yield* failure(acceptDelivery({ ...base, lines: [deliveryLine({ decision: "partial", accepted: { value: "60", unit: "kg" }, reason: "x" })] })),
          "ValidationError",
          "canteen.partialOutOfRange",
          ["lines", 0, "accepted"]
        )
        expectError(
          yield* failure(acceptDelivery({ ...base, lines: [deliveryLine({ orderLine: 2, delivered: { value: "20", unit: "斤" }, weighed: { value: "20", unit: "斤" } })] })),
          "ValidationError",
          "canteen.temperatureRequired",
          ["lines", 0, "checks", "temperatureCelsius"]
        )
        // 9 °C is above the chilled limit of 8 °C: the temperature check fails, so it cannot be accepted in full
        expectError(
          yield* failure(acceptDelivery({ ...base, lines: [deliveryLine({ orderLine: 2, delivered: { value: "20", unit: "斤" }, weighed: { value: "20", unit: "斤" }, checks: { ...pass, temperatureCelsius: "9" } })] })),
          "ValidationError",
          "canteen.failedCheckAccepted",
          ["lines", 0, "decision"]
        )
        expectError(
          yield* failure(acceptDelivery({ ...base, lines: [deliveryLine({ bestBefore: "2026-05-06" })] })),
          "ValidationError",
          "canteen.expiredOnDelivery",
          ["lines", 0, "bestBefore"]
        )
      }))

    it.effect("an issue of more than is on hand: InsufficientStockError at the line, and no lot, meal or audit entry changes", () =>
      Effect.gen(function*() {
        const meal = yield* planMeal({ ...ctx, id: "meal-1", date: "2026-05-07", kind: "lunch", dishes: [{ recipeId: "rice-bowl", plannedServings: 100 }] })
        const lotsBefore = yield* LotRepository.use((r) => r.list(schoolId))
        const auditBefore = (yield* AuditLog.use((a) => a.entries(schoolId))).length
        const e = yield* failure(issueStock({
          ...ctx,
          date: "2026-05-07",
          mealId: "meal-1",
          lines: [{ ingredientId: "rice", quantity: { value: "30", unit: "kg" } }, { ingredientId: "rice", quantity: { value: "41", unit: "斤" } }]
        }))
        // 30 kg leave the 50 kg lot; 41 斤 = 20.5 kg more than the 20 kg left
        expectError(e, "InsufficientStockError", "canteen.insufficientStock", ["lines", 1, "quantity"])
        assert.strictEqual((e as unknown as { available: string }).available, "20")
        assert.deepStrictEqual(yield* LotRepository.use((r) => r.list(schoolId)), lotsBefore)
        assert.deepStrictEqual((yield* MealRepository.use((r) => r.get(schoolId, "meal-1"))).issues, meal.issues)
        assert.strictEqual((yield* AuditLog.use((a) => a.entries(schoolId))).length, auditBefore)
      }))

    it.effect("an issue dated before the stock arrived, or to a meal of another day", () =>
      Effect.gen(function*() {
        const early = yield* failure(issueStock({ ...ctx, date: "2026-05-05", lines: [{ ingredientId: "rice", quantity: { value: "1", unit: "kg" } }] }))
        expectError(early, "InsufficientStockError", "canteen.insufficientStock", ["lines", 0, "quantity"])
        const late = yield* failure(issueStock({ ...ctx, date: "2026-05-08", mealId: "meal-1", lines: [{ ingredientId: "rice", quantity: { value: "1", unit: "kg" } }] }))
        expectError(late, "ValidationError", "canteen.issueDate", ["date"])
      }))

    it.effect("a return dated before its lot was received: ValidationError at date", () =>
      Effect.gen(function*() {
        const lot = (yield* LotRepository.use((r) => r.list(schoolId, { where: { deliveryId: "del-1" } })))[0]!
        const e = yield* failure(returnToSupplier({ ...ctx, date: "2026-05-05", lotId: lot.id, quantity: { value: "1", unit: "kg" }, reason: "受潮" }))
        expectError(e, "ValidationError", "canteen.returnBeforeReceipt", ["date"])
      }))

    it.effect("a quantity that would need more than 8 decimal places in stock: ValidationError decimal.precision", () =>
      Effect.gen(function*() {
        // 0.00000001 斤 = 0.000000005 kg
        const e = yield* failure(issueStock({ ...ctx, date: "2026-05-07", lines: [{ ingredientId: "rice", quantity: { value: "0.00000001", unit: "斤" } }] }))
        expectError(e, "ValidationError", "decimal.precision", ["lines", 0, "quantity"])
        // half a serving of a recipe that takes 0.00000001 kg per serving
        yield* saveRecipe({ ...ctx, id: "pinch", name: "一撮", kind: "sauce", items: [{ _tag: "ingredient", ingredientId: "rice", gross: { value: "0.00000001", unit: "kg" }, yield: "1" }] })
        const r = yield* failure(saveRecipe({ ...ctx, name: "半撮", kind: "main", items: [{ _tag: "recipe", recipeId: "pinch", servings: "0.5" }] }))
        expectError(r, "ValidationError", "decimal.precision", ["items", 0, "recipeId"])
      }))

    it.effect("a recipe that contains itself: RecipeCycleError", () =>
      Effect.gen(function*() {
        yield* saveRecipe({ ...ctx, id: "sauce", name: "酱汁", kind: "sauce", items: [{ _tag: "ingredient", ingredientId: "rice", gross: { value: "1", unit: "g" }, yield: "1" }] })
        yield* saveRecipe({ ...ctx, id: "dish", name: "盖饭", kind: "main", items: [{ _tag: "recipe", recipeId: "sauce", servings: "0.5" }] })
        const e = yield* failure(saveRecipe({ ...ctx, id: "sauce", version: 1, name: "酱汁", kind: "sauce", items: [{ _tag: "recipe", recipeId: "dish", servings: "1" }] }))
        expectError(e, "RecipeCycleError", "canteen.recipeCycle", ["items", 0, "recipeId"])
        assert.deepStrictEqual((e as unknown as { cycle: ReadonlyArray<string> }).cycle, ["sauce", "dish", "sauce"])
        const y = yield* failure(saveRecipe({ ...ctx, name: "坏", kind: "main", items: [{ _tag: "ingredient", ingredientId: "rice", gross: { value: "1", unit: "g" }, yield: "1.2" }] }))
        expectError(y, "ValidationError", "validation.invalid", ["items", 0, "yield"])
      }))

    it.effect("a menu with a banned high-risk food is saved with its finding but cannot be published; a week must start on Monday", () =>
      Effect.gen(function*() {
        const meals = [{ date: "2026-05-12", kind: "lunch", dishes: ["rice-bowl", "beans-stirfry"] }]
        const saved = yield* saveMenu({ ...ctx, id: "menu-1", weekStart: "2026-05-11", meals })
        assert.deepStrictEqual(saved.findings.map((f) => [f.rule, f.severity, f.evidence["food"], f.evidence["matchedBy"]]), [["canteen.highRiskFoods", "violation", "greenBeans", "hazard"]])
        const e = yield* failure(saveMenu({ ...ctx, id: "menu-1", version: 1, weekStart: "2026-05-11", meals, published: true }))
        expectError(e, "InvalidStateError", "canteen.menuHasViolations", ["published"])
        const w = yield* failure(saveMenu({ ...ctx, weekStart: "2026-05-12", meals }))
        expectError(w, "ValidationError", "canteen.weekStart", ["weekStart"])
      }))

    it.effect("weeklyMenu: the week's menu (the published one first) with its dishes' recipes and the week's planned meals; a week without one is NotFound", () =>
      Effect.gen(function*() {
        yield* saveMenu({ ...ctx, id: "menu-a", weekStart: "2026-05-04", meals: [{ date: "2026-05-07", kind: "lunch", dishes: ["rice-bowl"] }] })
        yield* saveMenu({ ...ctx, id: "menu-b", weekStart: "2026-05-04", meals: [{ date: "2026-05-07", kind: "lunch", dishes: ["rice-bowl"] }], published: true })
        yield* saveMenu({ ...ctx, id: "menu-c", weekStart: "2026-05-04", meals: [{ date: "2026-05-08", kind: "lunch", dishes: ["rice-bowl"] }] })
        const week = yield* weeklyMenu(schoolId, "2026-05-04")
        assert.strictEqual(week.menu.id, "menu-b")
        assert.deepStrictEqual(week.recipes.map((r) => r.id), ["rice-bowl"])
        // the fixture's meals of 2026-05-04 … 2026-05-10 (meal-1 on 2026-05-07)
        assert.ok(week.meals.length > 0 && week.meals.every((m) => m.date >= "2026-05-04" && m.date <= "2026-05-10"))
        const none = yield* failure(weeklyMenu(schoolId, "2026-06-01"))
        expectError(none, "NotFoundError", "storage.notFound", ["weekStart"])
      }))

    it.effect("diners recorded twice, and a record in a month already closed", () =>
      Effect.gen(function*() {
        yield* recordDiners({ ...ctx, mealId: "meal-1", diners: [{ dinerGroupId: "lower", count: 100 }] })
        const twice = yield* failure(recordDiners({ ...ctx, mealId: "meal-1", diners: [{ dinerGroupId: "lower", count: 100 }] }))
        expectError(twice, "InvalidStateError", "canteen.mealServed", ["mealId"])
        const unknownGroup = yield* failure(planMeal({ ...ctx, date: "2026-05-07", kind: "dinner", dishes: [{ recipeId: "rice-bowl", plannedServings: 1 }], plannedDiners: [{ dinerGroupId: "nobody", count: 1 }] }))
        expectError(unknownGroup, "NotFoundError", "storage.notFound", ["plannedDiners", 0, "dinerGroupId"])
        yield* closeMonth({ ...ctx, month: "2026-05" })
        const closed = yield* failure(recordSpoilage({ ...ctx, date: "2026-05-31", lines: [{ ingredientId: "rice", quantity: { value: "1", unit: "kg" }, reason: "受潮" }] }))
        expectError(closed, "MonthClosedError", "canteen.monthClosed", ["date"])
        const again = yield* failure(closeMonth({ ...ctx, month: "2026-05" }))
        expectError(again, "InvalidStateError", "canteen.monthAlreadyClosed", ["month"])
        const skipped = yield* failure(closeMonth({ ...ctx, month: "2026-07" }))
        expectError(skipped, "InvalidStateError", "canteen.monthSkipped", ["month"])
        // June is open
        const june = yield* recordSpoilage({ ...ctx, date: "2026-06-01" as LocalDate, lines: [{ ingredientId: "rice", quantity: { value: "1", unit: "kg" }, reason: "受潮" }] })
        // 1 kg of the 20 kg left, worth 8000 fen: 400 fen
        assert.deepStrictEqual(june.total, { amount: 400, currency: "CNY" })
      }))
  })
})
